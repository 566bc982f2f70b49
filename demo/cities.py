"""Demo member cities (demo/data/cities.yaml) with their memberships, coordinators and peace
ambassadors; partner organisations (partners.yaml) and applicant cities (applications.yaml).

Seeded after the accounts: the secretariat signs the membership history."""

import datetime
from decimal import Decimal

from accounts.models import User
from accounts.services import user_create
from charter.models import FocusArea
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
from demo import synthetic
from demo.accounts import DEMO_PASSWORD, SECRETARIAT_EMAIL, coordinator_email
from demo.data import load
from demo.shell import index_page

# A coordinator's language: their country's.
COUNTRY_LANGUAGES = {"NO": "nb", "SE": "sv", "DK": "da", "FI": "fi", "IS": "is"}


def seed(*, scale: int, log) -> None:
    data = load("cities")
    index = index_page(CitiesIndexPage, data["index"])
    countries = {country.code: country for country in Country.objects.all()}
    secretariat = User.objects.filter(email=SECRETARIAT_EMAIL).first()
    for city in data["cities"]:
        _member_city(city, countries, secretariat)
    _partners(load("partners")["partners"], countries)
    _applicants(load("applications")["applications"], countries)
    if scale > 1:
        synthetic.member_cities(countries, secretariat, count=len(data["cities"]) * scale, log=log)
    log(
        f"{CityPage.objects.filter(locale=index.locale).count()} city pages, "
        f"{Membership.objects.filter(status=MembershipStatus.ACTIVE).count()} active members, "
        f"coordinators {coordinator_email('<city>')} (password: {DEMO_PASSWORD})"
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
        language=COUNTRY_LANGUAGES[data["country"]],
        verified=True,
    )
    coordinator_add(membership=membership, user=user)


def _partners(partners: list[dict], countries: dict) -> None:
    areas = {area.slug: area for area in FocusArea.objects.filter(locale__language_code="en")}
    for data in partners:
        if Partner.objects.filter(name=data["name"]).exists():
            continue
        city = (
            CityPage.objects.filter(slug=data["city"], locale__language_code="en").first()
            if data["city"]
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


def _applicants(applications: list[dict], countries: dict) -> None:
    for data in applications:
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
