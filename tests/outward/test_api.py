"""The public JSON API (``/api/``, django-ninja): active member cities and public case studies,
public fields only, errors as JSON (its OpenAPI schema and docs: ``test_api_schema.py``)."""

import datetime
import json

import pytest

from django.core.cache import cache

from demo.bulk import side_work_deferred
from knowledge.models import CaseStudyPage
from tests.factories.accounts import sign_in
from tests.factories.cities import member_city
from tests.factories.knowledge import case_study
from tests.outward.test_outward import build_network, published
from tests.worlds import once_per_class

pytestmark = pytest.mark.django_db

# The network of the feeds' and sitemap's tests, with everything that must stay out.
network, network_built = once_per_class("network", build_network)

LANGUAGES = ["en", "da", "sv", "nb", "fi", "is"]
UNKNOWN_LANGUAGE = {"error": "Unknown language: use one of en, da, sv, nb, fi, is"}
BAD_PAGE = {"error": "The page must be a whole number from 1."}
NO_SUCH_PAGE = {"error": "There is no such page."}
EMPTY_LIST = {"count": 0, "next": None, "previous": None, "results": []}
CITY_FIELDS = {
    "name", "slug", "country", "latitude", "longitude", "population", "website", "url",
    "member_since",
}  # fmt: skip
CASE_STUDY_FIELDS = {
    "id", "title", "slug", "url", "language", "summary", "city", "country", "focus_areas",
    "target_groups", "status", "evidence_level", "period_start", "period_end",
    "first_published_at",
}  # fmt: skip
HOSTILE = {
    "2**63": str(2**63),
    "10**30": str(10**30),
    "-1": "-1",
    "markup": "<script>alert(1)</script>",
    "NUL": "\x00",
    "60,000 characters": "9" * 60_000,
    "RTL override": "\u202etxt.exe",
    "path traversal": "../../etc/passwd",
}


def json_body(response, status: int = 200) -> dict:
    """The body of an API answer, which is JSON whatever its status."""
    assert response.status_code == status, (response.status_code, response.content[:300])
    assert response["Content-Type"] == "application/json"
    return response.json()


def _all_responses(client, network) -> str:
    """Every kind of API answer about the network, as one text."""
    addresses = [
        "/api/cities/",
        "/api/cities/oslo/",
        "/api/case-studies/",
        f"/api/case-studies/{network.night_walks.pk}/",
        f"/api/case-studies/{network.members_only.pk}/",
    ]
    return "".join(client.get(address).content.decode() for address in addresses)


class TestCityApi:
    def test_the_list_gives_the_public_facts_of_active_member_cities(self, client, network):
        data = json_body(client.get("/api/cities/"))

        assert data["count"] == 2
        oslo, stockholm = data["results"]
        assert set(oslo) == CITY_FIELDS
        assert oslo == {
            "name": "Oslo",
            "slug": "oslo",
            "country": "NO",
            "latitude": 59.9139,
            "longitude": 10.7522,
            "population": 717710,
            "website": "https://www.oslo.kommune.no",
            "url": "http://localhost/en/cities/oslo/",
            "member_since": network.oslo.joined_on.isoformat(),
        }
        assert stockholm["slug"] == "stockholm"

    def test_no_contact_details_leave_through_the_api(self, client, network):
        body = _all_responses(client, network)

        assert "Kari" not in body
        assert "kari@oslo.kommune.no" not in body
        assert "+47 21 80 21 80" not in body
        assert "kari.koordinator@oslo.kommune.no" not in body

    def test_one_city_by_its_slug_in_a_language(self, client, network):
        data = json_body(client.get("/api/cities/stockholm/?lang=sv"))

        assert set(data) == CITY_FIELDS
        assert data["url"] == "http://localhost/sv/cities/stockholm/"

    @pytest.mark.parametrize("slug", ["formerby", "no-such-city"])
    def test_a_city_that_is_not_an_active_member_is_not_found(self, client, network, slug):
        response = client.get(f"/api/cities/{slug}/")

        assert json_body(response, 404) == {"error": "No active member city with that slug."}

    def test_an_empty_lang_is_the_default_language(self, client, network):
        data = json_body(client.get("/api/cities/oslo/?lang="))

        assert data["url"] == "http://localhost/en/cities/oslo/"


