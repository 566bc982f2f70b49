"""The channels that leave the site: RSS and Atom feeds, the sitemap and the public JSON API."""

import datetime
import xml.etree.ElementTree as ET
from types import SimpleNamespace

import pytest

from django.core.cache import cache

from cities.models import MembershipStatus
from knowledge.models import CaseStudyPage, CaseStudyStatus, EvidenceLevel, Visibility
from tests.factories.cities import member_city
from tests.factories.knowledge import case_study, knowledge_index
from tests.worlds import once_per_class

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"

CITY_FIELDS = {
    "name",
    "slug",
    "country",
    "latitude",
    "longitude",
    "population",
    "website",
    "url",
    "member_since",
}
CASE_STUDY_FIELDS = {
    "id",
    "title",
    "slug",
    "url",
    "language",
    "summary",
    "city",
    "country",
    "focus_areas",
    "target_groups",
    "status",
    "evidence_level",
    "period_start",
    "period_end",
    "first_published_at",
}


def _published(month: int, day: int = 1) -> datetime.datetime:
    return datetime.datetime(2025, month, day, 9, 0, tzinfo=datetime.UTC)


def _network():
    """Two active member cities with three public case studies, and everything that must stay
    out: a former member's case study, a draft and a members-only case study."""
    knowledge_index()
    oslo = member_city(
        "Oslo",
        country="NO",
        population=717710,
        website="https://www.oslo.kommune.no",
        contact_name="Kari Nordmann",
        contact_email="kari@oslo.kommune.no",
        contact_phone="+47 21 80 21 80",
    )
    stockholm = member_city("Stockholm", country="SE", latitude="59.3293", longitude="18.0686")
    former = member_city("Formerby", country="DK", status=MembershipStatus.FORMER)
    return SimpleNamespace(
        oslo=oslo,
        stockholm=stockholm,
        night_walks=case_study(
            oslo,
            "Night walks",
            focus_areas=("safe-urban-space",),
            first_published_at=_published(1, 10),
            contact_name="Ola Nordmann",
            contact_email="ola@oslo.kommune.no",
        ),
        online_mentors=case_study(
            stockholm,
            "Online mentors",
            focus_areas=("safe-online-sphere",),
            target_groups=("online-communities", "schools"),
            first_published_at=_published(2),
        ),
        parents=case_study(
            oslo,
            "Parents' network",
            summary="Parents meet & talk <together>.",
            focus_areas=("strong-families", "safe-communities"),
            target_groups=("families",),
            status=CaseStudyStatus.COMPLETED,
            evidence_level=EvidenceLevel.EVALUATED,
            period_start=datetime.date(2022, 9, 1),
            period_end=datetime.date(2024, 6, 30),
            first_published_at=_published(3),
        ),
        former_practice=case_study(former, "Former practice", first_published_at=_published(4)),
        draft=case_study(oslo, "Unfinished draft", publish=False),
        members_only=case_study(
            oslo,
            "Exit talks",
            visibility=Visibility.MEMBERS,
            first_published_at=_published(5),
        ),
    )


network, network_built = once_per_class("network", _network)


def _xml(response) -> ET.Element:
    assert response.status_code == 200, response.status_code
    return ET.fromstring(response.content)


def _rss_items(response) -> list[ET.Element]:
    return _xml(response).findall("./channel/item")


def _atom_entries(response) -> list[ET.Element]:
    return _xml(response).findall(f"{ATOM}entry")


def _sitemap(response) -> dict[str, dict[str, str]]:
    """Each listed URL with its alternates: {loc: {hreflang: href}}."""
    return {
        url.findtext(f"{SITEMAP}loc"): {
            link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")
        }
        for url in _xml(response).findall(f"{SITEMAP}url")
    }


