"""Registering for a meetup: seats, the waitlist in arrival order, cancelling (on the site or by
the email's link, once), promotion, the calendar file, and what each person may do."""

import datetime
import re

import icalendar
import pytest

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import Role
from core.models import OutgoingEmail
from events import services
from events.models import Audience, Registration, RegistrationStatus
from tests.events.world import event, local_day
from tests.factories.accounts import UserFactory, sign_in

DATA = services.RegistrationInput(organisation="City of Bergen")


def register(page, user):
    return services.registration_create(event=page, user=user, data=DATA)


def emails_to(user) -> list[OutgoingEmail]:
    return list(OutgoingEmail.objects.filter(to=user.email).order_by("pk"))


class TestSeatsAndTheWaitlist:
    def test_a_full_event_puts_the_next_registration_on_the_waitlist(self, site_tree):
        page = event(capacity=2)
        first, second, third, fourth = UserFactory.create_batch(4)

        statuses = [register(page, person).status for person in (first, second, third, fourth)]

        assert statuses == ["confirmed", "confirmed", "waitlisted", "waitlisted"]
        third_registration = Registration.objects.get(user=third)
        fourth_registration = Registration.objects.get(user=fourth)
        assert services.waitlist_position(third_registration) == 1
        assert services.waitlist_position(fourth_registration) == 2
        confirmation = emails_to(first)[0]
        assert "You are registered" in confirmation.subject
        assert confirmation.attachments[0]["filename"] == "event.ics"
        waitlisted = emails_to(third)[0]
        assert "On the waitlist" in waitlisted.subject and "number 1" in waitlisted.text_body
        assert waitlisted.attachments == []

    def test_cancelling_frees_the_seat_for_the_first_on_the_waitlist_who_is_emailed(
        self, site_tree
    ):
        page = event(capacity=1)
        holder, waiting, later = UserFactory.create_batch(3)
        seat = register(page, holder)
        register(page, waiting)
        register(page, later)

        services.registration_cancel(registration=seat)

        assert Registration.objects.get(user=waiting).status == RegistrationStatus.CONFIRMED
        assert Registration.objects.get(user=later).status == RegistrationStatus.WAITLISTED
        assert services.waitlist_position(Registration.objects.get(user=later)) == 1
        promoted = emails_to(waiting)[-1]
        assert "A seat for you" in promoted.subject
        assert promoted.attachments[0]["mimetype"].startswith("text/calendar")
        assert "Registration cancelled" in emails_to(holder)[-1].subject

    def test_raising_the_capacity_promotes_as_many_as_fit(self, site_tree):
        page = event(capacity=1)
        people = UserFactory.create_batch(4)
        for person in people:
            register(page, person)

        promoted = services.event_capacity_set(event=page, capacity=3)

        assert [registration.user for registration in promoted] == people[1:3]
        assert Registration.objects.filter(status="confirmed").count() == 3
        assert Registration.objects.get(user=people[3]).status == "waitlisted"

    def test_a_capacity_below_the_confirmed_count_is_refused_and_changes_nothing(self, site_tree):
        page = event(capacity=3)
        for person in UserFactory.create_batch(3):
            register(page, person)

        with pytest.raises(ValidationError, match="3 people are confirmed"):
            services.event_capacity_set(event=page, capacity=2)

        page.refresh_from_db()
        assert page.capacity == 3

    def test_someone_who_cancelled_may_register_again_at_the_end_of_the_queue(self, site_tree):
        page = event(capacity=1)
        first, second = UserFactory.create_batch(2)
        own = register(page, first)
        register(page, second)
        services.registration_cancel(registration=own)

        again = register(page, first)

        assert again.pk == own.pk and again.status == RegistrationStatus.WAITLISTED


