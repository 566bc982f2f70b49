import datetime
import uuid

import pytest

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import Page, PageViewRestriction
from wagtail.search.backends import get_search_backend

from accounts.models import Role
from charter.models import FocusArea
from cities.models import MembershipStatus
from knowledge.models import CaseStudyPage, TargetGroup, Visibility
from knowledge.services import library_entries_sync
from tests.factories.accounts import UserFactory
from tests.factories.cities import city_page, member_city
from tests.factories.knowledge import ResourceFactory, case_study, knowledge_index, pdf
from tests.worlds import once_per_class

pytestmark = pytest.mark.django_db


def titles(response):
    return [card.title for card in response.context["library"].results]


def facet(response, param):
    """{value: (count, selected)} of one facet."""
    facets = {facet.param: facet for facet in response.context["library"].facets}
    return {option.value: (option.count, option.selected) for option in facets[param].options}


def _network():
    knowledge_index()
    cities = {
        "oslo": member_city("Oslo"),
        "bergen": member_city("Bergen"),
        "stockholm": member_city("Stockholm"),
        "former": member_city("Formerby", country="DK", status=MembershipStatus.FORMER),
    }
    case_study(
        cities["oslo"],
        "Online hate helpline",
        focus_areas=("safe-online-sphere",),
        target_groups=("online-communities",),
        status="completed",
        evidence_level="evaluated",
        period_start=datetime.date(2021, 3, 1),
        aliases=False,
    )
    case_study(
        cities["oslo"],
        "Night walkers",
        focus_areas=("safe-urban-space", "safe-communities"),
        target_groups=("local-communities",),
        period_start=datetime.date(2023, 5, 1),
        aliases=False,
    )
    case_study(
        cities["bergen"],
        "Parents online",
        focus_areas=("safe-online-sphere", "strong-families"),
        target_groups=("families",),
        period_start=datetime.date(2022, 9, 1),
        aliases=False,
    )
    case_study(
        cities["stockholm"],
        "Digital youth workers",
        focus_areas=("safe-online-sphere", "strong-youth-engagement"),
        target_groups=("children-young-people", "online-communities"),
        status="planned",
        evidence_level="idea",
        period_start=datetime.date(2024, 1, 1),
        aliases=False,
    )
    case_study(
        cities["stockholm"],
        "Exit programme",
        focus_areas=("safe-public-institutions",),
        visibility=Visibility.MEMBERS,
        period_start=datetime.date(2025, 2, 1),
        aliases=False,
    )
    case_study(cities["former"], "Old practice", aliases=False)
    return cities


network, network_built = once_per_class("network", _network)


def _paged():
    """The network, and 45 more of Bergen's case studies: three pages of twenty."""
    cities = _network()
    for number in range(45):
        case_study(cities["bergen"], f"Bergen practice {number:02d}", aliases=False)
    return cities


paged, paged_built = once_per_class("paged", _paged)


class TestListing:
    def test_the_case_studies_of_active_members_are_listed_newest_first(self, client, network):
        response = client.get("/en/knowledge/")

        assert response.status_code == 200
        assert titles(response) == [
            "Digital youth workers",
            "Night walkers",
            "Parents online",
            "Online hate helpline",
        ]
        assert response.context["library"].total == 4

    def test_a_card_shows_city_country_focus_areas_status_and_year(self, client, network):
        card = client.get("/en/knowledge/").context["library"].results[0]

        assert card.url == "/en/cities/stockholm/digital-youth-workers/"
        assert (card.city, card.country, card.status, card.year) == (
            "Stockholm",
            "Sweden",
            "Planned",
            2024,
        )
        assert card.focus_areas == ["Safe Online Sphere", "Strong Youth Engagement"]

    def test_the_cards_link_to_their_case_studies(self, client, network):
        html = client.get("/en/knowledge/").content.decode()

        assert '<a href="/en/cities/oslo/night-walkers/">Night walkers</a>' in html
        assert "4 case studies found" in html

    def test_a_former_member_s_case_study_is_neither_listed_nor_counted(self, client, network):
        response = client.get("/en/knowledge/")

        assert "Old practice" not in response.content.decode()
        assert "DK" not in facet(response, "country")
        assert "formerby" not in facet(response, "city")

    def test_a_draft_case_study_is_not_listed(self, client, network):
        case_study(network["oslo"], "Draft idea", publish=False, aliases=False)

        assert "Draft idea" not in titles(client.get("/en/knowledge/"))

    def test_a_case_study_below_a_restricted_page_is_not_listed(self, client, network):
        PageViewRestriction.objects.create(
            page=city_page(network["bergen"]), restriction_type=PageViewRestriction.LOGIN
        )

        assert "Parents online" not in titles(client.get("/en/knowledge/"))

    def test_the_swedish_library_shows_the_swedish_tree_and_names(self, client, network):
        case_study(network["oslo"], "Dialogue cafés", focus_areas=("safe-communities",))

        response = client.get("/sv/knowledge/")

        card = response.context["library"].results[0]
        assert (card.title, card.url) == ("Dialogue cafés", "/sv/cities/oslo/dialogue-cafes/")
        assert card.focus_areas == ["Trygga lokalsamhällen"]
        assert card.country == "Norge"
        filtered = client.get("/sv/knowledge/?focus_area=safe-communities")
        assert titles(filtered) == ["Dialogue cafés"]
        assert facet(filtered, "focus_area")["safe-communities"] == (1, True)


