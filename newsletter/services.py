"""The newsletter's subscribers: double opt-in, preferences and unsubscribing, each with the
consent it rests on, and the signed links and headers every newsletter email carries.

A subscription request answers the same whatever the address's state, so that subscribing an
address reveals nothing about it: a new (or former) address gets a confirmation link, an
active one an email telling its owner so. Links are signed with the subscriber's ``nonce``: a
confirmation link works once (the nonce changes when it is used) and for three days; the
preferences and unsubscribe links in the emails work until a new subscription replaces them.
"""

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from charter.models import FocusArea
from core.rate_limits import limit_exceeded
from core.services import absolute_url, email_render_and_queue
from newsletter.models import Consent, ConsentAction, Subscriber, SubscriberStatus
from newsletter.models.subscribers import new_nonce

CONFIRM_SALT = "newsletter.subscriber.confirm"
MANAGE_SALT = "newsletter.subscriber.manage"
CONFIRM_LINK_DAYS = 3
CONFIRM_LINK_MAX_AGE = CONFIRM_LINK_DAYS * 24 * 3600
# Emails a subscription request may send to one address per day, whoever asks: a stranger
# cannot flood someone's inbox with confirmation requests.
REQUEST_EMAILS_PER_DAY = 3
ONE_CLICK_BODY = "List-Unsubscribe=One-Click"


class LinkError(Exception):
    """A link from an email that cannot be used; ``str()`` is a translated message for the
    person."""


class SubscriptionClosed(ValidationError):
    """A change the subscriber's state does not allow (preferences of an unsubscribed address)."""


@dataclass(frozen=True)
class ConsentSource:
    """Where and how a consent was given: the page, the client's address, the sentence shown
    and its language."""

    path: str
    ip_address: str | None
    wording: str
    language: str


def normalised_email(email: str) -> str:
    return email.strip().lower()


def _consent(subscriber: Subscriber, action: str, source: ConsentSource) -> Consent:
    consent = Consent(
        subscriber=subscriber,
        action=action,
        path=source.path[:500],
        ip_address=source.ip_address,
        wording=source.wording,
        language=source.language,
    )
    consent.full_clean()
    consent.save()
    return consent


def _save(subscriber: Subscriber, interests: Iterable[FocusArea] | None = None) -> Subscriber:
    subscriber.full_clean(exclude=["user"])
    subscriber.save()
    if interests is not None:
        subscriber.interests.set(interests)
    return subscriber


# --- Subscribing --------------------------------------------------------------------------------


@transaction.atomic
def subscriber_subscribe(
    *, email: str, language: str, interests: Iterable[FocusArea], source: ConsentSource
) -> Subscriber:
    """A subscription request from the public form (double opt-in). A new, pending, former or
    suspended address is pending with these preferences and gets a confirmation link; an
    active one is left as it is and its owner is told, with their preferences link."""
    email = normalised_email(email)
    subscriber = _locked_or_new(email=email, language=language)
    if subscriber.status == SubscriberStatus.ACTIVE:
        _request_email(subscriber, "already_subscribed")
        return subscriber
    if subscriber.status != SubscriberStatus.PENDING:
        # A new subscription: links from the earlier one stop working.
        subscriber.status = SubscriberStatus.PENDING
        subscriber.nonce = new_nonce()
    subscriber.language = language
    _save(subscriber, interests)
    _consent(subscriber, ConsentAction.SUBSCRIBED, source)
    _request_email(subscriber, "confirm", confirm_url=confirm_url(subscriber))
    return subscriber


def _locked_or_new(*, email: str, language: str) -> Subscriber:
    """The subscriber at ``email``, held for the transaction, or a new pending one, saved. Two
    requests for a new address at once: the second finds the first's row."""
    subscriber = Subscriber.objects.select_for_update().filter(email=email).first()
    if subscriber is not None:
        return subscriber
    subscriber = Subscriber(email=email, language=language)
    try:
        with transaction.atomic():
            return _save(subscriber)
    except IntegrityError:
        return Subscriber.objects.select_for_update().get(email=email)


