"""What a meetup's participants are told without asking: reminders 7 days and 1 day before it
starts, what changed when its time or place changes (or it is called off), and the erasure of
their dietary and accessibility needs 30 days after it.

A periodic sweep (``events.tasks``) sends what is due. Each participant's reminder is claimed by
inserting its unique ``EventReminder`` row in the transaction that queues its email
(``core.reminders``; the outbox then sends it exactly once): a second sweep running at the same
moment waits on the insert and finds it taken; a sweep that dies leaves the reminders it did not
reach for the next one.
"""

from datetime import datetime, timedelta

from django.db import models, transaction
from django.utils import timezone

from core.reminders import reminder_send_once
from core.services import absolute_url, email_render_and_queue
from events.calendar import event_calendar
from events.models import (
    EventReminder,
    Registration,
    RegistrationStatus,
    ReminderKind,
)

# How long before the start each reminder is due; a reminder whose moment passed while nothing
# ran is still sent, as long as the meetup has not started.
LEAD = {ReminderKind.DAYS_7: timedelta(days=7), ReminderKind.DAYS_1: timedelta(days=1)}
NEEDS_KEPT = timedelta(days=30)


def event_reminders_send(*, now: datetime | None = None) -> int:
    """Queue every reminder that is due and not sent yet; returns how many this call queued.
    A participant who registers within a day of the start gets only the day-before one."""
    now = now or timezone.now()
    queued = 0
    for kind, lead in LEAD.items():
        due = (
            Registration.objects.filter(
                status=RegistrationStatus.CONFIRMED,
                event__starts_at__gt=now,
                event__starts_at__lte=now + lead,
                event__is_cancelled=False,
                event__live=True,
            )
            .exclude(reminders__kind=kind)
            .select_related("event", "user")
            .order_by("pk")
        )
        for registration in due:
            if (
                kind == ReminderKind.DAYS_7
                and registration.event.starts_at <= now + LEAD[ReminderKind.DAYS_1]
            ):
                continue  # the day-before reminder says it all
            queued += _reminder_send(registration, kind=kind)
    return queued


def _reminder_send(registration: Registration, *, kind: str) -> int:
    from events.services import cancel_url, event_in_language

    user = registration.user
    event = event_in_language(registration.event, user.language)
    return reminder_send_once(
        model=EventReminder,
        row={"registration": registration, "kind": kind},
        queue_email=lambda: email_render_and_queue(
            to=user.email,
            template_prefix=f"events/email/reminder_{kind}",
            context={
                "name": user.get_short_name(),
                "event": event,
                "event_url": absolute_url(event.url or ""),
                "cancel_url": cancel_url(registration, user.language),
            },
            language=user.language,
        ),
    )


def registration_needs_erase(*, now: datetime | None = None) -> int:
    """Erase the dietary and accessibility needs given for meetups that ended 30 days ago or
    more; returns how many registrations had some."""
    now = now or timezone.now()
    return (
        Registration.objects.filter(event__ends_at__lte=now - NEEDS_KEPT)
        .exclude(dietary_needs="", accessibility_needs="")
        .update(dietary_needs="", accessibility_needs="")
    )


# What a change of is told to the registrants; the rest of a page can change quietly.
NOTIFIED_FIELDS = (
    "starts_at",
    "ends_at",
    "time_zone",
    "format",
    "venue_name",
    "venue_address",
    "online_url",
    "is_cancelled",
)


def notified_state(event) -> dict:
    return {
        name: value.isoformat() if hasattr(value, "isoformat") else value
        for name in NOTIFIED_FIELDS
        for value in [getattr(event, name)]
    }


def event_changes_notify(*, event_id: int) -> int:
    """After a publish: when the meetup's time or place changed since registrants were last told
    (or it was called off), raise its calendar SEQUENCE and email every confirmed and waitlisted
    registrant what changed, with the new calendar file. Returns how many were emailed; a
    publish that changed none of these tells nobody."""
    from events.models import EventPage
    from events.services import canonical_event, event_in_language

    page = EventPage.objects.filter(pk=event_id).first()
    if page is None:
        return 0
    with transaction.atomic():
        # The default language's page, held: a translation's publish lands here too.
        event = EventPage.objects.select_for_update(of=("self",)).get(pk=canonical_event(page).pk)
        if not event.live:
            return 0
        state = notified_state(event)
        before = event.notified_state
        if before == state:
            return 0
        changed = [name for name in NOTIFIED_FIELDS if before and before.get(name) != state[name]]
        EventPage.objects.filter(pk=event.pk).update(
            notified_state=state, sequence=models.F("sequence") + (1 if before else 0)
        )
        if not before:
            return 0  # the first publish: nobody registered for an older version
        event.refresh_from_db(fields=["sequence"])
        queued = 0
        registrations = (
            Registration.objects.filter(event=event)
            .exclude(status=RegistrationStatus.CANCELLED)
            .select_related("user")
            .order_by("pk")
        )
        for registration in registrations:
            user = registration.user
            shown = event_in_language(event, user.language)
            shown.sequence = event.sequence
            url = absolute_url(shown.url or "")
            email_render_and_queue(
                to=user.email,
                template_prefix="events/email/event_changed",
                context={
                    "name": user.get_short_name(),
                    "event": shown,
                    "event_url": url,
                    "changed_time": bool({"starts_at", "ends_at", "time_zone"} & set(changed)),
                    "changed_place": bool(
                        {"format", "venue_name", "venue_address", "online_url"} & set(changed)
                    ),
                    "cancelled": event.is_cancelled,
                    "confirmed": registration.status == RegistrationStatus.CONFIRMED,
                },
                language=user.language,
                attachments=[
                    {
                        "filename": "event.ics",
                        "content": event_calendar(event=shown, url=url),
                        "mimetype": "text/calendar; method=PUBLISH; charset=utf-8",
                    }
                ],
            )
            queued += 1
        return queued
