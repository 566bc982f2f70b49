"""Sending an issue with the real components (``tests.core.fault_tools``): Celery workers on Redis
sending through Django's SMTP backend to an SMTP server, one of them killed (SIGKILL) in the
middle of the send and another started. The messages the server received are counted per
recipient: each subscriber exactly one, none missed, none twice."""

import datetime
from collections import Counter

import pytest

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from demo.newsletter import BULK_DOMAIN, newsletter_subscribers_bulk_seed
from newsletter.models import Delivery, DeliveryStatus, Issue, Sending, SendingStatus
from newsletter.sending import DISPATCH_GRACE, sending_schedule
from newsletter.tasks import sendings_sweep_task
from tests.core.fault_tools import ROW_LOCKS, SmtpServer, tasks_through_the_broker, wait_for

pytestmark = [pytest.mark.django_db(transaction=True), ROW_LOCKS]

SUBSCRIBERS = 1200  # three batches of 500
HELD = 700  # the server holds the 700th message: the second batch is half-way


@pytest.fixture
def smtp():
    """The ``workers``' SMTP server, holding its 700th message unanswered until released."""
    server = SmtpServer(hold_at=HELD).start()
    yield server
    server.stop()


def test_a_worker_killed_mid_send_and_restarted_sends_each_subscriber_the_issue_once(
    workers, smtp, site_tree
):
    from wagtail.models import Locale

    newsletter_subscribers_bulk_seed(count=SUBSCRIBERS)
    letter = Issue.objects.create(
        subject="Autumn in the network",
        locale=Locale.objects.get(language_code="en"),
        body=[{"type": "paragraph", "value": "<p>A year of meetups.</p>"}],
    )

    first = workers("first")
    with tasks_through_the_broker():
        sending_schedule(issue=letter, by=None)
    wait_for(smtp.first_data.is_set, timeout=120, what="the send is half-way", logs=[first.log])
    first.kill()  # waiting for the server's answer to the 700th message
    smtp.release.set()  # which the server then refuses: nobody is there to hear it
    assert len(smtp.messages) == HELD - 1
    claimed = Delivery.objects.filter(status=DeliveryStatus.CLAIMED).count()
    assert claimed > 0  # the dead worker's batch, never to be finished by it

    # A while later: past the lease of what the dead worker had claimed, past the grace of the
    # batches whose task messages it had taken with it.
    lease = datetime.timedelta(seconds=settings.NEWSLETTER_CLAIM_LEASE_SECONDS)
    Delivery.objects.update(
        claimed_at=F("claimed_at") - lease,
        next_attempt_at=F("next_attempt_at") - DISPATCH_GRACE,
    )
    second = workers("second")
    with tasks_through_the_broker():
        sendings_sweep_task.delay()
    wait_for(
        lambda: Sending.objects.get(issue=letter).status == SendingStatus.SENT,
        timeout=180,
        what="the send completes",
        logs=[second.log],
    )

    received = Counter(message["To"] for message in smtp.messages)
    assert len(received) == SUBSCRIBERS
    assert all(address.endswith(f"@{BULK_DOMAIN}") for address in received)
    assert set(received.values()) == {1}
    assert Delivery.objects.filter(status=DeliveryStatus.SENT).count() == SUBSCRIBERS
    sending = Sending.objects.get(issue=letter)
    assert sending.recipients == SUBSCRIBERS and sending.finished_at <= timezone.now()
