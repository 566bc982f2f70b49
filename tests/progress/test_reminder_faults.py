"""The reporting reminders with the real components (``tests.core.fault_tools``): Celery workers
on Redis sending through an SMTP server, two sweeps at once, and a worker killed in the middle of
a sweep. The messages the SMTP server receives are counted per coordinator: each exactly one.
"""

import datetime

import pytest

from django.contrib.auth import get_user_model

from progress.models import Reminder, ReminderKind, ReportingRound
from progress.tasks import report_reminders_sweep_task
from tests.core.fault_tools import ROW_LOCKS, sweep_killed_half_way, two_sweeps_at_once
from tests.factories.cities import coordinator_of, member_city

pytestmark = [pytest.mark.django_db(transaction=True), ROW_LOCKS]


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


def test_two_sweeps_at_once_on_two_workers_send_each_reminder_once(
    workers, smtp, round_and_coordinators
):
    _round, expected = round_and_coordinators
    two_sweeps_at_once(workers, smtp, report_reminders_sweep_task, due=len(expected))
    # Both sweeps ran: two more would be on their way by now if either had sent twice.
    assert smtp.recipients() == expected
    assert Reminder.objects.filter(kind=ReminderKind.OPENED).count() == len(expected)


def test_a_worker_killed_mid_sweep_loses_no_reminder_and_sends_none_twice(
    workers, smtp, round_and_coordinators
):
    reporting_round, expected = round_and_coordinators
    # The sweep goes in the order of the accounts: it is killed waiting on the last one's.
    last = get_user_model().objects.filter(coordinator__isnull=False).order_by("pk").last()
    held = Reminder(round=reporting_round, kind=ReminderKind.OPENED, recipient=last)
    sweep_killed_half_way(workers, smtp, report_reminders_sweep_task, held=held, due=len(expected))
    assert smtp.recipients() == expected
