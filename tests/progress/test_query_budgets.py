"""The query budgets at scale: the pages that list or count member cities run the same number
of queries with 20 and with 200 of them, each city with three years of reports and a Safe City
Action (``network``, tests/progress/conftest.py). One network, built once per amount, serves the
cities' pages, the Charter's and the secretariat's network view, as building 200 cities through
the services is the costliest set-up of the suite."""

import pytest

from django.core.cache import cache

from accounts.models import Role
from tests.factories.accounts import UserFactory, sign_in
from tests.factories.cities import city_page

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("network", [20, 200], indirect=True, scope="class")
class TestQueryBudgets:
    # The cities' pages.
    def test_the_cities_page(self, client, db, django_assert_num_queries, network):
        cache.clear()
        # Cold cache: Wagtail's serve: the page tree's memo (core.page_tree) is made again for
        # the new content version: the site, the locale, the home page as its specific type,
        # whether any page has a view restriction (4); the page by its path and as its specific
        # type (core's HomePage.route) (2); the member cities: the index's
        # URL (site root paths), view restrictions for public() and the pages with their
        # country (3); translations for hreflang (1); the menu and footer: site, locale, the
        # home's translation, menu pages, view restrictions, settings and their pages' URLs (6).
        with django_assert_num_queries(16):
            response = client.get("/en/cities/")
        assert len(response.context["directory"].cities) == len(network)
        # Warm: the page tree (the page at the path too), the menu, the member cities with their
        # map and the translations' URLs come from the caches.
        with django_assert_num_queries(0):
            response = client.get("/en/cities/?country=NO")
        assert len(response.context["directory"].cities) == (len(network) + 4) // 5

    def test_a_city_page(self, client, db, django_assert_num_queries, network):
        url = city_page(network[0]).url
        client.get(url)
        # Wagtail's serve: the site, the home page, the page at the path and view restrictions
        # from the page tree's memo (core.page_tree). The membership with its country
        # (cities.selectors.city_profile), the city's case studies, its meetups, the Charter's
        # section (progress.selectors.city_charter) and the translations' URLs for hreflang
        # come from the cache.
        with django_assert_num_queries(0):
            response = client.get(url)
        assert response.status_code == 200
        assert "Town 000" in response.content.decode()

    # The Charter's pages.
    def test_the_charter_page(self, client, db, django_assert_num_queries, network):
        client.get("/en/")  # the page tree's memo and the menu
        # Wagtail's serve: the page by its path and as its specific type (2); the overview
        # (cached once made): the focus areas, the library page, the members and adoptions,
        # the network's figures, the published reports and their levels (prefetch), the
        # locale, the city pages' view restrictions and the city pages (9); translations for
        # hreflang (1). Warm: the page from the page tree's memo; the overview and hreflang from
        # the cache.
        with django_assert_num_queries(12):
            response = client.get("/en/charter/")
        assert response.context["overview"].members == len(network)
        assert len(response.context["overview"].published) == (len(network) + 3) // 4
        with django_assert_num_queries(0):
            client.get("/en/charter/")

    def test_the_actions(self, client, db, django_assert_num_queries, network):
        client.get("/en/")
        # The deepest page on the path (the Charter page, core's HomePage.route) and its specific
        # type (2); the listing (action_list): the years, the focus
        # areas, the locale, the city pages' view restrictions and the city pages, the actions
        # with their cities, their focus areas and their updates (8); translations for
        # hreflang (1).
        with django_assert_num_queries(11):
            response = client.get("/en/charter/actions/?country=SE")
        assert len(response.context["listing"].actions) == len(network) // 5
        # Warm: the listing and hreflang come from the cache, the page from the page tree's memo.
        with django_assert_num_queries(0):
            client.get("/en/charter/actions/?country=SE")

    # The secretariat's network view.
    def test_the_network_view(self, client, db, django_assert_num_queries, network):
        secretariat = UserFactory(role=Role.SECRETARIAT, name="Sigrid")
        sign_in(client, secretariat)
        client.get("/admin/")
        # The user, the user's and their groups' permissions, their groups (the secretariat
        # check), the admin profile, the locales (6; the session and, since the first request,
        # the sidebar come from the cache, core.admin_sidebar); the network grid, the first time:
        # the rounds, the focus areas, the reports of the year, their levels, the member cities
        # with their country (5).
        with django_assert_num_queries(11):
            response = client.get("/admin/charter/network/")
        assert len(response.context["grid"].rows) == len(network)
        # Then the grid and its table come from the cache, until a change moves the content
        # version on (``ProgressConfig.public_models``).
        with django_assert_num_queries(6):
            response = client.get("/admin/charter/network/")
        assert len(response.context["grid"].rows) == len(network)
