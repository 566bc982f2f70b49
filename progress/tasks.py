from celery import shared_task

from progress import services


@shared_task
def report_reminders_sweep_task() -> int:
    """Periodic, and at once when a round opens: the reporting reminders that are due
    (``services.report_reminders_send``; each is sent once however often this runs)."""
    return services.report_reminders_send()
