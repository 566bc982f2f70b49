from core.models.email import EmailStatus, OutgoingEmail
from core.models.mixins import CANONICAL_LOCALE, BasePage, HeroMixin
from core.models.pages import HomePage, StandardPage
from core.models.settings import SiteSettings

__all__ = [
    "CANONICAL_LOCALE",
    "BasePage",
    "EmailStatus",
    "HeroMixin",
    "HomePage",
    "OutgoingEmail",
    "SiteSettings",
    "StandardPage",
]
