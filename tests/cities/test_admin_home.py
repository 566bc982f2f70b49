"""The admin home (/admin/) as each person finds it: a coordinator's city, its pages and the
secretariat's comments on them, with the shortcuts to their work; the secretariat's applications,
invitations and submissions waiting; nothing of another city; no admin for anyone else."""

from types import SimpleNamespace

import pytest
from allauth.mfa.totp.internal.auth import generate_totp_secret

from django.urls import reverse
from django.utils import translation

from wagtail.models import Comment, get_default_page_content_type

from accounts.models import Role
from cities.models import MembershipStatus
from cities.selectors import (
    city_page_count,
    city_pages_recent,
    coordinated_membership,
    membership_work,
    secretariat_comments,
)
from cities.services import invitation_create
from knowledge.services import case_study_submit, case_study_translate
from tests.factories.accounts import UserFactory, sign_in
from tests.factories.cities import ApplicationFactory, coordinator_of, member_city
from tests.factories.knowledge import case_study
from tests.worlds import once_per_class

pytestmark = pytest.mark.django_db


def _network():
    oslo = member_city("Oslo")
    stockholm = member_city("Stockholm")
    aarhus = member_city("Aarhus", status=MembershipStatus.FORMER)
    olav = coordinator_of(oslo, name="Olav Oslo")
    sara = coordinator_of(stockholm, name="Sara Stockholm")
    secretary = UserFactory(
        role=Role.SECRETARIAT, name="Sigrid Secretariat", totp_secret=generate_totp_secret()
    )
    # Oslo: a published case study translated into Norwegian, a draft submitted for approval
    # and one the secretariat sent back with a comment.
    published = case_study(oslo, "Youth hub", by=secretary)
    case_study_translate(case_study=published, language="nb", title="Ungdomshuset", by=secretary)
    submitted = case_study(oslo, "Night walkers", publish=False, by=olav)
    case_study_submit(case_study=submitted, by=olav)
    sent_back = case_study(oslo, "Square hosts", publish=False, by=olav)
    state = case_study_submit(case_study=sent_back, by=olav)
    state.current_task_state.reject(user=secretary, comment="Say what it achieved, please.")
    Comment.objects.create(
        page=submitted, user=secretary, text="A photo would help.", contentpath="title"
    )
    Comment.objects.create(page=submitted, user=olav, text="Note to self.", contentpath="title")
    # Stockholm: a draft the secretariat commented on.
    quiet = case_study(stockholm, "Quiet rooms", publish=False, by=sara)
    Comment.objects.create(
        page=quiet, user=secretary, text="Which schools took part?", contentpath="title"
    )
    return SimpleNamespace(
        oslo=oslo,
        stockholm=stockholm,
        olav=olav,
        sara=sara,
        former=coordinator_of(aarhus, name="Anders Aarhus"),
        secretary=secretary,
        application=ApplicationFactory(city_name="Tromsø"),
        invitation=invitation_create(
            membership=stockholm, email="new@stockholm.example.org", name="Nils Ny", by=secretary
        ),
    )


network, network_built = once_per_class("network", _network)


def panel_ids(response) -> list[str]:
    return [panel.name for panel in response.context["panels"]]


def html(response) -> str:
    return response.content.decode()


def _sign_in(client, person):
    sign_in(client, person, second_factor=person.is_secretariat)


