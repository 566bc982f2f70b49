"""A members-only case study never reaches an anonymous visitor, through any channel.

One test per channel: the library's results and its facet counts, site search, the home page,
the RSS, Atom and focus-area feeds, the sitemap, the API's list and detail, the related lists on
another case study's page, the city's page, and the case study's own URL.
"""

import datetime
import xml.etree.ElementTree as ET
from types import SimpleNamespace

import pytest

from django.core.cache import cache

from accounts.models import Role
from knowledge.models import CaseStudyPage, CaseStudyStatus, EvidenceLevel, Visibility
from tests.factories.accounts import UserFactory
from tests.factories.cities import coordinator_of, member_city
from tests.factories.knowledge import case_study, knowledge_index
from tests.worlds import once_per_class

pytestmark = pytest.mark.django_db

SECRET_TITLE = "Exit programme for extremists"
SECRET_SUMMARY = "Confidential exit counselling for people leaving violent groups."
SECRET_SLUG = "exit-programme-for-extremists"
LANGUAGES = ["en", "da", "sv", "nb", "fi", "is"]


def _members_only(membership) -> CaseStudyPage:
    """The members-only case study: in a focus area, target group, status and evidence level
    that no public case study has, so that any count it leaked into would show."""
    return case_study(
        membership,
        SECRET_TITLE,
        summary=SECRET_SUMMARY,
        visibility=Visibility.MEMBERS,
        focus_areas=("safe-urban-space", "strong-families"),
        target_groups=("families",),
        status=CaseStudyStatus.PLANNED,
        evidence_level=EvidenceLevel.IDEA,
        period_start=datetime.date(2019, 5, 1),
    )


def _assert_no_trace(text: str) -> None:
    assert SECRET_TITLE not in text
    assert SECRET_SUMMARY not in text
    assert SECRET_SLUG not in text


def _page_without_it(client, url: str) -> str:
    """The page at ``url`` as the visitor gets it, with no trace of the members-only one."""
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    _assert_no_trace(html)
    return html


def _public():
    """Oslo, a member city, with two public case studies in the same focus area (Safe Urban
    Space, the factory's) for children and for local communities."""
    knowledge_index()
    oslo = member_city("Oslo")
    a_year_earlier = datetime.date(2023, 1, 1)
    mediation = case_study(oslo, "Street mediation programme", period_start=a_year_earlier)
    parks = case_study(oslo, "Safe parks programme", target_groups=("local-communities",))
    return SimpleNamespace(oslo=oslo, mediation=mediation, parks=parks)


def _practices():
    """The public world and the members-only case study of Oslo beside its public ones."""
    world = _public()
    world.secret = _members_only(world.oslo)
    return world


public, public_built = once_per_class("public", _public)
practices, practices_built = once_per_class("practices", _practices)