class TestCityApiAtVolume:
    """CityApi at volume: on data of their own, not the class's network."""

    @pytest.mark.parametrize("amount", [2, 12])
    def test_the_list_runs_the_same_queries_whatever_the_amount_of_data(
        self, client, site_tree, django_assert_num_queries, amount
    ):
        for number in range(amount):
            member_city(f"Town {number:02d}")
        cache.clear()
        # The locale (1); the view restrictions behind public() (1); the cities with their
        # country and date of joining (1); on a cold cache, the site root paths (2).
        with django_assert_num_queries(5):
            response = client.get("/api/cities/?lang=fi")
        assert response.json()["count"] == amount

    def test_names_keep_their_letters_as_utf_8(self, client, site_tree):
        member_city("Malmö")

        response = client.get("/api/cities/malmo/")

        assert response["Content-Type"] == "application/json"
        assert '"name": "Malmö"' in response.content.decode("utf-8")


class TestCaseStudyApi:
    def test_the_list_gives_public_fields_of_public_case_studies_only(self, client, network):
        data = json_body(client.get("/api/case-studies/"))

        assert data["count"] == 3
        assert data["next"] is None
        assert data["previous"] is None
        assert [record["title"] for record in data["results"]] == [
            "Parents' network",
            "Online mentors",
            "Night walks",
        ]
        parents = data["results"][0]
        assert set(parents) == CASE_STUDY_FIELDS
        assert parents == {
            "id": network.parents.pk,
            "title": "Parents' network",
            "slug": "parents-network",
            "url": "http://localhost/en/cities/oslo/parents-network/",
            "language": "en",
            "summary": "Parents meet & talk <together>.",
            "city": "oslo",
            "country": "NO",
            "focus_areas": ["strong-families", "safe-communities"],
            "target_groups": ["families"],
            "status": "completed",
            "evidence_level": "evaluated",
            "period_start": "2022-09-01",
            "period_end": "2024-06-30",
            "first_published_at": "2025-03-01T09:00:00Z",
        }

    def test_the_answer_is_the_same_json_text_as_before_the_move_to_ninja(self, client, network):
        """Byte for byte what the hand-written views sent: UTF-8, Python's separators, keys in
        the order of the records."""
        response = client.get(f"/api/case-studies/{network.parents.pk}/")

        expected = json.dumps(response.json(), ensure_ascii=False).encode()
        assert response.content == expected
        assert list(response.json())[:3] == ["id", "title", "slug"]

    def test_no_contact_details_leave_through_the_api(self, client, network):
        body = _all_responses(client, network)

        assert "Ola Nordmann" not in body
        assert "ola@oslo.kommune.no" not in body

    @pytest.mark.parametrize(
        ("query", "titles"),
        [
            ("focus_area=safe-communities", ["Parents' network"]),
            ("country=se", ["Online mentors"]),
            ("city=oslo", ["Parents' network", "Night walks"]),
            ("city=oslo&focus_area=safe-urban-space", ["Night walks"]),
            ("country=DK", []),
            ("focus_area=no-such-area", []),
        ],
    )
    def test_the_list_filters_by_focus_area_country_and_city(self, client, network, query, titles):
        data = json_body(client.get(f"/api/case-studies/?{query}"))

        assert [record["title"] for record in data["results"]] == titles
        assert data["count"] == len(titles)

    def test_lang_gives_the_case_studies_of_that_language_tree(self, client, network):
        data = json_body(client.get("/api/case-studies/?lang=nb&city=stockholm"))

        (mentors,) = data["results"]
        assert mentors["language"] == "nb"
        assert mentors["url"] == "http://localhost/nb/cities/stockholm/online-mentors/"
        assert mentors["first_published_at"] == "2025-02-01T09:00:00Z"
        assert mentors["id"] != network.online_mentors.pk

    def test_a_language_the_portal_does_not_have_is_a_bad_request(self, client, network):
        response = client.get("/api/case-studies/?lang=de")

        assert json_body(response, 400) == UNKNOWN_LANGUAGE

    @pytest.mark.parametrize(
        ("number", "status", "error"),
        [("2", 404, NO_SUCH_PAGE), ("0", 400, BAD_PAGE), ("two", 400, BAD_PAGE)],
    )
    def test_a_page_that_is_not_there_is_an_error(self, client, network, number, status, error):
        assert json_body(client.get(f"/api/case-studies/?page={number}"), status) == error

    def test_one_case_study_by_its_id(self, client, network):
        swedish = CaseStudyPage.objects.get(
            translation_key=network.night_walks.translation_key, locale__language_code="sv"
        )

        record = json_body(client.get(f"/api/case-studies/{swedish.pk}/"))

        assert set(record) == CASE_STUDY_FIELDS
        assert record["language"] == "sv"
        assert record["url"] == "http://localhost/sv/cities/oslo/night-walks/"
        assert record["focus_areas"] == ["safe-urban-space"]

    @pytest.mark.parametrize("which", ["draft", "former_practice", "members_only"])
    def test_a_draft_a_former_members_or_a_members_only_case_study_is_not_found(
        self, client, network, which
    ):
        response = client.get(f"/api/case-studies/{getattr(network, which).pk}/")

        assert json_body(response, 404) == {"error": "No public case study with that id."}

    def test_the_api_only_answers_get(self, client, network):
        assert client.post("/api/case-studies/").status_code == 405
        assert client.delete(f"/api/case-studies/{network.parents.pk}/").status_code == 405
        assert client.put("/api/cities/oslo/").status_code == 405


