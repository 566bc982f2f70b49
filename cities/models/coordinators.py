import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Coordinator(models.Model):
    """A person who coordinates a member city. A person coordinates one city at most."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="coordinator",
    )
    membership = models.ForeignKey(
        "cities.Membership",
        verbose_name=_("city"),
        on_delete=models.CASCADE,
        related_name="coordinators",
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("city coordinator")
        verbose_name_plural = _("city coordinators")
        ordering = ["membership", "user__name"]

    def __str__(self):
        return f"{self.user} ({self.membership})"


def invitation_nonce() -> str:
    return secrets.token_urlsafe(32)


class CoordinatorInvitation(models.Model):
    """An invitation by email to become a city's coordinator: signed, single use, expiring.

    The link signs the row's id *and* its random ``nonce``: knowing the secret key and the
    sequential id is not enough to make a working link, and accepting or withdrawing the
    invitation replaces the nonce, so its link is dead for good."""

    email = models.EmailField(_("email"))
    name = models.CharField(_("name"), max_length=150, blank=True)
    membership = models.ForeignKey(
        "cities.Membership",
        verbose_name=_("city"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    nonce = models.CharField(max_length=64, default=invitation_nonce, editable=False)

    class Meta:
        verbose_name = _("coordinator invitation")
        verbose_name_plural = _("coordinator invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} → {self.membership}"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None
