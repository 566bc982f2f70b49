"""Each recipient's email, built from the issue rendered in their language (``issue_render``)
with their own links."""

import binascii
import datetime
import email.policy
import html
import re
from dataclasses import dataclass
from email.utils import format_datetime, make_msgid

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.smtp import EmailBackend as SmtpBackend
from django.core.mail.utils import DNS_NAME
from django.urls import reverse
from django.utils import timezone, translation

from core.services import absolute_url
from newsletter.sending.claims import _Recipient
from newsletter.sending.rendering import PREFERENCES_MARK, TOKEN_MARK, UNSUBSCRIBE_MARK
from newsletter.services import ONE_CLICK_BODY, manage_token_for


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


def _smtp_backend(mailer) -> SmtpBackend | None:
    """Django's SMTP backend the mail goes out through (behind the outbox's guard), if it does."""
    backend = getattr(mailer, "inner", mailer)
    return backend if isinstance(backend, SmtpBackend) else None


class _Emails:
    """Each recipient's email: the issue in their language with their own links.

    Building and serialising a MIME message is most of what sending one costs (Python's email
    package parses and folds every header, and Django's SMTP backend parses the sender's and the
    recipient's address again), so for Django's SMTP backend each language's message is built by
    Django once, with markers where a recipient's own values go, and each recipient's is that
    message's bytes with theirs put in (``_MessageTemplate``), sent as they are (``_Prepared``).
    Other backends (files and memory, which keep the message object) and addresses the template
    cannot hold (non-ASCII, quoted, long) get the message built by Django for that recipient
    alone, sent through the backend."""

    def __init__(self, rendered: dict, *, prebuilt: bool):
        self.rendered = rendered
        self.links = _link_templates(rendered)
        self.prebuilt = prebuilt
        self.templates: dict[str, _MessageTemplate | None] = {}

    def for_recipient(self, recipient: _Recipient) -> "_Prepared | EmailMultiAlternatives":
        language = (
            recipient.language if recipient.language in self.rendered else settings.LANGUAGE_CODE
        )
        token = manage_token_for(subscriber_id=recipient.subscriber_id, nonce=recipient.nonce)
        address = recipient.email
        if self.prebuilt and len(address) <= _MAX_TO_LENGTH and _PLAIN_ADDRESS.fullmatch(address):
            template = self.templates.get(language, _MISSING)
            if template is _MISSING:
                template = self.templates[language] = _MessageTemplate.build(
                    self.message(language, to=TEMPLATE_ADDRESS, token=TOKEN_MARK)
                )
            if template is not None:
                return _Prepared(to=address, data=template.render(address, token))
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
# An address the template's "To" and the envelope take as it is: a dot-atom of ASCII at a domain
# of ASCII labels (nothing to quote, no IDNA), too short to fold.
_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
_PLAIN_ADDRESS = re.compile(rf"{_ATEXT}(?:\.{_ATEXT})*@{_LABEL}(?:\.{_LABEL})*")
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


@dataclass
class _Prepared:
    """An email whose bytes are ready (``_MessageTemplate``), sent as they are over the SMTP
    backend's connection (``smtp_send``): the envelope's recipient is the address itself, which
    the template takes only when it is a plain ASCII one that Django's ``prep_address`` would
    return unchanged."""

    to: str
    data: bytes
