import pytest

from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cached(settings, site_tree):
    settings.PAGE_CACHE_SECONDS = 600
    return site_tree


def test_an_anonymous_visitor_gets_the_second_view_from_the_cache_without_queries(
    client, cached, django_assert_num_queries
):
    first = client.get("/en/about/")
    assert first["X-Page-Cache"] == "miss"

    with django_assert_num_queries(0):
        second = client.get("/en/about/")

    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "About the network" in second.content.decode()
    assert "default-src 'self'" in second["Content-Security-Policy"]


def test_publishing_a_change_shows_at_once(client, cached):
    from core.models import StandardPage

    client.get("/en/about/")
    about = StandardPage.objects.get(slug="about", locale__language_code="en")
    about.title = "About the Nordic network"
    about.save_revision().publish()

    response = client.get("/en/about/")

    assert response["X-Page-Cache"] == "miss"
    assert "About the Nordic network" in response.content.decode()


def test_signed_in_people_are_never_served_from_the_cache(client, cached):
    client.get("/en/about/")
    client.force_login(UserFactory(name="Kari Nordmann"))

    response = client.get("/en/about/")

    assert "X-Page-Cache" not in response
    assert "Sign out" in response.content.decode()


def test_pages_with_a_form_are_not_cached(client, cached):
    client.get("/en/join/")

    assert "X-Page-Cache" not in client.get("/en/join/")


def test_each_language_and_query_string_is_its_own_entry(client, cached):
    client.get("/en/about/")

    assert client.get("/sv/about/")["X-Page-Cache"] == "miss"
    assert client.get("/en/about/?x=1")["X-Page-Cache"] == "miss"


def test_making_a_page_private_stops_serving_it_from_the_cache_at_once(client, cached):
    from wagtail.models import PageViewRestriction

    from core.models import StandardPage

    assert client.get("/en/about/").status_code == 200
    about = StandardPage.objects.get(slug="about", locale__language_code="en")
    # Wagtail's Privacy dialog saves a restriction without publishing the page.
    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.LOGIN)

    response = client.get("/en/about/")

    assert "X-Page-Cache" not in response
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/?next=/en/about/"


def _cached_about(client) -> None:
    assert client.get("/en/about/")["X-Page-Cache"] == "miss"


def test_signing_in_and_out_leaves_the_cache_warm(client, cached):
    from django.test import Client

    _cached_about(client)
    person = Client()
    person.force_login(UserFactory())
    person.logout()  # the session row is deleted

    assert client.get("/en/about/")["X-Page-Cache"] == "hit"


def test_a_membership_application_leaves_the_cache_warm(client, cached):
    from django.test import Client

    from cities.models import MembershipApplication
    from tests.factories.cities import application_form_data

    _cached_about(client)
    response = Client().post("/en/join/", application_form_data())

    assert response.status_code == 302
    assert MembershipApplication.objects.filter(city_name="Tampere").exists()
    assert client.get("/en/about/")["X-Page-Cache"] == "hit"


def test_a_change_of_a_city_public_data_empties_the_cache_at_once(client, cached):
    from tests.factories.cities import PartnerFactory

    _cached_about(client)
    PartnerFactory(name="Fjord Sports Alliance")

    assert client.get("/en/about/")["X-Page-Cache"] == "miss"


def test_unpublishing_a_page_empties_the_cache_at_once(client, cached):
    from core.models import StandardPage

    client.get("/en/")
    StandardPage.objects.get(slug="about", locale__language_code="en").unpublish()

    response = client.get("/en/")

    assert response["X-Page-Cache"] == "miss"
    assert 'href="/en/about/"' not in response.content.decode()


def test_the_menu_figures_and_pages_are_kept_under_one_version_that_a_change_moves_on(
    client, cached, django_assert_num_queries
):
    from core.content_cache import content_changed
    from core.selectors import network_figures, site_chrome

    client.get("/en/")
    with django_assert_num_queries(0):
        menu = site_chrome(language="en")
        figures = network_figures(language="en")
    assert "About the network" in [item.title for item in menu.menu]
    assert figures

    content_changed()

    # Every cache of public content is rebuilt after one increment, not one deletion per cache.
    # locale, site with its home page, view restrictions, menu pages, settings with linked pages
    with django_assert_num_queries(5):
        assert site_chrome(language="en") == menu
    assert client.get("/en/")["X-Page-Cache"] == "miss"


def test_deleting_an_image_empties_the_cache_at_once(client, cached):
    from tests.factories.knowledge import picture

    image = picture("A square at dusk")
    _cached_about(client)
    image.delete()

    assert client.get("/en/about/")["X-Page-Cache"] == "miss"
    assert client.get("/en/about/")["X-Page-Cache"] == "hit"


def test_a_hero_shows_as_soon_as_its_renditions_are_made_and_not_again_after(client, cached):
    from core.services import image_renditions_create
    from tests.factories.knowledge import picture

    image = picture("A bridge in fog")
    image.renditions.all().delete()
    _cached_about(client)

    assert image_renditions_create(image=image) == 3
    assert client.get("/en/about/")["X-Page-Cache"] == "miss"
    assert image_renditions_create(image=image) == 0  # nothing new: the cache stays warm
    assert client.get("/en/about/")["X-Page-Cache"] == "hit"
