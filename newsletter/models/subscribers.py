import secrets

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from charter.models import focus_areas_field

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def new_nonce() -> str:
    return secrets.token_urlsafe(16)


class SubscriberStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for confirmation")
    ACTIVE = "active", _("Subscribed")
    UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")
    SUSPENDED = "suspended", _("Suspended after failed deliveries")


class Subscriber(models.Model):
    """An address that asked for the newsletter: pending until the person confirms from the
    email (double opt-in), then active until they unsubscribe, or until deliveries to it fail
    permanently three issues in a row (suspended). Every change goes through
    ``newsletter.services``, which records the consent it rests on (``Consent``)."""

    # Stored in lower case (``services``), unique whatever the case.
    email = models.EmailField(_("email address"))
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    # No focus area chosen means all of them.
    interests = models.ManyToManyField(
        "charter.FocusArea",
        verbose_name=_("interests"),
        blank=True,
        related_name="+",
        limit_choices_to=focus_areas_field().remote_field.limit_choices_to,
    )
    # A signed-in person's own subscription, gone with their account.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="newsletter_subscriber",
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=SubscriberStatus.choices,
        default=SubscriberStatus.PENDING,
    )
    created_at = models.DateTimeField(_("subscribed"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    # Signed into the subscriber's links and replaced when a confirmation link is used (or a new
    # subscription begins): a confirmation link works once, and links from before stop working.
    nonce = models.CharField(max_length=32, default=new_nonce, editable=False)
    # Permanent delivery failures in a row (the sender's); three suspend the address.
    consecutive_failures = models.PositiveSmallIntegerField(_("failures in a row"), default=0)

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="%(app_label)s_%(class)s_email_ci_unique"),
            models.CheckConstraint(
                condition=models.Q(status__in=SubscriberStatus.values),
                name="%(app_label)s_%(class)s_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(language__in=LANGUAGE_CODES),
                name="%(app_label)s_%(class)s_language_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=SubscriberStatus.ACTIVE)
                | models.Q(confirmed_at__isnull=False),
                name="%(app_label)s_%(class)s_active_is_confirmed",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=SubscriberStatus.UNSUBSCRIBED)
                | models.Q(unsubscribed_at__isnull=False),
                name="%(app_label)s_%(class)s_unsubscribed_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "language"], name="newsletter_subscriber_segment"),
        ]

    def __str__(self):
        return self.email

    def clean(self):
        super().clean()
        self.email = self.email.strip().lower()


class ConsentAction(models.TextChoices):
    SUBSCRIBED = "subscribed", _("Subscribed")
    CONFIRMED = "confirmed", _("Confirmed")
    PREFERENCES_CHANGED = "preferences_changed", _("Preferences changed")
    UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")


class Consent(models.Model):
    """One consent event of a subscriber, as evidence: what they did, when, from which page and
    address, and the exact sentence they were shown, in the language they were shown it in."""

    subscriber = models.ForeignKey(
        Subscriber,
        verbose_name=_("subscriber"),
        on_delete=models.CASCADE,
        related_name="consents",
    )
    action = models.CharField(_("action"), max_length=20, choices=ConsentAction.choices)
    at = models.DateTimeField(_("when"), default=timezone.now)
    path = models.CharField(_("page"), max_length=500, blank=True)
    ip_address = models.GenericIPAddressField(_("client address"), null=True, blank=True)
    wording = models.TextField(_("wording shown"))
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(action__in=ConsentAction.values),
                name="%(app_label)s_%(class)s_action_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(language__in=LANGUAGE_CODES),
                name="%(app_label)s_%(class)s_language_valid",
            ),
        ]

    def __str__(self):
        return f"{self.subscriber}: {self.get_action_display()} ({self.at:%Y-%m-%d})"
