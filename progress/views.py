from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.permissions import user_is_secretariat
from cities.models import Membership
from cities.selectors import coordinated_membership
from progress import services
from progress.forms import ActionForm, ActionUpdateForm, ReportForm, SharingForm
from progress.selectors import area_list
from progress.selectors import our_city as our_city_read


def _own_membership(request) -> Membership:
    """The active member city the signed-in person coordinates; 403 for anyone else."""
    membership = coordinated_membership(request.user)
    if membership is None or not membership.is_active:
        raise PermissionDenied(_("This page is for the coordinators of a member city."))
    return membership


@login_required
@require_http_methods(["GET", "POST"])
def our_city(request):
    """A coordinator's "Our city": this round's self-assessment, the city's levels beside the
    Nordic median, the peers to call, and the year's Safe City Action."""
    if user_is_secretariat(request.user) and coordinated_membership(request.user) is None:
        return redirect("progress_admin:network")
    membership = _own_membership(request)
    language = get_language()
    areas = area_list(language=language)
    page = our_city_read(membership=membership, user=request.user, language=language)
    intent = request.POST.get("intent", "")
    report_form = action_form = update_form = sharing_form = None

    if page.round and (page.report is None or page.report.editable):
        report = page.report
        initial = ReportForm.initial_from(report, areas) if report else {"sharing": "members"}
        report_form = ReportForm(
            request.POST if intent in {"save", "submit"} else None,
            initial=initial,
            areas=areas,
            case_study_choices=page.case_study_choices,
        )
        if intent in {"save", "submit"} and report_form.is_valid():
            report = report or services.report_get_or_create(
                reporting_round=page.round, membership=membership
            )
            data = report_form.cleaned_data
            try:
                services.report_save(
                    report=report,
                    areas=report_form.area_inputs(),
                    sharing=data["sharing"],
                    adoption_correction=data["adoption_correction"],
                )
            except services.ReportLocked as locked:
                messages.error(request, locked.messages[0])
                return redirect("progress:our_city")
            if intent == "save":
                messages.success(request, _("Your draft is saved."))
                return redirect("progress:our_city")
            try:
                services.report_submit(report=report, by=request.user)
            except services.ReportIncomplete as incomplete:
                report_form.add_missing(incomplete.missing)
                report_form.add_error(None, incomplete.messages[0])
            else:
                messages.success(request, _("Your self-assessment is submitted. Thank you!"))
                return redirect("progress:our_city")

    if page.report and not page.report.editable:
        sharing_form = SharingForm(
            request.POST if intent == "sharing" else None,
            initial={"sharing": page.report.sharing},
        )
        if intent == "sharing" and sharing_form.is_valid():
            services.report_sharing_set(
                report=page.report, sharing=sharing_form.cleaned_data["sharing"]
            )
            messages.success(request, _("Your choice of who sees your results is saved."))
            return redirect("progress:our_city")

    year = page.round.year if page.round else timezone.localdate().year
    action_initial = {}
    if page.action:
        action = page.action
        action_initial = {
            "title": action.title,
            "description": action.description,
            "goal": action.goal,
            "focus_areas": [row.pk for row in action.focus_areas.all()],
            "case_studies": [row.pk for row in action.case_studies.all()],
        }
    action_form = ActionForm(
        request.POST if intent == "action" else None,
        initial=action_initial,
        areas=areas,
        case_study_choices=page.case_study_choices,
    )
    if intent == "action" and action_form.is_valid():
        data = action_form.cleaned_data
        try:
            services.action_save(
                membership=membership,
                year=year,
                title=data["title"],
                description=data["description"],
                goal=data["goal"],
                focus_area_ids=data["focus_areas"],
                case_study_ids=data.get("case_studies", []),
            )
        except ValidationError as error:
            action_form.add_error(None, error)
        else:
            messages.success(request, _("Your Safe City Action is saved."))
            return redirect("progress:our_city")
    if page.action:
        update_form = ActionUpdateForm(
            request.POST if intent == "update" else None,
            initial={"status": page.action.status},
        )
        if intent == "update" and update_form.is_valid():
            services.action_update_add(
                action=page.action,
                status=update_form.cleaned_data["status"],
                text=update_form.cleaned_data["text"],
                by=request.user,
            )
            messages.success(request, _("Your update is published on your city's page."))
            return redirect("progress:our_city")

    return render(
        request,
        "progress/our_city.html",
        {
            "page_data": page,
            "areas": areas,
            "report_form": report_form,
            "action_form": action_form,
            "update_form": update_form,
            "sharing_form": sharing_form,
            "action_year": year,
        },
    )