class TestACoordinatorsHome:
    def test_shows_the_city_its_membership_and_the_shortcuts_to_its_work(self, client, network):
        _sign_in(client, network.olav)

        response = client.get("/admin/")

        page = html(response)
        assert panel_ids(response)[:3] == [
            "cities_coordinator_city",
            "cities_coordinator_pages",
            "cities_coordinator_comments",
        ]
        assert "Oslo, Norway" in page
        assert "Active" in page
        city_page_id = network.oslo.city_page.pk
        assert f'href="/admin/pages/{city_page_id}/edit/"' in page
        assert f'href="/admin/pages/add/knowledge/casestudypage/{city_page_id}/"' in page

    def test_the_shortcuts_open_for_the_coordinator(self, client, network):
        _sign_in(client, network.olav)
        city_page_id = network.oslo.city_page.pk

        edit = client.get(reverse("wagtailadmin_pages:edit", args=[city_page_id]))
        write = client.get(
            reverse("wagtailadmin_pages:add", args=["knowledge", "casestudypage", city_page_id])
        )

        assert (edit.status_code, write.status_code) == (200, 200)

    def test_lists_the_citys_pages_in_every_language_with_their_state_and_moderation(
        self, client, network
    ):
        _sign_in(client, network.olav)

        response = client.get("/admin/")

        panel = next(p for p in response.context["panels"] if p.name == "cities_coordinator_pages")
        rows = {
            (row.title, row.language): (row.live, row.moderation)
            for row in panel.get_context_data()["rows"]
        }
        assert rows == {
            ("Oslo", "English"): (True, ""),
            ("Youth hub", "English"): (True, ""),
            ("Ungdomshuset", "Norsk bokmål"): (True, ""),
            ("Night walkers", "English"): (False, "Awaiting the secretariat's approval"),
            ("Square hosts", "English"): (False, "Changes requested"),
        }
        assert "5 pages of Oslo" in html(response)
        assert "Pages <span" not in html(response)  # the site's count of every page is gone

    def test_shows_the_secretariats_comments_and_the_changes_it_asked_for(self, client, network):
        _sign_in(client, network.olav)

        response = client.get("/admin/")

        panel = next(
            p for p in response.context["panels"] if p.name == "cities_coordinator_comments"
        )
        comments = [
            (comment.page_title, comment.text, comment.author, comment.changes_requested)
            for comment in panel.get_context_data()["comments"]
        ]
        assert comments == [
            ("Night walkers", "A photo would help.", "Sigrid Secretariat", False),
            ("Square hosts", "Say what it achieved, please.", "Sigrid Secretariat", True),
        ]
        assert "A photo would help." in html(response)
        assert "Note to self." not in html(response)

    def test_shows_nothing_of_another_city(self, client, network):
        _sign_in(client, network.sara)

        page = html(client.get("/admin/"))

        assert "Stockholm, Sweden" in page
        assert "Quiet rooms" in page
        assert "Which schools took part?" in page
        for oslo_text in ("Night walkers", "Youth hub", "A photo would help.", "Say what it"):
            assert oslo_text not in page

    @pytest.mark.parametrize("whole_tree", ["", "1"])
    def test_the_search_box_finds_the_citys_pages_and_none_of_another_city(
        self, client, network, whole_tree
    ):
        """Wagtail's search box stays on the home: it searches only the pages the person may
        explore, which for a coordinator are their city's pages (and the pages above them)."""
        _sign_in(client, network.olav)
        home = client.get("/admin/")
        search_url = reverse("wagtailadmin_explore", args=[home.context["root_page"].pk])
        assert f'action="{search_url}"' in html(home)

        def found(title: str) -> bool:
            """Whether searching for the title lists a page of that title."""
            response = client.get(search_url, {"q": title, "search_all": whole_tree})
            return title in [page.title for page in response.context["object_list"]]

        assert found("Night walkers")
        assert found("Ungdomshuset")
        assert not found("Quiet rooms")
        assert not found("Stockholm")

    def test_a_coordinator_of_a_former_member_sees_the_city_and_its_status_only(
        self, client, network
    ):
        _sign_in(client, network.former)

        response = client.get("/admin/")

        page = html(response)
        assert "cities_coordinator_city" in panel_ids(response)
        assert "cities_coordinator_pages" not in panel_ids(response)
        assert "cities_coordinator_comments" not in panel_ids(response)
        assert "Aarhus, Denmark" in page
        assert "Former" in page
        assert "/admin/pages/add/" not in page
        with translation.override("en"):
            assert translation.gettext("Write a case study") not in page
        assert "Pages <span" not in page


class TestTheSecretariatsHome:
    def test_shows_applications_invitations_and_submissions_waiting(self, client, network):
        _sign_in(client, network.secretary)

        response = client.get("/admin/")

        page = html(response)
        assert "knowledge_submissions" in panel_ids(response)
        assert "cities_membership_work" in panel_ids(response)
        # Wagtail's own list of what awaits review is replaced by the submissions panel.
        assert "workflow_objects_to_moderate" not in panel_ids(response)
        assert "1 application waiting for a decision" in page
        assert f'href="/admin/cities/applications/edit/{network.application.pk}/"' in page
        assert "1 coordinator invitation not accepted yet" in page
        assert f"/admin/cities/memberships/coordinators/{network.stockholm.pk}/" in page
        assert "Nils Ny" in page
        assert "1 page waiting for your approval" in page
        assert "Night walkers" in page
        assert "cities_coordinator_city" not in panel_ids(response)

    def test_the_links_lead_where_the_work_is_done(self, client, network):
        _sign_in(client, network.secretary)
        submitted = network.oslo.city_page.get_children().get(title="Night walkers")

        urls = [
            f"/admin/cities/applications/edit/{network.application.pk}/",
            f"/admin/cities/memberships/coordinators/{network.stockholm.pk}/",
            f"/admin/pages/{submitted.pk}/edit/",
            reverse("wagtailadmin_reports:workflow"),
        ]

        assert [client.get(url).status_code for url in urls] == [200] * len(urls)


class TestNobodyElse:
    def test_an_anonymous_visitor_is_sent_to_sign_in(self, client, site_tree):
        response = client.get("/admin/")

        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")

    def test_a_member_of_the_public_is_refused(self, client, site_tree):
        client.force_login(UserFactory())

        assert client.get("/admin/").status_code == 403


# --- Query budgets ------------------------------------------------------------------------------

