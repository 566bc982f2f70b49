"""The reporting reminders with the real components: Celery workers on Redis sending through an
SMTP server, two sweeps at once, and a worker killed in the middle of a sweep. The messages the
SMTP server receives are counted per recipient: each exactly one.

PostgreSQL only: the sweep claims each reminder by inserting its unique row, and a test holds a
row's insert open in another connection to stop a sweep half-way (SQLite has no row locks).
"""

import datetime

import psycopg
import pytest

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import F

from core.models import EmailStatus, OutgoingEmail
from core.services import REDISPATCH_AFTER, STALE_CLAIM_AFTER
from core.tasks import email_sweep_task
from progress.models import Reminder, ReminderKind, ReportingRound
from progress.tasks import report_reminders_sweep_task
from tests.core.fault_tools import (
    HOST,
    tasks_through_the_broker,
    wait_for,
)
from tests.factories.cities import coordinator_of, member_city

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="holds a row lock in another connection (PostgreSQL only; CI runs it there)",
    ),
]


@pytest.fixture
def round_and_coordinators(site_tree):
    coordinators = [
        coordinator_of(member_city(city), email=f"coordinator@{city.lower()}.example.org")
        for city in ("Oslo", "Bergen", "Stockholm", "Helsinki")
    ]
    reporting_round = ReportingRound.objects.create(
        year=2026, deadline=datetime.date.today() + datetime.timedelta(days=30)
    )
    return reporting_round, sorted(user.email for user in coordinators)


def received_once_each(smtp, expected) -> bool:
    return smtp.recipients() == expected


def test_two_sweeps_at_once_on_two_workers_send_each_reminder_once(
    workers, smtp, round_and_coordinators
):
    _round, expected = round_and_coordinators
    logs = [workers("sweep-a").log, workers("sweep-b").log]
    with tasks_through_the_broker():
        report_reminders_sweep_task.delay()
        report_reminders_sweep_task.delay()
    wait_for(
        lambda: (
            len(smtp.recipients()) >= len(expected)
            and not OutgoingEmail.objects.exclude(status=EmailStatus.SENT).exists()
        ),
        timeout=60,
        what="every coordinator is reminded",
        logs=logs,
    )
    # Both sweeps ran: two more would be on their way by now if either had sent twice.
    assert smtp.recipients() == expected
    assert Reminder.objects.filter(kind=ReminderKind.OPENED).count() == len(expected)


def test_a_worker_killed_mid_sweep_loses_no_reminder_and_sends_none_twice(
    workers, smtp, round_and_coordinators
):
    _round, expected = round_and_coordinators
    # Another connection starts claiming the last coordinator's reminder (the sweep goes in
    # the order of the accounts) and holds it: the sweep claims the others, then waits on it.
    reporting_round, _emails = round_and_coordinators
    last = get_user_model().objects.filter(coordinator__isnull=False).order_by("pk").last()
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
            "INSERT INTO progress_reminder (round_id, kind, recipient_id, created_at)"
            " VALUES (%s, %s, %s, now())",
            (reporting_round.pk, ReminderKind.OPENED.value, last.pk),
        )
        first = workers("first")
        with tasks_through_the_broker():
            report_reminders_sweep_task.delay()

        def waiting_on_the_last() -> bool:
            return Reminder.objects.count() == len(expected) - 1

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
        report_reminders_sweep_task.delay()

    def all_sent() -> bool:
        if Reminder.objects.count() < len(expected):
            return False
        return len(smtp.recipients()) >= len(expected) and not (
            OutgoingEmail.objects.exclude(status=EmailStatus.SENT).exists()
        )

    wait_for(all_sent, timeout=60, what="every coordinator is reminded", logs=[second.log])
    with tasks_through_the_broker():
        email_sweep_task.delay()  # a late sweep finds nothing more to send
    assert smtp.recipients() == expected