class TestMembersOnlyThroughTheApi:
    """A members-only case study is for signed-in network members on the site: the API, which
    anyone may read, never gives it, in any language tree, even to a member who is signed in."""

    @pytest.mark.parametrize("language", LANGUAGES)
    def test_the_list_leaves_it_out_in_every_language(self, client, network, language):
        data = json_body(client.get(f"/api/case-studies/?lang={language}&city=oslo"))

        assert data["count"] == 2
        assert "exit-talks" not in json.dumps(data)

    def test_no_copy_of_it_is_found_by_its_id(self, client, network):
        copies = CaseStudyPage.objects.filter(translation_key=network.members_only.translation_key)
        assert copies.count() == len(LANGUAGES)

        for copy in copies:
            response = client.get(f"/api/case-studies/{copy.pk}/")

            assert json_body(response, 404) == {"error": "No public case study with that id."}

    def test_a_signed_in_coordinator_of_its_city_does_not_get_it_either(self, client, network):
        sign_in(client, network.oslo_coordinator)

        listed = json_body(client.get("/api/case-studies/?city=oslo"))
        one = client.get(f"/api/case-studies/{network.members_only.pk}/")

        assert [record["title"] for record in listed["results"]] == [
            "Parents' network",
            "Night walks",
        ]
        assert one.status_code == 404


class TestCaseStudyApiAtVolume:
    """CaseStudyApi at volume: on data of their own, not the class's network."""

    def test_the_list_comes_fifty_at_a_time_with_links_to_the_next_and_previous_pages(
        self, client, site_tree
    ):
        oslo = member_city("Oslo")
        with side_work_deferred():
            for number in range(51):
                case_study(
                    oslo,
                    f"Practice {number:02d}",
                    aliases=False,
                    first_published_at=published(1) + datetime.timedelta(days=number),
                )

        first = json_body(client.get("/api/case-studies/?city=oslo"))
        second = json_body(client.get(first["next"]))

        assert first["count"] == 51
        assert len(first["results"]) == 50
        assert first["previous"] is None
        assert first["next"] == "http://testserver/api/case-studies/?city=oslo&page=2"
        assert [record["title"] for record in second["results"]] == ["Practice 00"]
        assert second["count"] == 51
        assert second["next"] is None
        assert second["previous"] == "http://testserver/api/case-studies/?city=oslo&page=1"

    @pytest.mark.parametrize("amount", [3, 60])
    def test_the_list_runs_the_same_queries_whatever_the_amount_of_data(
        self, client, site_tree, django_assert_num_queries, amount
    ):
        oslo = member_city("Oslo")
        with side_work_deferred():
            for _number in range(amount):
                case_study(
                    oslo, focus_areas=("safe-urban-space", "safe-communities"), aliases=False
                )
        cache.clear()
        # The view restrictions behind public() (1); the count (1); the page of case studies
        # with their locale, city and country (1); their focus areas (1); their target groups
        # (1); on a cold cache, the site root paths for the URLs (2).
        with django_assert_num_queries(7):
            response = client.get("/api/case-studies/?focus_area=safe-urban-space&country=NO")
        assert response.json()["count"] == amount
        # Warm: the site root paths come from the cache.
        with django_assert_num_queries(5):
            client.get("/api/case-studies/?focus_area=safe-urban-space&country=NO&page=1")

    @pytest.mark.parametrize("amount", [3, 60])
    def test_the_detail_runs_the_same_queries_whatever_the_amount_of_data(
        self, client, site_tree, django_assert_num_queries, amount
    ):
        oslo = member_city("Oslo")
        with side_work_deferred():
            pages = [case_study(oslo, aliases=False) for _number in range(amount)]
        client.get(f"/api/case-studies/{pages[0].pk}/")
        # The view restrictions (1); the case study with its locale, city and country (1); its
        # focus areas (1); its target groups (1). The site root paths are cached by now.
        with django_assert_num_queries(4):
            response = client.get(f"/api/case-studies/{pages[-1].pk}/")
        assert response.status_code == 200

    def test_a_bad_parameter_is_refused_before_any_query(
        self, client, site_tree, django_assert_num_queries
    ):
        with django_assert_num_queries(0):
            response = client.get("/api/case-studies/?page=-1")
        assert json_body(response, 400) == BAD_PAGE


