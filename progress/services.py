"""Writes of the Charter's work in the cities: rounds, reports and their states, Safe City
Actions, and the reminders (exactly once each, however many sweeps run)."""

import logging
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from accounts.models import ROLE_GROUP_NAMES, Role, User
from charter.models import FocusArea
from cities.models import Membership
from core.models import CANONICAL_LOCALE
from core.reminders import reminder_send_once
from core.services import absolute_url, email_render_and_queue
from progress.models import (
    ActionStatus,
    ActionUpdate,
    AreaAssessment,
    Level,
    Reminder,
    ReminderKind,
    Report,
    ReportingRound,
    ReportStatus,
    ReportTransition,
    SafeCityAction,
)
from progress.models.reports import REPORTED
from progress.selectors import own_case_studies

logger = logging.getLogger(__name__)

# Which states a report may move to, from which.
TRANSITIONS = {
    ReportStatus.SUBMITTED: {ReportStatus.DRAFT},
    ReportStatus.ACKNOWLEDGED: {ReportStatus.SUBMITTED},
    ReportStatus.DRAFT: {ReportStatus.SUBMITTED, ReportStatus.ACKNOWLEDGED},
}
# A summary for the secretariat is sent from the day after the deadline for this long (a sweep
# that did not run that day still sends it; an old round never does).
SUMMARY_WINDOW = timedelta(days=7)
EVIDENCE_URL = URLValidator(schemes=["http", "https"])
MAX_EVIDENCE_LINKS = 10


class ReportLocked(ValidationError):
    """The report is not a draft: its city's coordinators can no longer change it."""


@dataclass(frozen=True)
class AreaInput:
    """What a coordinator typed for one focus area."""

    level: int | None
    narrative: str
    evidence_links: list[str]
    case_study_ids: list[int]


# --- Rounds --------------------------------------------------------------------------------------


@transaction.atomic
def round_open(*, year: int, deadline: date, by: User | None) -> ReportingRound:
    """Open the year's reporting round; its coordinators are emailed by the next sweep, which
    this dispatches at once."""
    from progress.tasks import report_reminders_sweep_task

    reporting_round = ReportingRound(year=year, deadline=deadline, opened_by=by)
    reporting_round.full_clean()
    if deadline <= timezone.localdate():
        raise ValidationError({"deadline": _("The deadline must be in the future.")})
    reporting_round.save()
    report_reminders_sweep_task.delay_on_commit()
    return reporting_round


def current_round() -> ReportingRound | None:
    """The newest round: the one coordinators report in."""
    return ReportingRound.objects.order_by("-year").first()


# --- Reports -------------------------------------------------------------------------------------


@transaction.atomic
def report_get_or_create(*, reporting_round: ReportingRound, membership: Membership) -> Report:
    """The city's report for the round, with a row for each focus area."""
    report, created = Report.objects.get_or_create(round=reporting_round, membership=membership)
    if created:
        AreaAssessment.objects.bulk_create(
            AreaAssessment(report=report, focus_area=area)
            for area in FocusArea.objects.filter(**CANONICAL_LOCALE)
        )
    return report


def evidence_links_clean(text: str) -> list[str]:
    """One address per line, each an http(s) URL; the errors name the lines that are not."""
    links = [line.strip() for line in text.splitlines() if line.strip()]
    wrong = []
    for link in links:
        try:
            EVIDENCE_URL(link)
        except ValidationError:
            wrong.append(link)
    if wrong:
        raise ValidationError(
            _(
                "Give each evidence link as a web address starting with http:// or "
                "https://: %(links)s"
            ),
            params={"links": ", ".join(wrong)},
            code="evidence_link",
        )
    if len(links) > MAX_EVIDENCE_LINKS:
        raise ValidationError(
            _("Give at most %(count)d evidence links."),
            params={"count": MAX_EVIDENCE_LINKS},
            code="evidence_links_count",
        )
    return links


