from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MembershipStatus(models.TextChoices):
    """A membership starts active (``cities.services.application_approve``); a city that applies
    is a ``MembershipApplication`` until the secretariat approves it."""

    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    FORMER = "former", _("Former")


class MembershipQuerySet(models.QuerySet):
    def active(self):
        """The active members: the network's member cities, in public and in every figure."""
        return self.filter(status=MembershipStatus.ACTIVE)


class Membership(models.Model):
    """A city's membership of the network, run by the secretariat.

    Linked to the city's page in the default language; its translations share the page's
    ``translation_key``. Only active members appear in public as member cities. Every change of
    status goes through ``cities.services.membership_change_status`` and leaves a
    ``MembershipChange``.
    """

    city_page = models.OneToOneField(
        "cities.CityPage",
        verbose_name=_("city"),
        on_delete=models.PROTECT,
        related_name="membership",
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=MembershipStatus.choices,
        default=MembershipStatus.ACTIVE,
    )
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    coordinator_group = models.OneToOneField(
        "auth.Group",
        verbose_name=_("coordinators' group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["city_page__title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=MembershipStatus.values),
                name="%(app_label)s_%(class)s_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True)
                | models.Q(joined_on__isnull=True)
                | models.Q(left_on__gte=models.F("joined_on")),
                name="%(app_label)s_%(class)s_left_after_joined",
            ),
        ]

    def __str__(self):
        return self.city_page.title

    @property
    def is_active(self) -> bool:
        return self.status == MembershipStatus.ACTIVE


class MembershipChange(models.Model):
    """One change of a membership's status: who, when, why."""

    membership = models.ForeignKey(
        Membership, verbose_name=_("membership"), on_delete=models.CASCADE, related_name="changes"
    )
    from_status = models.CharField(
        _("previous status"), max_length=12, choices=MembershipStatus.choices, blank=True
    )
    to_status = models.CharField(_("new status"), max_length=12, choices=MembershipStatus.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("membership change")
        verbose_name_plural = _("membership changes")
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        return f"{self.membership}: {self.from_status or '—'} → {self.to_status}"


class AmbassadorCount(models.Model):
    """How many young peace ambassadors a city had in a year."""

    membership = models.ForeignKey(
        Membership,
        verbose_name=_("membership"),
        on_delete=models.CASCADE,
        related_name="ambassador_counts",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    count = models.PositiveIntegerField(_("peace ambassadors"))

    class Meta:
        verbose_name = _("peace ambassador count")
        verbose_name_plural = _("peace ambassador counts")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["membership", "year"], name="%(app_label)s_%(class)s_one_per_year"
            ),
            models.CheckConstraint(
                condition=models.Q(year__gte=2016), name="%(app_label)s_%(class)s_year_valid"
            ),
        ]

    def __str__(self):
        return f"{self.membership} {self.year}: {self.count}"
