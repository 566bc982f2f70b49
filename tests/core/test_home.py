import pytest

from wagtail.models import Locale

from charter.models import FocusArea
from tests.factories.cities import member_city
from tests.factories.knowledge import case_study


@pytest.mark.django_db
class TestHomePage:
    def test_the_home_page_shows_the_network_figures_counted_from_data(self, client, site_tree):
        response = client.get("/en/")

        assert response.status_code == 200
        figures = response.context["figures"]
        focus_areas = next(f for f in figures if "focus areas" in str(f.label))
        assert focus_areas.value == FocusArea.objects.filter(locale__language_code="en").count()
        assert focus_areas.value == 6

    def test_a_new_focus_area_changes_the_figure(self, client, site_tree):
        english = FocusArea.objects.filter(locale__language_code="en").first().locale
        FocusArea.objects.create(locale=english, name="Test", slug="test", description="-")
        response = client.get("/en/")
        assert b'<span class="figure-list__value">7</span>' in response.content

    def test_swedish_visitors_get_swedish_interface_text_and_the_swedish_home_page(
        self, client, site_tree
    ):
        response = client.get("/sv/")

        assert response.status_code == 200
        html = response.content.decode()
        assert '<html lang="sv"' in html
        assert "Hoppa till huvudinnehåll" in html
        assert "Nätverket i siffror" in html
        swedish = site_tree.get_translation(Locale.objects.get(language_code="sv"))
        assert swedish.alias_of_id is None  # the demo's translation, not the English alias
        assert f'<h1 id="page-title">{swedish.title}</h1>' in html
        assert site_tree.title not in html

    def test_every_language_links_to_every_other_with_hreflang(self, client, site_tree):
        html = client.get("/fi/").content.decode()
        for code in ("en", "da", "sv", "nb", "fi", "is"):
            assert f'hreflang="{code}" href="http://testserver/{code}/"' in html

    def test_the_menu_and_footer_come_from_the_page_tree_and_settings(self, client, site_tree):
        html = client.get("/en/").content.decode()
        assert '<a href="/en/about/">About the network</a>' in html
        assert '<a href="/en/accessibility/">Accessibility statement</a>' in html

    def test_the_home_page_runs_a_fixed_number_of_queries(
        self, client, site_tree, django_assert_num_queries
    ):
        client.get("/en/")  # warms the cached menu, footer and figures
        # Wagtail's serve takes the site, the home page in the visitor's language and the
        # absence of view restrictions from this process's memo of the page tree
        # (core.page_tree): none. The figures, the latest case studies and the translations'
        # URLs (hreflang and the language switcher) come from the cache: no query at all.
        with django_assert_num_queries(0):
            response = client.get("/en/")
        assert response.status_code == 200

    def test_a_case_study_published_after_a_visit_is_among_the_latest_at_once(
        self, client, site_tree
    ):
        oslo = member_city("Oslo")
        case_study(oslo, "Night walkers")
        assert [link.title for link in client.get("/en/").context["latest_case_studies"]] == [
            "Night walkers"
        ]

        case_study(oslo, "Harbour talks")

        latest = client.get("/en/").context["latest_case_studies"]
        assert [link.title for link in latest] == ["Harbour talks", "Night walkers"]
        assert latest[0].city == "Oslo"

    def test_an_unknown_address_shows_the_branded_404_in_the_visitors_language(
        self, client, site_tree
    ):
        response = client.get("/da/no-such-page/")

        assert response.status_code == 404
        assert "Siden blev ikke fundet" in response.content.decode()

    def test_the_public_pages_carry_a_strict_content_security_policy(self, client, site_tree):
        policy = client.get("/en/")["Content-Security-Policy"]

        assert "default-src 'self'" in policy
        assert "unsafe-inline" not in policy
        assert "frame-ancestors 'none'" in policy
