"""The meetup reminders with the real components: Celery workers on Redis sending through an
SMTP server, two sweeps at once, and a worker killed in the middle of a sweep. The messages the
SMTP server receives are counted per recipient: each exactly one.

PostgreSQL only: the sweep claims each reminder by inserting its unique row, and a test holds a
row's insert open in another connection to stop a sweep half-way (SQLite has no row locks).
"""

import psycopg
import pytest

from django.db import connection
from django.db.models import F

from core.models import EmailStatus, OutgoingEmail
from core.services import REDISPATCH_AFTER, STALE_CLAIM_AFTER
from core.tasks import email_sweep_task
from events import services
from events.models import EventReminder, Registration, ReminderKind
from events.tasks import event_reminders_sweep_task
from tests.core.fault_tools import (
    HOST,
    tasks_through_the_broker,
    wait_for,
)
from tests.events.world import event
from tests.factories.accounts import UserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="holds a row lock in another connection (PostgreSQL only; CI runs it there)",
    ),
]


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
    logs = [workers("sweep-a").log, workers("sweep-b").log]
    with tasks_through_the_broker():
        event_reminders_sweep_task.delay()
        event_reminders_sweep_task.delay()
    wait_for(
        lambda: (
            len(smtp.recipients()) >= len(expected)
            and not OutgoingEmail.objects.exclude(status=EmailStatus.SENT).exists()
        ),
        timeout=60,
        what="every participant is reminded",
        logs=logs,
    )
    # Both sweeps ran: two more would be on their way by now if either had sent twice.
    assert smtp.recipients() == expected
    assert EventReminder.objects.filter(kind=ReminderKind.DAYS_7).count() == len(expected)
    assert OutgoingEmail.objects.exclude(pk__in=sent_before).count() == len(expected)


def test_a_worker_killed_mid_sweep_loses_no_reminder_and_sends_none_twice(
    workers, smtp, participants
):
    expected = participants
    OutgoingEmail.objects.update(status=EmailStatus.SENT)  # the confirmations are not counted
    # Another connection starts claiming the last participant's reminder (the sweep goes in the
    # order of the registrations) and holds it: the sweep claims the others, then waits on it.
    last = Registration.objects.order_by("pk").last()
    settings = connection.settings_dict
    blocker = psycopg.connect(
        host=settings["HOST"] or HOST,
        port=settings["PORT"] or 5432,
        user=settings["USER"] or "postgres",
        dbname=settings["NAME"],
        autocommit=False,
    )
    try:
        blocker.execute(
            "INSERT INTO events_eventreminder (registration_id, kind, created_at)"
            " VALUES (%s, %s, now())",
            (last.pk, ReminderKind.DAYS_7.value),
        )
        first = workers("first")
        with tasks_through_the_broker():
            event_reminders_sweep_task.delay()

        def waiting_on_the_last() -> bool:
            return EventReminder.objects.count() == len(expected) - 1

        wait_for(waiting_on_the_last, timeout=60, what="the sweep is half-way", logs=[first.log])
        first.kill()
    finally:
        blocker.rollback()
        blocker.close()

    # What the dead worker queued may sit in its prefetch: a while later the outbox's sweep
    # hands out what is still pending, and the next reminder sweep claims the rest.
    OutgoingEmail.objects.update(
        created_at=F("created_at") - REDISPATCH_AFTER - STALE_CLAIM_AFTER,
        claimed_at=F("claimed_at") - STALE_CLAIM_AFTER,
    )
    second = workers("second")
    with tasks_through_the_broker():
        email_sweep_task.delay()
        event_reminders_sweep_task.delay()

    def all_sent() -> bool:
        if EventReminder.objects.count() < len(expected):
            return False
        return len(smtp.recipients()) >= len(expected) and not (
            OutgoingEmail.objects.exclude(status=EmailStatus.SENT).exists()
        )

    wait_for(all_sent, timeout=60, what="every participant is reminded", logs=[second.log])
    with tasks_through_the_broker():
        email_sweep_task.delay()  # a late sweep finds nothing more to send
    assert smtp.recipients() == expected
