"""When an issue goes out, and its fan-out: one ``Delivery`` per recipient and a Celery task
per batch of them. The sweep also hands back batches whose worker died and closes finished
sendings."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.content_cache import content_changed
from newsletter.models import Delivery, DeliveryStatus, Issue, Sending, SendingStatus
from newsletter.selectors import segment_recipients
from newsletter.sending.claims import MAX_ATTEMPTS
from newsletter.sending.delivering import sending_finish_if_done
from newsletter.sending.rendering import in_archive, issue_original, issue_render

BATCH_SIZE = 500
INSERT_CHUNK = 5000
# A fresh batch's rows wait this long for their task before the sweep queues them again.
DISPATCH_GRACE = datetime.timedelta(minutes=1)


class SendingRefused(Exception):
    """What the secretariat asked cannot be done (the message says why, translated)."""


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
