"""Sending a newsletter issue to every subscriber of its segment, each exactly once, fast.

1. ``sending_schedule`` records when (now, or later); ``sending_cancel`` withdraws a scheduled
   send. Nothing is sent by the request that asks.
2. ``sendings_sweep`` (Celery beat, every few seconds) fans a due sending out: in one
   transaction it renders each language's email once (``issue_render``: the subject, HTML and
   text with markers where each subscriber's own links go), inserts one ``Delivery`` per
   recipient and queues a ``deliveries_send_task`` per batch of ids.
3. ``deliveries_send`` claims its batch's queued rows (a locked select, then an update: a second
   task for the same batch finds nothing), sends them one by one over one SMTP connection
   through Django's mail backend, and marks each sent the moment the server accepted it. A
   temporary refusal (4xx, a dropped connection) hands the rest of the batch back with backoff; a
   permanent one (5xx) fails that delivery, and an address that failed three issues in a row is
   suspended.
4. A worker killed mid-batch leaves its rows claimed: the sweep hands back claims older than the
   lease, and queues batches for rows no task took, so the send completes. A message is marked
   sent after the server's "250" and before the next one starts: a worker killed while the
   server had not yet answered never delivered that message (the server discards what it did not
   acknowledge), and it goes out again.

The rate limit (``NEWSLETTER_EMAILS_PER_SECOND``, 0 for none) holds for all workers together,
counted per second in the shared cache.
"""

import binascii
import datetime
import email.policy
import functools
import html
import re
import smtplib
import time
from dataclasses import dataclass
from email.utils import format_datetime, make_msgid
from html.parser import HTMLParser

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMessage, EmailMultiAlternatives, mailers
from django.core.mail.backends.smtp import EmailBackend as SmtpBackend
from django.core.mail.utils import DNS_NAME
from django.db import connection, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.content_cache import content_changed
from core.mail import outbox_sending
from core.services import absolute_url, email_queue
from newsletter.models import (
    Delivery,
    DeliveryStatus,
    Issue,
    Segment,
    Sending,
    SendingStatus,
    Subscriber,
    SubscriberStatus,
)
from newsletter.selectors import segment_recipients
from newsletter.services import ONE_CLICK_BODY, manage_token

# Where each subscriber's own links go in the rendered email.
PREFERENCES_MARK = "__NSC_PREFERENCES_URL__"
UNSUBSCRIBE_MARK = "__NSC_UNSUBSCRIBE_URL__"
TOKEN_MARK = "__NSC_TOKEN__"
BATCH_SIZE = 500
INSERT_CHUNK = 5000
# A fresh batch's rows wait this long for their task before the sweep queues them again.
DISPATCH_GRACE = datetime.timedelta(minutes=1)
MAX_ATTEMPTS = 5
FAILURES_TO_SUSPEND = 3


class SendingRefused(Exception):
    """What the secretariat asked cannot be done (the message says why, translated)."""


# --- Scheduling ---------------------------------------------------------------------------------


@transaction.atomic
def sending_schedule(*, issue: Issue, by, at: datetime.datetime | None = None) -> Sending:
    """Send ``issue`` (its English original and every translation) at ``at``, or now. A sending
    cancelled before is scheduled again; one under way or done is refused."""
    issue = issue_original(issue)
    now = timezone.now()
    at = at or now
    if at < now - datetime.timedelta(minutes=1):
        raise SendingRefused(_("Choose a time in the future."))
    sending = Sending.objects.select_for_update().filter(issue=issue).first()
    if sending is not None and sending.status in (SendingStatus.SENDING, SendingStatus.SENT):
        raise SendingRefused(_("This issue has been sent already."))
    if sending is None:
        sending = Sending(issue=issue)
    sending.status = SendingStatus.SCHEDULED
    sending.scheduled_for = at
    sending.scheduled_by = by
    sending.full_clean(exclude=["issue"])
    sending.save()
    if at <= now:
        from newsletter.tasks import sendings_sweep_task

        sendings_sweep_task.delay_on_commit()
    return sending


