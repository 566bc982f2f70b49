"""Receivers at the seams of the meetups: each one hands its work to a task."""

from events.models import EventPage
from events.tasks import event_changes_notify_task


def event_published(sender, instance, **kwargs):
    event_changes_notify_task.delay_on_commit(event_id=instance.pk)


def connect_receivers() -> None:
    from wagtail.signals import page_published

    page_published.connect(event_published, sender=EventPage, dispatch_uid="events-published")