class TestFacets:
    def test_each_facet_counts_what_choosing_an_option_would_show(self, client, network):
        response = client.get("/en/knowledge/")

        assert facet(response, "focus_area")["safe-online-sphere"] == (3, False)
        assert facet(response, "focus_area")["safe-public-institutions"] == (0, False)
        assert facet(response, "country") == {"NO": (3, False), "SE": (1, False)}
        assert facet(response, "city") == {
            "bergen": (1, False),
            "oslo": (2, False),
            "stockholm": (1, False),
        }
        assert facet(response, "target_group")["online-communities"] == (2, False)
        assert facet(response, "status")["ongoing"] == (2, False)
        assert facet(response, "evidence")["idea"] == (1, False)
        assert facet(response, "year") == {
            "2024": (1, False),
            "2023": (1, False),
            "2022": (1, False),
            "2021": (1, False),
        }

    def test_counts_apply_every_other_filter_but_not_the_facet_s_own(self, client, network):
        response = client.get("/en/knowledge/?focus_area=safe-online-sphere&country=NO")

        assert titles(response) == ["Parents online", "Online hate helpline"]
        # The focus areas count within Norway, the countries within the focus area.
        assert facet(response, "focus_area")["safe-online-sphere"] == (2, True)
        assert facet(response, "focus_area")["safe-urban-space"] == (1, False)
        assert facet(response, "country") == {"NO": (2, True), "SE": (1, False)}
        # Every other facet counts within both.
        assert facet(response, "city") == {"bergen": (1, False), "oslo": (1, False)}
        assert facet(response, "status") == {
            "planned": (0, False),
            "ongoing": (1, False),
            "completed": (1, False),
        }

    def test_filters_combine_across_facets_and_any_value_within_one(self, client, network):
        response = client.get(
            "/en/knowledge/?focus_area=strong-families&focus_area=safe-urban-space&country=NO"
            "&target_group=families"
        )

        assert titles(response) == ["Parents online"]
        assert facet(response, "target_group")["local-communities"] == (1, False)

    @pytest.mark.parametrize(
        "query, expected",
        [
            ("city=stockholm", ["Digital youth workers"]),
            ("status=completed", ["Online hate helpline"]),
            ("evidence=idea", ["Digital youth workers"]),
            ("year=2022", ["Parents online"]),
            ("country=se", ["Digital youth workers"]),
        ],
    )
    def test_each_filter_narrows_the_list(self, client, network, query, expected):
        assert titles(client.get(f"/en/knowledge/?{query}")) == expected

    def test_bad_values_are_ignored(self, client, network):
        response = client.get(
            "/en/knowledge/?focus_area=nope&country=XX&city=atlantis&target_group=martians"
            "&status=lost&evidence=%00&year=20x4&sort=random&page=-3&q=%20%20"
        )

        assert response.status_code == 200
        library = response.context["library"]
        assert library.total == 4
        assert library.active_filters == []
        assert library.query == ""

    def test_a_year_without_case_studies_is_kept_as_chosen_and_counts_nothing(
        self, client, network
    ):
        response = client.get("/en/knowledge/?year=1999")

        assert titles(response) == []
        assert facet(response, "year")["1999"] == (0, True)
        assert "No case study matches this selection." in response.content.decode()

    def test_the_filters_form_shows_the_counts_in_fieldsets(self, client, network):
        html = client.get("/en/knowledge/?focus_area=safe-online-sphere").content.decode()

        assert '<legend id="facet-focus_area">Focus area</legend>' in html
        assert (
            '<input type="checkbox" id="facet-focus_area-2" name="focus_area" '
            'value="safe-online-sphere" checked>'
        ) in html
        assert 'Safe Online Sphere <span class="facet__count">(3)</span>' in html
        assert '<option value="SE">Sweden (1)</option>' in html
        assert '<p role="status" class="library-count">3 case studies found</p>' in html