class TestFeeds:
    def test_the_rss_feed_lists_the_public_case_studies_of_active_members_newest_first(
        self, client, network
    ):
        response = client.get("/feeds/case-studies/rss/")

        assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
        channel = _xml(response).find("channel")
        assert channel.findtext("title") == "Nordic Safe Cities: new case studies"
        assert channel.findtext("link") == "http://localhost/en/knowledge/"
        assert channel.findtext("language") == "en"
        items = channel.findall("item")
        assert [item.findtext("title") for item in items] == [
            "Parents' network",
            "Online mentors",
            "Night walks",
        ]
        parents = items[0]
        assert parents.findtext("link") == "http://localhost/en/cities/oslo/parents-network/"
        assert parents.findtext("description") == "Parents meet & talk <together>."
        assert parents.findtext("pubDate") == "Sat, 01 Mar 2025 09:00:00 +0000"
        assert [category.text for category in parents.findall("category")] == [
            "Strong Families",
            "Safe Communities",
        ]

    def test_the_atom_feed_holds_the_same_entries_as_atom(self, client, network):
        response = client.get("/feeds/case-studies/atom/")

        assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
        feed = _xml(response)
        assert feed.tag == f"{ATOM}feed"
        assert feed.findtext(f"{ATOM}title") == "Nordic Safe Cities: new case studies"
        assert (
            feed.find(f"{ATOM}link[@rel='self']").get("href")
            == "http://testserver/feeds/case-studies/atom/"
        )
        entries = feed.findall(f"{ATOM}entry")
        assert [entry.findtext(f"{ATOM}title") for entry in entries] == [
            "Parents' network",
            "Online mentors",
            "Night walks",
        ]
        mentors = entries[1]
        assert (
            mentors.find(f"{ATOM}link[@rel='alternate']").get("href")
            == "http://localhost/en/cities/stockholm/online-mentors/"
        )
        assert mentors.findtext(f"{ATOM}summary") == network.online_mentors.summary
        assert mentors.findtext(f"{ATOM}published").startswith("2025-02-01T09:00:00")
        assert [category.get("term") for category in mentors.findall(f"{ATOM}category")] == [
            "Safe Online Sphere"
        ]

    @pytest.mark.parametrize("kind", ["rss", "atom"])
    def test_a_focus_area_feed_holds_only_the_case_studies_of_that_area(
        self, client, network, kind
    ):
        response = client.get(f"/feeds/case-studies/strong-families/{kind}/")

        root = _xml(response)
        if kind == "rss":
            title = root.findtext("channel/title")
            titles = [item.findtext("title") for item in root.findall("channel/item")]
        else:
            title = root.findtext(f"{ATOM}title")
            titles = [entry.findtext(f"{ATOM}title") for entry in root.findall(f"{ATOM}entry")]
        assert title == "Nordic Safe Cities: new case studies in Strong Families"
        assert titles == ["Parents' network"]

    def test_a_focus_area_feed_of_an_area_without_case_studies_is_empty_but_valid(
        self, client, network
    ):
        assert _rss_items(client.get("/feeds/case-studies/safe-public-institutions/rss/")) == []

    @pytest.mark.parametrize(
        "url", ["/feeds/case-studies/no-such-area/rss/", "/feeds/case-studies/no-such-area/atom/"]
    )
    def test_an_unknown_focus_area_has_no_feed(self, client, network, url):
        assert client.get(url).status_code == 404

    def test_lang_gives_the_feed_of_that_language_tree(self, client, network):
        response = client.get("/feeds/case-studies/rss/?lang=da")

        channel = _xml(response).find("channel")
        assert channel.findtext("language") == "da"
        assert channel.findtext("link") == "http://localhost/da/knowledge/"
        items = channel.findall("item")
        assert [item.findtext("link") for item in items] == [
            "http://localhost/da/cities/oslo/parents-network/",
            "http://localhost/da/cities/stockholm/online-mentors/",
            "http://localhost/da/cities/oslo/night-walks/",
        ]
        # The Danish copies are aliases: they keep their original's publication date.
        assert items[0].findtext("pubDate") == "Sat, 01 Mar 2025 09:00:00 +0000"
        assert [category.text for category in items[0].findall("category")] == [
            "Stærke familier",
            "Trygge lokalsamfund",
        ]

    def test_a_language_the_portal_does_not_have_has_no_feed(self, client, network):
        assert client.get("/feeds/case-studies/rss/?lang=de").status_code == 404


