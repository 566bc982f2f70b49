"""Only the secretariat, signed in with two-factor, opens and changes the membership admin."""

import re

import pytest

from cities.models import (
    AmbassadorCount,
    ApplicationStatus,
    Coordinator,
    CoordinatorInvitation,
    MembershipStatus,
    Partner,
)
from tests.cities.admin.world import APPLICATIONS, MEMBERSHIPS, PARTNERS, not_found, text
from tests.factories.accounts import UserFactory, sign_in

pytestmark = pytest.mark.django_db

ADMIN_PAGES = {
    "membership list": lambda n: MEMBERSHIPS,
    "member directory export": lambda n: f"{MEMBERSHIPS}?export=csv",
    "membership": lambda n: f"{MEMBERSHIPS}inspect/{n.oslo.pk}/",
    "status change": lambda n: f"{MEMBERSHIPS}edit/{n.oslo.pk}/",
    "peace ambassadors": lambda n: f"{MEMBERSHIPS}ambassadors/{n.oslo.pk}/",
    "coordinators": lambda n: f"{MEMBERSHIPS}coordinators/{n.oslo.pk}/",
    "coordinator invitation": lambda n: f"{MEMBERSHIPS}coordinators/{n.oslo.pk}/invite/",
    "coordinator removal": lambda n: (
        f"{MEMBERSHIPS}coordinators/{n.oslo.pk}/remove/{n.oslo_coordinator.coordinator.pk}/"
    ),
    "application list": lambda n: APPLICATIONS,
    "application": lambda n: f"{APPLICATIONS}edit/{n.application.pk}/",
    "partner list": lambda n: PARTNERS,
    "partner export": lambda n: f"{PARTNERS}?export=csv",
    "new partner": lambda n: f"{PARTNERS}add/",
    "partner": lambda n: f"{PARTNERS}edit/{n.partner.pk}/",
    "partner deletion": lambda n: f"{PARTNERS}delete/{n.partner.pk}/",
}


def visit_every_admin_page(client, network) -> dict:
    return {name: client.get(url(network)) for name, url in ADMIN_PAGES.items()}


def become(client, role, network) -> None:
    people = {
        "member of the public": UserFactory,
        "coordinator of the city": lambda: network.oslo_coordinator,
        "coordinator of another city": lambda: network.stockholm_coordinator,
    }
    if role in people:
        client.force_login(people[role]())


def what_it_shows(response) -> str:
    """The page's title as the browser tab shows it, or a download's first line."""
    if response.streaming:
        return text(response).splitlines()[0]
    return re.search(r"<title>(.*?) - Wagtail</title>", text(response), re.S)[1].strip()


def test_anonymous_visitors_are_sent_to_sign_in_from_every_membership_admin_page(client, network):
    responses = visit_every_admin_page(client, network)

    assert {
        name: (response.status_code, response["Location"].split("?")[0])
        for name, response in responses.items()
    } == dict.fromkeys(ADMIN_PAGES, (302, "/accounts/login/"))


@pytest.mark.parametrize(
    "role", ["member of the public", "coordinator of the city", "coordinator of another city"]
)
def test_nobody_but_the_secretariat_can_open_a_membership_admin_page(client, network, role):
    become(client, role, network)

    responses = visit_every_admin_page(client, network)

    assert {name: response.status_code for name, response in responses.items()} == dict.fromkeys(
        ADMIN_PAGES, 403
    )


def test_the_secretariat_opens_every_membership_admin_page(as_secretariat, network):
    responses = visit_every_admin_page(as_secretariat, network)

    assert {name: r.status_code for name, r in responses.items()} == dict.fromkeys(ADMIN_PAGES, 200)
    directory = "City,Country,Status,Joined,Left,Population,Website,Contact person,Contact email"
    partners = "Name,Kind,Country,City,Website,Description,Consents to a public listing"
    assert {name: what_it_shows(r) for name, r in responses.items()} == {
        "membership list": "Memberships",
        "member directory export": directory,
        "membership": "Inspect: Oslo",
        "status change": "Change status: Oslo",
        "peace ambassadors": "Record peace ambassadors: Oslo",
        "coordinators": "Coordinators: Oslo",
        "coordinator invitation": "Invite a coordinator: Oslo",
        "coordinator removal": "Remove a coordinator: Oslo",
        "application list": "Membership applications",
        "application": "Application: Tromsø",
        "partner list": "Partners",
        "partner export": partners,
        "new partner": "New: Partner",
        "partner": "Editing: Peace Lab",
        "partner deletion": "Delete: Peace Lab",
    }


CHANGES = {
    "status change": lambda n: (
        f"{MEMBERSHIPS}edit/{n.oslo.pk}/",
        {"status": "former", "reason": "Left the network."},
    ),
    "peace ambassadors": lambda n: (
        f"{MEMBERSHIPS}ambassadors/{n.oslo.pk}/",
        {"year": "2024", "count": "40"},
    ),
    "coordinator invitation": lambda n: (
        f"{MEMBERSHIPS}coordinators/{n.oslo.pk}/invite/",
        {"email": "intruder@example.org", "name": "Intruder"},
    ),
    "coordinator removal": lambda n: (
        f"{MEMBERSHIPS}coordinators/{n.oslo.pk}/remove/{n.oslo_coordinator.coordinator.pk}/",
        {},
    ),
    "approval": lambda n: (f"{APPLICATIONS}edit/{n.application.pk}/", {"action": "approve"}),
    "decline": lambda n: (
        f"{APPLICATIONS}edit/{n.application.pk}/",
        {"action": "decline", "reason": "No."},
    ),
    "partner deletion": lambda n: (f"{PARTNERS}delete/{n.partner.pk}/", {}),
}


@pytest.mark.parametrize(
    ("role", "refusal"),
    [
        ("anonymous", 302),
        ("member of the public", 403),
        ("coordinator of the city", 403),
        ("coordinator of another city", 403),
    ],
)
def test_nobody_but_the_secretariat_can_change_anything(client, network, role, refusal):
    become(client, role, network)
    invitations = CoordinatorInvitation.objects.count()

    statuses = {name: client.post(*change(network)).status_code for name, change in CHANGES.items()}

    assert statuses == dict.fromkeys(CHANGES, refusal)
    network.oslo.refresh_from_db()
    network.application.refresh_from_db()
    assert network.oslo.status == MembershipStatus.ACTIVE
    assert not AmbassadorCount.objects.exists()
    assert CoordinatorInvitation.objects.count() == invitations
    assert Coordinator.objects.filter(user=network.oslo_coordinator).exists()
    assert network.application.status == ApplicationStatus.PENDING
    assert Partner.objects.filter(pk=network.partner.pk).exists()


def test_the_membership_menu_is_shown_to_the_secretariat_only(client, network, secretariat):
    client.force_login(network.oslo_coordinator)
    coordinator_home = text(client.get("/admin/"))
    sign_in(client, secretariat)
    secretariat_home = text(client.get("/admin/"))

    assert "/admin/cities/" not in coordinator_home
    assert PARTNERS in secretariat_home
    assert MEMBERSHIPS in secretariat_home


def test_memberships_and_applications_cannot_be_added_or_deleted_in_the_admin(
    as_secretariat, network
):
    for url in (
        f"{MEMBERSHIPS}new/",
        f"{MEMBERSHIPS}delete/{network.oslo.pk}/",
        f"{APPLICATIONS}new/",
        f"{APPLICATIONS}delete/{network.application.pk}/",
    ):
        assert not_found(as_secretariat.get(url, follow=True)), url
