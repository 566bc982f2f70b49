"""The network the Charter's tests work on.

Oslo, Bergen and Stockholm are member cities with a coordinator each (Oslo's writes in Norwegian,
Stockholm's in Swedish); the 2026 round is open. Bergen and Stockholm have reported for 2025 and
2026: Stockholm "leading" everywhere and sharing with members, Bergen "established" and keeping
its results private. Stockholm has a case study in every focus area; Oslo has one of its own."""

import datetime
from types import SimpleNamespace

from accounts.models import Role
from charter.models import FocusArea
from core.models import CANONICAL_LOCALE
from core.services import home_child_get_or_create
from progress import services
from progress.models import CharterPage, Level, Report, ReportingRound, Sharing
from tests.factories.accounts import UserFactory
from tests.factories.cities import coordinator_of, member_city
from tests.factories.knowledge import case_study, knowledge_index

SLUGS = [
    "safe-urban-space",
    "safe-online-sphere",
    "strong-families",
    "safe-public-institutions",
    "strong-youth-engagement",
    "safe-communities",
]
OUR_CITY = "/en/charter/our-city/"


def areas() -> list[FocusArea]:
    return list(FocusArea.objects.filter(**CANONICAL_LOCALE).order_by("position"))


def report_with(membership, reporting_round, level: int, *, sharing=Sharing.MEMBERS, by=None):
    """A submitted report of ``membership`` with ``level`` in every area."""
    report = services.report_get_or_create(reporting_round=reporting_round, membership=membership)
    services.report_save(
        report=report,
        areas={
            area.pk: services.AreaInput(level, f"Our work in {area.name}.", [], [])
            for area in areas()
        },
        sharing=sharing,
    )
    return services.report_submit(report=report, by=by)


def build_world() -> SimpleNamespace:
    knowledge_index()
    oslo = member_city("Oslo")
    bergen = member_city("Bergen")
    stockholm = member_city("Stockholm")
    secretariat = UserFactory(role=Role.SECRETARIAT, name="Sigrid Secretariat")
    world = SimpleNamespace(
        oslo=oslo,
        bergen=bergen,
        stockholm=stockholm,
        secretariat=secretariat,
        oslo_coordinator=coordinator_of(oslo, name="Olav Oslo", language="nb"),
        bergen_coordinator=coordinator_of(bergen, name="Berit Bergen"),
        stockholm_coordinator=coordinator_of(stockholm, name="Sara Stockholm", language="sv"),
        citizen=UserFactory(name="Cecilie Citizen"),
    )
    world.past = ReportingRound.objects.create(year=2025, deadline=datetime.date(2025, 11, 30))
    world.current = ReportingRound.objects.create(
        year=2026, deadline=datetime.date.today() + datetime.timedelta(days=30)
    )
    for reporting_round in (world.past, world.current):
        report_with(stockholm, reporting_round, Level.LEADING, by=world.stockholm_coordinator)
        report_with(
            bergen,
            reporting_round,
            Level.ESTABLISHED,
            sharing=Sharing.PRIVATE,
            by=world.bergen_coordinator,
        )
    world.stockholm_studies = {
        slug: case_study(stockholm, f"Stockholm in {slug}", focus_areas=(slug,), aliases=False)
        for slug in SLUGS
    }
    world.oslo_study = case_study(oslo, "Oslo's own practice", aliases=False)
    return world


def publish(membership) -> None:
    """The city publishes its results (a saved report moves the content version on)."""
    for report in Report.objects.filter(membership=membership):
        report.sharing = Sharing.PUBLIC
        report.save(update_fields=["sharing"])


def charter_page():
    return home_child_get_or_create(CharterPage(title="The Charter", slug="charter"))