class TestFeedsAtVolume:
    """Feeds at volume: on data of their own, not the class's network."""

    def test_the_feed_holds_the_thirty_newest(self, client, site_tree):
        oslo = member_city("Oslo")
        for number in range(32):
            case_study(
                oslo,
                f"Practice {number:02d}",
                aliases=False,
                first_published_at=_published(1) + datetime.timedelta(days=number),
            )

        titles = [
            item.findtext("title") for item in _rss_items(client.get("/feeds/case-studies/rss/"))
        ]

        assert len(titles) == 30
        assert titles[0] == "Practice 31"
        assert titles[-1] == "Practice 02"

    @pytest.mark.parametrize("amount", [3, 40])
    @pytest.mark.parametrize(
        "url", ["/feeds/case-studies/atom/", "/feeds/case-studies/safe-urban-space/rss/"]
    )
    def test_a_feed_runs_the_same_queries_whatever_the_amount_of_data(
        self, client, site_tree, django_assert_num_queries, amount, url
    ):
        knowledge_index()
        oslo = member_city("Oslo")
        for _number in range(amount):
            case_study(oslo, aliases=False, first_published_at=_published(1))
        cache.clear()
        # The focus areas in the feed's language (to find the feed's area and name the
        # categories) (1); the library page for the feed's link (1); the view restrictions
        # behind public() (1); the case studies with their city (1) and their focus areas (1);
        # on a cold cache, the site root paths for the URLs: sites, root page translations (2).
        with django_assert_num_queries(7):
            response = client.get(url)
        assert len(_xml(response)) > 0
        # Warm: the site root paths come from the cache.
        with django_assert_num_queries(5):
            client.get(url)


class TestSitemap:
    def test_the_sitemap_lists_every_language_tree_with_its_alternates(self, client, network):
        urls = _sitemap(client.get("/sitemap.xml"))

        english = "http://localhost/en/cities/oslo/night-walks/"
        swedish = "http://localhost/sv/cities/oslo/night-walks/"
        assert english in urls
        assert swedish in urls
        expected = {
            code: f"http://localhost/{code}/cities/oslo/night-walks/"
            for code in ("en", "da", "sv", "nb", "fi", "is")
        } | {"x-default": english}
        assert urls[english] == expected
        assert urls[swedish] == expected
        assert urls["http://localhost/fi/"]["en"] == "http://localhost/en/"

    def test_a_draft_is_in_no_language(self, client, network):
        urls = _sitemap(client.get("/sitemap.xml"))
        listed = [*urls, *(href for links in urls.values() for href in links.values())]

        assert any("/night-walks/" in url for url in listed)
        assert not any("/unfinished-draft/" in url for url in listed)


class TestSitemapAtVolume:
    """Sitemap at volume: on data of their own, not the class's network."""

    @pytest.mark.parametrize("amount", [2, 20])
    def test_the_sitemap_runs_the_same_queries_whatever_the_amount_of_data(
        self, client, site_tree, django_assert_num_queries, amount
    ):
        knowledge_index()
        oslo = member_city("Oslo")
        for _number in range(amount):
            case_study(oslo)
        cache.clear()
        # The locales (1); the site for the request (1); the translations of its root page (1);
        # the view restrictions behind public() (1); the pages (1); then each page type's own
        # fields: home, standard, cities index, city, case study, knowledge index (6); on a cold
        # cache, the site root paths for the URLs: sites, root page translations (2).
        with django_assert_num_queries(13):
            response = client.get("/sitemap.xml")
        assert len(_sitemap(response)) == 6 * (7 + amount)


class TestCityApi:
    def test_the_list_gives_the_public_facts_of_active_member_cities(self, client, network):
        response = client.get("/api/cities/")

        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"
        data = response.json()
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
        body = (
            client.get("/api/cities/").content.decode()
            + client.get("/api/cities/oslo/").content.decode()
        )

        assert "Kari" not in body
        assert "kari@oslo.kommune.no" not in body
        assert "+47 21 80 21 80" not in body

    def test_one_city_by_its_slug_in_a_language(self, client, network):
        response = client.get("/api/cities/stockholm/?lang=sv")

        assert response.status_code == 200
        assert response.json()["url"] == "http://localhost/sv/cities/stockholm/"

    @pytest.mark.parametrize("slug", ["formerby", "no-such-city"])
    def test_a_city_that_is_not_an_active_member_is_not_found(self, client, network, slug):
        response = client.get(f"/api/cities/{slug}/")

        assert response.status_code == 404
        assert response.json() == {"error": "No active member city with that slug."}


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


