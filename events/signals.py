"""Receivers at the seams of the meetups: each one hands its work to a task or a service."""

from events.models import EventPage, EventsIndexPage
from events.tasks import event_changes_notify_task


def event_published(sender, instance, **kwargs):
    event_changes_notify_task.delay_on_commit(event_id=instance.pk)


def events_index_created(sender, instance, created, raw=False, **kwargs):
    from events.workflow import event_drafting_ensure

    if created and not raw:
        event_drafting_ensure()


def connect_receivers() -> None:
    from django.db.models.signals import post_save

    from wagtail.signals import page_published

    page_published.connect(event_published, sender=EventPage, dispatch_uid="events-published")
    post_save.connect(
        events_index_created, sender=EventsIndexPage, dispatch_uid="events-index-drafting"
    )
