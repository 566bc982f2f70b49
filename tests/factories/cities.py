"""Member cities, their coordinators, applications and partners, made by the portal's own services
(``cities.services``) as the secretariat's actions make them.

The factories are factory_boy's; the functions below them (``member_city``, ``coordinator_of``)
are the short forms most tests use."""

from decimal import Decimal

import factory

from cities.models import (
    CitiesIndexPage,
    CityPage,
    Coordinator,
    Country,
    Membership,
    MembershipApplication,
    MembershipStatus,
    Partner,
)
from cities.services import application_submit, city_page_create, coordinator_add, membership_create
from core.services import home_child_get_or_create
from tests.factories.accounts import UserFactory
from tests.factories.base import ServiceFactory

# Where the cities the tests name are (country, latitude and longitude of the centre); any other
# name is put in Norway, at Oslo's centre.
PLACES = {
    "Oslo": ("NO", "59.9139", "10.7522"),
    "Bergen": ("NO", "60.3913", "5.3221"),
    "Stockholm": ("SE", "59.3293", "18.0686"),
    "Malmö": ("SE", "55.6050", "13.0038"),
    "København": ("DK", "55.6761", "12.5683"),
    "Aarhus": ("DK", "56.1629", "10.2039"),
    "Helsinki": ("FI", "60.1699", "24.9384"),
    "Reykjavík": ("IS", "64.1466", "-21.9426"),
}


def _place(title: str) -> tuple[str, str, str]:
    return PLACES.get(title, PLACES["Oslo"])


def cities_index() -> CitiesIndexPage:
    """The ``/cities/`` page under the home page (the ``site_tree`` fixture builds the home)."""
    return home_child_get_or_create(CitiesIndexPage(title="Member cities", slug="cities"))


def _city_page_create(**fields) -> CityPage:
    cities_index()
    return city_page_create(**fields)


class _InACountry(ServiceFactory):
    """A row in a country, named by its code: ``country_code="SE"``."""

    class Meta:
        abstract = True

    class Params:
        country_code = "NO"

    country = factory.LazyAttribute(lambda row: Country.objects.get(code=row.country_code))


class CityPageFactory(_InACountry):
    """A city's page under ``/cities/`` with its copies in every language tree
    (``city_page_create``), in the country and at the place ``PLACES`` gives its name."""

    class Meta:
        model = CityPage

    class Params:
        country_code = factory.LazyAttribute(lambda page: _place(page.title)[0])

    service = staticmethod(_city_page_create)

    title = factory.Sequence(lambda number: f"City {number}")
    latitude = factory.LazyAttribute(lambda page: Decimal(_place(page.title)[1]))
    longitude = factory.LazyAttribute(lambda page: Decimal(_place(page.title)[2]))
    publish = True


class MembershipFactory(ServiceFactory):
    """A city's membership in ``status`` (``membership_create``), on a new city page unless one
    is given."""

    class Meta:
        model = Membership

    service = staticmethod(membership_create)

    city_page = factory.SubFactory(CityPageFactory)
    status = MembershipStatus.ACTIVE
    by = None
    reason = "Test data."


class CoordinatorFactory(ServiceFactory):
    """A person made coordinator of a member city (``coordinator_add``, which gives the role and
    the city's editing rights)."""

    class Meta:
        model = Coordinator

    service = staticmethod(coordinator_add)

    membership = factory.SubFactory(MembershipFactory)
    user = factory.SubFactory(UserFactory)


class ApplicationFactory(_InACountry):
    """A city's application to join, as /join/ stores it (``application_submit``: the applicant
    and the secretariat are emailed)."""

    class Meta:
        model = MembershipApplication

    service = staticmethod(application_submit)

    city_name = "Tromsø"
    contact_name = "Ola Nordmann"
    contact_role = "Adviser to the mayor"
    contact_email = "ola@tromso.example.org"
    motivation = "We want to learn from other Nordic cities."
    accepts_charter = True
    language = "en"


class PartnerFactory(_InACountry):
    """A partner organisation, as the secretariat adds it in the admin: its model form saves the
    row as it is (no service has rules for partners)."""

    class Meta:
        model = Partner

    service = staticmethod(Partner.objects.create)

    name = factory.Sequence(lambda number: f"Partner {number}")
    kind = "ngo"


def member_city(
    title: str | None = None,
    *,
    country: str | None = None,
    status: str = MembershipStatus.ACTIVE,
    latitude: str | None = None,
    longitude: str | None = None,
    publish: bool = True,
    **fields,
) -> Membership:
    """A member city in ``status``; its country and place follow ``PLACES`` unless given, and
    ``fields`` go to its page (``population=``, ``contact_name=``...)."""
    page = {"publish": publish, **fields}
    for name, value in [("title", title), ("country_code", country)]:
        if value is not None:
            page[name] = value
    for name, value in [("latitude", latitude), ("longitude", longitude)]:
        if value is not None:
            page[name] = Decimal(value)
    return MembershipFactory(
        status=status, **{f"city_page__{name}": value for name, value in page.items()}
    )


def coordinator_of(membership: Membership, **user_fields):
    """A new account that coordinates ``membership``'s city; ``user_fields`` go to the account."""
    coordinator = CoordinatorFactory(
        membership=membership, **{f"user__{name}": value for name, value in user_fields.items()}
    )
    return coordinator.user


def city_page(membership: Membership, language: str = "en") -> CityPage:
    return CityPage.objects.get(
        translation_key=membership.city_page.translation_key, locale__language_code=language
    )


def application_form_data(**overrides) -> dict[str, str]:
    """What a city types into /join/: a valid membership application."""
    return {
        "city_name": "Tampere",
        "country": str(Country.objects.get(code="FI").pk),
        "contact_name": "Laura Mäkinen",
        "contact_role": "Safety coordinator",
        "contact_email": "laura@example.org",
        "motivation": "We want to learn from the other cities.",
        "accepts_charter": "on",
    } | overrides
