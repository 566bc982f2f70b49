"""Sending a newsletter issue to every subscriber of its segment, each exactly once, fast.

1. ``sending_schedule`` records when (now, or later); ``sending_cancel`` withdraws a scheduled
   send. Nothing is sent by the request that asks (``scheduling``).
2. ``sendings_sweep`` (Celery beat, every few seconds) fans a due sending out: in one
   transaction it renders each language's email once (``issue_render`` in ``rendering``: the
   subject, HTML and text with markers where each subscriber's own links go), inserts one
   ``Delivery`` per recipient and queues a ``deliveries_send_task`` per batch of ids.
3. ``deliveries_send`` (``delivering``) claims its batch's queued rows (``claims``: a locked
   select, then an update: a second task for the same batch finds nothing), builds each
   recipient's email (``emails``: the bytes of a message built once per language, with theirs
   put in), sends them one by one over the one SMTP connection Django's mail backend opened
   (``smtp``: commands pipelined where the server allows), and marks each sent the moment the
   server accepted it. A temporary
   refusal (4xx, a dropped connection) hands the rest of the batch back with backoff; a
   permanent one (5xx) fails that delivery, and an address that failed three issues in a row is
   suspended.
4. A worker killed mid-batch leaves its rows claimed: the sweep hands back claims older than the
   lease, and queues batches for rows no task took, so the send completes. A message is marked
   sent after the server's "250" and before the next one starts: a worker killed while the
   server had not yet answered never delivered that message (the server discards what it did not
   acknowledge), and it goes out again.

The rate limit (``NEWSLETTER_EMAILS_PER_SECOND``, 0 for none) holds for all workers together,
counted per second in the shared cache.

The modules depend one way: ``scheduling`` on ``delivering``, which uses ``emails``, ``smtp``
and ``claims``; all of them on ``rendering``. What the rest of the portal calls is here.
"""

from newsletter.sending.claims import MAX_ATTEMPTS
from newsletter.sending.delivering import (
    FAILURES_TO_SUSPEND,
    deliveries_send,
    sending_finish_if_done,
)
from newsletter.sending.emails import PART_MARK, TEMPLATE_ADDRESS
from newsletter.sending.rendering import (
    PREFERENCES_MARK,
    TOKEN_MARK,
    UNSUBSCRIBE_MARK,
    archive_url,
    html_to_text,
    in_archive,
    issue_in_language,
    issue_original,
    issue_preview_context,
    issue_render,
    issue_test_send,
)
from newsletter.sending.scheduling import (
    BATCH_SIZE,
    DISPATCH_GRACE,
    INSERT_CHUNK,
    SendingRefused,
    sending_cancel,
    sending_fan_out,
    sending_schedule,
    sendings_sweep,
)

__all__ = [
    "BATCH_SIZE",
    "DISPATCH_GRACE",
    "FAILURES_TO_SUSPEND",
    "INSERT_CHUNK",
    "MAX_ATTEMPTS",
    "PART_MARK",
    "PREFERENCES_MARK",
    "TEMPLATE_ADDRESS",
    "TOKEN_MARK",
    "UNSUBSCRIBE_MARK",
    "SendingRefused",
    "archive_url",
    "deliveries_send",
    "html_to_text",
    "in_archive",
    "issue_in_language",
    "issue_original",
    "issue_preview_context",
    "issue_render",
    "issue_test_send",
    "sending_cancel",
    "sending_fan_out",
    "sending_finish_if_done",
    "sending_schedule",
    "sendings_sweep",
]