@transaction.atomic
def report_save(
    *,
    report: Report,
    areas: dict[int, AreaInput],
    sharing: str | None = None,
    adoption_correction: str | None = None,
) -> Report:
    """Save a draft's areas (keyed by focus area id). Levels and links are checked, but a draft
    may leave areas empty."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    if not report.editable:
        raise ReportLocked(_("This report has been submitted and can no longer be changed."))
    own = {pk for pk, _title in own_case_studies(membership=report.membership)}
    assessments = {row.focus_area_id: row for row in report.assessments.all()}
    for area_id, given in areas.items():
        assessment = assessments[area_id]
        if given.level is not None and given.level not in Level.values:
            raise ValidationError({"level": _("Choose one of the four levels.")})
        assessment.level = given.level
        assessment.narrative = given.narrative.strip()
        assessment.evidence_links = list(given.evidence_links)
        assessment.full_clean(exclude=["report", "focus_area"])
        assessment.save()
        assessment.case_studies.set(
            [case_study_id for case_study_id in given.case_study_ids if case_study_id in own]
        )
    changed = []
    if sharing is not None and sharing != report.sharing:
        report.sharing = sharing
        changed.append("sharing")
    if adoption_correction is not None and adoption_correction != report.adoption_correction:
        report.adoption_correction = adoption_correction.strip()
        changed.append("adoption_correction")
    if changed:
        report.full_clean(exclude=["round", "membership"])
        report.save(update_fields=changed)
    return report


@transaction.atomic
def report_sharing_set(*, report: Report, sharing: str) -> Report:
    """Who sees the city's results: the city's choice, which it may change at any time, also
    after submitting (a submitted report's levels stay locked)."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    if sharing != report.sharing:
        report.sharing = sharing
        report.full_clean(exclude=["round", "membership"])
        report.save(update_fields=["sharing"])
    return report


def report_missing(report: Report) -> dict[str, dict[str, str]]:
    """What a report still lacks before it can be submitted: per focus area slug, per field
    ("level", "narrative"), the message."""
    missing = {}
    for assessment in report.assessments.select_related("focus_area"):
        errors = {}
        if assessment.level is None:
            errors["level"] = str(_("Choose a level."))
        if not assessment.narrative.strip():
            errors["narrative"] = str(_("Describe what your city does in this area."))
        if errors:
            missing[assessment.focus_area.slug] = errors
    return missing


class ReportIncomplete(ValidationError):
    """A report lacks levels or narratives: ``missing`` as ``report_missing`` gives it."""

    def __init__(self, missing: dict[str, dict[str, str]]):
        super().__init__(_("Give a level and a narrative for every focus area before submitting."))
        self.missing = missing


@transaction.atomic
def report_submit(*, report: Report, by: User) -> Report:
    """Submit a complete draft: every area needs a level and a narrative. Locks it for the
    city's coordinators."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    if not report.editable:
        raise ReportLocked(_("This report has been submitted and can no longer be changed."))
    missing = report_missing(report)
    if missing:
        raise ReportIncomplete(missing)
    report.submitted_at = timezone.now()
    return _transition(report, to=ReportStatus.SUBMITTED, by=by, fields=["submitted_at"])


@transaction.atomic
def report_acknowledge(*, report: Report, by: User, feedback: str) -> Report:
    """The secretariat acknowledges a submitted report with its feedback; the city's
    coordinators are emailed."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    report.feedback = feedback.strip()
    report.acknowledged_at = timezone.now()
    report = _transition(
        report, to=ReportStatus.ACKNOWLEDGED, by=by, fields=["feedback", "acknowledged_at"]
    )
    _email_coordinators(report, template="acknowledged")
    return report


@transaction.atomic
def report_reopen(*, report: Report, by: User) -> Report:
    """The secretariat hands a submitted or acknowledged report back to its city as a draft;
    the city's coordinators are emailed."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    report = _transition(report, to=ReportStatus.DRAFT, by=by, fields=[])
    _email_coordinators(report, template="reopened")
    return report


def _transition(report: Report, *, to: ReportStatus, by: User | None, fields: list[str]) -> Report:
    if report.status not in TRANSITIONS[to]:
        raise ValidationError(
            _("A report that is %(status)s cannot be moved to %(target)s."),
            params={"status": report.get_status_display(), "target": ReportStatus(to).label},
            code="transition",
        )
    from_status = report.status
    report.status = to
    report.save(update_fields=["status", *fields])
    ReportTransition.objects.create(report=report, by=by, from_status=from_status, to_status=to)
    return report


def _coordinators_queryset(membership_ids):
    """The active coordinators of these cities, each with their city."""
    return (
        User.objects.filter(
            is_active=True,
            coordinator__membership__in=membership_ids,
            groups__name=ROLE_GROUP_NAMES[Role.COORDINATOR],
        )
        .select_related("coordinator__membership__city_page")
        .distinct()
        .order_by("pk")
    )


def _coordinators(membership_ids) -> list[User]:
    return list(_coordinators_queryset(membership_ids))


def our_city_url(language: str) -> str:
    with translation.override(language):
        return absolute_url(reverse("progress:our_city"))


def _email_coordinators(report: Report, *, template: str) -> None:
    for user in _coordinators([report.membership_id]):
        email_render_and_queue(
            to=user.email,
            template_prefix=f"progress/email/{template}",
            context={
                "user": user,
                "city": report.membership.city_page.title,
                "year": report.round.year,
                "feedback": report.feedback,
                "url": our_city_url(user.language),
            },
            language=user.language,
        )


# --- Safe City Actions ---------------------------------------------------------------------------


@transaction.atomic
def action_save(
    *,
    membership: Membership,
    year: int,
    title: str,
    description: str,
    goal: str,
    focus_area_ids: list[int],
    case_study_ids: list[int] = (),
) -> SafeCityAction:
    """Declare (or change) the city's Safe City Action for the year."""
    action = SafeCityAction.objects.filter(membership=membership, year=year).first()
    action = action or SafeCityAction(membership=membership, year=year)
    action.title, action.description, action.goal = title.strip(), description.strip(), goal.strip()
    action.full_clean(exclude=["focus_areas", "case_studies"])
    areas = list(FocusArea.objects.filter(pk__in=focus_area_ids, **CANONICAL_LOCALE))
    if not areas:
        raise ValidationError({"focus_areas": _("Choose at least one focus area.")})
    action.save()
    action.focus_areas.set(areas)
    own = {pk for pk, _title in own_case_studies(membership=membership)}
    action.case_studies.set([pk for pk in case_study_ids if pk in own])
    return action


@transaction.atomic
def action_update_add(
    *, action: SafeCityAction, status: str, text: str, by: User | None
) -> ActionUpdate:
    """Record how the action is going; the action takes the update's status."""
    update = ActionUpdate(action=action, status=status, text=text.strip(), by=by)
    update.full_clean()
    update.save()
    SafeCityAction.objects.filter(pk=action.pk).update(status=status, updated_at=timezone.now())
    action.status = ActionStatus(status)
    return update


# --- Reminders -----------------------------------------------------------------------------------


def reminders_due(reporting_round: ReportingRound, *, today: date) -> list[str]:
    """The kinds of reminder due for a round today. A deadline reminder is due from its day
    until the next one's, and only for a round opened before its day; the summary from the day
    after the deadline for ``SUMMARY_WINDOW``."""
    deadline = reporting_round.deadline
    opened_on = timezone.localdate(reporting_round.opened_at)
    if today > deadline:
        return [ReminderKind.SUMMARY] if today <= deadline + SUMMARY_WINDOW else []
    due = [ReminderKind.OPENED]
    if deadline - timedelta(days=3) <= today and opened_on < deadline - timedelta(days=3):
        due.append(ReminderKind.DAYS_3)
    elif deadline - timedelta(days=14) <= today and opened_on < deadline - timedelta(days=14):
        due.append(ReminderKind.DAYS_14)
    return due


def report_reminders_send(*, today: date | None = None) -> int:
    """Send every reminder that is due and not sent yet; returns how many this call queued.

    Each recipient's reminder is claimed by inserting its unique ``Reminder`` row in the same
    transaction that queues its email (``core.reminders``; the outbox then sends it exactly
    once): a second sweep running at the same moment waits on the insert and finds it taken; a
    sweep that dies leaves the reminders it did not reach for the next one."""
    today = today or timezone.localdate()
    queued = 0
    for reporting_round in ReportingRound.objects.filter(deadline__gte=today - SUMMARY_WINDOW):
        for kind in reminders_due(reporting_round, today=today):
            for user in _reminder_recipients(reporting_round, kind):
                queued += _reminder_send(reporting_round, kind=kind, user=user)
    return queued


def _reminder_recipients(reporting_round: ReportingRound, kind: str) -> list[User]:
    already = Reminder.objects.filter(round=reporting_round, kind=kind).values("recipient_id")
    if kind == ReminderKind.SUMMARY:
        secretariat = User.objects.filter(
            is_active=True, groups__name=ROLE_GROUP_NAMES[Role.SECRETARIAT]
        )
        return list(secretariat.exclude(pk__in=already).distinct().order_by("pk"))
    cities = Membership.objects.active()
    if kind != ReminderKind.OPENED:
        reported = Report.objects.filter(
            round=reporting_round, membership=OuterRef("pk"), status__in=REPORTED
        )
        cities = cities.filter(~Exists(reported))
    return list(_coordinators_queryset(cities.values("pk")).exclude(pk__in=already))


def _reminder_send(reporting_round: ReportingRound, *, kind: str, user: User) -> int:
    return reminder_send_once(
        model=Reminder,
        row={"round": reporting_round, "kind": kind, "recipient": user},
        queue_email=lambda: email_render_and_queue(
            to=user.email,
            template_prefix=f"progress/email/reminder_{kind}",
            context=_reminder_context(reporting_round, kind=kind, user=user),
            language=user.language,
        ),
    )


def _reminder_context(reporting_round: ReportingRound, *, kind: str, user: User) -> dict:
    context = {"user": user, "round": reporting_round, "deadline": reporting_round.deadline}
    if kind == ReminderKind.SUMMARY:
        from progress.selectors import round_summary

        context["summary"] = round_summary(reporting_round=reporting_round)
        with translation.override(user.language):
            context["url"] = absolute_url(reverse("progress_admin:network"))
    else:
        context["city"] = user.coordinator.membership.city_page.title
        context["url"] = our_city_url(user.language)
    return context
