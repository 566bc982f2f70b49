"""The synthetic network of ``seed_demo --scale N`` for the benchmark (``make bench`` seeds
``--scale 10``): extra pages, member cities and case studies, deterministic for a given N and
added on top of the demo data, so a second run adds nothing."""

import datetime
import random
from decimal import Decimal

from wagtail.rich_text import RichText

from cities.models import CityPage, Membership, MembershipStatus
from cities.services import city_page_create, membership_create
from core.models import StandardPage
from core.services import page_create
from demo.data import FOCUS_AREA_SLUGS
from knowledge.models import CaseStudyPage, Visibility
from knowledge.reference_data import TARGET_GROUP_CODES
from knowledge.services import case_study_create

# Bounding boxes (lat, lon) on land, for the synthetic cities.
AREAS = {
    "NO": (59.0, 63.5, 6.0, 11.5),
    "SE": (56.5, 63.5, 13.0, 18.0),
    "FI": (60.5, 65.0, 22.5, 29.0),
    "DK": (55.2, 57.2, 8.7, 10.5),
    "IS": (63.9, 65.8, -22.0, -15.0),
}
# --scale 10 (make bench): 5,000 case studies, the library's pinned query counts' upper size.
CASE_STUDIES_PER_SCALE = 500
CASE_STUDY_SLUG_PREFIX = "synthetic-practice-"


def archive_pages(*, parent, count: int) -> None:
    """Standard pages below ``parent`` until it has ``count``."""
    existing = StandardPage.objects.child_of(parent).count()
    for number in range(existing + 1, count + 1):
        page_create(
            parent=parent,
            page=StandardPage(
                title=f"Archive note {number}",
                slug=f"archive-note-{number}",
                introduction="A synthetic page for load testing.",
            ),
        )


def member_cities(countries: dict, secretariat, *, count: int) -> None:
    """Believable-looking extra members until there are ``count`` member cities."""
    rng = random.Random(2016)
    codes = sorted(AREAS)
    existing = CityPage.objects.filter(locale__language_code="en").count()
    for number in range(existing + 1, count + 1):
        code = codes[number % len(codes)]
        south, north, west, east = AREAS[code]
        page = city_page_create(
            title=f"Synthetic city {number:04d}",
            country=countries[code],
            publish=True,
            introduction="A synthetic member city for load testing.",
            latitude=Decimal(f"{rng.uniform(south, north):.4f}"),
            longitude=Decimal(f"{rng.uniform(west, east):.4f}"),
            population=rng.randint(20_000, 400_000),
            portrait=[("paragraph", "<p>A synthetic city.</p>")],
        )
        membership_create(
            city_page=page, status=MembershipStatus.ACTIVE, by=secretariat, reason="Synthetic."
        )


def case_studies(*, count: int) -> None:
    """Plain case studies spread over the member cities until there are ``count`` (English tree
    only)."""
    cities = list(
        CityPage.objects.filter(
            locale__language_code="en",
            translation_key__in=Membership.objects.filter(status=MembershipStatus.ACTIVE).values(
                "city_page__translation_key"
            ),
        ).order_by("path")
    )
    if not cities:
        return
    existing = CaseStudyPage.objects.filter(
        locale__language_code="en", slug__startswith=CASE_STUDY_SLUG_PREFIX
    ).count()
    rng = random.Random(2016)
    for number in range(existing + 1, count + 1):
        case_study_create(
            city_page=cities[number % len(cities)],
            title=f"Synthetic practice {number:05d}",
            slug=f"{CASE_STUDY_SLUG_PREFIX}{number:05d}",
            summary="A synthetic case study for load testing.",
            period_start=datetime.date(2016 + number % 10, 1 + number % 12, 1),
            focus_areas=rng.sample(FOCUS_AREA_SLUGS, k=1 + number % 3),
            target_groups=rng.sample(TARGET_GROUP_CODES, k=1 + number % 2),
            visibility=Visibility.MEMBERS if number % 10 == 0 else Visibility.PUBLIC,
            body=[("paragraph", RichText("<p>A synthetic practice.</p>"))],
            aliases=False,
        )
