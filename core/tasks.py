import smtplib

from celery import shared_task
from celery.contrib.django.task import DjangoTask

from wagtail.images import get_image_model

from core import services


class EmailTask(DjangoTask):
    def on_failure(self, exc, task_id, args, kwargs, einfo):
        # Called once the retries are spent: the message is marked failed, not retried forever.
        services.email_mark_failed(email_id=kwargs["email_id"], error=repr(exc))


@shared_task(
    base=EmailTask,
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=5,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=8,
)
def email_send_task(*, email_id: int) -> bool:
    return services.email_send(email_id=email_id)


@shared_task
def email_sweep_task() -> int:
    """Periodic: dispatch again what was lost (see ``services.email_sweep``)."""
    email_ids = services.email_sweep()
    for email_id in email_ids:
        email_send_task.delay(email_id=email_id)
    return len(email_ids)


@shared_task(autoretry_for=(OSError,), retry_backoff=5, retry_backoff_max=300, max_retries=3)
def image_renditions_create_task(*, image_id: int) -> int:
    """Make a saved image's renditions (``services.image_renditions_create``); nothing for an
    image deleted since, nor for renditions that exist. Retried when the storage fails."""
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is None:
        return 0
    return services.image_renditions_create(image=image)
