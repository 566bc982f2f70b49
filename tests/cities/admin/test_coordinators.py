"""The secretariat invites and removes a member city's coordinators."""

import pytest

from accounts.models import ROLE_GROUP_NAMES, Role
from cities import services
from cities.models import Coordinator, CoordinatorInvitation
from core.models import OutgoingEmail
from tests.cities.admin.world import MEMBERSHIPS, not_found, text

pytestmark = pytest.mark.django_db


def test_the_coordinators_page_lists_the_coordinators_and_the_open_invitations(
    as_secretariat, network, secretariat
):
    services.invitation_create(
        membership=network.oslo, email="anna@oslo.example.org", name="Anna Berg", by=secretariat
    )

    html = text(as_secretariat.get(f"{MEMBERSHIPS}coordinators/{network.oslo.pk}/"))

    assert "Olav Oslo" in html
    assert network.oslo_coordinator.email in html
    assert "anna@oslo.example.org" in html
    assert "Sara Stockholm" not in html
    assert f"{MEMBERSHIPS}coordinators/{network.oslo.pk}/invite/" in html


def test_inviting_a_coordinator_queues_the_invitation_email(as_secretariat, network, secretariat):
    response = as_secretariat.post(
        f"{MEMBERSHIPS}coordinators/{network.oslo.pk}/invite/",
        {"email": "Anna@Oslo.example.org", "name": "Anna Berg"},
    )

    invitation = CoordinatorInvitation.objects.get(membership=network.oslo)
    assert response.status_code == 302
    assert response["Location"] == f"{MEMBERSHIPS}coordinators/{network.oslo.pk}/"
    assert (invitation.email, invitation.name, invitation.invited_by) == (
        "anna@oslo.example.org",
        "Anna Berg",
        secretariat,
    )
    assert OutgoingEmail.objects.filter(
        to="anna@oslo.example.org", subject__contains="coordinate Oslo"
    ).exists()


def test_an_invalid_email_is_refused_with_a_message_and_keeps_what_was_typed(
    as_secretariat, network
):
    response = as_secretariat.post(
        f"{MEMBERSHIPS}coordinators/{network.oslo.pk}/invite/",
        {"email": "anna-at-oslo", "name": "Anna Berg"},
    )

    html = text(response)
    assert response.status_code == 200
    assert "Enter a valid email address." in html
    assert 'value="anna-at-oslo"' in html
    assert 'value="Anna Berg"' in html
    assert not CoordinatorInvitation.objects.exists()


def test_removing_a_coordinator_asks_first_then_takes_their_rights_away(as_secretariat, network):
    coordinator = network.oslo_coordinator.coordinator
    url = f"{MEMBERSHIPS}coordinators/{network.oslo.pk}/remove/{coordinator.pk}/"

    confirmation = as_secretariat.get(url)
    response = as_secretariat.post(url)

    person = network.oslo_coordinator
    assert "Remove Olav Oslo" in text(confirmation)
    assert response.status_code == 302
    assert response["Location"] == f"{MEMBERSHIPS}coordinators/{network.oslo.pk}/"
    assert not Coordinator.objects.filter(user=person).exists()
    assert not person.groups.filter(name=ROLE_GROUP_NAMES[Role.COORDINATOR]).exists()
    assert not person.groups.filter(pk=network.oslo.coordinator_group_id).exists()


def test_a_coordinator_of_another_city_cannot_be_removed_through_this_city(as_secretariat, network):
    other = network.stockholm_coordinator.coordinator
    url = f"{MEMBERSHIPS}coordinators/{network.oslo.pk}/remove/{other.pk}/"

    assert not_found(as_secretariat.post(url, follow=True))
    assert Coordinator.objects.filter(pk=other.pk).exists()
