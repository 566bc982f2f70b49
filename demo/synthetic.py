"""The synthetic network of ``seed_demo --scale N`` for the benchmark (``make bench`` seeds
``--scale 10``): extra pages, member cities and case studies, deterministic for a given N and
added on top of the demo data, so a second run adds nothing.

The cities, their memberships and the case studies are written in bulk (``demo.bulk``): the same
rows as through the services, many times faster. ``bulk=False`` takes the services all the way,
for the test that compares the two."""

import datetime
import random
import time
from decimal import Decimal

from wagtail.rich_text import RichText

from charter.models import FocusArea
from cities.models import CityPage, Membership, MembershipStatus
from cities.services import cities_index_page, city_page_create, membership_create
from core.models import CANONICAL_LOCALE, StandardPage
from core.services import page_create
from demo.bulk import active_memberships_create, pages_create, published_pages_add
from demo.data import FOCUS_AREA_SLUGS
from knowledge.models import CaseStudyPage, TargetGroup, Visibility
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
# A line of progress after this many case studies, each line a batch of the bulk path.
PROGRESS_EVERY = 500
# A line of progress, and a batch of the bulk path, after this many cities.
CITIES_PER_BATCH = 50
# Why a synthetic city's membership began, in its history.
CITY_REASON = "Synthetic."


class Progress:
    """``log`` a line every ``every`` items: how many of how many, at what rate."""

    def __init__(self, log, *, what: str, total: int, every: int):
        self.log, self.what, self.total, self.every = log, what, total, every
        self.started = time.monotonic()
        self.done = 0

    def add(self, count: int = 1) -> None:
        before, self.done = self.done, self.done + count
        if self.done // self.every > before // self.every or self.done == self.total:
            rate = self.done / max(time.monotonic() - self.started, 1e-6)
            self.log(f"{self.done}/{self.total} synthetic {self.what} ({rate:.0f}/s)")


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


def member_cities(countries: dict, secretariat, *, count: int, log=None, bulk: bool = True) -> None:
    """Believable-looking extra members until there are ``count`` member cities."""
    rng = random.Random(2016)
    codes = sorted(AREAS)
    existing = CityPage.objects.filter(locale__language_code="en").count()
    numbers = range(existing + 1, count + 1)
    progress = Progress(log or _silent, what="cities", total=len(numbers), every=CITIES_PER_BATCH)
    if not bulk:
        for number in numbers:
            page = city_page_create(**_city(number, rng, codes, countries), publish=True)
            membership_create(
                city_page=page, status=MembershipStatus.ACTIVE, by=secretariat, reason=CITY_REASON
            )
            progress.add()
        return
    index = cities_index_page()
    for start in range(0, len(numbers), CITIES_PER_BATCH):
        pages = pages_create(
            [
                (index, CityPage(**_city(number, rng, codes, countries)))
                for number in numbers[start : start + CITIES_PER_BATCH]
            ]
        )
        active_memberships_create(pages, by=secretariat, reason=CITY_REASON)
        progress.add(len(pages))


def _city(number: int, rng, codes: list, countries: dict) -> dict:
    """The fields of synthetic city ``number``'s page (``city_page_create``'s arguments)."""
    code = codes[number % len(codes)]
    south, north, west, east = AREAS[code]
    return {
        "title": f"Synthetic city {number:04d}",
        "slug": f"synthetic-city-{number:04d}",
        "country": countries[code],
        "introduction": "A synthetic member city for load testing.",
        "latitude": Decimal(f"{rng.uniform(south, north):.4f}"),
        "longitude": Decimal(f"{rng.uniform(west, east):.4f}"),
        "population": rng.randint(20_000, 400_000),
        "portrait": [("paragraph", "<p>A synthetic city.</p>")],
    }


def _silent(text: str) -> None:
    pass


def case_studies(*, count: int, log=None, bulk: bool = True) -> None:
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
    numbers = range(existing + 1, count + 1)
    progress = Progress(
        log or _silent, what="case studies", total=len(numbers), every=PROGRESS_EVERY
    )
    if not bulk:
        for number in numbers:
            case_study_create(**_case_study(number, rng, cities), aliases=False)
            progress.add()
        return
    areas = list(FocusArea.objects.filter(**CANONICAL_LOCALE))
    groups = list(TargetGroup.objects.all())
    for start in range(0, len(numbers), PROGRESS_EVERY):
        children = []
        for number in numbers[start : start + PROGRESS_EVERY]:
            fields = _case_study(number, rng, cities)
            city_page = fields.pop("city_page")
            focus_areas, target_groups = fields.pop("focus_areas"), fields.pop("target_groups")
            page = CaseStudyPage(**fields)
            # In the order of the service's queries: the models' own orderings.
            page.focus_areas = [area for area in areas if area.slug in focus_areas]
            page.target_groups = [group for group in groups if group.code in target_groups]
            page.partners, page.adopted_by = [], []
            children.append((city_page, page))
        published_pages_add(children)
        progress.add(len(children))


def _case_study(number: int, rng, cities: list) -> dict:
    """The arguments of ``case_study_create`` for synthetic case study ``number``."""
    return {
        "city_page": cities[number % len(cities)],
        "title": f"Synthetic practice {number:05d}",
        "slug": f"{CASE_STUDY_SLUG_PREFIX}{number:05d}",
        "summary": "A synthetic case study for load testing.",
        "period_start": datetime.date(2016 + number % 10, 1 + number % 12, 1),
        "focus_areas": rng.sample(FOCUS_AREA_SLUGS, k=1 + number % 3),
        "target_groups": rng.sample(TARGET_GROUP_CODES, k=1 + number % 2),
        "visibility": Visibility.MEMBERS if number % 10 == 0 else Visibility.PUBLIC,
        "body": [("paragraph", RichText("<p>A synthetic practice.</p>"))],
    }
