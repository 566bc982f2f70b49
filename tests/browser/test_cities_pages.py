import pytest

from cities.services import invitation_create, invitation_token
from tests.factories.cities import member_city

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def network(site_tree):
    return [
        member_city("Oslo", population=717710),
        member_city("Stockholm"),
        member_city("Reykjavík"),
    ]


@pytest.mark.parametrize("language", ["en", "fi"])
def test_the_cities_page_passes_axe_and_its_markers_are_links(
    page, live_server, network, assert_accessible, language
):
    page.goto(f"{live_server.url}/{language}/cities/")

    assert_accessible(page)
    marker = page.locator("svg a").filter(has_text="Stockholm")
    assert marker.get_attribute("href") == f"/{language}/cities/stockholm/"


def test_the_country_links_narrow_the_list_by_keyboard(page, live_server, network):
    page.goto(f"{live_server.url}/en/cities/")

    page.get_by_role("navigation", name="Member cities by country").get_by_role(
        "link", name="Sweden (1)"
    ).press("Enter")

    page.wait_for_url(f"{live_server.url}/en/cities/?country=se")
    items = page.locator(".city-list li")
    assert items.count() == 1
    assert items.first.inner_text().startswith("Stockholm")


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/en/cities/oslo/", "Oslo"),
        ("/sv/cities/reykjavik/", "Reykjavík"),
        ("/en/cities/partners/", "Partners"),
        ("/da/join/", "Søg om medlemskab"),
    ],
)
def test_city_partner_and_join_pages_pass_axe(
    page, live_server, network, assert_accessible, path, heading
):
    response = page.goto(f"{live_server.url}{path}")

    assert response.status == 200
    assert page.get_by_role("heading", level=1).inner_text() == heading
    assert_accessible(page)


def test_the_join_form_with_errors_passes_axe(page, live_server, network, assert_accessible):
    page.goto(f"{live_server.url}/en/join/")
    page.get_by_role("button", name="Send the application").click()

    assert page.locator(".form-errors").is_visible()
    assert_accessible(page)


def test_the_invitation_page_passes_axe(page, live_server, network, assert_accessible):
    invitation = invitation_create(membership=network[0], email="new@example.org", by=None)

    page.goto(f"{live_server.url}/en/accounts/invitation/{invitation_token(invitation)}/")

    assert page.get_by_role("heading", level=1).inner_text() == "Coordinator of Oslo"
    assert_accessible(page)


@pytest.mark.parametrize("path", ["/en/cities/", "/en/cities/partners/"])
def test_the_main_heading_stands_clear_of_the_header_bar(page, live_server, network, path):
    page.goto(f"{live_server.url}{path}")

    header = page.locator(".site-header").bounding_box()
    heading = page.get_by_role("heading", level=1).bounding_box()

    assert heading["y"] - (header["y"] + header["height"]) >= 16
