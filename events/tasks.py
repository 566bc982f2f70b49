from celery import shared_task

from events import notices


@shared_task
def event_reminders_sweep_task() -> int:
    """Periodic: the meetup reminders that are due (each is sent once however often this runs)."""
    return notices.event_reminders_send()


@shared_task
def registration_needs_erase_task() -> int:
    """Periodic: dietary and accessibility needs are kept 30 days after a meetup, no longer."""
    return notices.registration_needs_erase()


@shared_task
def event_changes_notify_task(*, event_id: int) -> int:
    """After a meetup is published: tell its registrants if its time or place changed."""
    return notices.event_changes_notify(event_id=event_id)
