from knowledge.models.case_study import (
    CaseStudyPage,
    CaseStudyStatus,
    EvidenceLevel,
    TargetGroup,
    Visibility,
)
from knowledge.models.index import KnowledgeIndexPage
from knowledge.models.resource import ResourceDocument, ResourcePage

__all__ = [
    "CaseStudyPage",
    "CaseStudyStatus",
    "EvidenceLevel",
    "KnowledgeIndexPage",
    "ResourceDocument",
    "ResourcePage",
    "TargetGroup",
    "Visibility",
]
