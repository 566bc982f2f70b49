"""Registrations for meetups: capacity, waitlist and cancellation, with the emails they send.

Every change that counts seats holds the event's row (``SELECT … FOR UPDATE``) for the rest of its
transaction, so that requests arriving together are counted one after another: with 50 seats,
exactly 50 are confirmed however many ask at once, and the rest wait in arrival order.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.permissions import user_is_network_member
from core import page_tree
from core.services import absolute_url, email_render_and_queue
from events.calendar import event_calendar
from events.models import CalendarFeed, EventPage, Registration, RegistrationStatus
from events.models.registrations import new_feed_token, new_nonce

CANCEL_SALT = "events.registration.cancel"
CANCEL_LINK_MAX_AGE = 400 * 24 * 60 * 60  # valid until well after any event it is for


class RegistrationRefused(ValidationError):
    """A registration the rules do not allow; its message says why, for the person."""


@dataclass(frozen=True)
class RegistrationInput:
    organisation: str
    dietary_needs: str = ""
    accessibility_needs: str = ""


def canonical_event(page: EventPage) -> EventPage:
    """The event's page in the default language, which registrations belong to."""
    if page.locale_id == page_tree.locale_id(settings.LANGUAGE_CODE):
        return page
    return EventPage.objects.get(
        translation_key=page.translation_key, locale__language_code=settings.LANGUAGE_CODE
    )


def _locked(event: EventPage) -> EventPage:
    return EventPage.objects.select_for_update(of=("self",)).get(pk=event.pk)


def _confirmed_count(event: EventPage) -> int:
    return Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED).count()


@transaction.atomic
def registration_create(*, event: EventPage, user: User, data: RegistrationInput) -> Registration:
    """Register ``user``: confirmed while seats are left, else on the waitlist. A person who
    cancelled may register again, at the end of the queue. Raises ``RegistrationRefused``."""
    event = _locked(canonical_event(event))
    state = event.registration_state()
    if state != "open":
        raise RegistrationRefused(
            {
                "not_yet": _("Registration has not opened yet."),
                "closed": _("Registration is closed."),
                "cancelled": _("This event is cancelled."),
            }[state]
        )
    if event.is_members_only and not user_is_network_member(user):
        raise RegistrationRefused(_("This meetup is for members of the network only."))
    registration = Registration.objects.filter(event=event, user=user).first()
    if registration is not None and registration.status != RegistrationStatus.CANCELLED:
        raise RegistrationRefused(_("You are already registered for this event."))
    now = timezone.now()
    status = (
        RegistrationStatus.CONFIRMED
        if _confirmed_count(event) < event.capacity
        else RegistrationStatus.WAITLISTED
    )
    registration = registration or Registration(event=event, user=user)
    registration.status = status
    registration.organisation = data.organisation
    registration.dietary_needs = data.dietary_needs
    registration.accessibility_needs = data.accessibility_needs
    registration.queued_at = now
    registration.confirmed_at = now if status == RegistrationStatus.CONFIRMED else None
    registration.cancelled_at = None
    registration.cancel_nonce = new_nonce()
    registration.full_clean(exclude=["event", "user"])
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError as error:  # the same person twice at once: the second loses
        raise RegistrationRefused(_("You are already registered for this event.")) from error
    CalendarFeed.objects.get_or_create(user=user)  # their meetups, for their calendar
    confirmed = status == RegistrationStatus.CONFIRMED
    _email(registration, "registration_confirmed" if confirmed else "registration_waitlisted")
    return registration


