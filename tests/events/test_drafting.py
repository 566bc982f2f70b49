"""A member city's coordinators draft the meetups their city hosts in the admin; the secretariat
approves and publishes them (``events.workflow``)."""

from dataclasses import dataclass

import pytest

from django.urls import reverse

from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import querydict_from_html

from accounts.models import Role, User
from cities.models import CityPage, MembershipStatus
from cities.services import membership_change_status
from core.models import OutgoingEmail
from events.models import EventPage, EventsIndexPage
from tests.events.world import event, events_index
from tests.factories.accounts import UserFactory, sign_in
from tests.factories.cities import city_page, coordinator_of, member_city
from tests.worlds import once_per_class

pytestmark = pytest.mark.django_db


@dataclass
class Network:
    index: EventsIndexPage
    oslo: CityPage
    bergen: CityPage
    author: User  # coordinates Oslo
    colleague: User  # coordinates Oslo too
    stranger: User  # coordinates Bergen
    public: User
    secretary: User


def build_network() -> Network:
    index = events_index()
    oslo, bergen = member_city("Oslo"), member_city("Bergen")
    return Network(
        index=index,
        oslo=city_page(oslo),
        bergen=city_page(bergen),
        author=coordinator_of(oslo, name="Ingrid Haugland"),
        colleague=coordinator_of(oslo, name="Ola Nordmann"),
        stranger=coordinator_of(bergen, name="Bjørn Berg"),
        public=UserFactory(name="Per Public"),
        secretary=UserFactory(role=Role.SECRETARIAT, name="Sara Lind"),
    )


network, network_built = once_per_class("network", build_network)


def add_url(index) -> str:
    return reverse("wagtailadmin_pages:add", args=("events", "eventpage", index.pk))


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def draft(client, person, index, *, action: str = "action-submit", **changes):
    """What the admin's form for a new meetup posts, filled in as its author would."""
    sign_in(client, person, second_factor=person.is_secretariat)
    form = client.get(add_url(index))
    assert form.status_code == 200
    data = querydict_from_html(form.content.decode(), form_id="page-edit-form")
    data.update(
        {
            "title": "Oslo meetup on safe streets",
            "slug": "oslo-meetup",
            "introduction": "Night walkers and street mediators.",
            "starts_at": "2031-05-20 10:00",
            "ends_at": "2031-05-20 16:00",
            "venue_address": "Rådhusplassen 1, Oslo",
            "capacity": "40",
            "agenda-count": "0",
            "speakers-count": "0",
            action: "1",
            **changes,
        }
    )
    return form, client.post(add_url(index), data)


class TestACoordinatorDraftsTheirCitysMeetups:
    def test_the_new_meetups_host_city_is_their_own_at_first(self, client, network):
        form, _response = draft(client, network.author, network.index, action="action-none")

        fields = querydict_from_html(form.content.decode(), form_id="page-edit-form")
        assert fields["host_city"] == str(network.oslo.pk)

    def test_a_draft_is_submitted_to_the_secretariat_not_published(self, client, network):
        _form, response = draft(client, network.author, network.index)

        assert response.status_code == 302
        page = EventPage.objects.get(slug="oslo-meetup", locale__language_code="en")
        assert not page.live
        assert page.host_city_id == network.oslo.pk
        state = WorkflowState.objects.active().get(object_id=str(page.pk))
        assert state.requested_by == network.author
        (told,) = OutgoingEmail.objects.filter(to=network.secretary.email)
        assert told.subject.endswith(f"from {network.oslo.title}"), told.subject

    def test_publishing_is_the_secretariats(self, client, network):
        _form, response = draft(client, network.author, network.index, action="action-publish")

        assert response.status_code in (200, 302)
        assert not EventPage.objects.get(slug="oslo-meetup", locale__language_code="en").live

        _form, response = draft(
            client, network.secretary, network.index, action="action-publish", slug="by-sara"
        )
        assert response.status_code == 302
        assert EventPage.objects.get(slug="by-sara", locale__language_code="en").live

    def test_another_host_city_is_refused_with_a_clear_message(self, client, network):
        _form, response = draft(
            client, network.author, network.index, host_city=str(network.bergen.pk)
        )

        assert response.status_code == 200
        assert "You may draft the meetups your city hosts: choose Oslo." in response.text
        assert not EventPage.objects.filter(slug="oslo-meetup").exists()
        # What was typed is still there.
        assert "Night walkers and street mediators." in response.text

    def test_the_secretariat_chooses_any_host_city(self, client, network):
        _form, response = draft(
            client, network.secretary, network.index, host_city=str(network.bergen.pk)
        )

        assert response.status_code == 302
        assert (
            EventPage.objects.get(slug="oslo-meetup", locale__language_code="en").host_city_id
            == network.bergen.pk
        )

    def test_a_former_members_coordinator_drafts_nothing(self, client, network):
        membership_change_status(
            membership=network.oslo.membership,
            status=MembershipStatus.FORMER,
            by=network.secretary,
            reason="Left the network",
        )

        _form, response = draft(client, network.author, network.index)

        assert response.status_code == 200
        assert "Only the coordinators of a member city may draft meetups." in response.text
        assert not EventPage.objects.filter(slug="oslo-meetup").exists()


class TestWhoEditsAMeetup:
    def test_the_host_citys_coordinators_and_the_secretariat_only(self, client, network):
        page = event("Oslo meetup", host_city=network.oslo)

        expected = {
            network.author: 200,
            network.colleague: 200,
            network.secretary: 200,
            network.stranger: 302,
            network.public: 403,  # no admin at all
        }
        seen = {}
        for person in expected:
            sign_in(client, person, second_factor=person.is_secretariat)
            seen[person] = client.get(edit_url(page)).status_code
        assert seen == expected

    def test_only_the_secretariat_and_coordinators_may_add_a_meetup(self, client, network):
        seen = {}
        for person in (network.author, network.stranger, network.secretary, network.public):
            sign_in(client, person, second_factor=person.is_secretariat)
            seen[person] = client.get(add_url(network.index)).status_code
        client.logout()
        seen["anonymous"] = client.get(add_url(network.index)).status_code

        assert seen == {
            network.author: 200,
            network.stranger: 200,
            network.secretary: 200,
            network.public: 403,  # no admin at all
            "anonymous": 302,
        }
