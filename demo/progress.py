"""The Charter in the demo network (demo/data/charter.yaml): the Charter page, each member
city's adoption, two past years of self-assessments and this year's round, and the cities' Safe
City Actions.

The current round is opened and its reports submitted through ``progress.services``; the past
years are written as the record of what was reported then (in bulk, with their state changes),
so that seeding sends no email about a year long closed."""

import datetime
import hashlib

from django.utils import timezone

from accounts.models import User
from charter.models import FocusArea
from cities.models import Membership
from core.models import CANONICAL_LOCALE
from core.services import home_child_get_or_create
from demo.accounts import SECRETARIAT_EMAIL
from demo.data import load
from progress import services
from progress.models import (
    ActionStatus,
    Adoption,
    AreaAssessment,
    CharterPage,
    Report,
    ReportingRound,
    ReportStatus,
    ReportTransition,
    SafeCityAction,
    Sharing,
)

PAST_YEARS = 2
# Of this year's round: every how-many-th city has submitted already.
SUBMITTED_EVERY = 3
# The city whose coordinator the README's tour signs in as: its report is left to them.
DEMO_CITY = "oslo"


def seed(*, scale: int, log) -> None:
    data = load("charter")
    _charter_page(data["page"])
    secretariat = User.objects.filter(email=SECRETARIAT_EMAIL).first()
    memberships = list(Membership.objects.active().select_related("city_page"))
    areas = list(FocusArea.objects.filter(**CANONICAL_LOCALE).order_by("position"))
    cities = {city["slug"]: city for city in load("cities")["cities"]}
    this_year = timezone.localdate().year
    for membership in memberships:
        _adoption(membership, cities.get(membership.city_page.slug), data["signatory_role"])
    for year in range(this_year - PAST_YEARS, this_year):
        _past_round(year, memberships, areas, data["public_results"], secretariat)
    _current_round(this_year, memberships, areas, data["public_results"], secretariat)
    for membership in memberships:
        _action(membership, cities.get(membership.city_page.slug), areas, data["goal"], this_year)
    log(
        f"{Adoption.objects.count()} adoptions, {ReportingRound.objects.count()} reporting rounds, "
        f"{Report.objects.count()} self-assessments, {SafeCityAction.objects.count()} actions"
    )


def _charter_page(spec: dict) -> CharterPage:
    body = [{"type": "paragraph", "value": f"<p>{text}</p>"} for text in spec["body"]]
    return home_child_get_or_create(
        CharterPage(
            title=spec["title"],
            slug=spec["slug"],
            introduction=spec["introduction"],
            body=body,
            show_in_menus=True,
        )
    )


def _level(slug: str, area: str, year: int) -> int:
    """A level from 1 to 4 that a city keeps or improves over the years (derived, stable)."""
    digest = hashlib.sha256(f"{slug}:{area}".encode()).digest()
    start = 1 + digest[0] % 3
    return min(4, max(1, start + (year - 2024 + digest[1] % 2) // 2))


def _adoption(membership: Membership, city: dict | None, role: str) -> None:
    joined = membership.joined_on or datetime.date((city or {}).get("joined", 2020), 6, 1)
    Adoption.objects.get_or_create(
        membership=membership,
        defaults={
            "adopted_on": joined,
            "signed_by_name": (city or {}).get("mayor", f"Mayor of {membership.city_page.title}"),
            "signed_by_role": role,
            "decision_reference": f"{joined.year}/{membership.pk:04d}",
        },
    )


def _sharing(slug: str, public: list[str]) -> str:
    return Sharing.PUBLIC if slug in public else Sharing.MEMBERS


def _past_round(year, memberships, areas, public, secretariat) -> None:
    if ReportingRound.objects.filter(year=year).exists():
        return
    reporting_round = ReportingRound.objects.create(
        year=year, deadline=datetime.date(year, 11, 30), opened_by=secretariat
    )
    submitted = timezone.make_aware(datetime.datetime(year, 11, 20, 12))
    reports = Report.objects.bulk_create(
        Report(
            round=reporting_round,
            membership=membership,
            status=ReportStatus.ACKNOWLEDGED,
            sharing=_sharing(membership.city_page.slug, public),
            feedback="Thank you: a clear and honest assessment.",
            submitted_at=submitted,
            acknowledged_at=submitted + datetime.timedelta(days=14),
        )
        for membership in memberships
    )
    by_membership = {membership.pk: membership for membership in memberships}
    AreaAssessment.objects.bulk_create(
        AreaAssessment(
            report=report,
            focus_area=area,
            level=_level(by_membership[report.membership_id].city_page.slug, area.slug, year),
            narrative=f"What {by_membership[report.membership_id].city_page.title} did in "
            f"{area.name.lower()} in {year}.",
        )
        for report in reports
        for area in areas
    )
    ReportTransition.objects.bulk_create(
        ReportTransition(report=report, by=by, from_status=old, to_status=new)
        for report in reports
        for by, old, new in (
            (None, ReportStatus.DRAFT, ReportStatus.SUBMITTED),
            (secretariat, ReportStatus.SUBMITTED, ReportStatus.ACKNOWLEDGED),
        )
    )


def _current_round(year, memberships, areas, public, secretariat) -> None:
    if ReportingRound.objects.filter(year=year).exists():
        return
    deadline = timezone.localdate() + datetime.timedelta(days=45)
    reporting_round = services.round_open(year=year, deadline=deadline, by=secretariat)
    for index, membership in enumerate(memberships):
        if index % SUBMITTED_EVERY != 1 or membership.city_page.slug == DEMO_CITY:
            continue  # not started yet
        report = services.report_get_or_create(
            reporting_round=reporting_round, membership=membership
        )
        slug = membership.city_page.slug
        services.report_save(
            report=report,
            areas={
                area.pk: services.AreaInput(
                    level=_level(slug, area.slug, year),
                    narrative=f"What {membership.city_page.title} does in {area.name.lower()}.",
                    evidence_links=[],
                    case_study_ids=[],
                )
                for area in areas
            },
            sharing=_sharing(slug, public),
        )
        coordinator = membership.coordinators.select_related("user").first()
        services.report_submit(report=report, by=coordinator.user if coordinator else secretariat)


def _action(membership, city: dict | None, areas, goal: str, year: int) -> None:
    if SafeCityAction.objects.filter(membership=membership, year=year).exists():
        return
    title = (city or {}).get("action_title") or f"Safe City Action of {membership.city_page.title}"
    description = (city or {}).get("action_description") or (
        "Young people, schools and the police plan the year's action together."
    )
    digest = hashlib.sha256(membership.city_page.slug.encode()).digest()
    chosen = [areas[digest[0] % len(areas)].pk, areas[digest[1] % len(areas)].pk]
    action = services.action_save(
        membership=membership,
        year=year,
        title=title,
        description=description.strip(),
        goal=goal,
        focus_area_ids=chosen,
    )
    if digest[2] % 2:
        services.action_update_add(
            action=action,
            status=ActionStatus.IN_PROGRESS,
            text="The first schools have started; the youth council follows the work.",
            by=None,
        )
