"""The reporting reminders: each coordinator gets each reminder once, in their language, and the
secretariat a summary after the deadline."""

import datetime
import threading

import pytest

from django.db import connection

from core.models import OutgoingEmail
from progress import services
from progress.models import Reminder, ReminderKind, ReportingRound
from tests.progress.world import build_world
from tests.worlds import once_per_class

world, world_built = once_per_class("world", build_world)


def sent(kind: str) -> list[str]:
    return sorted(Reminder.objects.filter(kind=kind).values_list("recipient__email", flat=True))


class TestTheSweep:
    def test_an_open_round_is_announced_to_every_coordinator_once(self, world):
        today = datetime.date.today()
        assert services.report_reminders_send(today=today) == 3
        assert services.report_reminders_send(today=today) == 0
        assert len(sent(ReminderKind.OPENED)) == 3
        email = OutgoingEmail.objects.get(to=world.stockholm_coordinator.email)
        assert email.language == "sv" and "/sv/charter/our-city/" in email.text_body

    def test_the_deadline_reminders_go_only_to_cities_that_have_not_submitted(self, world):
        deadline = world.current.deadline
        ReportingRound.objects.filter(pk=world.current.pk).update(
            opened_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
        )
        services.report_reminders_send(today=deadline - datetime.timedelta(days=14))
        services.report_reminders_send(today=deadline - datetime.timedelta(days=10))
        assert sent(ReminderKind.DAYS_14) == [world.oslo_coordinator.email]
        services.report_reminders_send(today=deadline - datetime.timedelta(days=3))
        services.report_reminders_send(today=deadline)
        assert sent(ReminderKind.DAYS_3) == [world.oslo_coordinator.email]

    def test_a_round_opened_late_skips_the_reminders_whose_day_had_passed(self, world):
        deadline = world.current.deadline
        opened = datetime.datetime.combine(deadline - datetime.timedelta(days=10), datetime.time())
        ReportingRound.objects.filter(pk=world.current.pk).update(
            opened_at=opened.replace(tzinfo=datetime.UTC)
        )
        services.report_reminders_send(today=deadline - datetime.timedelta(days=5))
        assert sent(ReminderKind.DAYS_14) == []
        services.report_reminders_send(today=deadline - datetime.timedelta(days=3))
        assert sent(ReminderKind.DAYS_3) == [world.oslo_coordinator.email]

    def test_the_secretariat_gets_one_summary_the_day_after_the_deadline(self, world):
        deadline = world.current.deadline
        services.report_reminders_send(today=deadline)
        assert sent(ReminderKind.SUMMARY) == []
        services.report_reminders_send(today=deadline + datetime.timedelta(days=1))
        services.report_reminders_send(today=deadline + datetime.timedelta(days=2))
        assert sent(ReminderKind.SUMMARY) == [world.secretariat.email]
        summary = OutgoingEmail.objects.get(to=world.secretariat.email)
        assert "2 of 3 cities submitted" in summary.subject
        assert "Oslo" in summary.text_body and "/admin/charter/network/" in summary.text_body


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite runs one writer at a time")
def test_two_sweeps_at_the_same_moment_send_each_reminder_once(transactional_db, site_tree):
    """Run against PostgreSQL in CI: two sweeps in two connections race for the same rows."""
    world = build_world()
    barrier = threading.Barrier(2)
    counts = []

    def sweep():
        from django.db import connections

        barrier.wait()
        try:
            counts.append(services.report_reminders_send())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(counts) == 3
    assert sent(ReminderKind.OPENED) == sorted(
        user.email
        for user in (world.oslo_coordinator, world.bergen_coordinator, world.stockholm_coordinator)
    )
    assert OutgoingEmail.objects.count() == 3
