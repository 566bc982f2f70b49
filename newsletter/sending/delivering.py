"""Sending one batch over one SMTP connection: each email marked sent the moment the server
accepted it, the server's refusals told apart (temporary, permanent, the address's fault or
not), the rate limit shared by every worker."""

import functools
import smtplib
import time

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMessage, mailers
from django.core.mail.backends.smtp import EmailBackend as SmtpBackend
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
from newsletter.sending.emails import _Emails, _Prepared, _smtp_backend
from newsletter.sending.smtp import smtp_send

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
        smtp = _smtp_backend(mailer)
        emails = _Emails(sending.rendered, prebuilt=smtp is not None)
        throttled = settings.NEWSLETTER_EMAILS_PER_SECOND > 0
        try:
            with outbox_sending():
                mailer.open()
                # The envelope's sender, as the backend gives it for every message.
                sender = smtp.prep_address(settings.DEFAULT_FROM_EMAIL) if smtp else ""
                for position, recipient in enumerate(recipients):
                    message = emails.for_recipient(recipient)
                    if throttled:
                        _throttle()
                    if not claim.renew(recipients[position:]):
                        break  # the sweep took the rest back: another worker sends them
                    outcome = _deliver(mailer, smtp, sender, message, recipient)
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


def _deliver(
    mailer,
    smtp: SmtpBackend | None,
    sender: str,
    message: "_Prepared | EmailMessage",
    recipient: _Recipient,
) -> str:
    """Send one delivery: "sent", "failed" (for good) or "retry" (the server is away). A
    prepared email goes over the connection the SMTP backend opened, any other through the
    backend; the server's refusals are the same exceptions either way."""
    try:
        if isinstance(message, _Prepared):
            smtp_send(smtp.connection, sender, message.to, message.data)
        else:
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
    """The one UPDATE per email, committed before the next email starts. Written out: the ORM's
    ``update()`` takes twice as much of the worker's CPU to build it.

    On PostgreSQL its commit does not wait for the write-ahead log to reach the disk
    (``synchronous_commit`` off for this one transaction, sent with it in one round trip):
    waiting for the disk took longer than sending the email. The mark is committed, and seen by
    every session, when the server answers, so a worker killed after it keeps it; only a crash of
    the database server itself could lose the marks of its last fraction of a second (at most
    three times ``wal_writer_delay``, 0.6 s by default), whose emails would then go out again.
    Inside a transaction (tests) it is the plain UPDATE."""
    asynchronous = connection.vendor == "postgresql" and not connection.in_atomic_block
    with connection.cursor() as cursor:
        cursor.execute(
            _mark_sent_sql(asynchronous),
            [
                DeliveryStatus.SENT.value,
                connection.ops.adapt_datetimefield_value(timezone.now()),
                delivery_id,
            ],
        )


@functools.cache
def _mark_sent_sql(asynchronous: bool) -> str:
    quote, meta = connection.ops.quote_name, Delivery._meta
    columns = [meta.get_field(name).column for name in ("status", "sent_at", "last_error", "id")]
    status, sent_at, last_error, pk = map(quote, columns)
    update = (
        f"UPDATE {quote(meta.db_table)} SET {status} = %s, {sent_at} = %s, {last_error} = ''"
        f" WHERE {pk} = %s"
    )
    if not asynchronous:
        return update
    return f"BEGIN; SET LOCAL synchronous_commit TO off; {update}; COMMIT"


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
