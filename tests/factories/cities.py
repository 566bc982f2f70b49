"""Member cities built through the project's own services, as the secretariat would."""

from decimal import Decimal
from itertools import count

from accounts.models import Role
from cities.models import CitiesIndexPage, CityPage, Country, Membership, MembershipStatus
from cities.services import city_page_create, coordinator_add, membership_create
from core.services import home_child_get_or_create
from tests.factories.accounts import UserFactory

_numbers = count(1)


def cities_index() -> CitiesIndexPage:
    """The ``/cities/`` page under the home page (the ``site_tree`` fixture builds the home)."""
    return home_child_get_or_create(CitiesIndexPage(title="Member cities", slug="cities"))


def member_city(
    title: str | None = None,
    *,
    country: str = "NO",
    status: str = MembershipStatus.ACTIVE,
    latitude: str = "59.9139",
    longitude: str = "10.7522",
    publish: bool = True,
    **fields,
) -> Membership:
    cities_index()
    page = city_page_create(
        title=title or f"City {next(_numbers)}",
        country=Country.objects.get(code=country),
        publish=publish,
        latitude=Decimal(latitude),
        longitude=Decimal(longitude),
        **fields,
    )
    return membership_create(city_page=page, status=status, by=None, reason="Test data.")


def coordinator_of(membership: Membership, **user_fields):
    user = UserFactory(role=Role.COORDINATOR, **user_fields)
    coordinator_add(membership=membership, user=user)
    return user


def city_page(membership: Membership, language: str = "en") -> CityPage:
    return CityPage.objects.get(
        translation_key=membership.city_page.translation_key, locale__language_code=language
    )


def application_form_data(**overrides) -> dict[str, str]:
    """What a city types into /join/: a valid membership application."""
    from cities.models import Country

    return {
        "city_name": "Tampere",
        "country": str(Country.objects.get(code="FI").pk),
        "contact_name": "Laura Mäkinen",
        "contact_role": "Safety coordinator",
        "contact_email": "laura@example.org",
        "motivation": "We want to learn from the other cities.",
        "accepts_charter": "on",
    } | overrides
