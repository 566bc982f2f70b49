"""The one way out for email: the outbox (``core.services.email_send``, run by its task).

``MAILERS["default"]`` is ``OutboxOnlyBackend`` around the real backend (SMTP, files, memory in
tests). It hands on what the outbox sends and refuses every other sender — a ``send_mail`` in
our code, Wagtail's or Django's own password-reset or notification mails — which would skip the
outbox's exactly-once sending, its retries and the recipient's language.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.mail.backends.base import BaseEmailBackend
from django.utils.module_loading import import_string

_sending_from_outbox: ContextVar[bool] = ContextVar("sending_from_outbox", default=False)


class MailOutsideOutboxError(RuntimeError):
    """Something tried to send an email without going through the outbox."""


@contextmanager
def outbox_sending() -> Iterator[None]:
    """Mark the messages sent inside the block as the outbox's own."""
    token = _sending_from_outbox.set(True)
    try:
        yield
    finally:
        _sending_from_outbox.reset(token)


class OutboxOnlyBackend(BaseEmailBackend):
    def __init__(self, *, backend: str, options: dict | None = None, alias=None, **kwargs):
        super().__init__(alias=alias, **kwargs)
        self.inner = import_string(backend)(alias=alias, **(options or {}))

    def open(self):
        return self.inner.open()

    def close(self):
        return self.inner.close()

    def send_messages(self, email_messages):
        if not _sending_from_outbox.get():
            raise MailOutsideOutboxError(
                "Emails leave the portal only through the outbox: call "
                "core.services.email_queue (or email_render_and_queue) instead."
            )
        return self.inner.send_messages(email_messages)
