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
from newsletter.sending import DISPATCH_GRACE, sending_schedule, sendings_sweep
from newsletter.tasks import sendings_sweep_task
from tests.core.fault_tools import (
    ROW_LOCKS,
    SmtpServer,
    smtp_mailers,
    tasks_through_the_broker,
    wait_for,
)

pytestmark = [pytest.mark.django_db(transaction=True), ROW_LOCKS]

SUBSCRIBERS = 1200  # three batches of 500
HELD = 700  # the server holds the 700th message: the second batch is half-way


@pytest.fixture
def smtp(request):
    """The ``workers``' SMTP server, holding its 700th message unanswered until released (or, for
    a test marked ``slow_relay(seconds)``, answering each message that long after its data)."""
    slow = request.node.get_closest_marker("slow_relay")
    if slow is not None:
        server = SmtpServer(seconds_per_message=slow.args[0]).start()
    else:
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
    wait_for(
        smtp.first_data.is_set,
        timeout=120,
        what="the send is half-way",
        logs=[first.log],
        state=lambda: f"the server received {len(smtp.messages)} messages",
    )
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
        state=lambda: f"the server received {len(smtp.messages)} messages",
    )

    received = Counter(message["To"] for message in smtp.messages)
    assert len(received) == SUBSCRIBERS
    assert all(address.endswith(f"@{BULK_DOMAIN}") for address in received)
    assert set(received.values()) == {1}
    assert Delivery.objects.filter(status=DeliveryStatus.SENT).count() == SUBSCRIBERS
    sending = Sending.objects.get(issue=letter)
    assert sending.recipients == SUBSCRIBERS and sending.finished_at <= timezone.now()


LEASE_SECONDS = 3
SLOW_SUBSCRIBERS = 30  # one batch, about 9 s at 0.3 s a message: three leases long


@pytest.mark.slow_relay(0.3)
def test_a_slow_worker_keeps_its_batch_while_the_sweep_runs_and_no_one_receives_it_twice(
    workers, smtp, site_tree, settings
):
    """A worker alive but slower than its lease renews its claim as it goes: the sweeps that run
    meanwhile (here in this process, sending what they take back themselves) find nothing lapsed
    to take back, and every subscriber receives the issue once."""
    from wagtail.models import Locale

    # This process sweeps, and sends what it takes back, as a worker would: same lease, same
    # SMTP server.
    settings.NEWSLETTER_CLAIM_LEASE_SECONDS = LEASE_SECONDS
    settings.MAILERS = smtp_mailers(smtp)
    newsletter_subscribers_bulk_seed(count=SLOW_SUBSCRIBERS)
    letter = Issue.objects.create(
        subject="Autumn in the network",
        locale=Locale.objects.get(language_code="en"),
        body=[{"type": "paragraph", "value": "<p>A year of meetups.</p>"}],
    )
    slow = workers("slow", NEWSLETTER_CLAIM_LEASE_SECONDS=str(LEASE_SECONDS))
    with tasks_through_the_broker():
        sending_schedule(issue=letter, by=None)
    wait_for(
        lambda: Delivery.objects.filter(status=DeliveryStatus.CLAIMED).exists(),
        timeout=60,
        what="the worker claims the batch",
        logs=[slow.log],
    )

    def swept_until_sent() -> bool:
        sendings_sweep()  # what it takes back, it sends here and now (tasks run in place)
        return Sending.objects.get(issue=letter).status == SendingStatus.SENT

    wait_for(swept_until_sent, timeout=120, what="the send completes", logs=[slow.log])

    received = Counter(message["To"] for message in smtp.messages)
    assert len(received) == SLOW_SUBSCRIBERS
    assert set(received.values()) == {1}