class TestEveryChannel:
    """A members-only case study of Oslo beside its public ones: every channel leaves it out for
    whoever may not read it, and shows it to whoever may."""

    @pytest.mark.parametrize(
        ("role", "reads_it"),
        [(None, False), ("citizen", False), ("coordinator", True), ("secretariat", True)],
    )
    def test_the_rule_every_channel_uses_lets_only_members_of_the_network_read_it(
        self, practices, role, reads_it
    ):
        from django.contrib.auth.models import AnonymousUser

        people = {
            None: AnonymousUser,
            "citizen": UserFactory,
            "coordinator": lambda: coordinator_of(member_city("Bergen")),
            "secretariat": lambda: UserFactory(role=Role.SECRETARIAT),
        }
        person = people[role]()
        english = CaseStudyPage.objects.filter(locale__language_code="en")

        readable = set(english.readable_by(person).values_list("title", flat=True))
        hidden = set(english.hidden_from(person).values_list("title", flat=True))

        public_titles = {"Street mediation programme", "Safe parks programme"}
        assert readable == (public_titles | {SECRET_TITLE} if reads_it else public_titles)
        assert hidden == (set() if reads_it else {SECRET_TITLE})
        assert practices.secret.is_readable_by(person) is reads_it

    def test_the_library_results_leave_it_out(self, client, practices):
        response = client.get("/en/knowledge/")

        titles = [card.title for card in response.context["library"].results]
        assert sorted(titles) == ["Safe parks programme", "Street mediation programme"]
        _assert_no_trace(response.content.decode())

    def test_the_library_facet_counts_leave_it_out(self, client, practices):
        def counts(library):
            return {
                (facet.param, option.value): option.count
                for facet in library.facets
                for option in facet.options
            }

        anonymous = client.get("/en/knowledge/").context["library"]
        client.force_login(coordinator_of(member_city("Bergen")))
        member = client.get("/en/knowledge/").context["library"]

        assert anonymous.total == 2
        assert counts(anonymous)[("focus_area", "strong-families")] == 0
        assert counts(anonymous)[("focus_area", "safe-urban-space")] == 2
        assert counts(anonymous)[("target_group", "families")] == 0
        assert counts(anonymous).get(("status", "planned"), 0) == 0
        assert counts(anonymous).get(("evidence", "idea"), 0) == 0
        assert counts(anonymous).get(("year", "2019"), 0) == 0
        # A member of the network sees it, and so would the counts if they leaked.
        assert member.total == 3
        assert counts(member)[("focus_area", "strong-families")] == 1

    def test_site_search_leaves_it_out(self, client, practices):
        html = _page_without_it(client, "/en/search/?q=programme")

        assert "Street mediation programme" in html
        assert "Safe parks programme" in html

    @pytest.mark.parametrize("language", ["en", "da"])
    def test_the_rss_feed_leaves_it_out(self, client, practices, language):
        response = client.get(f"/feeds/case-studies/rss/?lang={language}")

        titles = [item.findtext("title") for item in ET.fromstring(response.content).iter("item")]
        assert sorted(titles) == ["Safe parks programme", "Street mediation programme"]
        _assert_no_trace(response.content.decode())

    def test_the_atom_feed_leaves_it_out(self, client, practices):
        response = client.get("/feeds/case-studies/atom/")

        atom = "{http://www.w3.org/2005/Atom}"
        entries = ET.fromstring(response.content).iter(f"{atom}entry")
        titles = sorted(entry.findtext(f"{atom}title") for entry in entries)
        assert titles == ["Safe parks programme", "Street mediation programme"]
        _assert_no_trace(response.content.decode())

    @pytest.mark.parametrize(
        ("focus_area", "titles"),
        [
            ("safe-urban-space", ["Safe parks programme", "Street mediation programme"]),
            ("strong-families", []),
        ],
    )
    def test_the_focus_area_feeds_leave_it_out(self, client, practices, focus_area, titles):
        response = client.get(f"/feeds/case-studies/{focus_area}/rss/")

        found = [item.findtext("title") for item in ET.fromstring(response.content).iter("item")]
        assert sorted(found) == titles
        _assert_no_trace(response.content.decode())

    def test_the_sitemap_leaves_it_out_in_every_language(self, client, practices):
        xml = _page_without_it(client, "/sitemap.xml")

        assert "/en/cities/oslo/street-mediation-programme/" in xml
        # Checked at the source too: the page lists nothing, in any language tree.
        for page in CaseStudyPage.objects.filter(translation_key=practices.secret.translation_key):
            assert page.get_sitemap_urls() == []

    @pytest.mark.parametrize("language", LANGUAGES)
    def test_the_api_list_leaves_it_out(self, client, practices, language):
        response = client.get(f"/api/case-studies/?lang={language}&focus_area=safe-urban-space")

        data = response.json()
        assert data["count"] == 2
        assert sorted(record["title"] for record in data["results"]) == [
            "Safe parks programme",
            "Street mediation programme",
        ]
        _assert_no_trace(response.content.decode())

    def test_the_api_detail_of_it_is_not_found_in_any_language(self, client, practices):
        copies = CaseStudyPage.objects.filter(translation_key=practices.secret.translation_key)
        assert copies.count() == len(LANGUAGES)

        for page in copies:
            response = client.get(f"/api/case-studies/{page.pk}/")

            assert response.status_code == 404
            _assert_no_trace(response.content.decode())

    def test_the_related_lists_of_another_case_study_leave_it_out(self, client, practices):
        html = _page_without_it(client, practices.mediation.url)

        assert "Safe parks programme" in html

    def test_the_city_page_leaves_it_out(self, client, practices):
        html = _page_without_it(client, "/en/cities/oslo/")

        assert "Street mediation programme" in html

    @pytest.mark.parametrize(
        ("visitor", "status"),
        [
            ("anonymous", 302),
            ("public user", 403),
            ("coordinator of the city", 200),
            ("coordinator of another city", 200),
            ("secretariat", 200),
        ],
    )
    def test_its_own_url_asks_anonymous_visitors_to_sign_in_and_serves_members_only(
        self, client, practices, visitor, status
    ):
        users = {
            "anonymous": lambda: None,
            "public user": lambda: UserFactory(),
            "coordinator of the city": lambda: coordinator_of(practices.oslo),
            "coordinator of another city": lambda: coordinator_of(member_city("Bergen")),
            "secretariat": lambda: UserFactory(role=Role.SECRETARIAT),
        }
        user = users[visitor]()
        if user is not None:
            client.force_login(user)
        url = practices.secret.url

        response = client.get(url)

        assert response.status_code == status
        if visitor == "anonymous":
            assert response["Location"] == f"/en/accounts/login/?next={url}"
        html = response.content.decode()
        if status == 200:
            assert SECRET_TITLE in html
        else:
            # The address is the visitor's own; nothing of the page itself is shown.
            assert SECRET_TITLE not in html
            assert SECRET_SUMMARY not in html


class TestTheHomePage:
    def test_its_figures_and_latest_case_studies_leave_it_out(self, client, public):
        figures = client.get("/en/").context["figures"]

        _members_only(public.oslo)
        cache.clear()
        response = client.get("/en/")

        assert response.context["figures"] == figures
        html = response.content.decode()
        assert "Safe parks programme" in html
        _assert_no_trace(html)
