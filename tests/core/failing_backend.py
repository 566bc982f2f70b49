import smtplib

from django.core.mail.backends.base import BaseEmailBackend


class FailingBackend(BaseEmailBackend):
    """An email backend whose server always hangs up, as a real SMTP server can."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Server gone")
