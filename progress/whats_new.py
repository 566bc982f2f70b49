"""What the Charter's progress tells ``core.news`` (the newsletter's "what is new"): the member
cities that published their yearly self-assessment since a day, newest first, linked to the
Charter's page where the network's results are."""

from django.utils import translation
from django.utils.translation import gettext as _

from cities.models import Membership
from core.news import NewsItem
from core.services import absolute_url
from progress.models import CharterPage, Report
from progress.models.reports import REPORTED, Sharing


def whats_new(*, since, language: str, limit: int) -> list[NewsItem]:
    reports = (
        Report.objects.filter(
            status__in=REPORTED,
            sharing=Sharing.PUBLIC,
            submitted_at__gte=since,
            membership__in=Membership.objects.active(),
        )
        .select_related("round", "membership__city_page")
        .order_by("-submitted_at", "-pk")[:limit]
    )
    if not reports:
        return []
    charter = CharterPage.objects.live().filter(locale__language_code=language).first()
    url = absolute_url(charter.url) if charter else ""
    with translation.override(language):
        return [
            NewsItem(
                _("Charter"),
                _("%(city)s's self-assessment for %(year)s")
                % {"city": report.membership.city_page.title, "year": report.round.year},
                url,
                _("%(city)s published how far it has come with the Charter's six focus areas.")
                % {"city": report.membership.city_page.title},
                report.submitted_at.date(),
            )
            for report in reports
        ]
