from knowledge.models.case_study import (
    CaseStudyPage,
    CaseStudyStatus,
    EvidenceLevel,
    TargetGroup,
    Visibility,
)
from knowledge.models.index import KnowledgeIndexPage
from knowledge.models.library_entry import LibraryEntry
from knowledge.models.resource import ResourceDocument, ResourcePage

__all__ = [
    "CaseStudyPage",
    "CaseStudyStatus",
    "EvidenceLevel",
    "KnowledgeIndexPage",
    "LibraryEntry",
    "ResourceDocument",
    "ResourcePage",
    "TargetGroup",
    "Visibility",
]
