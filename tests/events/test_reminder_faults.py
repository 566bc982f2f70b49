"""The meetup reminders with the real components (``tests.core.fault_tools``): Celery workers on
Redis sending through an SMTP server, two sweeps at once, and a worker killed in the middle of a
sweep. The reminders the SMTP server receives are counted per participant: each exactly one (their
registrations' confirmations, sent before, are not counted).
"""

import pytest

from core.models import EmailStatus, OutgoingEmail
from events import services
from events.models import EventReminder, Registration, ReminderKind
from events.tasks import event_reminders_sweep_task
from tests.core.fault_tools import ROW_LOCKS, sweep_killed_half_way, two_sweeps_at_once
from tests.events.world import event
from tests.factories.accounts import UserFactory

pytestmark = [pytest.mark.django_db(transaction=True), ROW_LOCKS]


@pytest.fixture
def participants(site_tree):
    """Four confirmed participants of a meetup five days away: the week-before reminder is due."""
    page = event("Bergen meetup", capacity=10, days=5)
    people = [UserFactory(email=f"participant{n}@example.org") for n in range(4)]
    for person in people:
        services.registration_create(
            event=page, user=person, data=services.RegistrationInput(organisation="A city")
        )
    return sorted(person.email for person in people)


def test_two_sweeps_at_once_on_two_workers_send_each_reminder_once(workers, smtp, participants):
    expected = participants
    sent_before = set(OutgoingEmail.objects.values_list("pk", flat=True))
    OutgoingEmail.objects.update(status=EmailStatus.SENT)  # the confirmations are not counted
    two_sweeps_at_once(workers, smtp, event_reminders_sweep_task, due=len(expected))
    # Both sweeps ran: two more would be on their way by now if either had sent twice.
    assert smtp.recipients() == expected
    assert EventReminder.objects.filter(kind=ReminderKind.DAYS_7).count() == len(expected)
    assert OutgoingEmail.objects.exclude(pk__in=sent_before).count() == len(expected)


def test_a_worker_killed_mid_sweep_loses_no_reminder_and_sends_none_twice(
    workers, smtp, participants
):
    expected = participants
    OutgoingEmail.objects.update(status=EmailStatus.SENT)  # the confirmations are not counted
    # The sweep goes in the order of the registrations: it is killed waiting on the last one's.
    last = Registration.objects.order_by("pk").last()
    held = EventReminder(registration=last, kind=ReminderKind.DAYS_7)
    sweep_killed_half_way(workers, smtp, event_reminders_sweep_task, held=held, due=len(expected))
    assert smtp.recipients() == expected