class TestWhatIsRefused:
    def test_one_registration_per_person_also_in_the_database(self, site_tree):
        page = event()
        person = UserFactory()
        register(page, person)

        with pytest.raises(services.RegistrationRefused, match="already registered"):
            register(page, person)
        with pytest.raises(IntegrityError), transaction.atomic():
            Registration.objects.create(
                event=page,
                user=person,
                status="confirmed",
                organisation="x",
                queued_at=timezone.now(),
            )
        assert Registration.objects.count() == 1

    @pytest.mark.parametrize(
        ("fields", "message"),
        [
            ({"registration_closes_at": local_day(-1)}, "Registration is closed."),
            ({"registration_opens_at": local_day(5)}, "Registration has not opened yet."),
            ({"is_cancelled": True}, "This event is cancelled."),
        ],
    )
    def test_outside_its_window_registration_is_refused(self, site_tree, fields, message):
        page = event(**fields)

        with pytest.raises(services.RegistrationRefused, match=message):
            register(page, UserFactory())
        assert not Registration.objects.exists()

    def test_a_members_only_meetup_refuses_the_public_and_takes_members(self, site_tree):
        page = event(audience=Audience.MEMBERS)

        with pytest.raises(services.RegistrationRefused, match="members of the network only"):
            register(page, UserFactory())
        assert register(page, UserFactory(role=Role.COORDINATOR)).status == "confirmed"
        assert register(page, UserFactory(role=Role.SECRETARIAT)).status == "confirmed"


def cancel_link(user) -> str:
    return re.search(r"https?://\S+/events/cancel/\S+/", emails_to(user)[0].text_body)[0]


class TestTheCancellationLink:
    def test_it_asks_first_then_cancels_without_signing_in_and_works_once(self, client, site_tree):
        page = event(capacity=1)
        holder, waiting = UserFactory.create_batch(2)
        register(page, holder)
        register(page, waiting)
        path = cancel_link(holder).split("://", 1)[1].split("/", 1)[1]

        asked = client.get(f"/{path}")
        assert asked.status_code == 200 and "Do you want to give up your place" in asked.text
        assert Registration.objects.get(user=holder).status == "confirmed"

        done = client.post(f"/{path}")
        assert done.status_code == 200 and "Registration cancelled" in done.text
        assert Registration.objects.get(user=holder).status == "cancelled"
        assert Registration.objects.get(user=waiting).status == "confirmed"

        again = client.post(f"/{path}")
        assert again.status_code == 400 and "cannot be used" in again.text

    def test_a_tampered_link_is_refused_and_changes_nothing(self, client, site_tree):
        page = event()
        holder = UserFactory()
        register(page, holder)
        path = cancel_link(holder).split("://", 1)[1].split("/", 1)[1]
        tampered = path[:-3] + ("A" if path[-3] != "A" else "B") + path[-2:]

        assert client.post(f"/{tampered}").status_code == 400
        assert client.post("/en/events/cancel/not-a-token/").status_code == 400
        assert Registration.objects.get(user=holder).status == "confirmed"


class TestOnTheEventsPage:
    def test_bad_input_keeps_what_was_typed_and_registers_nothing(self, client, site_tree):
        page = event()
        sign_in(client, UserFactory(), second_factor=False)

        response = client.post(
            f"{page.url}register/",
            {"organisation": "", "dietary_needs": "Vegetarian", "accessibility_needs": "Step-free"},
        )

        assert response.status_code == 200
        assert "This field is required." in response.text
        assert 'value="Vegetarian"' in response.text and 'value="Step-free"' in response.text
        assert not Registration.objects.exists()

    def test_a_person_registers_sees_their_seat_and_cancels(self, client, site_tree):
        page = event(capacity=1, format="online", online_url="https://meet.example.org/nsc")
        person = UserFactory()
        sign_in(client, person, second_factor=False)
        assert "https://meet.example.org/nsc" not in client.get(page.url).text

        response = client.post(f"{page.url}register/", {"organisation": "City of Bergen"})
        assert response.status_code == 302
        shown = client.get(page.url).text
        assert "your seat is confirmed" in shown and "https://meet.example.org/nsc" in shown

        client.post(f"{page.url}cancel/")
        assert Registration.objects.get(user=person).status == "cancelled"

    def test_the_waitlisted_see_their_place_and_never_the_online_link(self, client, site_tree):
        page = event(capacity=1, format="online", online_url="https://meet.example.org/nsc")
        register(page, UserFactory())
        person = UserFactory()
        register(page, person)
        sign_in(client, person, second_factor=False)

        shown = client.get(page.url).text

        assert "You are on the waitlist, number 1" in shown
        assert "https://meet.example.org/nsc" not in shown

    def test_anonymous_visitors_are_asked_to_sign_in(self, client, site_tree):
        page = event()

        assert "Sign in to register" in client.get(page.url).text
        response = client.post(f"{page.url}register/", {"organisation": "x"})
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        assert not Registration.objects.exists()

    def test_the_calendar_file_has_the_local_start_and_a_stable_uid(self, client, site_tree):
        starts = datetime.datetime(2031, 3, 30, 9, 30, tzinfo=local_day(0).tzinfo)  # summer time
        page = event(starts_at=starts)

        response = client.get(f"{page.url}calendar.ics")
        calendar = icalendar.Calendar.from_ical(response.content)
        (component,) = calendar.walk("VEVENT")

        assert response["Content-Type"].startswith("text/calendar")
        start = component.decoded("dtstart")
        assert (start.hour, start.minute, str(start.tzinfo)) == (9, 30, "Europe/Oslo")
        assert start.utcoffset() == datetime.timedelta(hours=2)
        assert str(component["uid"]) == f"meetup-{page.translation_key}@nordicsafecities.org"
        assert calendar.walk("VTIMEZONE")
        swedish = icalendar.Calendar.from_ical(
            client.get(f"/sv/events/{page.slug}/calendar.ics").content
        )
        assert str(swedish.walk("VEVENT")[0]["uid"]) == str(component["uid"])


