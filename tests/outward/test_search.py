"""Searching the library and the whole site, on SQLite (FTS5) and PostgreSQL full-text search.

Pages are indexed as they are saved: the search backend's ``post_save`` receiver enqueues the
index update as a Django task, and without a ``TASKS`` setting django-tasks runs it at once, in
the test's transaction. So the factories' pages are searchable without indexing them by hand.
"""

import pytest

from django.db import connection

from accounts.models import Role
from knowledge.models import Visibility
from knowledge.services import case_study_translate
from tests.factories.accounts import UserFactory
from tests.factories.cities import member_city
from tests.factories.knowledge import case_study, knowledge_index
from tests.worlds import once_per_class

pytestmark = pytest.mark.django_db


def titles(response):
    return [card.title for card in response.context["library"].results]


def hits(response):
    return [hit.title for hit in response.context["search"].results]


def _network():
    knowledge_index()
    oslo = member_city("Oslo", country="NO", introduction="The capital of Norway.")
    stockholm = member_city("Stockholm", country="SE")
    case_study(
        oslo,
        "Youth ambassadors",
        summary="Young people trained as peace ambassadors in their schools.",
        focus_areas=("strong-youth-engagement",),
        aliases=False,
    )
    case_study(
        oslo,
        "Street mediators",
        summary="Mediators on the streets at night.",
        body=[("paragraph", "<p>Mediators talk with youth gangs before conflicts grow.</p>")],
        aliases=False,
    )
    case_study(
        stockholm,
        "Hate speech helpline",
        summary="A helpline for people targeted by hate speech online.",
        focus_areas=("safe-online-sphere",),
        aliases=False,
    )
    case_study(
        stockholm,
        "Exit programme for youth",
        summary="Support for young people leaving violent extremist groups.",
        visibility=Visibility.MEMBERS,
        aliases=False,
    )
    return {"oslo": oslo, "stockholm": stockholm}


network, network_built = once_per_class("network", _network)


class TestLibrarySearch:
    @pytest.mark.parametrize(
        "words, expected",
        [
            ("ambassadors", ["Youth ambassadors"]),  # the title
            ("helpline", ["Hate speech helpline"]),  # title and summary
            ("targeted", ["Hate speech helpline"]),  # the summary
            ("gangs", ["Street mediators"]),  # the body
        ],
    )
    def test_finds_words_in_the_title_summary_and_body(self, client, network, words, expected):
        assert titles(client.get(f"/en/knowledge/?q={words}")) == expected

    def test_ranks_by_relevance_and_counts_the_facets_of_the_matches(self, client, network):
        response = client.get("/en/knowledge/?q=youth")

        library = response.context["library"]
        assert library.sort == "relevance"
        # The title match ranks above the match in the body.
        assert titles(response) == ["Youth ambassadors", "Street mediators"]
        facets = {facet.param: facet for facet in library.facets}
        assert {option.value: option.count for option in facets["country"].options} == {"NO": 2}
        assert "2 case studies found" in response.content.decode()

    def test_sorts_the_matches_by_title_on_request(self, client, network):
        response = client.get("/en/knowledge/?q=youth&sort=title")

        assert titles(response) == ["Street mediators", "Youth ambassadors"]
        assert response.context["library"].query == "?q=youth&sort=title"

    def test_a_search_combines_with_the_filters_and_keeps_them(self, client, network):
        response = client.get("/en/knowledge/?q=youth&focus_area=strong-youth-engagement")

        assert titles(response) == ["Youth ambassadors"]
        html = response.content.decode()
        assert '<input type="hidden" name="focus_area" value="strong-youth-engagement">' in html
        assert '<input type="hidden" name="q" value="youth">' in html

    def test_the_search_is_an_active_filter_to_remove(self, client, network):
        library = client.get("/en/knowledge/?q=youth&country=NO").context["library"]

        assert [
            (active.label, active.value, active.remove_query) for active in library.active_filters
        ] == [
            ("Search", "youth", "?country=NO"),
            ("Country", "Norway", "?q=youth"),
        ]

    @pytest.mark.parametrize("role", [None, "public"])
    def test_non_members_do_not_find_members_only_case_studies(self, client, network, role):
        if role:
            client.force_login(UserFactory())

        response = client.get("/en/knowledge/?q=extremist")

        assert titles(response) == []
        assert response.context["library"].total == 0

    @pytest.mark.parametrize("role", [Role.COORDINATOR, Role.SECRETARIAT])
    def test_members_find_members_only_case_studies(self, client, network, role):
        client.force_login(UserFactory(role=role))

        assert titles(client.get("/en/knowledge/?q=extremist")) == ["Exit programme for youth"]

    @pytest.mark.parametrize(
        "words",
        ['"youth', "youth*", "NEAR(youth", "-", "AND OR NOT", "'; DROP TABLE x; --", "ø" * 500],
    )
    def test_odd_input_is_harmless(self, client, network, words):
        response = client.get("/en/knowledge/", {"q": words})

        assert response.status_code == 200


