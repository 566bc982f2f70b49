from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a decision")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")


class MembershipApplication(models.Model):
    """A city's application to join, sent from ``/join/`` and decided by the secretariat."""

    city_name = models.CharField(_("city"), max_length=120)
    country = models.ForeignKey(
        "cities.Country", verbose_name=_("country"), on_delete=models.PROTECT, related_name="+"
    )
    contact_name = models.CharField(_("contact person"), max_length=150)
    contact_role = models.CharField(_("role"), max_length=150)
    contact_email = models.EmailField(_("email"))
    motivation = models.TextField(_("motivation"), max_length=4000)
    accepts_charter = models.BooleanField(_("commits to the Charter"), default=False)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.PENDING,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    membership = models.OneToOneField(
        "cities.Membership",
        verbose_name=_("membership"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="application",
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(accepts_charter=True),
                name="%(app_label)s_%(class)s_accepts_charter",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="declined") | ~models.Q(decline_reason=""),
                name="%(app_label)s_%(class)s_declined_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.city_name} ({self.country_id})"
