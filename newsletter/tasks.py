from celery import shared_task

from newsletter import sending


@shared_task
def sendings_sweep_task() -> int:
    """Periodic (and right after a send is asked for now): fan out the sendings that are due and
    finish those under way whatever happened to their workers."""
    return sending.sendings_sweep()


@shared_task
def deliveries_send_task(*, sending_id: int, first_id: int, last_id: int) -> int:
    """One batch of an issue's deliveries; a batch already sent finds nothing to do."""
    return sending.deliveries_send(sending_id=sending_id, first_id=first_id, last_id=last_id)
