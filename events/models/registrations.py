import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waitlist")
    CANCELLED = "cancelled", _("Cancelled")


def new_nonce() -> str:
    return secrets.token_urlsafe(16)


class Registration(models.Model):
    """One person's place at a meetup: confirmed, on the waitlist (in the order of ``queued_at``)
    or cancelled. Every change goes through ``events.services``, which holds the event's row
    while it counts the seats. The event is the page in the default language, which stands for
    its translations."""

    event = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    status = models.CharField(_("status"), max_length=12, choices=RegistrationStatus.choices)
    organisation = models.CharField(_("organisation"), max_length=200)
    dietary_needs = models.CharField(_("dietary needs"), max_length=300, blank=True)
    accessibility_needs = models.CharField(_("accessibility needs"), max_length=300, blank=True)
    queued_at = models.DateTimeField(_("registered"))
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    attended = models.BooleanField(_("attended"), default=False)
    # Signed into the cancellation link and replaced when it is used: a link works once.
    cancel_nonce = models.CharField(max_length=32, default=new_nonce, editable=False)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["queued_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"], name="%(app_label)s_%(class)s_one_per_person"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=RegistrationStatus.values),
                name="%(app_label)s_%(class)s_status_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["event", "status", "queued_at"], name="events_reg_queue"),
        ]

    def __str__(self):
        return f"{self.user}: {self.event}"


class ReminderKind(models.TextChoices):
    DAYS_7 = "days_7", _("A week before")
    DAYS_1 = "days_1", _("The day before")


class EventReminder(models.Model):
    """A reminder sent to a confirmed participant. The row is unique per registration and kind,
    and is inserted in the transaction that queues the email: whoever inserts it first sends it
    (``events.notices``)."""

    registration = models.ForeignKey(
        Registration,
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    kind = models.CharField(_("reminder"), max_length=10, choices=ReminderKind.choices)
    email = models.ForeignKey(
        "core.OutgoingEmail",
        verbose_name=_("email"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("meetup reminder")
        verbose_name_plural = _("meetup reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "kind"], name="%(app_label)s_%(class)s_once"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=ReminderKind.values),
                name="%(app_label)s_%(class)s_kind_valid",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.registration}"


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A person's private calendar address: the meetups they have a seat at. Its random token is
    the only credential, so the address is not guessable and names nobody."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="meetup_calendar",
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("personal meetup calendar")
        verbose_name_plural = _("personal meetup calendars")

    def __str__(self):
        return str(self.user)