def _request_email(subscriber: Subscriber, kind: str, **context) -> None:
    """An email answering a subscription request, unless this address had its share today."""
    digest = hashlib.sha256(subscriber.email.encode()).hexdigest()
    if limit_exceeded(
        key=f"newsletter-request:{digest}", limit=REQUEST_EMAILS_PER_DAY, window=24 * 3600
    ):
        return
    subscriber_email_send(subscriber=subscriber, kind=kind, context=context)


@transaction.atomic
def subscriber_subscribe_account(
    *, user: User, language: str, interests: Iterable[FocusArea], source: ConsentSource
) -> Subscriber:
    """A signed-in person subscribes their account's address from their account: active at
    once, since the account's address is verified (sign-in requires it), and linked to the
    account. An address subscribed already takes these preferences."""
    email = normalised_email(user.email)
    subscriber = (
        Subscriber.objects.select_for_update()
        .filter(Q(user=user) | Q(email=email))
        .order_by(F("user_id").asc(nulls_last=True))
        .first()
    )
    if subscriber is None:
        subscriber = Subscriber(email=email)
    was_active = subscriber.status == SubscriberStatus.ACTIVE and subscriber.pk
    subscriber.user = user
    subscriber.language = language
    if not was_active:
        subscriber.status = SubscriberStatus.ACTIVE
        subscriber.confirmed_at = timezone.now()
        subscriber.unsubscribed_at = None
        subscriber.consecutive_failures = 0
        subscriber.nonce = new_nonce()
    _save(subscriber, interests)
    if was_active:
        _consent(subscriber, ConsentAction.PREFERENCES_CHANGED, source)
    else:
        _consent(subscriber, ConsentAction.SUBSCRIBED, source)
        _consent(subscriber, ConsentAction.CONFIRMED, source)
    return subscriber


@transaction.atomic
def subscriber_confirm(*, subscriber: Subscriber, nonce: str, source: ConsentSource) -> Subscriber:
    """Confirm a pending subscription from its link (``subscriber_from_confirm_token``), once:
    the nonce changes, so the link (and any other from before) is used up, and a welcome email
    brings the new preferences and unsubscribe links. Raises ``LinkError`` when another request
    used it first."""
    locked = (
        Subscriber.objects.select_for_update()
        .filter(pk=subscriber.pk, nonce=nonce, status=SubscriberStatus.PENDING)
        .first()
    )
    if locked is None:
        raise LinkError(_used_message())
    locked.status = SubscriberStatus.ACTIVE
    locked.confirmed_at = timezone.now()
    locked.unsubscribed_at = None
    locked.consecutive_failures = 0
    locked.nonce = new_nonce()
    _save(locked)
    _consent(locked, ConsentAction.CONFIRMED, source)
    # The links of the confirmation email are used up with it: this one brings the new ones.
    subscriber_email_send(subscriber=locked, kind="subscribed")
    return locked


@transaction.atomic
def subscriber_preferences_update(
    *,
    subscriber: Subscriber,
    language: str,
    interests: Iterable[FocusArea],
    source: ConsentSource,
) -> Subscriber:
    """Change the language and the topics of a pending or active subscription."""
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    if subscriber.status not in (SubscriberStatus.PENDING, SubscriberStatus.ACTIVE):
        raise SubscriptionClosed(
            _("This address is not subscribed any more. Subscribe again to get the newsletter.")
        )
    subscriber.language = language
    _save(subscriber, interests)
    _consent(subscriber, ConsentAction.PREFERENCES_CHANGED, source)
    return subscriber


@transaction.atomic
def subscriber_unsubscribe(*, subscriber: Subscriber, source: ConsentSource) -> Subscriber:
    """Stop the newsletter to this address (and a pending request with it). Unsubscribing twice
    changes nothing the second time."""
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    if subscriber.status == SubscriberStatus.UNSUBSCRIBED:
        return subscriber
    subscriber.status = SubscriberStatus.UNSUBSCRIBED
    subscriber.unsubscribed_at = timezone.now()
    _save(subscriber)
    _consent(subscriber, ConsentAction.UNSUBSCRIBED, source)
    return subscriber


def subscriber_delete_for_account(*, user: User) -> int:
    """Delete the subscriptions of an account that is being deleted: its own (also deleted with
    it by the database) and the one at its address. Returns how many."""
    deleted, _rows = Subscriber.objects.filter(
        Q(user=user) | Q(email=normalised_email(user.email))
    ).delete()
    return deleted