class TestLinks:
    def test_an_active_filter_is_removed_by_a_link_that_keeps_the_others(self, client, network):
        response = client.get("/en/knowledge/?country=NO&focus_area=safe-online-sphere&sort=title")

        library = response.context["library"]
        assert library.query == "?focus_area=safe-online-sphere&country=NO&sort=title"
        removals = {active.value: active.remove_query for active in library.active_filters}
        assert removals == {
            "Safe Online Sphere": "?country=NO&sort=title",
            "Norway": "?focus_area=safe-online-sphere&sort=title",
        }
        assert library.clear_query == "?sort=title"
        assert 'href="/en/knowledge/?country=NO&amp;sort=title"' in response.content.decode()

    def test_sort_by_title(self, client, network):
        response = client.get("/en/knowledge/?sort=title")

        assert titles(response) == [
            "Digital youth workers",
            "Night walkers",
            "Online hate helpline",
            "Parents online",
        ]
        assert response.context["library"].sort == "title"


class TestPaging:
    def test_pages_of_twenty_whose_links_keep_the_filters(self, client, paged):
        response = client.get("/en/knowledge/?city=bergen&sort=title&page=2")

        library = response.context["library"]
        assert library.total == 46
        assert titles(response) == [f"Bergen practice {number}" for number in range(20, 40)]
        pagination = library.pagination
        assert (pagination.number, pagination.num_pages) == (2, 3)
        assert pagination.previous_query == "?city=bergen&sort=title"
        assert pagination.next_query == "?city=bergen&sort=title&page=3"
        current = 'href="/en/knowledge/?city=bergen&amp;sort=title&amp;page=2" aria-current="page"'
        assert current in response.content.decode()

    @pytest.mark.parametrize("asked, expected", [("99", 3), ("0", 1), ("two", 1), ("", 1)])
    def test_a_page_out_of_range_shows_the_last_and_garbage_the_first(
        self, client, paged, asked, expected
    ):
        response = client.get(f"/en/knowledge/?page={asked}")

        assert response.status_code == 200
        assert response.context["library"].pagination.number == expected
        assert titles(response) == titles(client.get(f"/en/knowledge/?page={expected}"))


class TestMembersOnly:
    @pytest.mark.parametrize("role", [None, "public"])
    def test_anonymous_and_public_visitors_neither_see_nor_count_them(self, client, network, role):
        if role:
            client.force_login(UserFactory())

        response = client.get("/en/knowledge/")

        assert "Exit programme" not in titles(response)
        assert response.context["library"].total == 4
        assert facet(response, "focus_area")["safe-public-institutions"] == (0, False)
        assert facet(response, "country")["SE"] == (1, False)

    @pytest.mark.parametrize("role", [Role.COORDINATOR, Role.SECRETARIAT])
    def test_members_of_the_network_see_and_count_them(self, client, network, role):
        client.force_login(UserFactory(role=role))

        response = client.get("/en/knowledge/")

        assert titles(response)[0] == "Exit programme"
        assert response.context["library"].total == 5
        assert facet(response, "focus_area")["safe-public-institutions"] == (1, False)
        assert facet(response, "country")["SE"] == (2, False)


