"""The channels that leave the site: RSS and Atom feeds and the sitemap (the public JSON API is
``test_api.py``, on the same network)."""

import datetime
import xml.etree.ElementTree as ET
from types import SimpleNamespace

import pytest

from django.core.cache import cache

from cities.models import MembershipStatus
from knowledge.models import CaseStudyStatus, EvidenceLevel, Visibility
from tests.factories.cities import coordinator_of, member_city
from tests.factories.knowledge import case_study, knowledge_index
from tests.worlds import once_per_class

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def published(month: int, day: int = 1) -> datetime.datetime:
    return datetime.datetime(2025, month, day, 9, 0, tzinfo=datetime.UTC)


def build_network():
    """Two active member cities with three public case studies, and everything that must stay
    out: a former member's case study, a draft and a members-only case study, the contact
    details of a city and of a case study, Oslo's coordinator."""
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
        oslo_coordinator=coordinator_of(
            oslo, name="Kari Koordinator", email="kari.koordinator@oslo.kommune.no"
        ),
        stockholm=stockholm,
        night_walks=case_study(
            oslo,
            "Night walks",
            focus_areas=("safe-urban-space",),
            first_published_at=published(1, 10),
            contact_name="Ola Nordmann",
            contact_email="ola@oslo.kommune.no",
        ),
        online_mentors=case_study(
            stockholm,
            "Online mentors",
            focus_areas=("safe-online-sphere",),
            target_groups=("online-communities", "schools"),
            first_published_at=published(2),
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
            first_published_at=published(3),
        ),
        former_practice=case_study(former, "Former practice", first_published_at=published(4)),
        draft=case_study(oslo, "Unfinished draft", publish=False),
        members_only=case_study(
            oslo,
            "Exit talks",
            visibility=Visibility.MEMBERS,
            first_published_at=published(5),
        ),
    )


network, network_built = once_per_class("network", build_network)


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
                first_published_at=published(1) + datetime.timedelta(days=number),
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
            case_study(oslo, aliases=False, first_published_at=published(1))
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