class TestCaseStudyApi:
    def test_the_list_gives_public_fields_of_public_case_studies_only(self, client, network):
        data = client.get("/api/case-studies/").json()

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

    def test_no_contact_details_leave_through_the_api(self, client, network):
        body = client.get("/api/case-studies/").content.decode()
        body += client.get(f"/api/case-studies/{network.night_walks.pk}/").content.decode()

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
        data = client.get(f"/api/case-studies/?{query}").json()

        assert [record["title"] for record in data["results"]] == titles
        assert data["count"] == len(titles)

    def test_lang_gives_the_case_studies_of_that_language_tree(self, client, network):
        data = client.get("/api/case-studies/?lang=nb&city=stockholm").json()

        (mentors,) = data["results"]
        assert mentors["language"] == "nb"
        assert mentors["url"] == "http://localhost/nb/cities/stockholm/online-mentors/"
        assert mentors["first_published_at"] == "2025-02-01T09:00:00Z"
        assert mentors["id"] != network.online_mentors.pk

    def test_a_language_the_portal_does_not_have_is_a_bad_request(self, client, network):
        response = client.get("/api/case-studies/?lang=de")

        assert response.status_code == 400
        assert "en, da, sv, nb, fi, is" in response.json()["error"]

    @pytest.mark.parametrize(("number", "status"), [("2", 404), ("0", 400), ("two", 400)])
    def test_a_page_that_is_not_there_is_an_error(self, client, network, number, status):
        assert client.get(f"/api/case-studies/?page={number}").status_code == status

    def test_one_case_study_by_its_id(self, client, network):
        swedish = CaseStudyPage.objects.get(
            translation_key=network.night_walks.translation_key, locale__language_code="sv"
        )

        response = client.get(f"/api/case-studies/{swedish.pk}/")

        assert response.status_code == 200
        record = response.json()
        assert set(record) == CASE_STUDY_FIELDS
        assert record["language"] == "sv"
        assert record["url"] == "http://localhost/sv/cities/oslo/night-walks/"
        assert record["focus_areas"] == ["safe-urban-space"]

    @pytest.mark.parametrize("which", ["draft", "former_practice"])
    def test_a_draft_or_a_former_members_case_study_is_not_found(self, client, network, which):
        response = client.get(f"/api/case-studies/{getattr(network, which).pk}/")

        assert response.status_code == 404
        assert response.json() == {"error": "No public case study with that id."}

    def test_the_api_only_answers_get(self, client, network):
        assert client.post("/api/case-studies/").status_code == 405
        assert client.delete(f"/api/case-studies/{network.parents.pk}/").status_code == 405


class TestCaseStudyApiAtVolume:
    """CaseStudyApi at volume: on data of their own, not the class's network."""

    def test_the_list_comes_fifty_at_a_time_with_links_to_the_next_and_previous_pages(
        self, client, site_tree
    ):
        oslo = member_city("Oslo")
        for number in range(51):
            case_study(
                oslo,
                f"Practice {number:02d}",
                aliases=False,
                first_published_at=_published(1) + datetime.timedelta(days=number),
            )

        first = client.get("/api/case-studies/?city=oslo").json()
        second = client.get(first["next"]).json()

        assert first["count"] == 51
        assert len(first["results"]) == 50
        assert first["previous"] is None
        assert first["next"] == "http://testserver/api/case-studies/?city=oslo&page=2"
        assert [record["title"] for record in second["results"]] == ["Practice 00"]
        assert second["next"] is None
        assert second["previous"] == "http://testserver/api/case-studies/?city=oslo&page=1"

    @pytest.mark.parametrize("amount", [3, 60])
    def test_the_list_runs_the_same_queries_whatever_the_amount_of_data(
        self, client, site_tree, django_assert_num_queries, amount
    ):
        oslo = member_city("Oslo")
        for _number in range(amount):
            case_study(oslo, focus_areas=("safe-urban-space", "safe-communities"), aliases=False)
        cache.clear()
        # The view restrictions behind public() (1); the count (1); the page of case studies
        # with their locale, city and country (1); their focus areas (1); their target groups
        # (1); on a cold cache, the site root paths for the URLs (2).
        with django_assert_num_queries(7):
            response = client.get("/api/case-studies/?focus_area=safe-urban-space&country=NO")
        assert response.json()["count"] == amount

    @pytest.mark.parametrize("amount", [3, 60])
    def test_the_detail_runs_the_same_queries_whatever_the_amount_of_data(
        self, client, site_tree, django_assert_num_queries, amount
    ):
        oslo = member_city("Oslo")
        pages = [case_study(oslo, aliases=False) for _number in range(amount)]
        client.get(f"/api/case-studies/{pages[0].pk}/")
        # The view restrictions (1); the case study with its locale, city and country (1); its
        # focus areas (1); its target groups (1). The site root paths are cached by now.
        with django_assert_num_queries(4):
            response = client.get(f"/api/case-studies/{pages[-1].pk}/")
        assert response.status_code == 200
