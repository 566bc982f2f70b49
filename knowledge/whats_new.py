"""What the library tells ``core.news`` (the newsletter's "what is new"): the public case studies
and the resources published since a day, newest first."""

from django.db.models.functions import Coalesce
from django.utils import translation
from django.utils.translation import gettext as _

from core.news import NewsItem
from core.services import absolute_url
from knowledge.models import ResourcePage
from knowledge.selectors.public import public_case_studies


def whats_new(*, since, language: str, limit: int) -> list[NewsItem]:
    case_studies = (
        public_case_studies(language=language)
        .filter(published_at__gte=since)
        .order_by("-published_at", "-pk")[:limit]
    )
    resources = (
        ResourcePage.objects.live()
        .public()
        .filter(locale__language_code=language)
        .annotate(published_at=Coalesce("first_published_at", "alias_of__first_published_at"))
        .filter(published_at__gte=since)
        .defer_streamfields()
        .order_by("-published_at", "-pk")[:limit]
    )
    with translation.override(language):
        kinds = (_("Case study"), _("Resource"))
    return [
        NewsItem(kind, page.title, absolute_url(page.url), page.summary, page.published_at.date())
        for kind, pages in zip(kinds, (case_studies, resources), strict=True)
        for page in pages
    ]
