"""Reminders that a periodic sweep sends exactly once, however many sweeps run at the same moment
and wherever a worker dies.

A reminder is a row of the app's own, unique per recipient and kind. A sweep claims it by
inserting that row, and queues its email in the same transaction (the outbox then sends it
exactly once): a second sweep running at the same moment waits on the insert and finds it taken;
a sweep that dies leaves the reminders it did not reach for the next one.
"""

from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, models, transaction

from core.models import OutgoingEmail


def reminder_send_once(
    *,
    model: type[models.Model],
    row: dict[str, Any],
    queue_email: Callable[[], OutgoingEmail],
) -> int:
    """Claim the reminder ``row`` of ``model`` (inserted first) and queue its email with
    ``queue_email()`` in the same transaction, keeping the email on the row's ``email``. Returns
    1, or 0 when another sweep claimed it first (then nothing is queued)."""
    try:
        with transaction.atomic():
            reminder = model.objects.create(**row)
            reminder.email = queue_email()
            reminder.save(update_fields=["email"])
    except IntegrityError:
        return 0  # another sweep claimed this one first
    return 1