class TestRenderedOnce:
    """The library is rendered once per content version and what was asked for, and a change
    that shows on it is there at the next request."""

    def test_the_same_request_again_runs_no_query_of_the_library(
        self, client, network, django_assert_num_queries
    ):
        first = client.get("/en/knowledge/?focus_area=safe-online-sphere")

        # None: the library page comes from the page tree's memo (core.page_tree), the library
        # from the cache.
        with django_assert_num_queries(0):
            again = client.get("/en/knowledge/?focus_area=safe-online-sphere")

        assert again.content == first.content
        assert "Parents online" in again.content.decode()

    def test_a_new_case_study_and_one_unpublished_show_at_the_next_request(self, client, network):
        client.get("/en/knowledge/")

        case_study(network["bergen"], "Fresh practice", aliases=False)
        assert "Fresh practice" in client.get("/en/knowledge/").content.decode()

        CaseStudyPage.objects.get(title="Night walkers").unpublish()
        html = client.get("/en/knowledge/").content.decode()
        assert "Fresh practice" in html and "Night walkers" not in html

    def test_members_and_anonymous_visitors_never_get_each_other_s_rendering(self, client, network):
        assert "Exit programme" not in client.get("/en/knowledge/").content.decode()

        client.force_login(UserFactory(role=Role.COORDINATOR))
        assert "Exit programme" in client.get("/en/knowledge/").content.decode()

        client.logout()
        assert "Exit programme" not in client.get("/en/knowledge/").content.decode()


def test_the_resources_are_listed_with_the_languages_of_their_documents(client, network):
    ResourceFactory(
        title="ALL'IN youth manual",
        slug="all-in",
        documents=[(pdf(f"Manual {code}", f"{code}.pdf"), code) for code in ("en", "sv")],
    )

    response = client.get("/en/knowledge/")

    [resource] = response.context["library"].resources
    assert (resource.title, resource.url) == ("ALL'IN youth manual", "/en/knowledge/all-in/")
    assert resource.languages == ["English", "Svenska"]
    assert "Resources and manuals" in response.content.decode()


# --- Query budget ------------------------------------------------------------------------------


