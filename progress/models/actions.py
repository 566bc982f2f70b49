from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from charter.models import focus_areas_field


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


class SafeCityAction(models.Model):
    """The action a member city commits to for a year, public on its page and in
    ``/charter/actions/``. Declared and updated by the city's coordinators."""

    membership = models.ForeignKey(
        "cities.Membership",
        verbose_name=_("city"),
        on_delete=models.CASCADE,
        related_name="safe_city_actions",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=2000)
    goal = models.TextField(_("goal"), max_length=1000)
    focus_areas = models.ManyToManyField(
        "charter.FocusArea",
        verbose_name=_("focus areas"),
        related_name="+",
        limit_choices_to=focus_areas_field().remote_field.limit_choices_to,
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )
    case_studies = models.ManyToManyField(
        "knowledge.CaseStudyPage", verbose_name=_("case studies"), blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("Safe City Action")
        verbose_name_plural = _("Safe City Actions")
        ordering = ["-year", "membership__city_page__title"]
        constraints = [
            models.UniqueConstraint(
                fields=["membership", "year"], name="%(app_label)s_%(class)s_one_per_year"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ActionStatus.values),
                name="%(app_label)s_%(class)s_status_valid",
            ),
        ]
        indexes = [models.Index(fields=["year", "membership"], name="progress_action_year")]

    def __str__(self):
        return f"{self.title} ({self.year})"


class ActionUpdate(models.Model):
    """A short note on how an action is going, with the status it moved to."""

    action = models.ForeignKey(
        SafeCityAction, verbose_name=_("action"), on_delete=models.CASCADE, related_name="updates"
    )
    status = models.CharField(_("status"), max_length=12, choices=ActionStatus.choices)
    text = models.TextField(_("update"), max_length=1000)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("action update")
        verbose_name_plural = _("action updates")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.action}: {self.get_status_display()}"
