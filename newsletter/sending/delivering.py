"""Sending one batch over one SMTP connection: each email marked sent the moment the server
accepted it, the server's refusals told apart (temporary, permanent, the address's fault or
not), the rate limit shared by every worker."""

import functools
import smtplib
import time

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMessage, mailers
from django.db import connection
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from core.mail import outbox_sending
from newsletter.models import (
    Delivery,
    DeliveryStatus,
    Sending,
    SendingStatus,
    Subscriber,
    SubscriberStatus,
)
from newsletter.sending.claims import _claim, _hand_back, _Recipient
from newsletter.sending.emails import _Emails, _speaks_smtp

FAILURES_TO_SUSPEND = 3


def deliveries_send(*, sending_id: int, first_id: int, last_id: int) -> int:
    """Send the queued deliveries of one batch (ids ``first_id`` to ``last_id``). Returns how
    many were sent by this call."""
    sending = Sending.objects.filter(pk=sending_id, status=SendingStatus.SENDING).first()
    if sending is None:
        return 0
    claim = _claim(sending_id, first_id, last_id)
    recipients = claim.recipients
    sent = 0
    if recipients:
        mailer = mailers["default"]
        emails = _Emails(sending.rendered, prebuilt=_speaks_smtp(mailer))
        throttled = settings.NEWSLETTER_EMAILS_PER_SECOND > 0
        try:
            with outbox_sending():
                mailer.open()
                for position, recipient in enumerate(recipients):
                    message = emails.for_recipient(recipient)
                    if throttled:
                        _throttle()
                    if not claim.renew(recipients[position:]):
                        break  # the sweep took the rest back: another worker sends them
                    outcome = _deliver(mailer, message, recipient)
                    if outcome == "retry":
                        _hand_back(recipients[position:], error=_("The mail server is away."))
                        break
                    if outcome == "sender refused":
                        error = _("The mail server refuses the newsletter's sender address.")
                        _hand_back(recipients[position:], error=error)
                        break
                    sent += outcome == "sent"
        finally:
            mailer.close()
    sending_finish_if_done(sending_id=sending_id)
    return sent


def _deliver(mailer, message: EmailMessage, recipient: _Recipient) -> str:
    """Send one delivery: "sent", "failed" (for good) or "retry" (the server is away)."""
    try:
        mailer.send_messages([message])
    except smtplib.SMTPRecipientsRefused as error:
        code, reply = next(iter(error.recipients.values()), (550, b""))
        return _refused(recipient, code, reply)
    except smtplib.SMTPSenderRefused as error:
        # The server refuses the portal's own address, for every recipient alike: stop, and
        # count it against no one.
        return "retry" if error.smtp_code < 500 else "sender refused"
    except smtplib.SMTPDataError as error:
        # The message was refused, not the address: no failure counts against the subscriber.
        return _refused(recipient, error.smtp_code, error.smtp_error, address_at_fault=False)
    except (smtplib.SMTPException, OSError):
        return "retry"
    _mark_sent(recipient.delivery_id)
    if recipient.failures:
        Subscriber.objects.filter(pk=recipient.subscriber_id).update(consecutive_failures=0)
    return "sent"


def _mark_sent(delivery_id: int) -> None:
    """The one UPDATE per email, in its own transaction before the next email starts. Written
    out: the ORM's ``update()`` takes twice as much of the worker's CPU to build it."""
    with connection.cursor() as cursor:
        cursor.execute(
            _mark_sent_sql(),
            [
                DeliveryStatus.SENT.value,
                connection.ops.adapt_datetimefield_value(timezone.now()),
                delivery_id,
            ],
        )


@functools.cache
def _mark_sent_sql() -> str:
    quote, meta = connection.ops.quote_name, Delivery._meta
    columns = [meta.get_field(name).column for name in ("status", "sent_at", "last_error", "id")]
    status, sent_at, last_error, pk = map(quote, columns)
    return (
        f"UPDATE {quote(meta.db_table)} SET {status} = %s, {sent_at} = %s, {last_error} = ''"
        f" WHERE {pk} = %s"
    )


def _refused(recipient: _Recipient, code: int, reply, *, address_at_fault: bool = True) -> str:
    error = f"{code} {reply.decode(errors='replace') if isinstance(reply, bytes) else reply}"
    if code < 500:
        _hand_back([recipient], error=error)
        return "retry" if code == 421 else "queued"
    Delivery.objects.filter(pk=recipient.delivery_id).update(
        status=DeliveryStatus.FAILED, last_error=error[:2000]
    )
    if not address_at_fault:
        return "failed"
    Subscriber.objects.filter(pk=recipient.subscriber_id).update(
        consecutive_failures=F("consecutive_failures") + 1
    )
    Subscriber.objects.filter(
        pk=recipient.subscriber_id,
        status=SubscriberStatus.ACTIVE,
        consecutive_failures__gte=FAILURES_TO_SUSPEND,
    ).update(status=SubscriberStatus.SUSPENDED)
    return "failed"


def _throttle() -> None:
    """Wait while the network's workers together have sent their emails of this second."""
    rate = settings.NEWSLETTER_EMAILS_PER_SECOND
    while rate:
        second = int(time.time())
        key = f"newsletter-rate:{second}"
        cache.add(key, 0, timeout=5)
        if cache.incr(key) <= rate:
            return
        time.sleep(max(0.0, second + 1 - time.time()))


def sending_finish_if_done(*, sending_id: int) -> bool:
    """Close a sending that has nothing left to send: every delivery sent or failed."""
    if Delivery.objects.filter(
        sending_id=sending_id, status__in=[DeliveryStatus.QUEUED, DeliveryStatus.CLAIMED]
    ).exists():
        return False
    return bool(
        Sending.objects.filter(pk=sending_id, status=SendingStatus.SENDING).update(
            status=SendingStatus.SENT, finished_at=timezone.now()
        )
    )
