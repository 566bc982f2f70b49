"""Writes shared by every app: pages in the tree, image renditions, queueing and sending email."""

import functools
import logging
import smtplib
import time
from collections.abc import Iterable
from datetime import timedelta

from kombu.exceptions import OperationalError as BrokerError
from redis.exceptions import RedisError

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import escape, linebreaks, urlize

from wagtail.images.models import Filter

from core.content_cache import content_changed
from core.mail import outbox_sending
from core.models import EmailStatus, OutgoingEmail
from core.selectors import IMAGE_RENDITIONS

# A claimed message whose worker died is handed out again after this long.
STALE_CLAIM_AFTER = timedelta(minutes=15)
# A pending message whose task message was lost is dispatched again after this long.
REDISPATCH_AFTER = timedelta(minutes=2)

logger = logging.getLogger(__name__)


def absolute_url(path: str) -> str:
    """An address for use outside a request (emails): the portal's base URL and ``path``."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def email_html_from_text(*, subject: str, text: str) -> str:
    """The portal's HTML layout around a plain-text body (links made clickable, all escaped)."""
    body = linebreaks(urlize(escape(text), nofollow=True, autoescape=False), autoescape=False)
    return render_to_string("email/layout.html", {"subject": subject, "body": body})


@transaction.atomic
def email_queue(
    *,
    to: str,
    subject: str,
    text_body: str,
    html_body: str = "",
    language: str,
    attachments: list[dict] | None = None,
    headers: dict[str, str] | None = None,
) -> OutgoingEmail:
    """Store a rendered message and have the email task send it once the transaction commits.
    ``attachments``: text files, each {"filename", "content", "mimetype"}; ``headers``: extra
    message headers, {name: value}."""
    email = OutgoingEmail(
        to=to,
        language=language,
        subject=" ".join(subject.splitlines()).strip()[:255],
        text_body=text_body,
        html_body=html_body or email_html_from_text(subject=subject, text=text_body),
        attachments=attachments or [],
        headers=headers or {},
    )
    email.full_clean()
    email.save()
    transaction.on_commit(functools.partial(email_dispatch, email_id=email.pk))
    return email


# After the broker failed to take a task, this process leaves it alone for this long: a broker
# that hangs rather than refuses would otherwise cost every request that sends mail seconds.
BROKER_PAUSE_SECONDS = 10.0
_broker_paused_until = 0.0


def email_dispatch(*, email_id: int) -> None:
    """Hand a stored message to the email task, as ``delay_on_commit`` would, except that a
    broker that is down costs a logged warning instead of the request: the message waits in the
    outbox, pending, and the sweep dispatches it again."""
    from core.tasks import email_send_task

    global _broker_paused_until
    if time.monotonic() < _broker_paused_until:
        logger.info(
            "Email %s waits in the outbox for the sweep: publishing paused after a broker failure",
            email_id,
        )
        return
    try:
        email_send_task.delay(email_id=email_id)
    except (BrokerError, RedisError) as error:
        _broker_paused_until = time.monotonic() + BROKER_PAUSE_SECONDS
        logger.warning(
            "Email %s waits in the outbox for the sweep: the broker did not take its task (%s: %s)",
            email_id,
            type(error).__name__,
            error,
        )


def email_render_and_queue(
    *,
    to: str,
    template_prefix: str,
    context: dict,
    language: str,
    attachments: list[dict] | None = None,
    headers: dict[str, str] | None = None,
) -> OutgoingEmail:
    """Render ``<prefix>_subject.txt`` and ``_message.txt`` in ``language``, and
    ``_message.html`` where a message has its own (else the HTML is the text in the layout)."""
    with translation.override(language):
        subject = render_to_string(f"{template_prefix}_subject.txt", context)
        text_body = render_to_string(f"{template_prefix}_message.txt", context).strip()
        try:
            html_body = render_to_string(f"{template_prefix}_message.html", context)
        except TemplateDoesNotExist:
            html_body = email_html_from_text(subject=subject, text=text_body)
    return email_queue(
        to=to,
        subject=subject,
        text_body=text_body,
        html_body=html_body,
        language=language,
        attachments=attachments,
        headers=headers,
    )