def many_case_studies(memberships, count):
    """``count`` published case studies spread over the memberships' English city pages.

    Inserted in bulk, as rows the factory would write (pages, focus areas, target groups, search
    index entries, the library's rows) without its revisions and aliases: the factory takes about
    9 ms a page, this about a tenth of that. Every third one is about youth, every tenth is for
    members only."""
    areas = list(FocusArea.objects.filter(locale__language_code="en").order_by("position"))
    groups = list(TargetGroup.objects.order_by("position"))
    content_type = ContentType.objects.get_for_model(CaseStudyPage)
    now = timezone.now()
    cities = [membership.city_page for membership in memberships]
    studies = []
    for number in range(count):
        city = cities[number % len(cities)]
        slug = f"practice-{number}"
        studies.append(
            CaseStudyPage(
                title=f"Practice {number}",
                draft_title=f"Practice {number}",
                slug=slug,
                summary="Youth work in schools." if number % 3 == 0 else "Safer streets.",
                period_start=datetime.date(2019 + number % 7, 1, 1),
                status=["planned", "ongoing", "completed"][number % 3],
                evidence_level=["idea", "implemented", "evaluated", "externally_evaluated"][
                    number % 4
                ],
                visibility=Visibility.MEMBERS if number % 10 == 9 else Visibility.PUBLIC,
                content_type=content_type,
                path=Page._get_path(city.path, city.depth + 1, number // len(cities) + 1),
                depth=city.depth + 1,
                url_path=f"{city.url_path}{slug}/",
                locale_id=city.locale_id,
                translation_key=uuid.uuid4(),
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
            )
        )
    base_fields = [field for field in Page._meta.concrete_fields if not field.primary_key]
    pages = Page.objects.bulk_create(
        Page(**{field.attname: getattr(study, field.attname) for field in base_fields})
        for study in studies
    )
    for study, page in zip(studies, pages, strict=True):
        study.pk = study.page_ptr_id = page.pk
        # The case study's own table only, as loaddata saves (Django has no bulk_create for
        # multi-table inheritance).
        study.save_base(raw=True, force_insert=True)
    focus_areas = CaseStudyPage.focus_areas.through
    focus_areas.objects.bulk_create(
        focus_areas(casestudypage_id=study.pk, focusarea_id=areas[number % len(areas)].pk)
        for number, study in enumerate(studies)
    )
    target_groups = CaseStudyPage.target_groups.through
    target_groups.objects.bulk_create(
        target_groups(casestudypage_id=study.pk, targetgroup_id=groups[number % len(groups)].pk)
        for number, study in enumerate(studies)
    )
    for city in cities:
        Page.objects.filter(pk=city.pk).update(numchild=F("numchild") + count // len(cities))
    get_search_backend().add_bulk(CaseStudyPage, studies)
    # The library's rows, as publishing writes them (knowledge.signals).
    library_entries_sync(pages=CaseStudyPage.objects.filter(slug__startswith="practice-"))
    if connection.vendor == "postgresql":
        # Planner statistics for the new rows, as autovacuum keeps them in production: without
        # them PostgreSQL takes 5,000 rows for one and nests loops for seconds.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


class TestQueryBudget:
    """/knowledge/ runs the same number of queries with 50 and with 5,000 case studies."""

    @pytest.mark.parametrize("count", [50, 5000])
    def test_the_library_with_filters_and_with_a_search(
        self, client, site_tree, django_assert_num_queries, count
    ):
        knowledge_index()
        cities = [
            member_city(name) for name in ("Oslo", "Stockholm", "Malmö", "Helsinki", "Reykjavík")
        ]
        many_case_studies(cities, count)
        # The menu, the site root paths, and the member cities and focus areas the URLs name
        # (``library_listing``) are cached from here on.
        client.get("/en/knowledge/")

        # Wagtail's serve: the site, home page, the library page and view restrictions from the
        # page tree's memo (core.page_tree). The library: the facet counts with the total (one
        # UNION ALL), the page of cards with their focus areas, the resources (3). The
        # translations' URLs for hreflang come from the cache.
        with django_assert_num_queries(3):
            response = client.get("/en/knowledge/?focus_area=safe-online-sphere&country=SE")
        library = response.context["library"]
        chosen = [n for n in range(count) if n % 6 == 1 and n % 5 in (1, 2) and n % 10 != 9]
        assert library.total == len(chosen)
        # Newest first (the latest year, then the latest added): Stockholm's and Malmö's public
        # practices in the Safe Online Sphere.
        newest = sorted(chosen, key=lambda n: (n % 7, n), reverse=True)[:20]
        assert [card.title for card in library.results] == [f"Practice {n}" for n in newest]
        assert {(card.country, card.city) for card in library.results} == {
            ("Sweden", "Stockholm"),
            ("Sweden", "Malmö"),
        }
        assert all(card.focus_areas == ["Safe Online Sphere"] for card in library.results)

        # The same (3), and the search (the ids of the matches in rank order) and, to keep the
        # search's order, the ids of the selection (2).
        with django_assert_num_queries(5):
            response = client.get("/en/knowledge/?q=youth&status=planned")
        library = response.context["library"]
        found = [n for n in range(count) if n % 3 == 0 and n % 10 != 9]
        assert library.total == len(found)
        assert len(library.results) == min(20, library.total)
        # Each card is one of them: planned youth work, in the search's order.
        assert {card.title for card in library.results} <= {f"Practice {n}" for n in found}
        assert {(card.summary, card.status) for card in library.results} == {
            ("Youth work in schools.", "Planned")
        }

    def test_the_facet_counts_read_the_library_rows_and_no_page_table(self, client, site_tree):
        if connection.vendor != "postgresql":
            pytest.skip("reads PostgreSQL's query plan (EXPLAIN)")
        knowledge_index()
        many_case_studies([member_city("Oslo"), member_city("Stockholm")], 5000)
        client.get("/en/knowledge/")

        with CaptureQueriesContext(connection) as queries:
            client.get("/en/knowledge/?focus_area=safe-online-sphere&country=SE")

        counts = [query["sql"] for query in queries if " UNION ALL " in query["sql"]]
        assert len(counts) == 1
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN {counts[0]}")
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert "knowledge_libraryentry" in plan
        assert "wagtailcore_page" not in plan, plan