# --- Emails -------------------------------------------------------------------------------------


def subscriber_email_headers(subscriber: Subscriber) -> dict[str, str]:
    """The headers of every email to a subscriber: one-click unsubscribe (RFC 8058) at the
    subscriber's own signed address."""
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(subscriber)}>",
        "List-Unsubscribe-Post": ONE_CLICK_BODY,
    }


def subscriber_email_send(*, subscriber: Subscriber, kind: str, context: dict | None = None):
    """Queue ``templates/newsletter/email/<kind>_…`` to the subscriber, in their language, with
    their preferences and unsubscribe links and the one-click unsubscribe headers."""
    return email_render_and_queue(
        to=subscriber.email,
        template_prefix=f"newsletter/email/{kind}",
        context={
            "email": subscriber.email,
            "language": subscriber.language,
            "preferences_url": preferences_url(subscriber),
            "unsubscribe_url": unsubscribe_url(subscriber),
            "confirm_link_days": CONFIRM_LINK_DAYS,
            **(context or {}),
        },
        language=subscriber.language,
        headers=subscriber_email_headers(subscriber),
    )


# --- Links ----------------------------------------------------------------------------------------


def _token(subscriber_id: int, nonce: str, salt: str) -> str:
    return signing.dumps({"s": subscriber_id, "n": nonce}, salt=salt, compress=True)


def confirm_token(subscriber: Subscriber) -> str:
    return _token(subscriber.pk, subscriber.nonce, CONFIRM_SALT)


def manage_token(subscriber: Subscriber) -> str:
    return manage_token_for(subscriber_id=subscriber.pk, nonce=subscriber.nonce)


def manage_token_for(*, subscriber_id: int, nonce: str) -> str:
    """``manage_token`` from the two values it signs: the newsletter's sending has them from
    a query of values, and building a ``Subscriber`` for each email cost a twentieth of it."""
    return _token(subscriber_id, nonce, MANAGE_SALT)


def _link(subscriber: Subscriber, name: str, token: str) -> str:
    with translation.override(subscriber.language):
        return absolute_url(reverse(f"newsletter:{name}", args=[token]))


def confirm_url(subscriber: Subscriber) -> str:
    return _link(subscriber, "confirm", confirm_token(subscriber))


def preferences_url(subscriber: Subscriber) -> str:
    return _link(subscriber, "preferences", manage_token(subscriber))


def unsubscribe_url(subscriber: Subscriber) -> str:
    return _link(subscriber, "unsubscribe", manage_token(subscriber))


def _invalid_message() -> str:
    return _("This link is not valid. Check that you opened the whole address from the email.")


def _used_message() -> str:
    return _("This link has been used already, or a newer email replaced it.")


def _load(token: str, *, salt: str, max_age: int | None = None) -> dict:
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as error:
        raise LinkError(
            _(
                "This confirmation link has expired: it worked for %(days)s days. Subscribe"
                " again to get a new one."
            )
            % {"days": CONFIRM_LINK_DAYS}
        ) from error
    except signing.BadSignature as error:
        raise LinkError(_invalid_message()) from error
    if not isinstance(data, dict) or not isinstance(data.get("s"), int):
        raise LinkError(_invalid_message())
    return data


def subscriber_from_confirm_token(token: str) -> tuple[Subscriber, str]:
    """The pending subscriber a confirmation link is for, and the nonce it carries. Raises
    ``LinkError`` for a link that is tampered with, expired or used."""
    data = _load(token, salt=CONFIRM_SALT, max_age=CONFIRM_LINK_MAX_AGE)
    subscriber = Subscriber.objects.filter(
        pk=data["s"], nonce=data.get("n"), status=SubscriberStatus.PENDING
    ).first()
    if subscriber is None:
        raise LinkError(_used_message())
    return subscriber, data["n"]


def subscriber_from_manage_token(token: str) -> Subscriber:
    """The subscriber a preferences or unsubscribe link is for (whatever their state). Raises
    ``LinkError`` for a link that is tampered with or replaced by a newer subscription."""
    data = _load(token, salt=MANAGE_SALT)
    subscriber = Subscriber.objects.filter(pk=data["s"], nonce=data.get("n")).first()
    if subscriber is None:
        raise LinkError(_used_message())
    return subscriber