# A coordinator's home, whatever the number of their city's pages and comments:
#  1-6   the session's account, its permissions (own, groups'), its groups, whether it enrolled
#        two-factor authentication, its Wagtail profile;
#  7     the city the person coordinates (cities.selectors.coordinated_membership);
#  8-11  Wagtail's page and collection permissions of the person, the explorable root, the
#        locales;
#  12    the city's page count (the summary);  13-14  images and documents counted (the summary);
#  15    the membership with its city's country (CityPanel);
#  16    the city's pages, last edited first, with their moderation (CityPagesPanel);
#  17-18 the secretariat's comments, the reviews that asked for changes (SecretariatCommentsPanel);
#  19-26 Wagtail's "Your pages in a workflow": the states, their pages, revisions, the view
#        restrictions, the active tasks and whether the person reviews each of them;
#  27    Wagtail's "Your most recent edits" (the person's edits: none here, as the services
#        create the pages);  28  Wagtail's "Locked pages".
COORDINATOR_HOME_QUERIES = 28

# The secretariat's home, whatever the number of applications, invitations and submissions:
#  1-5   the session's account, its permissions, groups and Wagtail profile;
#  6     whether the person coordinates a city (no);
#  7-13  Wagtail's permissions, the explorable root, the locales, the site and its pages counted;
#  14-15 images and documents counted;
#  16-17 the submissions counted and the longest waiting listed (SubmissionsPanel);
#  18-21 the applications counted and listed, the invitations counted and listed
#        (MembershipWorkPanel: the only count of the applications on the page);
#  22-23 the membership dashboard: members per country, cities without a coordinator;
#  24-26 Wagtail's "Your pages in a workflow", "Your most recent edits", "Locked pages".
SECRETARIAT_HOME_QUERIES = 26


def _coordinators_city_with(count: int):
    oslo = member_city("Oslo")
    olav = coordinator_of(oslo, name="Olav Oslo")
    secretary = UserFactory(role=Role.SECRETARIAT, name="Sigrid Secretariat")
    _more_work(oslo, olav, secretary, range(count))
    return olav, secretary


def _more_work(oslo, olav, secretary, numbers) -> None:
    for number in numbers:
        page = case_study(oslo, f"Practice {number}", publish=False, aliases=False, by=olav)
        case_study_submit(case_study=page, by=olav)
        Comment.objects.create(page=page, user=secretary, text="Why?", contentpath="title")
        sent_back = case_study(oslo, f"Draft {number}", publish=False, aliases=False, by=olav)
        state = case_study_submit(case_study=sent_back, by=olav)
        state.current_task_state.reject(user=secretary, comment="More, please.")
        ApplicationFactory(city_name=f"Town {number}")
        invitation_create(membership=oslo, email=f"person{number}@example.org", by=secretary)


def test_the_home_panels_selectors_keep_their_query_budgets(site_tree, django_assert_num_queries):
    coordinator, _secretary = _coordinators_city_with(3)
    membership = coordinated_membership(coordinator)
    get_default_page_content_type()  # Django's content types are read once per process

    with django_assert_num_queries(1):  # the pages with their type, locale and moderation
        rows = city_pages_recent(membership=membership, limit=4)
    with django_assert_num_queries(2):  # the comments in the editor; the reviews sent back
        comments = secretariat_comments(membership=membership, limit=4)
    with django_assert_num_queries(1):
        count = city_page_count(membership=membership)
    with django_assert_num_queries(4):  # applications and invitations, counted and listed
        work = membership_work(limit=2)

    assert (len(rows), len(comments), count) == (4, 4, 7)
    assert (work.pending_count, len(work.pending_applications)) == (3, 2)
    assert (work.invitation_count, len(work.open_invitations)) == (3, 2)


def test_a_coordinators_home_asks_the_same_number_of_queries_whatever_the_citys_pages(
    client, site_tree
):
    """Counted twice in the same process, with one and with four of each: a cache a test run
    left warm (the count is 27 after some other tests, 28 alone) cannot tell the two apart."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    coordinator, secretary = _coordinators_city_with(1)
    _sign_in(client, coordinator)
    client.get("/admin/")  # the person's sidebar is built once, then cached

    def home() -> tuple[int, str]:
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/admin/")
        return len(queries), html(response)

    with_one, page_with_one = home()
    _more_work(coordinated_membership(coordinator), coordinator, secretary, range(1, 4))
    with_four, page_with_four = home()

    assert with_one == with_four <= COORDINATOR_HOME_QUERIES
    assert page_with_one.count("Why?") + page_with_one.count("More, please.") == 2
    shown = page_with_four.count("Why?") + page_with_four.count("More, please.")
    assert shown == 5  # the latest five comments


@pytest.mark.parametrize("count", [1, 4])
def test_the_secretariats_home_asks_the_same_number_of_queries_whatever_waits(
    client, site_tree, count, django_assert_num_queries
):
    _coordinator, secretary = _coordinators_city_with(count)
    sign_in(client, secretary)
    client.get("/admin/")  # the person's sidebar is built once, then cached

    with django_assert_num_queries(SECRETARIAT_HOME_QUERIES):
        response = client.get("/admin/")

    assert f"{count} page" in html(response)
    assert f"{count} application" in html(response)