class TestSiteSearch:
    def test_finds_a_city_page_and_a_case_study(self, client, network):
        response = client.get("/en/search/?q=oslo")

        assert response.status_code == 200
        assert hits(response) == ["Oslo"]
        response = client.get("/en/search/?q=mediators")
        assert hits(response) == ["Street mediators"]
        hit = response.context["search"].results[0]
        assert (hit.url, hit.kind, hit.summary) == (
            "/en/cities/oslo/street-mediators/",
            "case study",
            "Mediators on the streets at night.",
        )

    def test_shows_the_count_in_a_status_region_and_links_the_results(self, client, network):
        html = client.get("/en/search/?q=helpline").content.decode()

        assert '<p role="status" class="library-count">1 result for “helpline”</p>' in html
        assert '<a href="/en/cities/stockholm/hate-speech-helpline/">Hate speech helpline</a>' in (
            html
        )

    def test_an_empty_query_shows_the_form_only(self, client, network):
        response = client.get("/en/search/?q=%20")

        html = response.content.decode()
        assert response.status_code == 200
        assert '<input type="search" id="site-q" name="q" value="">' in html
        assert 'role="status"' not in html

    @pytest.mark.parametrize("role", [None, "public"])
    def test_leaves_members_only_case_studies_out_for_non_members(self, client, network, role):
        if role:
            client.force_login(UserFactory())

        assert hits(client.get("/en/search/?q=extremist")) == []

    @pytest.mark.parametrize("role", [Role.COORDINATOR, Role.SECRETARIAT])
    def test_finds_members_only_case_studies_for_members(self, client, network, role):
        client.force_login(UserFactory(role=role))

        assert hits(client.get("/en/search/?q=extremist")) == ["Exit programme for youth"]

    def test_members_and_others_never_get_each_other_s_cached_results(self, client, network):
        assert hits(client.get("/en/search/?q=extremist")) == []
        client.force_login(UserFactory(role=Role.COORDINATOR))
        assert hits(client.get("/en/search/?q=extremist")) == ["Exit programme for youth"]
        client.logout()
        assert hits(client.get("/en/search/?q=extremist")) == []

    def test_searches_the_visitor_s_language_tree(self, client, network):
        case_study(network["oslo"], "Dialogue cafés", summary="Neighbours meet over coffee.")

        response = client.get("/sv/search/?q=coffee")

        assert [hit.url for hit in response.context["search"].results] == [
            "/sv/cities/oslo/dialogue-cafes/"
        ]

    def test_pages_the_results_keeping_the_query(self, client, network):
        for number in range(25):
            case_study(network["oslo"], f"Workshop {number}", summary="Workshop.", aliases=False)

        response = client.get("/en/search/?q=workshop&page=2")

        search = response.context["search"]
        assert (search.total, len(search.results)) == (25, 5)
        assert search.pagination.previous_query == "?q=workshop"
        assert 'href="/en/search/?q=workshop&amp;page=2" aria-current="page"' in (
            response.content.decode()
        )
        assert client.get("/en/search/?q=workshop&page=x").context["search"].pagination.number == 1

    def test_runs_a_fixed_number_of_queries(self, client, network, django_assert_num_queries):
        for number in range(25):
            case_study(network["oslo"], f"Workshop {number}", summary="Workshop.", aliases=False)
        client.get("/en/search/?q=workshop")

        # View restrictions (1), the count and the page of matches (2), their case study
        # pages (one query per page type among them: 1). The menu and the site root paths
        # come from the cache.
        with django_assert_num_queries(4):
            client.get("/en/search/?q=workshop&page=2")
        # The same search again, under the same content version: from the cache.
        with django_assert_num_queries(0):
            response = client.get("/en/search/?q=workshop&page=2")
        assert len(response.context["search"].results) == 5

    def test_a_page_published_since_the_same_search_is_found_at_once(self, client, network):
        assert hits(client.get("/en/search/?q=coffee")) == []

        case_study(network["oslo"], "Dialogue cafés", summary="Neighbours meet over coffee.")

        assert hits(client.get("/en/search/?q=coffee")) == ["Dialogue cafés"]


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Stemming per language is PostgreSQL's; SQLite's FTS5 has one tokenizer for all.",
)
class TestStemmingInTheVisitorsLanguage:
    """On PostgreSQL a page is indexed, and a query parsed, with its language's stemmer: one
    word finds its other forms (Swedish 'kommun' finds 'kommunerna'), which an English stemmer
    for all languages never found."""

    @pytest.mark.parametrize(
        "language, summary, words",
        [
            ("sv", "Kommunerna samarbetar med skolorna.", "kommun skola"),
            ("da", "Kommunerne samarbejder med skolerne.", "skole"),
            ("nb", "Kommunene samarbeider med skolene.", "skole"),
            ("fi", "Kunnat tekevät yhteistyötä kouluissa.", "koulu"),
        ],
    )
    def test_one_form_of_a_word_finds_the_others(self, client, network, language, summary, words):
        original = case_study(network["oslo"], "Schools together", summary="In English.")
        case_study_translate(
            case_study=original, language=language, title="Sammen", summary=summary
        )

        found = client.get(f"/{language}/knowledge/", {"q": words})
        found_site_wide = client.get(f"/{language}/search/", {"q": words})

        assert titles(found) == ["Sammen"]
        assert hits(found_site_wide) == ["Sammen"]

    def test_icelandic_without_a_stemmer_finds_the_words_as_written(self, client, network):
        original = case_study(network["oslo"], "Schools together", summary="In English.")
        case_study_translate(
            case_study=original, language="is", title="Saman", summary="Skólarnir vinna saman."
        )

        assert titles(client.get("/is/knowledge/", {"q": "skólarnir"})) == ["Saman"]
        assert titles(client.get("/is/knowledge/", {"q": "skóli"})) == []
