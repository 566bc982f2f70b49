import smtplib
from datetime import timedelta

import pytest

from django.core import mail
from django.utils import timezone

from core.mail import MailOutsideOutboxError
from core.models import EmailStatus, OutgoingEmail
from core.services import email_queue, email_send, email_sweep
from core.tasks import email_send_task
from tests.conftest import OUTBOX_ONLY_LOCMEM


@pytest.fixture
def queued(db, django_capture_on_commit_callbacks):
    def _queue(**overrides):
        fields = {
            "to": "reader@example.org",
            "subject": "Hello",
            "text_body": "Visit https://example.org/ <now>",
            "language": "sv",
        } | overrides
        with django_capture_on_commit_callbacks(execute=True):
            return email_queue(**fields)

    return _queue


def test_a_queued_email_is_sent_once_by_the_task_as_text_and_html(queued):
    email = queued()

    email.refresh_from_db()
    assert email.status == EmailStatus.SENT
    assert email.sent_at is not None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["reader@example.org"]
    assert message.extra_headers["Content-Language"] == "sv"
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    # The HTML version escapes the text and makes links clickable.
    assert "&lt;now&gt;" in html
    assert '<a href="https://example.org/" rel="nofollow">' in html


def test_sending_again_a_sent_email_sends_nothing(queued):
    email = queued()

    assert email_send(email_id=email.pk) is False
    assert len(mail.outbox) == 1


def test_the_task_is_only_dispatched_when_the_transaction_commits(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        email_queue(to="a@example.org", subject="s", text_body="t", language="en")

    assert len(callbacks) == 1
    assert mail.outbox == []


FAILING_MAILER = {
    "default": {
        "BACKEND": "core.mail.OutboxOnlyBackend",
        "OPTIONS": {"backend": "tests.core.failing_backend.FailingBackend"},
    }
}


def _pending_email() -> OutgoingEmail:
    return OutgoingEmail.objects.create(
        to="a@example.org", language="en", subject="s", text_body="t", html_body="h"
    )


def test_a_transient_smtp_failure_hands_the_email_back_for_a_retry(db, settings):
    email = _pending_email()
    settings.MAILERS = FAILING_MAILER

    with pytest.raises(smtplib.SMTPServerDisconnected):
        email_send(email_id=email.pk)

    email.refresh_from_db()
    assert (email.status, email.attempts) == (EmailStatus.PENDING, 1)
    assert "Server gone" in email.last_error

    settings.MAILERS = OUTBOX_ONLY_LOCMEM
    assert email_send(email_id=email.pk) is True
    email.refresh_from_db()
    assert (email.status, email.attempts, email.last_error) == (EmailStatus.SENT, 2, "")
    assert len(mail.outbox) == 1


def test_an_email_that_still_fails_at_the_last_retry_is_marked_failed(db, settings):
    email = _pending_email()
    settings.MAILERS = FAILING_MAILER

    result = email_send_task.apply(
        kwargs={"email_id": email.pk}, retries=email_send_task.max_retries, throw=False
    )

    assert result.failed()
    email.refresh_from_db()
    assert email.status == EmailStatus.FAILED
    assert "Server gone" in email.last_error


def test_the_sweep_hands_out_again_what_a_crashed_worker_left(db):
    old = timezone.now() - timedelta(hours=1)
    stale, lost, fresh = _pending_email(), _pending_email(), _pending_email()
    OutgoingEmail.objects.filter(pk=stale.pk).update(status=EmailStatus.SENDING, claimed_at=old)
    OutgoingEmail.objects.filter(pk=lost.pk).update(created_at=old)

    assert sorted(email_sweep()) == sorted([stale.pk, lost.pk])
    assert fresh.pk not in email_sweep()


def test_no_code_path_sends_mail_past_the_outbox(db):
    with pytest.raises(MailOutsideOutboxError):
        mail.send_mail("Hello", "Body", None, ["reader@example.org"])
    with pytest.raises(MailOutsideOutboxError):
        mail.EmailMessage("Hello", "Body", to=["reader@example.org"]).send()

    assert mail.outbox == []


def test_every_configured_mailer_is_behind_the_outbox_guard():
    """What the running portal uses (the test run swaps in an in-memory mailer)."""
    from nordicsafe.settings import base

    assert {entry["BACKEND"] for entry in base.MAILERS.values()} == {"core.mail.OutboxOnlyBackend"}
