"""The bytes each subscriber's email leaves as, read back by the mail server: built once per
language and batch and sent over the connection Django's SMTP backend opened, with pipelined
commands or one at a time. Each parses with Python's email package into exactly the headers
Django writes, a text and an HTML part, and that subscriber's own links; a sender's name and a
subject beyond ASCII are encoded, addresses the template does not take go through Django, and
the server's refusal of a message counts against no subscriber."""

import datetime
import email
import email.policy
import html
import re
from email.utils import parseaddr, parsedate_to_datetime

import pytest

from django.core.mail.backends.smtp import EmailBackend as SmtpBackend
from django.urls import reverse
from django.utils import timezone, translation

from core.services import absolute_url
from newsletter import sending
from newsletter.models import Delivery, DeliveryStatus, Issue, Sending, SendingStatus
from newsletter.sending.claims import _Recipient
from newsletter.sending.emails import _PLAIN_ADDRESS, _Emails
from newsletter.services import subscriber_from_manage_token
from tests.core.fault_tools import SmtpServer, smtp_mailers
from tests.newsletter.world import confirmed

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r"/newsletter/(?:preferences|unsubscribe)/([^/\s\"<>]+)/")
# Django's own headers for the message, in its order, each once.
HEADERS = [
    "MIME-Version",
    "Content-Type",
    "Subject",
    "From",
    "To",
    "Date",
    "Message-ID",
    "Content-Language",
    "List-Unsubscribe",
    "List-Unsubscribe-Post",
]


@pytest.fixture(params=[True, False], ids=["pipelining", "one-command-at-a-time"])
def server(request, settings):
    smtp = SmtpServer(pipelining=request.param).start()
    settings.MAILERS = smtp_mailers(smtp)
    yield smtp
    smtp.stop()


def issue(subject: str) -> Issue:
    from wagtail.models import Locale

    return Issue.objects.create(
        subject=subject,
        locale=Locale.objects.get(language_code="en"),
        body=[
            {"type": "heading", "value": {"heading": "A year of meetups", "level": "h2"}},
            {"type": "paragraph", "value": '<p>Read <a href="/en/charter/">the Charter</a>.</p>'},
            {"type": "paragraph", "value": "<p>.A line that starts with a dot.</p>"},
        ],
    )


def translate(original: Issue, language: str, subject: str) -> None:
    from wagtail.models import Locale

    copy = original.copy_for_translation(Locale.objects.get(language_code=language))
    copy.subject = subject
    copy.save()


def send_now(letter: Issue, capture) -> Sending:
    with capture(execute=True):
        sending.sending_schedule(issue=letter, by=None)
    return Sending.objects.get(issue=letter)


def received(server) -> dict:
    """Each recipient's (envelope sender, recipients, parsed message, bytes)."""
    by_recipient = {}
    for mail_from, rcpt_tos, data in server.received:
        message = email.message_from_bytes(data, policy=email.policy.default)
        by_recipient[rcpt_tos[0]] = (mail_from, rcpt_tos, message, data)
    return by_recipient


def own_links(message, reader) -> tuple[str, str]:
    """The preferences and unsubscribe links of ``reader`` with the token the email carries,
    once the token is checked to be theirs (it holds the time it was signed)."""
    (token,) = TOKEN.findall(message["List-Unsubscribe"])
    assert subscriber_from_manage_token(token) == reader
    with translation.override(reader.language):
        return (
            absolute_url(reverse("newsletter:preferences", args=[token])),
            absolute_url(reverse("newsletter:unsubscribe", args=[token])),
        )


def unsigned(text: str) -> str:
    return TOKEN.sub("/newsletter/link/TOKEN/", text)


def django_built(done: Sending, subscriber) -> email.message.EmailMessage:
    """The message Django's backend would have built for ``subscriber``, parsed the same way."""
    recipient = _Recipient(
        0, subscriber.pk, subscriber.email, subscriber.language, subscriber.nonce, 0
    )
    built = _Emails(done.rendered, prebuilt=False).for_recipient(recipient)
    data = built.message(policy=email.policy.SMTP).as_bytes()
    return email.message_from_bytes(data, policy=email.policy.default)


