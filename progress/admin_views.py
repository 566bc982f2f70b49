"""The secretariat's Charter admin: reporting rounds, reviewing reports, the network view and
its exports. Only the secretariat reaches any of it (``cities.admin_views.secretariat_only``);
every write is a ``progress.services`` call."""

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from wagtail.admin import messages
from wagtail.admin.views.generic import CreateView, IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cities.admin_views import SecretariatOnlyMixin
from core.admin_views import ServiceErrorsOnFormMixin
from core.exports import table_download
from progress import services
from progress.models import Level, Report, ReportStatus
from progress.selectors import area_list, is_year, network_grid

ROUNDS = "progress_rounds"
REPORTS = "progress_reports"


class RoundCreateView(ServiceErrorsOnFormMixin, CreateView):
    """Open a round: ``round_open`` saves it and has the coordinators emailed."""

    def save_instance(self):
        return services.round_open(
            year=self.form.cleaned_data["year"],
            deadline=self.form.cleaned_data["deadline"],
            by=self.request.user,
        )

    def get_success_buttons(self):
        return []  # a round is not edited once opened

    def get_success_message(self, instance=None):
        return _("The round %(year)s is open; the coordinators are being emailed.") % {
            "year": self.object.year
        }


class ReportIndexView(IndexView):
    def get_base_queryset(self):
        return Report.objects.select_related("round", "membership__city_page")


class FeedbackForm(forms.Form):
    feedback = forms.CharField(
        label=gettext_lazy("Feedback to the city"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class ReportReviewView(SecretariatOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    """A city's report, read-only, with the secretariat's two decisions: acknowledge with
    feedback, or reopen for the city."""

    header_icon = "tasks"
    page_title = gettext_lazy("Self-assessment")
    template_name = "progress/admin/report_review.html"
    index_url_name = None
    edit_url_name = None

    @cached_property
    def report(self) -> Report:
        return get_object_or_404(
            Report.objects.select_related("round", "membership__city_page").prefetch_related(
                "assessments__focus_area", "assessments__case_studies", "transitions__by"
            ),
            pk=self.kwargs["pk"],
        )

    @cached_property
    def edit_url(self) -> str:
        return reverse(self.edit_url_name, args=[self.report.pk])

    def get_page_subtitle(self):
        return str(self.report)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": _("Self-assessments")},
            {"url": "", "label": self.get_page_subtitle()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        names = {area.id: area.name for area in area_list(language=get_language())}
        context.update(
            report=self.report,
            assessments=[
                (names.get(row.focus_area_id, row.focus_area.name), row)
                for row in self.report.assessments.all()
            ],
            feedback_form=kwargs.get("feedback_form")
            or FeedbackForm(initial={"feedback": self.report.feedback}),
            can_acknowledge=self.report.status == ReportStatus.SUBMITTED,
            can_reopen=self.report.status != ReportStatus.DRAFT,
            action_url=self.edit_url,
        )
        return context

    def post(self, request, *args, **kwargs):
        decision = request.POST.get("decision")
        try:
            if decision == "acknowledge":
                form = FeedbackForm(request.POST)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(feedback_form=form))
                services.report_acknowledge(
                    report=self.report, by=request.user, feedback=form.cleaned_data["feedback"]
                )
                messages.success(
                    request,
                    _("%(report)s is acknowledged; its coordinators are emailed.")
                    % {"report": self.report},
                )
            elif decision == "reopen":
                services.report_reopen(report=self.report, by=request.user)
                messages.success(
                    request,
                    _("%(report)s is open again for its coordinators.") % {"report": self.report},
                )
            else:
                messages.error(request, _("Choose whether to acknowledge or to reopen."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(self.edit_url)


class NetworkView(SecretariatOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    """Every member city by focus area for a year, as a heatmap; who has not reported; the same
    as CSV or XLSX."""

    header_icon = "table"
    page_title = gettext_lazy("Charter: the network")
    template_name = "progress/admin/network.html"

    @cached_property
    def grid(self):
        year = self.request.GET.get("year", "")
        return network_grid(year=int(year) if is_year(year) else None, language=get_language())

    def get(self, request, *args, **kwargs):
        export = request.GET.get("export")
        if export in {"csv", "xlsx"} and self.grid.year:
            return self.export(export)
        return super().get(request, *args, **kwargs)

    def table(self) -> list[list]:
        grid = self.grid
        header = [_("City"), _("Country"), _("Status"), *(area.name for area in grid.areas)]
        rows = [
            [row.city, row.country, row.status_label, *(level or "" for level in row.levels)]
            for row in grid.rows
        ]
        return [header, *rows]

    def export(self, kind: str) -> HttpResponse:
        return table_download(
            self.table(),
            kind=kind,
            filename=f"charter-self-assessments-{self.grid.year}",
            sheet=str(self.grid.year),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            grid=self.grid,
            levels=[(value, label, Level.descriptions()[value]) for value, label in Level.choices],
            review_url_name=f"{REPORTS}:edit",
        )
        return context