@transaction.atomic
def sending_cancel(*, issue: Issue) -> Sending:
    """Withdraw a scheduled send that has not begun."""
    cancelled = Sending.objects.filter(
        issue=issue_original(issue), status=SendingStatus.SCHEDULED
    ).update(status=SendingStatus.CANCELLED)
    if not cancelled:
        raise SendingRefused(_("Only a scheduled send that has not begun can be cancelled."))
    return Sending.objects.get(issue=issue_original(issue))


def issue_original(issue: Issue) -> Issue:
    """The issue the sending belongs to, from any of its translations: the English one, or for
    an issue written first in another language (and not in English), the first one written."""
    if issue.locale.language_code == settings.LANGUAGE_CODE:
        return issue
    copies = list(
        Issue.objects.filter(translation_key=issue.translation_key)
        .select_related("locale")
        .order_by("pk")
    )
    english = [copy for copy in copies if copy.locale.language_code == settings.LANGUAGE_CODE]
    return (english or copies)[0]


# --- Rendering: once per language ---------------------------------------------------------------


def issue_in_language(issue: Issue, language: str) -> Issue:
    """The issue's translation into ``language``, or the English one."""
    translated = (
        Issue.objects.filter(translation_key=issue.translation_key, locale__language_code=language)
        .select_related("locale")
        .first()
    )
    return translated or issue_original(issue)


def archive_url(issue: Issue, language: str) -> str:
    with translation.override(language):
        return absolute_url(reverse("newsletter:archive_issue", args=[issue_original(issue).pk]))


def in_archive(issue: Issue) -> bool:
    return issue_original(issue).segment == Segment.EVERYONE


def issue_render(*, issue: Issue, language: str) -> dict[str, str]:
    """The email of ``issue`` in ``language`` (its translation, or English): subject, HTML and
    text, with markers where each subscriber's preferences and unsubscribe links go."""
    translated = issue_in_language(issue, language)
    with translation.override(language):
        context = {
            "issue": translated,
            "subject": translated.subject,
            # Only an issue to every subscriber is in the public archive.
            "web_url": archive_url(issue, language) if in_archive(issue) else "",
            "preferences_url": PREFERENCES_MARK,
            "unsubscribe_url": UNSUBSCRIBE_MARK,
        }
        body_html = _absolute_links(render_to_string("newsletter/email/issue_body.html", context))
        context["body_html"] = body_html
        body_text = html_to_text(body_html)
        return {
            "subject": translated.subject,
            # The web version takes the site's styles (and its policy allows no inline ones).
            "body": re.sub(r'\s+style="[^"]*"', "", body_html),
            "html": render_to_string("newsletter/email/issue.html", context),
            "text": render_to_string(
                "newsletter/email/issue.txt", {**context, "body_text": body_text}
            ).strip(),
            "body_text": body_text,
        }


def issue_preview_context(*, issue: Issue, request) -> dict:
    """What the admin's preview shows: the email as it would leave now, in the issue's language."""
    with translation.override(issue.preview_language()):
        body_html = _absolute_links(
            render_to_string("newsletter/email/issue_body.html", {"issue": issue})
        )
    return {
        "issue": issue,
        "subject": issue.subject,
        "body_html": body_html,
        "web_url": "#",
        "preferences_url": "#",
        "unsubscribe_url": "#",
    }


def _absolute_links(markup: str) -> str:
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return re.sub(r'(href|src)="/(?!/)', lambda match: f'{match[1]}="{base}/', markup)