def test_each_email_has_exactly_its_headers_both_parts_and_its_own_links(
    server, settings, django_capture_on_commit_callbacks
):
    readers = [
        confirmed("anna@example.org", language="en"),
        confirmed("o'neil+news@mail.example.co.uk", language="en"),
        confirmed("sven@example.org", language="sv"),
        confirmed("aino@example.fi", language="fi"),  # no Finnish issue: the English one
    ]
    letter = issue("Autumn in the network")
    translate(letter, "sv", "Hösten i nätverket")

    done = send_now(letter, django_capture_on_commit_callbacks)

    assert done.status == SendingStatus.SENT and done.recipients == 4
    messages = received(server)
    assert sorted(messages) == sorted(reader.email for reader in readers)
    for reader in readers:
        mail_from, rcpt_tos, message, _data = messages[reader.email]
        assert mail_from == parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
        assert rcpt_tos == [reader.email]
        assert not message.defects
        assert list(message.keys()) == HEADERS
        assert message["To"] == reader.email
        assert message["From"] == settings.DEFAULT_FROM_EMAIL
        subject = "Hösten i nätverket" if reader.language == "sv" else "Autumn in the network"
        assert message["Subject"] == subject
        assert message["Content-Language"] == reader.language
        preferences, unsubscribe = own_links(message, reader)
        assert message["List-Unsubscribe"] == f"<{unsubscribe}>"
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        sent_at = parsedate_to_datetime(message["Date"])
        assert abs(timezone.now() - sent_at) < datetime.timedelta(minutes=1)
        assert message.get_content_type() == "multipart/alternative"
        text, markup = message.iter_parts()
        assert (text.get_content_type(), markup.get_content_type()) == ("text/plain", "text/html")
        assert not text.defects and not markup.defects
        assert unsubscribe in text.get_content()
        assert preferences in text.get_content()
        assert html.escape(unsubscribe) in markup.get_content()
        assert ".A line that starts with a dot." in markup.get_content()
        tokens = TOKEN.findall(text.get_content() + markup.get_content())
        assert len(tokens) == 4  # each part's preferences and unsubscribe links
        assert {subscriber_from_manage_token(token) for token in tokens} == {reader}

        # What Django itself builds for this reader, but for the date, the message's id and
        # the time signed into the token.
        django = django_built(done, reader)
        assert list(django.keys()) == list(message.keys())
        for name in ("Subject", "From", "To", "Content-Language", "List-Unsubscribe"):
            assert unsigned(message[name]) == unsigned(django[name])
        assert [unsigned(part.get_content()) for part in django.iter_parts()] == [
            unsigned(text.get_content()),
            unsigned(markup.get_content()),
        ]
    identities = [message["Message-ID"] for _, _, message, _ in messages.values()]
    assert len(set(identities)) == 4


def test_a_sender_name_and_subject_beyond_ascii_are_encoded_and_other_addresses_go_through_django(
    server, settings, django_capture_on_commit_callbacks
):
    settings.DEFAULT_FROM_EMAIL = "Norræn örugg borg <frettabref@example.org>"
    plain = confirmed("gudrun@example.is", language="is")
    international = confirmed("ola@bücher.example", language="nb")
    long = confirmed(f"{'reader-' * 10}long@example.org", language="da")

    done = send_now(issue("Fréttabréf: haustið í netinu"), django_capture_on_commit_callbacks)

    assert done.recipients == 3
    messages = received(server)
    assert sorted(messages) == sorted(
        ["gudrun@example.is", "ola@xn--bcher-kva.example", long.email]
    )
    for reader, address in (
        (plain, plain.email),
        (international, "ola@xn--bcher-kva.example"),
        (long, long.email),
    ):
        mail_from, rcpt_tos, message, data = messages[address]
        assert (mail_from, rcpt_tos) == ("frettabref@example.org", [address])
        head = data.split(b"\r\n\r\n", 1)[0]
        assert head.isascii()  # encoded words, not raw UTF-8
        assert message["From"].addresses[0].display_name == "Norræn örugg borg"
        assert message["From"].addresses[0].addr_spec == "frettabref@example.org"
        assert message["Subject"] == "Fréttabréf: haustið í netinu"
        assert message["List-Unsubscribe"] == f"<{own_links(message, reader)[1]}>"
        assert list(message.keys()) == HEADERS
    assert Delivery.objects.filter(status=DeliveryStatus.SENT).count() == 3


def test_a_refused_message_fails_its_delivery_and_counts_against_no_subscriber(
    server, django_capture_on_commit_callbacks
):
    server.refuse_data = "554 5.6.0 Message content rejected"
    readers = [confirmed("anna@example.org"), confirmed("per@example.org")]

    done = send_now(issue("Autumn in the network"), django_capture_on_commit_callbacks)

    assert server.received == []
    deliveries = Delivery.objects.filter(sending=done)
    # Both were tried over the one connection: the refusal of the first reset it for the next.
    assert [delivery.status for delivery in deliveries] == [DeliveryStatus.FAILED] * 2
    assert all(delivery.last_error.startswith("554") for delivery in deliveries)
    for reader in readers:
        reader.refresh_from_db()
        assert reader.consecutive_failures == 0
    assert Sending.objects.get(pk=done.pk).status == SendingStatus.SENT


@pytest.mark.parametrize(
    ("address", "as_it_is"),
    [
        ("reader@example.org", True),
        ("o'neil+news@mail.example.co.uk", True),
        ("first.last@sub.example.org", True),
        ("a..b@example.org", False),  # Django refuses it
        (".a@example.org", False),  # Django refuses it
        ("a@-x.example", False),
        ('"quoted"@example.org', False),  # Django unquotes it
        ("ola@bücher.example", False),  # Django encodes the domain (IDNA)
    ],
)
def test_an_address_is_sent_as_it_is_only_when_djangos_backend_would_send_it_unchanged(
    address, as_it_is
):
    assert bool(_PLAIN_ADDRESS.fullmatch(address)) == as_it_is
    if as_it_is:
        backend = SmtpBackend(alias="check", host="127.0.0.1")
        assert backend.prep_address(address) == address
