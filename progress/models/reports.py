from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail.admin.panels import FieldPanel

from accounts.permissions import user_is_secretariat
from cities.selectors import coordinated_membership


class Level(models.IntegerChoices):
    """The four steps of maturity a city reports for each focus area."""

    EXPLORING = 1, pgettext_lazy("maturity level", "Exploring")
    DEVELOPING = 2, pgettext_lazy("maturity level", "Developing")
    ESTABLISHED = 3, pgettext_lazy("maturity level", "Established")
    LEADING = 4, pgettext_lazy("maturity level", "Leading")

    @classmethod
    def descriptions(cls) -> dict[int, str]:
        return {
            cls.EXPLORING: _(
                "We are finding out what the area asks of our city: first contacts, no plan yet."
            ),
            cls.DEVELOPING: _(
                "We have a plan and first activities, run by a few people or as a project."
            ),
            cls.ESTABLISHED: _(
                "The work is part of the city's regular services, with partners and a budget."
            ),
            cls.LEADING: _(
                "Our work is evaluated, improved from what we learn, and shared with other cities."
            ),
        }


# A city is "ahead" in an area, and one to call, from this level on.
PEER_LEVEL = Level.ESTABLISHED


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")


# The states whose levels count in the network's figures.
REPORTED = (ReportStatus.SUBMITTED, ReportStatus.ACKNOWLEDGED)


class Sharing(models.TextChoices):
    """Who besides the city's coordinators and the secretariat sees a city's results."""

    PRIVATE = "private", _("Only our coordinators and the secretariat")
    MEMBERS = "members", _("Also the network's member cities (for peer matches)")
    PUBLIC = "public", _("Everyone: published on our city's page")


class ReportingRound(models.Model):
    """The secretariat's call for a year's self-assessment, open until its deadline."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    deadline = models.DateField(_("deadline"))
    opened_at = models.DateTimeField(_("opened"), auto_now_add=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("year"), FieldPanel("deadline")]

    class Meta:
        verbose_name = _("reporting round")
        verbose_name_plural = _("reporting rounds")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year__gte=2000, year__lte=2100),
                name="%(app_label)s_%(class)s_year_plausible",
            ),
        ]

    def __str__(self):
        return str(self.year)


class ReportQuerySet(models.QuerySet):
    def readable_by(self, user):
        """Whose results ``user`` may see, decided here for every page, export and chart: the
        secretariat all; a city's coordinators their own, and the reported results the other
        member cities share with members or with everyone; anyone else the reported results
        the cities published."""
        if user_is_secretariat(user):
            return self
        reported = models.Q(status__in=REPORTED)
        membership = coordinated_membership(user)
        if membership is not None:
            return self.filter(
                models.Q(membership=membership)
                | reported & models.Q(sharing__in=[Sharing.MEMBERS, Sharing.PUBLIC])
            )
        return self.filter(reported, sharing=Sharing.PUBLIC)


class Report(models.Model):
    """A member city's self-assessment for one round: draft → submitted → acknowledged.

    Every change of state goes through ``progress.services`` and leaves a ``ReportTransition``.
    """

    round = models.ForeignKey(
        ReportingRound, verbose_name=_("round"), on_delete=models.CASCADE, related_name="reports"
    )
    membership = models.ForeignKey(
        "cities.Membership",
        verbose_name=_("city"),
        on_delete=models.CASCADE,
        related_name="charter_reports",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    sharing = models.CharField(
        _("who sees our results"), max_length=10, choices=Sharing.choices, default=Sharing.MEMBERS
    )
    adoption_correction = models.TextField(
        _("corrections to our Charter adoption"),
        blank=True,
        help_text=_("Anything the secretariat has wrong about our adoption of the Charter."),
    )
    feedback = models.TextField(_("the secretariat's feedback"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        ordering = ["-round__year", "membership__city_page__title"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "membership"], name="%(app_label)s_%(class)s_one_per_city"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ReportStatus.values),
                name="%(app_label)s_%(class)s_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(sharing__in=Sharing.values),
                name="%(app_label)s_%(class)s_sharing_valid",
            ),
        ]
        indexes = [models.Index(fields=["round", "status"], name="progress_report_round_status")]

    def __str__(self):
        return f"{self.membership} {self.round}"

    @property
    def editable(self) -> bool:
        """Whether the city's coordinators may still change it."""
        return self.status == ReportStatus.DRAFT


class AreaAssessment(models.Model):
    """What a city reports for one focus area in one report."""

    report = models.ForeignKey(
        Report, verbose_name=_("report"), on_delete=models.CASCADE, related_name="assessments"
    )
    focus_area = models.ForeignKey(
        "charter.FocusArea",
        verbose_name=_("focus area"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    level = models.PositiveSmallIntegerField(
        _("level"), choices=Level.choices, null=True, blank=True
    )
    narrative = models.TextField(_("what we do and what we learned"), blank=True)
    evidence_links = models.JSONField(_("evidence links"), default=list, blank=True)
    case_studies = models.ManyToManyField(
        "knowledge.CaseStudyPage", verbose_name=_("our case studies"), blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("focus area assessment")
        verbose_name_plural = _("focus area assessments")
        ordering = ["focus_area__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "focus_area"], name="%(app_label)s_%(class)s_one_per_area"
            ),
            models.CheckConstraint(
                condition=models.Q(level__isnull=True) | models.Q(level__in=Level.values),
                name="%(app_label)s_%(class)s_level_valid",
            ),
        ]
        indexes = [models.Index(fields=["focus_area", "level"], name="progress_assessment_level")]

    def __str__(self):
        return f"{self.report}: {self.focus_area}"


class ReportTransition(models.Model):
    """One change of a report's state: who, when, from, to."""

    report = models.ForeignKey(
        Report, verbose_name=_("report"), on_delete=models.CASCADE, related_name="transitions"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    from_status = models.CharField(_("moved from"), max_length=12, choices=ReportStatus.choices)
    to_status = models.CharField(_("moved to"), max_length=12, choices=ReportStatus.choices)

    class Meta:
        verbose_name = _("report state change")
        verbose_name_plural = _("report state changes")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.report}: {self.from_status} → {self.to_status}"


class ReminderKind(models.TextChoices):
    OPENED = "opened", _("Round opened")
    DAYS_14 = "days_14", _("14 days before the deadline")
    DAYS_3 = "days_3", _("3 days before the deadline")
    SUMMARY = "summary", _("Summary after the deadline")


class Reminder(models.Model):
    """One reminder to one person for one round: the row is claimed (inserted, unique) in the
    same transaction that queues its email, so a reminder is sent exactly once however many
    sweeps run and wherever a worker dies."""

    round = models.ForeignKey(
        ReportingRound, verbose_name=_("round"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("reminder"), max_length=10, choices=ReminderKind.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    email = models.ForeignKey(
        "core.OutgoingEmail", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("reporting reminder")
        verbose_name_plural = _("reporting reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "kind", "recipient"], name="%(app_label)s_%(class)s_once"
            ),
        ]

    def __str__(self):
        return f"{self.round} {self.kind} → {self.recipient}"