class TestHostileParameters:
    """Whatever a parameter holds, the answer is JSON: 400 for a value the parameter cannot
    take, 404 for what is not there, an empty list for a filter nothing matches; never a 500."""

    @pytest.mark.parametrize("value", HOSTILE.values(), ids=HOSTILE.keys())
    @pytest.mark.parametrize("address", ["/api/cities/", "/api/cities/oslo/", "/api/case-studies/"])
    def test_a_language_that_is_not_one_of_the_portals_is_a_bad_request(
        self, client, network, address, value
    ):
        assert json_body(client.get(address, {"lang": value}), 400) == UNKNOWN_LANGUAGE

    @pytest.mark.parametrize(
        ("name", "status", "error"),
        [
            ("2**63", 404, NO_SUCH_PAGE),
            ("10**30", 404, NO_SUCH_PAGE),
            ("-1", 400, BAD_PAGE),
            ("markup", 400, BAD_PAGE),
            ("NUL", 400, BAD_PAGE),
            ("60,000 characters", 400, BAD_PAGE),
            ("RTL override", 400, BAD_PAGE),
            ("path traversal", 400, BAD_PAGE),
        ],
    )
    def test_a_page_is_a_whole_number_from_one(self, client, network, name, status, error):
        response = client.get("/api/case-studies/", {"page": HOSTILE[name]})

        assert json_body(response, status) == error

    @pytest.mark.parametrize("value", HOSTILE.values(), ids=HOSTILE.keys())
    @pytest.mark.parametrize("parameter", ["focus_area", "country", "city"])
    def test_a_filter_matches_nothing_or_is_refused_with_its_name(
        self, client, network, parameter, value
    ):
        response = client.get("/api/case-studies/", {parameter: value})

        if value == "\x00" or len(value) > 255:
            error = json_body(response, 400)["error"]
            assert error.startswith(f"Invalid value for {parameter}: ")
            assert value not in error
        else:
            assert json_body(response) == EMPTY_LIST

    @pytest.mark.parametrize("value", ["2**63", "10**30", "-1", "60,000 characters"])
    def test_a_slug_no_city_has_is_not_found(self, client, network, value):
        response = client.get(f"/api/cities/{HOSTILE[value]}/")

        assert json_body(response, 404) == {"error": "No active member city with that slug."}

    @pytest.mark.parametrize("number", [0, 10**18 - 1])
    def test_an_id_no_case_study_has_is_not_found(self, client, network, number):
        response = client.get(f"/api/case-studies/{number}/")

        assert json_body(response, 404) == {"error": "No public case study with that id."}

    @pytest.mark.parametrize(
        "address",
        [
            f"/api/case-studies/{2**63}/",
            f"/api/case-studies/{10**30}/",
            "/api/case-studies/-1/",
            "/api/case-studies/%3Cscript%3E/",
            "/api/cities/%3Cscript%3E/",
            "/api/cities/%00/",
            "/api/cities/%E2%80%AEtxt.exe/",
            "/api/cities/../../etc/passwd/",
        ],
    )
    def test_an_address_no_api_route_takes_is_not_found_without_a_language_redirect(
        self, client, network, address
    ):
        """The id converter takes 1 to 18 digits: 2**63 never reaches the database."""
        assert client.get(address).status_code == 404


class TestApiAddressesAndCache:
    def test_the_api_has_no_language_prefix(self, client, network):
        assert client.get("/api/cities/").status_code == 200
        assert client.get("/en/api/cities/").status_code == 404
        assert client.get("/api/no-such-thing/").status_code == 404

    def test_anonymous_answers_come_from_the_page_cache_until_a_case_study_is_published(
        self, client, network, settings
    ):
        """As before ninja: the API is cached like any anonymous page, and emptied by a publish."""
        settings.PAGE_CACHE_SECONDS = 600
        first = client.get("/api/case-studies/")
        second = client.get("/api/case-studies/")
        draft = CaseStudyPage.objects.get(pk=network.draft.pk)
        draft.save_revision().publish()
        third = client.get("/api/case-studies/")

        assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
        assert second.content == first.content
        assert third["X-Page-Cache"] == "miss"
        assert third.json()["count"] == 4

    def test_errors_are_never_cached(self, client, network, settings):
        settings.PAGE_CACHE_SECONDS = 600
        client.get("/api/case-studies/?lang=de")

        assert "X-Page-Cache" not in client.get("/api/case-studies/?lang=de")
