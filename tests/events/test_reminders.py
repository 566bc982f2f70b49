"""Reminders 7 days and 1 day before a meetup, to confirmed participants only, each once; and the
dietary and accessibility needs erased 30 days after it."""

import datetime

import icalendar

from django.utils import timezone, translation

from core.models import OutgoingEmail
from events import notices, services
from events.models import EventReminder, Registration
from tests.events.world import event
from tests.factories.accounts import UserFactory

DATA = services.RegistrationInput(
    organisation="City of Bergen", dietary_needs="Vegan", accessibility_needs="Hearing loop"
)


def register(page, user):
    return services.registration_create(event=page, user=user, data=DATA)


def reminders_to(user) -> list[str]:
    return [
        email.subject
        for email in OutgoingEmail.objects.filter(to=user.email).order_by("pk")
        if "week" in email.subject.lower() or "tomorrow" in email.subject.lower()
    ]


def test_the_week_and_the_day_before_each_confirmed_participant_is_reminded_once(site_tree):
    page = event("Bergen meetup", capacity=1, days=20)
    seated, waiting = UserFactory(), UserFactory()
    register(page, seated)
    register(page, waiting)
    starts = page.starts_at

    assert notices.event_reminders_send(now=starts - datetime.timedelta(days=8)) == 0
    assert notices.event_reminders_send(now=starts - datetime.timedelta(days=6)) == 1
    assert notices.event_reminders_send(now=starts - datetime.timedelta(days=5)) == 0
    assert notices.event_reminders_send(now=starts - datetime.timedelta(hours=20)) == 1
    assert notices.event_reminders_send(now=starts - datetime.timedelta(hours=2)) == 0

    assert reminders_to(seated) == ["In a week: Bergen meetup", "Tomorrow: Bergen meetup"]
    assert reminders_to(waiting) == []


def test_someone_who_registers_the_day_before_gets_only_that_reminder(site_tree):
    page = event("Bergen meetup", days=20)
    person = UserFactory()
    register(page, person)

    notices.event_reminders_send(now=page.starts_at - datetime.timedelta(hours=10))

    assert reminders_to(person) == ["Tomorrow: Bergen meetup"]
    assert list(EventReminder.objects.values_list("kind", flat=True)) == ["days_1"]


def test_a_reminder_is_in_the_participants_language(site_tree):
    page = event("Bergen meetup", days=20)
    person = UserFactory(language="sv")
    register(page, person)

    notices.event_reminders_send(now=page.starts_at - datetime.timedelta(days=3))

    reminder = OutgoingEmail.objects.filter(to=person.email).order_by("pk").last()
    with translation.override("sv"):
        swedish = translation.gettext("In a week: %(event)s") % {"event": "Bergen meetup"}
    assert reminder.language == "sv"
    assert reminder.subject == swedish != "In a week: Bergen meetup"


def test_a_cancelled_meetup_and_a_cancelled_registration_are_not_reminded(site_tree):
    cancelled_page = event("Called off", days=20)
    person, other = UserFactory(), UserFactory()
    register(cancelled_page, person)
    open_page = event("Still on", days=20)
    services.registration_cancel(registration=register(open_page, other))
    cancelled_page.is_cancelled = True
    cancelled_page.save_revision().publish()

    assert notices.event_reminders_send(now=open_page.starts_at - datetime.timedelta(days=2)) == 0


def test_needs_are_erased_30_days_after_the_meetup_and_not_before(site_tree):
    page = event("Bergen meetup", days=20)
    register(page, UserFactory())
    ended = page.ends_at

    assert notices.registration_needs_erase(now=ended + datetime.timedelta(days=29)) == 0
    assert Registration.objects.get().dietary_needs == "Vegan"
    assert notices.registration_needs_erase(now=ended + datetime.timedelta(days=31)) == 1
    registration = Registration.objects.get()
    assert (registration.dietary_needs, registration.accessibility_needs) == ("", "")
    assert registration.organisation == "City of Bergen"
    assert timezone.now() < ended  # the real clock never came into it


def published(title, django_capture_on_commit_callbacks, **fields):
    """A meetup published as a request would publish it: its publish's task has run, and
    recorded the time and place registrants know."""
    with django_capture_on_commit_callbacks(execute=True):
        return event(title, days=20, **fields)


class TestChangesAreTold:
    def test_a_new_time_is_told_to_every_registrant_with_a_newer_calendar_file(
        self, site_tree, django_capture_on_commit_callbacks
    ):
        page = published("Bergen meetup", django_capture_on_commit_callbacks, capacity=1)
        seated, waiting = UserFactory(), UserFactory()
        register(page, seated)
        register(page, waiting)
        before = OutgoingEmail.objects.count()

        with django_capture_on_commit_callbacks(execute=True):
            page.starts_at += datetime.timedelta(hours=2)
            page.ends_at += datetime.timedelta(hours=2)
            page.save_revision().publish()

        told = OutgoingEmail.objects.order_by("pk")[before:]
        assert sorted(email.to for email in told) == sorted([seated.email, waiting.email])
        assert all(email.subject == "Changed: Bergen meetup" for email in told)
        assert "The time of “Bergen meetup” has changed." in told[0].text_body
        calendar = icalendar.Calendar.from_ical(told[0].attachments[0]["content"])
        (component,) = calendar.walk("VEVENT")
        assert component["sequence"] == 1
        assert component.decoded("dtstart").hour == 12

    def test_a_publish_that_changes_neither_time_nor_place_tells_nobody(
        self, site_tree, django_capture_on_commit_callbacks
    ):
        page = published("Bergen meetup", django_capture_on_commit_callbacks)
        register(page, UserFactory())
        before = OutgoingEmail.objects.count()

        with django_capture_on_commit_callbacks(execute=True):
            page.introduction = "A better introduction."
            page.save_revision().publish()

        assert OutgoingEmail.objects.count() == before
        page.refresh_from_db()
        assert page.sequence == 0

    def test_calling_a_meetup_off_tells_its_registrants_and_cancels_it_in_their_calendars(
        self, site_tree, django_capture_on_commit_callbacks
    ):
        page = published("Bergen meetup", django_capture_on_commit_callbacks)
        person = UserFactory()
        register(page, person)

        with django_capture_on_commit_callbacks(execute=True):
            page.is_cancelled = True
            page.save_revision().publish()

        told = OutgoingEmail.objects.filter(to=person.email).order_by("pk").last()
        assert told.subject == "Cancelled: Bergen meetup"
        (component,) = icalendar.Calendar.from_ical(told.attachments[0]["content"]).walk("VEVENT")
        assert str(component["status"]) == "CANCELLED"