@transaction.atomic
def registration_cancel(*, registration: Registration) -> Registration:
    """Cancel a place; the seat it frees goes to the first on the waitlist, who is emailed."""
    event = _locked(registration.event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == RegistrationStatus.CANCELLED:
        return registration
    was_confirmed = registration.status == RegistrationStatus.CONFIRMED
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.cancel_nonce = new_nonce()
    registration.save(update_fields=["status", "cancelled_at", "cancel_nonce"])
    _email(registration, "registration_cancelled")
    if was_confirmed:
        _promote(event)
    return registration


@transaction.atomic
def event_capacity_set(*, event: EventPage, capacity: int) -> list[Registration]:
    """Change the number of seats: never below the confirmed count; raising it promotes as
    many from the waitlist as now fit. Returns those promoted."""
    event = _locked(canonical_event(event))
    confirmed = _confirmed_count(event)
    if capacity < confirmed:
        raise ValidationError(
            _("%(confirmed)s people are confirmed: the event cannot have fewer seats.")
            % {"confirmed": confirmed}
        )
    EventPage.objects.filter(pk=event.pk).update(capacity=capacity)
    event.capacity = capacity
    return _promote(event)


def _promote(event: EventPage) -> list[Registration]:
    """Confirm the first on the waitlist while seats are free (the event's row is held)."""
    free = event.capacity - _confirmed_count(event)
    if free <= 0:
        return []
    promoted = list(
        Registration.objects.select_for_update()
        .filter(event=event, status=RegistrationStatus.WAITLISTED)
        .order_by("queued_at", "pk")[:free]
    )
    now = timezone.now()
    for registration in promoted:
        registration.status = RegistrationStatus.CONFIRMED
        registration.confirmed_at = now
        registration.save(update_fields=["status", "confirmed_at"])
        _email(registration, "registration_promoted")
    return promoted


def waitlist_position(registration: Registration) -> int | None:
    """1 for the first in the queue; None unless waitlisted."""
    if registration.status != RegistrationStatus.WAITLISTED:
        return None
    ahead = Registration.objects.filter(
        Q(queued_at__lt=registration.queued_at)
        | Q(queued_at=registration.queued_at, pk__lt=registration.pk),
        event_id=registration.event_id,
        status=RegistrationStatus.WAITLISTED,
    ).count()
    return ahead + 1


# --- The cancellation link ------------------------------------------------------------------------


def cancel_token(registration: Registration) -> str:
    return signing.dumps(
        {"r": registration.pk, "n": registration.cancel_nonce}, salt=CANCEL_SALT, compress=True
    )


def registration_from_cancel_token(token: str) -> Registration | None:
    """The registration a cancellation link is for, if the link is genuine, unused and its
    registration still holds a place; else None."""
    try:
        data = signing.loads(token, salt=CANCEL_SALT, max_age=CANCEL_LINK_MAX_AGE)
    except signing.BadSignature:
        return None
    registration = (
        Registration.objects.select_related("event", "user")
        .filter(pk=data.get("r"), cancel_nonce=data.get("n"))
        .exclude(status=RegistrationStatus.CANCELLED)
        .first()
    )
    return registration


def cancel_url(registration: Registration, language: str) -> str:
    from django.urls import reverse

    with translation.override(language):
        return absolute_url(reverse("events:cancel", args=[cancel_token(registration)]))


# --- Emails ---------------------------------------------------------------------------------------


def _email(registration: Registration, template: str) -> None:
    user = registration.user
    event = registration.event
    language = user.language
    shown = event_in_language(event, language)
    attachments = []
    if registration.status == RegistrationStatus.CONFIRMED:
        attachments.append(
            {
                "filename": "event.ics",
                "content": event_calendar(event=shown, url=absolute_url(shown.url or "")),
                "mimetype": "text/calendar; method=PUBLISH; charset=utf-8",
            }
        )
    email_render_and_queue(
        to=user.email,
        template_prefix=f"events/email/{template}",
        context={
            "name": user.get_short_name(),
            "event": shown,
            "event_url": absolute_url(shown.url or ""),
            "registration": registration,
            "position": waitlist_position(registration),
            "cancel_url": cancel_url(registration, language)
            if registration.status != RegistrationStatus.CANCELLED
            else "",
        },
        language=language,
        attachments=attachments,
    )


def event_in_language(event: EventPage, language: str) -> EventPage:
    """The event's page in ``language`` where it has one (live), else the default language's."""
    page = (
        EventPage.objects.live()
        .filter(translation_key=event.translation_key, locale__language_code=language)
        .first()
    )
    return page or event


# --- The secretariat's work on the day ------------------------------------------------------------


@transaction.atomic
def registration_attendance_set(*, registration: Registration, attended: bool) -> Registration:
    """Record whether a participant came (the check-in at the door). Only a confirmed place can
    be marked attended; unmarking is always allowed. Raises ``ValidationError`` otherwise."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if attended and registration.status != RegistrationStatus.CONFIRMED:
        raise ValidationError(
            _(
                "Only confirmed participants can be marked as attended: this registration is"
                " “%(status)s”. Nothing was changed."
            )
            % {"status": registration.get_status_display()}
        )
    if registration.attended != attended:
        registration.attended = attended
        registration.save(update_fields=["attended"])
    return registration


@transaction.atomic
def event_message_send(*, event: EventPage, subject: str, body: str, by: User) -> int:
    """Email the secretariat's message to every confirmed participant, once each, in their own
    language, with a link to the event's page in that language where it has one, signed by
    ``by`` for the secretariat. Returns how many were queued. (The form refuses an empty subject
    or body.) The emails go out once the transaction commits."""
    event = canonical_event(event)
    pages = {
        page.locale.language_code: page
        for page in EventPage.objects.live()
        .filter(translation_key=event.translation_key)
        .select_related("locale")
    }
    urls: dict[str, str] = {}
    recipients = User.objects.filter(
        registrations__event=event, registrations__status=RegistrationStatus.CONFIRMED
    ).order_by("pk")
    queued = 0
    for user in recipients:
        shown = pages.get(user.language, event)
        if user.language not in urls:
            urls[user.language] = absolute_url(shown.url or "")
        email_render_and_queue(
            to=user.email,
            template_prefix="events/email/event_message",
            context={
                "name": user.get_short_name(),
                "subject": subject,
                "body": body,
                "sender": by.get_full_name(),
                "event": shown,
                "event_url": urls[user.language],
            },
            language=user.language,
        )
        queued += 1
    return queued


@transaction.atomic
def calendar_feed_renew(*, user: User) -> CalendarFeed:
    """A new private address for ``user``'s meetup calendar: the old one stops working at once
    (someone else has seen it, or the person wants a fresh start)."""
    feed, created = CalendarFeed.objects.select_for_update().get_or_create(user=user)
    if not created:
        feed.token = new_feed_token()
        feed.save(update_fields=["token"])
    return feed