class TestThePersonalCalendar:
    def test_a_private_address_lists_the_meetups_one_has_a_seat_at_in_ones_language(
        self, client, site_tree
    ):
        first = event("Bergen meetup", capacity=1)
        second = event("Malmö meetup", capacity=5)
        full = event("Full meetup", capacity=0)
        person = UserFactory(language="sv")
        for page in (first, second, full):
            register(page, person)
        sign_in(client, person, second_factor=False)
        html = client.get(first.url).text
        path = re.search(r'href="(/feeds/my-meetups/[^"]+\.ics)"', html)[1]
        client.logout()

        calendar = icalendar.Calendar.from_ical(client.get(path).content)

        summaries = [str(component["summary"]) for component in calendar.walk("VEVENT")]
        assert summaries == ["Bergen meetup", "Malmö meetup"]  # not the one they wait for
        urls = [str(component["url"]) for component in calendar.walk("VEVENT")]
        assert all("/sv/events/" in url for url in urls)

    def test_an_unknown_address_is_not_found_and_a_deleted_account_takes_its_address(
        self, client, site_tree
    ):
        from accounts.services import user_delete
        from events.models import CalendarFeed

        person = UserFactory()
        register(event(), person)
        token = CalendarFeed.objects.get(user=person).token

        assert client.get("/feeds/my-meetups/not-a-token.ics").status_code == 404
        assert client.get(f"/feeds/my-meetups/{token}.ics").status_code == 200
        user_delete(user=person)
        assert client.get(f"/feeds/my-meetups/{token}.ics").status_code == 404
        assert not Registration.objects.exists()

    def test_a_new_address_replaces_the_old_one_which_stops_working_at_once(
        self, client, site_tree
    ):
        from events.models import CalendarFeed

        person = UserFactory()
        register(event(), person)
        old = CalendarFeed.objects.get(user=person).token
        sign_in(client, person, second_factor=False)

        page = client.get("/en/events/my-calendar/")
        assert f"/feeds/my-meetups/{old}.ics" in page.text
        response = client.post("/en/events/my-calendar/", follow=True)

        new = CalendarFeed.objects.get(user=person).token
        assert new != old
        assert f"/feeds/my-meetups/{new}.ics" in response.text
        assert "Your calendar has a new address. The old one no longer works." in response.text
        assert client.get(f"/feeds/my-meetups/{old}.ics").status_code == 404
        assert client.get(f"/feeds/my-meetups/{new}.ics").status_code == 200

    def test_the_address_page_is_ones_own_and_needs_a_sign_in(
        self, client, site_tree, django_assert_num_queries
    ):
        person = UserFactory()
        client.logout()
        assert client.get("/en/events/my-calendar/")["Location"].startswith("/en/accounts/login/")
        assert client.post("/en/events/my-calendar/").status_code == 302
        sign_in(client, person, second_factor=False)
        client.get("/en/events/my-calendar/")
        # The session's user (1), their calendar address (1), the user's and their groups'
        # permissions for the header's link to the admin (2). They have no address before their
        # first registration, and the page says how to get one.
        with django_assert_num_queries(4):
            response = client.get("/en/events/my-calendar/")
        assert "You get a private calendar address with your first registration" in response.text
