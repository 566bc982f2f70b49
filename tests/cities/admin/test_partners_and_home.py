"""The secretariat's partner list and exports, and the membership panel of the admin home."""

import re

import pytest

from django.test import RequestFactory

from cities.admin_views import MembershipDashboardPanel
from cities.models import Country, MembershipStatus, Partner
from tests.cities.admin.world import PARTNERS, export_rows, text, xlsx_rows
from tests.factories.cities import PartnerFactory, member_city

pytestmark = pytest.mark.django_db


def test_partners_are_listed_and_filtered_by_kind_country_and_consent(as_secretariat, network):
    PartnerFactory(name="Quiet Helpers", country_code="SE")

    def names(query=""):
        response = as_secretariat.get(f"{PARTNERS}?{query}")
        return [partner.name for partner in response.context["object_list"]]

    assert names() == ["Peace Lab", "Quiet Helpers"]
    assert names("kind=ngo") == ["Quiet Helpers"]
    assert names(f"country={Country.objects.get(code='NO').pk}") == ["Peace Lab"]
    assert names("public_consent=false") == ["Quiet Helpers"]


def test_partners_export_as_csv_and_xlsx(as_secretariat, network):
    csv_rows = export_rows(as_secretariat.get(f"{PARTNERS}?export=csv"))
    workbook_rows = xlsx_rows(as_secretariat.get(f"{PARTNERS}?export=xlsx"))

    assert csv_rows[0][:3] == ["Name", "Kind", "Country"]
    assert csv_rows[1][:3] == ["Peace Lab", "Research", "Norway"]
    assert workbook_rows[1][:3] == ("Peace Lab", "Research", "Norway")


def test_the_secretariat_adds_a_partner(as_secretariat, network):
    response = as_secretariat.post(
        f"{PARTNERS}add/",
        {
            "name": "Nordic Youth Forum",
            "kind": "ngo",
            "country": Country.objects.get(code="FI").pk,
            "website": "https://youth.example.org/",
            "description": "",
            "public_consent": "on",
        },
    )

    assert response.status_code == 302
    partner = Partner.objects.get(name="Nordic Youth Forum")
    assert (partner.country.code, partner.public_consent) == ("FI", True)


# --- The admin home ------------------------------------------------------------------------------


def test_the_home_panel_shows_members_per_country_and_cities_alone(as_secretariat, network):
    member_city("Bergen")
    member_city("Aarhus", status=MembershipStatus.FORMER)

    response = as_secretariat.get("/admin/")

    html = text(response)
    panel = next(p for p in response.context["panels"] if isinstance(p, MembershipDashboardPanel))
    countries = {
        country.name: country.count for country in panel.get_context_data()["dashboard"].countries
    }
    assert countries == {"Denmark": 0, "Finland": 0, "Iceland": 0, "Norway": 2, "Sweden": 1}
    assert "Active member cities by country" in html
    # The applications waiting are counted once, by the panel that lists them.
    assert html.count("1 application waiting") == 1
    assert "Bergen" in html
    assert "Aarhus" not in html


def test_the_home_panel_is_not_shown_to_a_coordinator(client, network):
    client.force_login(network.oslo_coordinator)

    html = text(client.get("/admin/"))

    assert "Active member cities by country" not in html


@pytest.mark.parametrize("cities", [2, 6])
def test_the_home_panel_takes_two_queries_whatever_the_number_of_cities(
    network, cities, django_assert_num_queries
):
    for number in range(cities):
        member_city(f"Town {number}", country="FI")
    context = {"request": RequestFactory().get("/admin/")}

    # Active members counted per country; active members without a coordinator.
    with django_assert_num_queries(2):
        html = MembershipDashboardPanel().render_html(context)

    per_country = dict(re.findall(r"<tr><td>(\w+)</td><td>(\d+)</td></tr>", html))
    assert per_country == {
        "Denmark": "0",
        "Finland": str(cities),
        "Iceland": "0",
        "Norway": "1",
        "Sweden": "1",
    }
    assert "application" not in html
    # Oslo and Stockholm have their coordinators; the new towns are alone, by name.
    alone = re.findall(r'<li><a href="[^"]+">([^<]+)</a></li>', html)
    assert alone == [f"Town {number}" for number in range(cities)]