def email_send(*, email_id: int) -> bool:
    """Send one stored message exactly once. Returns whether this call sent it.

    The message is claimed with a conditional update, so a second worker (or a repeated task
    message) finds nothing to do. A transient failure hands the claim back and re-raises, for the
    task to retry with backoff.
    """
    claimed = OutgoingEmail.objects.filter(pk=email_id, status=EmailStatus.PENDING).update(
        status=EmailStatus.SENDING, claimed_at=timezone.now(), attempts=F("attempts") + 1
    )
    if not claimed:
        return False
    email = OutgoingEmail.objects.get(pk=email_id)
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.text_body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to],
        headers={"Content-Language": email.language, **email.headers},
    )
    message.attach_alternative(email.html_body, "text/html")
    for attachment in email.attachments:
        message.attach(attachment["filename"], attachment["content"], attachment["mimetype"])
    try:
        with outbox_sending():
            message.send()
    except (smtplib.SMTPException, OSError) as error:
        OutgoingEmail.objects.filter(pk=email_id).update(
            status=EmailStatus.PENDING, last_error=str(error)[:2000]
        )
        raise
    OutgoingEmail.objects.filter(pk=email_id).update(
        status=EmailStatus.SENT, sent_at=timezone.now(), last_error=""
    )
    return True


def email_mark_failed(*, email_id: int, error: str) -> None:
    """Give up on a message after the task's last retry."""
    OutgoingEmail.objects.filter(pk=email_id, status=EmailStatus.PENDING).update(
        status=EmailStatus.FAILED, last_error=error[:2000]
    )


def email_sweep() -> list[int]:
    """Hand out again messages whose worker died mid-send or whose task message was lost.

    Returns the ids to dispatch; the email task's claim makes a duplicate dispatch harmless.
    """
    now = timezone.now()
    stale = OutgoingEmail.objects.filter(
        status=EmailStatus.SENDING, claimed_at__lt=now - STALE_CLAIM_AFTER
    )
    stale_ids = list(stale.values_list("pk", flat=True))
    stale.filter(pk__in=stale_ids).update(status=EmailStatus.PENDING)
    lost_ids = OutgoingEmail.objects.filter(
        status=EmailStatus.PENDING, created_at__lt=now - REDISPATCH_AFTER
    ).values_list("pk", flat=True)[:500]
    return sorted(set(stale_ids) | set(lost_ids))


@transaction.atomic
def home_child_get_or_create(page):
    """The English home page's child of ``page``'s type, or ``page`` added there (published, with
    its aliases): the single index pages such as ``/cities/`` and ``/knowledge/``."""
    from core.models import CANONICAL_LOCALE, HomePage

    home = HomePage.objects.get(**CANONICAL_LOCALE)
    existing = type(page).objects.child_of(home).first()
    return existing or page_create(parent=home, page=page)


def page_create(*, parent, page, user=None, publish: bool = True):
    """Add ``page`` under ``parent`` as the admin does: a revision, publishing, and aliases in
    every language tree that follows the parent's (wagtail-localize's synchronised trees)."""
    from wagtail_localize.synctree import create_aliases_for_new_page

    if not publish:
        page.live = False
        page.has_unpublished_changes = True
    parent.add_child(instance=page)
    revision = page.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=user)
    create_aliases_for_new_page(page)
    return page


def image_renditions_create(*, image, specs: Iterable[str] = IMAGE_RENDITIONS) -> int:
    """Make the renditions the templates will show (by default all of them), now rather than on a
    visitor's request. Returns how many it made: none for the ones that exist already, so a second
    call (or two at once: ``get_or_create``) makes no second file. A page that shows the image
    without its rendition yet shows it once it is made: making one moves the content version on.

    Like ``Image.get_rendition()``, but closes the generated file once it is stored (Wagtail
    leaves it open until garbage collection)."""
    made = 0
    for spec in specs:
        image_filter = Filter(spec=spec)
        focal_point_key = image_filter.get_cache_key(image)
        if image.renditions.filter(filter_spec=spec, focal_point_key=focal_point_key).exists():
            continue
        with image.generate_rendition_file(image_filter) as rendition_file:
            _rendition, created = image.renditions.get_or_create(
                filter_spec=spec, focal_point_key=focal_point_key, defaults={"file": rendition_file}
            )
        made += created
    if made:
        content_changed()
    return made
