"""Pages are found by their path in one lookup (core's HomePage.route), as Wagtail's walk finds
them: live pages in every language tree, drafts and unknown paths answer 404."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Locale, PageViewRestriction, Site

from core import page_tree
from core.content_cache import (
    VERSION_KEY,
    content_changed,
    content_version,
    version_pinned,
)
from core.models import StandardPage
from tests.factories.cities import city_page, member_city
from tests.factories.knowledge import case_study


def test_a_live_page_is_served_at_its_path_in_every_language_tree(client, site_tree):
    membership = member_city("København", country="DK")
    practice = case_study(membership, "Night walkers")
    for language in ("en", "da", "is"):
        page = city_page(membership, language)
        assert page.url == f"/{language}/cities/kobenhavn/"
        response = client.get(page.url)
        assert response.status_code == 200
        assert response.context["page"].pk == page.pk
    response = client.get(f"/da/cities/kobenhavn/{practice.slug}/")
    assert response.status_code == 200
    assert response.context["page"].translation_key == practice.translation_key


def test_a_draft_page_and_a_path_that_is_no_page_answer_not_found(client, site_tree):
    member_city("Oslo")
    member_city("Bergen", publish=False)

    assert client.get("/en/cities/bergen/").status_code == 404
    assert client.get("/en/cities/oslo/no-such-practice/").status_code == 404
    assert client.get("/en/no/such/path/").status_code == 404


def test_a_routable_page_serves_its_sub_routes_and_answers_404_for_the_rest(client, site_tree):
    from tests.progress.world import charter_page

    charter_page()

    response = client.get("/en/charter/actions/")
    assert response.status_code == 200
    assert response.context["page"].slug == "charter"
    assert client.get("/en/charter/no-such-route/").status_code == 404
    assert client.get("/en/charter/actions/more/").status_code == 404


def test_a_live_page_under_a_draft_is_served_as_wagtail_serves_it(client, site_tree):
    membership = member_city("Bergen", publish=False)
    practice = case_study(membership, "Harbour talks")

    response = client.get(practice.url)

    assert response.status_code == 200
    assert response.context["page"].title == "Harbour talks"


class TestThePageTreeKeptByEachProcess:
    """The site, the home page in each language and the absence of view restrictions are kept
    per process for one content version (core.page_tree): a change to any of them is served on
    the very next request."""

    def test_a_home_page_translated_anew_after_a_visit_is_served_at_once(self, client, site_tree):
        swedish = site_tree.get_translation(Locale.objects.get(language_code="sv")).specific
        assert client.get("/sv/").context["page"].title == swedish.title  # the demo's translation
        swedish.title = "Nordiska trygga städer"
        swedish.save_revision().publish()

        assert client.get("/sv/").context["page"].title == "Nordiska trygga städer"
        assert client.get("/en/").context["page"].title == site_tree.title

    def test_a_page_made_private_after_a_visit_asks_for_sign_in_at_once(self, client, site_tree):
        about = StandardPage.objects.get(locale__language_code="en", slug="about")
        assert client.get("/en/about/").status_code == 200

        PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.LOGIN)

        response = client.get("/en/about/")
        assert response.status_code == 302
        assert response["Location"].startswith("/en/accounts/login/?next=")

    def test_a_site_added_for_another_host_is_routed_at_once(self, client, site_tree):
        about = StandardPage.objects.get(locale__language_code="en", slug="about")
        before = client.get("/en/", headers={"host": "about.example.org"})
        assert before.context["page"].pk == site_tree.pk  # the default site answers any host

        Site.objects.create(hostname="about.example.org", port=80, root_page=about)

        response = client.get("/en/", headers={"host": "about.example.org"})
        assert response.status_code == 200
        assert response.context["page"].pk == about.pk

    def test_the_page_at_a_path_is_looked_up_once_per_content_version(self, client, site_tree):
        member_city("Oslo")
        client.get("/en/")  # the site and the home page are kept from here on

        with CaptureQueriesContext(connection) as first:
            assert client.get("/en/cities/oslo/").status_code == 200
        with CaptureQueriesContext(connection) as again:
            assert client.get("/en/cities/oslo/?from=menu").status_code == 200

        def lookups(queries):
            return [q["sql"] for q in queries if '"url_path" IN' in q["sql"]]

        # The page by its path, then as its specific type (cities_citypage by its page_ptr).
        assert len(lookups(first.captured_queries)) == 1
        assert len(first.captured_queries) >= 2
        assert lookups(again.captured_queries) == []

    def test_a_page_published_unpublished_or_changed_after_a_visit_is_served_so_at_once(
        self, client, site_tree
    ):
        oslo = city_page(member_city("Oslo"), "en")
        assert client.get("/en/cities/bergen/").status_code == 404
        assert client.get(oslo.url).context["page"].title == "Oslo"

        member_city("Bergen")
        oslo.title = "Oslo kommune"
        oslo.save_revision().publish()

        assert client.get("/en/cities/bergen/").status_code == 200
        assert client.get(oslo.url).context["page"].title == "Oslo kommune"
        oslo.refresh_from_db()
        oslo.unpublish()
        assert client.get(oslo.url).status_code == 404

    def test_each_request_gets_its_own_copy_of_the_page_kept(self, client, site_tree):
        member_city("Oslo")
        served = client.get("/en/cities/oslo/").context["page"]
        served.title = "Changed by a view"

        again = client.get("/en/cities/oslo/").context["page"]

        assert again is not served
        assert again.title == "Oslo"

    def test_a_process_keeps_the_pages_of_the_paths_asked_for_last(
        self, client, site_tree, monkeypatch
    ):
        monkeypatch.setattr(page_tree, "PAGES_KEPT", 2)
        for name in ("Oslo", "Bergen", "Malmö"):
            member_city(name)
        for slug in ("oslo", "bergen", "malmo", "bergen"):
            assert client.get(f"/en/cities/{slug}/").status_code == 200

        kept = page_tree._current().pages
        assert [paths[0] for paths in kept] == [
            "/home/cities/malmo/",
            "/home/cities/bergen/",
        ]

    def test_a_change_made_during_a_request_is_seen_by_the_rest_of_it(self):
        with version_pinned():
            before = content_version()
            assert content_version() == before
            content_changed()
            assert content_version() != before

    def test_emptying_the_cache_starts_versions_never_used_before(self):
        before = content_version()
        cache.clear()
        assert content_version() != before

    def test_the_version_read_with_a_value_is_pinned_for_the_rest_of_the_request(self):
        from core.content_cache import content_version_and

        content_version()  # the series has started
        cache.set("some:value", "kept")
        with version_pinned():
            version, value = content_version_and("some:value")
            cache.incr(VERSION_KEY)  # another process's change, after this request began
            assert (content_version(), value) == (version, "kept")
        assert content_version() != version

    def test_a_value_read_before_any_version_exists_is_not_taken_for_the_new_one(self):
        from core.content_cache import content_version_and

        cache.set("some:value", "from an earlier series")

        version, value = content_version_and("some:value")

        assert (version, value) == (content_version(), None)