class _TextMaker(HTMLParser):
    """Plain text from the body's HTML: paragraphs apart, list items dashed, links written out."""

    BLOCKS = {"p", "h2", "h3", "ul", "ol", "div", "table", "tr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self.parts.append("\n\n")
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag == "br":
            self.parts.append("\n")
        elif tag == "a":
            self.links.append(dict(attrs).get("href", ""))

    def handle_endtag(self, tag):
        if tag == "a" and self.links:
            href = self.links.pop()
            if href and href != "#":
                self.parts.append(f" ({href})")
        elif tag in {"h2", "h3"}:
            self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(markup: str) -> str:
    maker = _TextMaker()
    maker.feed(markup)
    lines = [line.strip() for line in "".join(maker.parts).splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


# --- Fan-out ------------------------------------------------------------------------------------


def sendings_sweep() -> int:
    """The periodic work: fan out the sendings that are due, hand back the claims of workers
    that died, queue batches for rows no task took, and close finished sendings. Returns how many
    batches it queued."""
    from newsletter.tasks import deliveries_send_task

    now = timezone.now()
    for sending_id in Sending.objects.filter(
        status=SendingStatus.SCHEDULED, scheduled_for__lte=now
    ).values_list("pk", flat=True):
        sending_fan_out(sending_id=sending_id)
    lease = datetime.timedelta(seconds=settings.NEWSLETTER_CLAIM_LEASE_SECONDS)
    lapsed = Delivery.objects.filter(status=DeliveryStatus.CLAIMED, claimed_at__lt=now - lease)
    # A batch whose worker dies every time it is claimed ends, rather than loop for ever.
    lapsed.filter(attempts__gte=MAX_ATTEMPTS).update(
        status=DeliveryStatus.FAILED, last_error=_("The worker sending it stopped every time.")
    )
    lapsed.update(status=DeliveryStatus.QUEUED, next_attempt_at=now)
    queued = 0
    for sending_id in Sending.objects.filter(status=SendingStatus.SENDING).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            due = Delivery.objects.select_for_update(skip_locked=True).filter(
                sending_id=sending_id, status=DeliveryStatus.QUEUED, next_attempt_at__lte=now
            )
            ids = list(due.order_by("pk").values_list("pk", flat=True))
            Delivery.objects.filter(pk__in=ids).update(next_attempt_at=now + DISPATCH_GRACE)
            for first, last in _ranges(ids):
                transaction.on_commit(
                    lambda first=first, last=last, sending_id=sending_id: (
                        deliveries_send_task.delay(
                            sending_id=sending_id, first_id=first, last_id=last
                        )
                    )
                )
                queued += 1
        sending_finish_if_done(sending_id=sending_id)
    return queued


def _ranges(ids: list[int]) -> list[tuple[int, int]]:
    return [
        (ids[start], ids[min(start + BATCH_SIZE, len(ids)) - 1])
        for start in range(0, len(ids), BATCH_SIZE)
    ]


@transaction.atomic
def sending_fan_out(*, sending_id: int) -> int:
    """Render the issue once per language and insert a delivery per recipient, in one
    transaction, then queue a task per batch. Returns the number of recipients; 0 when another
    sweep did it (the row is locked and its status checked)."""
    from newsletter.tasks import deliveries_send_task

    sending = (
        Sending.objects.select_for_update()
        .filter(pk=sending_id, status=SendingStatus.SCHEDULED)
        .select_related("issue__locale")
        .first()
    )
    if sending is None:
        return 0
    issue = sending.issue
    recipients = segment_recipients(issue=issue)
    languages = sorted(set(recipients.values_list("language", flat=True).distinct()))
    rendered = {language: issue_render(issue=issue, language=language) for language in languages}
    # The archive shows the issue in every language, sent to anyone in it or not.
    for code, _name in settings.LANGUAGES:
        rendered.setdefault(code, issue_render(issue=issue, language=code))
    now = timezone.now()
    count = 0
    batches = []
    chunk = []
    for subscriber_id in (
        recipients.order_by("pk").values_list("pk", flat=True).iterator(chunk_size=INSERT_CHUNK)
    ):
        chunk.append(subscriber_id)
        if len(chunk) == INSERT_CHUNK:
            batches += _insert(sending, chunk, now)
            count += len(chunk)
            chunk = []
    if chunk:
        batches += _insert(sending, chunk, now)
        count += len(chunk)
    sending.status = SendingStatus.SENDING if count else SendingStatus.SENT
    sending.started_at = now
    sending.finished_at = None if count else now
    sending.recipients = count
    sending.rendered = rendered
    sending.save()
    if count and in_archive(issue):
        transaction.on_commit(content_changed)  # the archive and its feed list it from now on
    for first, last in batches:
        transaction.on_commit(
            lambda first=first, last=last: deliveries_send_task.delay(
                sending_id=sending_id, first_id=first, last_id=last
            )
        )
    return count


def _insert(sending: Sending, subscriber_ids: list[int], now) -> list[tuple[int, int]]:
    rows = Delivery.objects.bulk_create(
        [
            Delivery(
                sending=sending,
                subscriber_id=subscriber_id,
                next_attempt_at=now + DISPATCH_GRACE,
            )
            for subscriber_id in subscriber_ids
        ]
    )
    return _ranges([row.pk for row in rows])


# --- Delivering ---------------------------------------------------------------------------------


@dataclass
class _Recipient:
    delivery_id: int
    subscriber_id: int
    email: str
    language: str
    nonce: str
    failures: int


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


class _Claim:
    """The deliveries a worker holds, stamped with when it last said so. The sweep hands back a
    claim older than ``NEWSLETTER_CLAIM_LEASE_SECONDS``, so a worker renews its stamp on the rows
    it has yet to send once a third of the lease has gone by, and sends nothing more if some were
    taken back meanwhile (a slow batch is then finished by the worker the sweep gave it to, and no
    one receives it twice). One email must take less than two thirds of the lease (the SMTP
    timeout is far below it)."""

    def __init__(self, recipients: list[_Recipient], stamp):
        self.recipients = recipients
        self.stamp = stamp
        self.renewed = time.monotonic()

    def renew(self, rest: list[_Recipient]) -> bool:
        if time.monotonic() - self.renewed < settings.NEWSLETTER_CLAIM_LEASE_SECONDS / 3:
            return True
        ids = [recipient.delivery_id for recipient in rest]
        stamp = timezone.now()
        held = Delivery.objects.filter(
            pk__in=ids, status=DeliveryStatus.CLAIMED, claimed_at=self.stamp
        ).update(claimed_at=stamp)
        self.stamp, self.renewed = stamp, time.monotonic()
        if held == len(ids):
            return True
        # Give back what is still ours: the sweep queues it again with the rest.
        Delivery.objects.filter(pk__in=ids, status=DeliveryStatus.CLAIMED, claimed_at=stamp).update(
            status=DeliveryStatus.QUEUED, next_attempt_at=stamp
        )
        return False


def _claim(sending_id: int, first_id: int, last_id: int) -> _Claim:
    """Claim the batch's queued deliveries. Those whose subscriber left (or was suspended) since
    the fan-out are closed as skipped: one-click unsubscribing stops an issue still going out."""
    now = timezone.now()
    with transaction.atomic():
        ids = list(
            Delivery.objects.select_for_update(skip_locked=True)
            .filter(
                sending_id=sending_id,
                pk__gte=first_id,
                pk__lte=last_id,
                status=DeliveryStatus.QUEUED,
            )
            .values_list("pk", flat=True)
        )
        Delivery.objects.filter(pk__in=ids).exclude(
            subscriber__status=SubscriberStatus.ACTIVE
        ).update(status=DeliveryStatus.SKIPPED)
        Delivery.objects.filter(pk__in=ids, status=DeliveryStatus.QUEUED).update(
            status=DeliveryStatus.CLAIMED, claimed_at=now, attempts=F("attempts") + 1
        )
    recipients = [
        _Recipient(*row)
        for row in Delivery.objects.filter(pk__in=ids, status=DeliveryStatus.CLAIMED)
        .order_by("pk")
        .values_list(
            "pk",
            "subscriber_id",
            "subscriber__email",
            "subscriber__language",
            "subscriber__nonce",
            "subscriber__consecutive_failures",
        )
    ]
    return _Claim(recipients, now)


def _link_templates(rendered: dict) -> dict[str, tuple[str, str]]:
    """Each language's preferences and unsubscribe addresses, with a marker for the token."""
    links = {}
    for language in rendered:
        with translation.override(language):
            links[language] = (
                absolute_url(reverse("newsletter:preferences", args=[TOKEN_MARK])),
                absolute_url(reverse("newsletter:unsubscribe", args=[TOKEN_MARK])),
            )
    return links


def _speaks_smtp(mailer) -> bool:
    """Whether the mail goes out through Django's SMTP backend (behind the outbox's guard)."""
    return isinstance(getattr(mailer, "inner", mailer), SmtpBackend)


class _Emails:
    """Each recipient's email: the issue in their language with their own links.

    Building and serialising a MIME message is most of what sending one costs (Python's email
    package parses and folds every header), so for Django's SMTP backend each language's message
    is built by Django once, with markers where a recipient's own values go, and each recipient's
    is that message's bytes with theirs put in (``_MessageTemplate``). Other backends (files and
    memory, which keep the message object) and addresses the template cannot hold get the
    message built by Django for that recipient alone."""

    def __init__(self, rendered: dict, *, prebuilt: bool):
        self.rendered = rendered
        self.links = _link_templates(rendered)
        self.prebuilt = prebuilt
        self.templates: dict[str, _MessageTemplate | None] = {}

    def for_recipient(self, recipient: _Recipient) -> EmailMessage:
        language = (
            recipient.language if recipient.language in self.rendered else settings.LANGUAGE_CODE
        )
        token = manage_token(Subscriber(pk=recipient.subscriber_id, nonce=recipient.nonce))
        address = recipient.email
        if self.prebuilt and len(address) <= _MAX_TO_LENGTH and _PLAIN_ADDRESS.fullmatch(address):
            template = self.templates.get(language, _MISSING)
            if template is _MISSING:
                template = self.templates[language] = _MessageTemplate.build(
                    self.message(language, to=TEMPLATE_ADDRESS, token=TOKEN_MARK)
                )
            if template is not None:
                return _PrebuiltEmail(to=[address], data=template.render(address, token))
        return self.message(language, to=address, token=token)

    def message(self, language: str, *, to: str, token: str) -> EmailMultiAlternatives:
        parts = self.rendered[language]
        preferences, unsubscribe = (
            link.replace(TOKEN_MARK, token) for link in self.links[language]
        )

        def personal(text: str, escape: bool) -> str:
            quote = html.escape if escape else str
            return text.replace(PREFERENCES_MARK, quote(preferences)).replace(
                UNSUBSCRIBE_MARK, quote(unsubscribe)
            )

        message = EmailMultiAlternatives(
            subject=parts["subject"],
            body=personal(parts["text"], escape=False),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[to],
            headers={
                "Content-Language": language,
                "List-Unsubscribe": f"<{unsubscribe}>",
                "List-Unsubscribe-Post": ONE_CLICK_BODY,
            },
        )
        message.attach_alternative(personal(parts["html"], escape=True), "text/html")
        return message


# The template's recipient, and its text parts' place holders.
TEMPLATE_ADDRESS = "nsc-template-recipient@example.invalid"
PART_MARK = "__NSC_PART_{}__"
# An address the template's "To" takes as it is: ASCII, nothing to quote, too short to fold.
_PLAIN_ADDRESS = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@[A-Za-z0-9.-]{1,190}")
_MAX_TO_LENGTH = 70
# The header and its continuation lines.
_LIST_UNSUBSCRIBE = re.compile(
    rb"^List-Unsubscribe:[^\r\n]*\r\n(?:[ \t][^\r\n]*\r\n)*", re.MULTILINE
)
_MISSING = object()


@dataclass
class _MessageTemplate:
    """A message Django built and serialised for the SMTP backend, cut where a recipient's own
    values go: the address in "To", the token in "List-Unsubscribe", a fresh "Date" and
    "Message-ID", and the text and HTML bodies, which hold the token in their links and are
    encoded again for each recipient, quoted-printable as their headers here say.

    ``pieces`` alternates literal bytes and what goes between them: "to", "token", "date",
    "message-id", or the index of a body."""

    pieces: list
    bodies: list[str]

    @classmethod
    def build(cls, message: EmailMultiAlternatives) -> "_MessageTemplate | None":
        """The template, or None when the bytes did not come out with each marker once where
        it was put (the caller then has Django build each message of that language)."""
        built = message.message(policy=email.policy.SMTP)
        bodies = []
        for part in built.walk():
            if part.get_content_maintype() == "text":
                bodies.append(part.get_content().replace("\r\n", "\n").replace("\n", "\r\n"))
                versioned = "MIME-Version" in part
                part.set_content(
                    PART_MARK.format(len(bodies) - 1),
                    subtype=part.get_content_subtype(),
                    charset="utf-8",
                    cte="quoted-printable",
                )
                if not versioned:
                    del part["MIME-Version"]
        markers = {
            TEMPLATE_ADDRESS.encode(): "to",
            str(built["Date"]).encode(): "date",
            str(built["Message-ID"]).encode(): "message-id",
            **{f"{PART_MARK.format(n)}\r\n".encode(): n for n in range(len(bodies))},
        }
        # The address on one line, as RFC 2369 has it (the email package folds a long one into
        # encoded words, which it is not: it is ASCII).
        unsubscribe = message.extra_headers["List-Unsubscribe"]
        if not unsubscribe.isascii():
            return None
        data, found = _LIST_UNSUBSCRIBE.subn(
            f"List-Unsubscribe: {unsubscribe}\r\n".encode(), built.as_bytes(), count=2
        )
        if (
            found != 1
            or any(data.count(marker) != 1 for marker in markers)
            or TOKEN_MARK.encode() not in data
        ):
            return None
        markers[TOKEN_MARK.encode()] = "token"
        pattern = b"|".join(re.escape(marker) for marker in markers)
        pieces = re.split(b"(" + pattern + b")", data)
        pieces[1::2] = [markers[marker] for marker in pieces[1::2]]
        return cls(pieces=pieces, bodies=bodies)

    def render(self, address: str, token: str) -> bytes:
        """The bytes of the email to ``address``, with the links of ``token``."""
        values = {
            "to": address.encode("ascii"),
            "token": token.encode("ascii"),
            "date": format_datetime(
                datetime.datetime.now(
                    timezone.get_current_timezone()
                    if settings.EMAIL_USE_LOCALTIME
                    else datetime.UTC
                )
            ).encode("ascii"),
            "message-id": make_msgid(domain=DNS_NAME).encode("ascii"),
        }
        for index, body in enumerate(self.bodies):
            values[index] = binascii.b2a_qp(body.replace(TOKEN_MARK, token).encode(), istext=True)
        return b"".join(
            values[piece] if index % 2 else piece for index, piece in enumerate(self.pieces)
        )


class _PrebuiltEmail(EmailMessage):
    """An email whose bytes are ready (``_MessageTemplate``): Django's SMTP backend sends it as
    any other, the envelope from ``from_email`` and ``recipients()``, the data from
    ``message().as_bytes()``."""

    def __init__(self, *, to: list[str], data: bytes):
        super().__init__(from_email=settings.DEFAULT_FROM_EMAIL, to=to)
        self.data = data

    def message(self, *, policy=email.policy.default):
        return _Bytes(self.data)


@dataclass
class _Bytes:
    data: bytes

    def as_bytes(self) -> bytes:
        return self.data


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


def _hand_back(recipients: list[_Recipient], *, error: str) -> None:
    """Give claimed deliveries back with backoff (1, 2, 4, 8 minutes), or fail them after the
    last attempt."""
    ids = [recipient.delivery_id for recipient in recipients]
    Delivery.objects.filter(pk__in=ids, attempts__gte=MAX_ATTEMPTS).update(
        status=DeliveryStatus.FAILED, last_error=error[:2000]
    )
    now = timezone.now()
    for attempts in range(1, MAX_ATTEMPTS):
        Delivery.objects.filter(
            pk__in=ids, status=DeliveryStatus.CLAIMED, attempts=attempts
        ).update(
            status=DeliveryStatus.QUEUED,
            last_error=error[:2000],
            next_attempt_at=now + datetime.timedelta(minutes=2 ** (attempts - 1)),
        )


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


# --- A test to oneself --------------------------------------------------------------------------


def issue_test_send(*, issue: Issue, user) -> None:
    """The issue as it stands, in ``user``'s language, to ``user`` alone (through the outbox),
    marked as a test; its links lead nowhere."""
    parts = issue_render(issue=issue, language=user.language)
    with translation.override(user.language):
        subject = _("[Test] %(subject)s") % {"subject": parts["subject"]}
    email_queue(
        to=user.email,
        subject=subject,
        text_body=parts["text"].replace(PREFERENCES_MARK, "#").replace(UNSUBSCRIBE_MARK, "#"),
        html_body=parts["html"].replace(PREFERENCES_MARK, "#").replace(UNSUBSCRIBE_MARK, "#"),
        language=user.language,
    )
