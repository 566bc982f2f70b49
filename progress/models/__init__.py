from progress.models.actions import ActionStatus, ActionUpdate, SafeCityAction
from progress.models.adoption import Adoption
from progress.models.pages import CharterPage
from progress.models.reports import (
    AreaAssessment,
    Level,
    Reminder,
    ReminderKind,
    Report,
    ReportingRound,
    ReportStatus,
    ReportTransition,
    Sharing,
)

__all__ = [
    "ActionStatus",
    "ActionUpdate",
    "Adoption",
    "AreaAssessment",
    "CharterPage",
    "Level",
    "Reminder",
    "ReminderKind",
    "Report",
    "ReportStatus",
    "ReportTransition",
    "ReportingRound",
    "SafeCityAction",
    "Sharing",
]
