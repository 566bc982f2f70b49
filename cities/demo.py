"""Demo member cities, their memberships, coordinators, ambassadors, partners and applicants."""

import datetime
import random
from decimal import Decimal

from accounts.demo import DEMO_PASSWORD, SECRETARIAT_EMAIL
from accounts.models import User
from accounts.services import user_create
from charter.models import FocusArea
from cities import demo_data
from cities.models import (
    ApplicationStatus,
    CitiesIndexPage,
    CityPage,
    Country,
    Membership,
    MembershipApplication,
    MembershipStatus,
    Partner,
)
from cities.services import (
    ambassador_count_set,
    application_submit,
    city_page_create,
    coordinator_add,
    membership_create,
)
from core.services import home_child_get_or_create

# Seeded after the accounts (the secretariat signs the membership history).
ORDER = 20

# Bounding boxes (lat, lon) on land, for synthetic cities of `--scale`.
SYNTHETIC_AREAS = {
    "NO": (59.0, 63.5, 6.0, 11.5),
    "SE": (56.5, 63.5, 13.0, 18.0),
    "FI": (60.5, 65.0, 22.5, 29.0),
    "DK": (55.2, 57.2, 8.7, 10.5),
    "IS": (63.9, 65.8, -22.0, -15.0),
}


def coordinator_email(slug: str) -> str:
    return f"coordinator.{slug}@nordicsafecities.org"


def seed(*, scale: int, log) -> None:
    index = _cities_index()
    countries = {country.code: country for country in Country.objects.all()}
    secretariat = User.objects.filter(email=SECRETARIAT_EMAIL).first()
    for data in demo_data.CITIES:
        _member_city(data, countries, secretariat)
    _partners(countries)
    _applicants(countries)
    if scale > 1:
        _synthetic_cities(countries, secretariat, count=len(demo_data.CITIES) * scale)
    log(
        f"{CityPage.objects.filter(locale=index.locale).count()} city pages, "
        f"{Membership.objects.filter(status=MembershipStatus.ACTIVE).count()} active members, "
        f"coordinators coordinator.<city>@nordicsafecities.org (password: {DEMO_PASSWORD})"
    )


def _cities_index() -> CitiesIndexPage:
    return home_child_get_or_create(
        CitiesIndexPage(
            title="Member cities",
            slug="cities",
            show_in_menus=True,
            introduction=(
                "Cities in Denmark, Finland, Iceland, Norway and Sweden that have adopted the "
                "Nordic Safe Cities Charter and share what works."
            ),
        )
    )


def _member_city(data: dict, countries: dict, secretariat) -> None:
    if CityPage.objects.filter(slug=data["slug"], locale__language_code="en").exists():
        return
    page = city_page_create(
        title=data["name"],
        slug=data["slug"],
        country=countries[data["country"]],
        publish=True,
        introduction=data["introduction"],
        latitude=Decimal(str(data["latitude"])),
        longitude=Decimal(str(data["longitude"])),
        population=data["population"],
        website=data["website"],
        portrait=[("paragraph", f"<p>{data['portrait']}</p>")],
        challenges=[("paragraph", f"<p>{data['challenges']}</p>")],
        action_year=datetime.date.today().year,
        action_title=data["action_title"],
        action_description=data["action_description"],
        contact_name=data["contact_name"],
        contact_email=data["contact_email"],
    )
    membership = membership_create(
        city_page=page,
        status=MembershipStatus.ACTIVE,
        by=secretariat,
        reason="Founding data of the demo network.",
        joined_on=datetime.date(data["joined"], 1, 1),
    )
    for year, count in data["ambassadors"].items():
        ambassador_count_set(membership=membership, year=year, count=count)
    email = coordinator_email(data["slug"])
    user = User.objects.filter(email=email).first() or user_create(
        email=email,
        name=data["contact_name"],
        password=DEMO_PASSWORD,
        language={"NO": "nb", "SE": "sv", "DK": "da", "FI": "fi", "IS": "is"}[data["country"]],
        verified=True,
    )
    coordinator_add(membership=membership, user=user)


def _partners(countries: dict) -> None:
    areas = {area.slug: area for area in FocusArea.objects.filter(locale__language_code="en")}
    for data in demo_data.PARTNERS:
        if Partner.objects.filter(name=data["name"]).exists():
            continue
        city = (
            CityPage.objects.filter(slug=data["city_slug"], locale__language_code="en").first()
            if data["city_slug"]
            else None
        )
        partner = Partner(
            name=data["name"],
            kind=data["kind"],
            country=countries[data["country"]],
            city=city,
            website=data["website"],
            description=data["description"],
            public_consent=data["public"],
        )
        partner.full_clean()
        partner.save()
        partner.focus_areas.set([areas[slug] for slug in data["focus_areas"]])


def _applicants(countries: dict) -> None:
    for data in demo_data.APPLICANT_CITIES:
        if MembershipApplication.objects.filter(
            city_name=data["name"], status=ApplicationStatus.PENDING
        ).exists():
            continue
        application_submit(
            city_name=data["name"],
            country=countries[data["country"]],
            contact_name=data["contact_name"],
            contact_role=data["contact_role"],
            contact_email=data["contact_email"],
            motivation=data["motivation"],
            accepts_charter=True,
            language="en",
        )


def _synthetic_cities(countries: dict, secretariat, *, count: int) -> None:
    """Believable-looking extra members for benchmarks, deterministic for a given count."""
    rng = random.Random(2016)
    codes = sorted(SYNTHETIC_AREAS)
    existing = CityPage.objects.filter(locale__language_code="en").count()
    for number in range(existing + 1, count + 1):
        code = codes[number % len(codes)]
        south, north, west, east = SYNTHETIC_AREAS[code]
        title = f"Synthetic city {number:04d}"
        page = city_page_create(
            title=title,
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
