"""The secretariat's newsletter admin: the subscribers (counts by language and status, a page
at a time, the whole list as CSV or XLSX), and the sending of an issue (who it reaches, a test to
oneself, sending now or later, cancelling, the progress). Nobody but the secretariat reaches any
of it (``cities.admin_views.SecretariatOnlyMixin``); every write is a ``newsletter.sending`` call.
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView, TemplateView, View

from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cities.admin_views import SecretariatOnlyMixin
from core.exports import table_download
from core.paging import page_number
from newsletter.forms import IssueSendForm
from newsletter.models import Issue, SendingStatus, SubscriberStatus
from newsletter.selectors import (
    SendingProgress,
    issue_failures,
    recipients_by_language,
    sending_progress,
    subscriber_counts,
    subscriber_export_rows,
    subscriber_list,
)
from newsletter.sending import (
    SendingRefused,
    issue_original,
    issue_test_send,
    sending_cancel,
    sending_schedule,
)

NAMESPACE = "newsletter_subscribers"
PER_PAGE = 50


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


class SubscriberIndexView(SecretariatOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    header_icon = "mail"
    page_title = gettext_lazy("Newsletter subscribers")
    template_name = "newsletter/admin/subscribers.html"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get(self, request, *args, **kwargs):
        export = request.GET.get("export")
        if export in {"csv", "xlsx"}:
            return self.export(export)
        return super().get(request, *args, **kwargs)

    def export(self, kind: str) -> HttpResponse:
        header = [
            _("Email"),
            _("Language"),
            _("Status"),
            _("Topics"),
            _("Subscribed"),
            _("Confirmed"),
            _("Unsubscribed"),
        ]
        statuses = dict(SubscriberStatus.choices)
        rows = [
            [
                email,
                language,
                str(statuses.get(status, status)),
                topics,
                _when(created),
                _when(confirmed),
                _when(left),
            ]
            for email, language, status, topics, created, confirmed, left in (
                subscriber_export_rows()
            )
        ]
        return table_download(
            [header, *rows],
            kind=kind,
            filename=f"newsletter-subscribers-{timezone.localdate().isoformat()}",
            sheet=str(_("Subscribers")),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        paginator = Paginator(subscriber_list(), PER_PAGE)
        context["subscribers"] = paginator.get_page(page_number(self.request.GET.get("p", 1)))
        context["counts"] = subscriber_counts()
        context["statuses"] = SubscriberStatus.choices
        return context


# --- Issues: sending one, and how the sending goes ----------------------------------------------


def issue_url(name: str, issue: Issue) -> str:
    """An address of the issues' viewset (``wagtail_hooks.IssueViewSet``) about ``issue``."""
    return reverse(Issue.snippet_viewset.get_url_name(name), args=[issue.pk])


def _duration(seconds: int) -> str:
    if seconds < 60:
        return ngettext("%(count)s second", "%(count)s seconds", seconds) % {"count": seconds}
    minutes = round(seconds / 60)
    if minutes < 120:
        return ngettext("%(count)s minute", "%(count)s minutes", minutes) % {"count": minutes}
    hours = round(minutes / 60)
    return ngettext("%(count)s hour", "%(count)s hours", hours) % {"count": hours}


def progress_text(progress: SendingProgress) -> str:
    """The progress in words, for everyone who does not see the bar."""
    if progress.status == SendingStatus.SCHEDULED:
        return _("Scheduled for %(when)s.") % {"when": _when(progress.scheduled_for)}
    if progress.status == SendingStatus.CANCELLED:
        return _("The scheduled send was cancelled.")
    text = _("%(percent)s %% done: %(sent)s sent, %(failed)s failed, %(remaining)s remaining.") % {
        "percent": progress.percent,
        "sent": progress.sent,
        "failed": progress.failed,
        "remaining": progress.remaining,
    }
    if progress.status == SendingStatus.SENT:
        return f"{text} {_('The sending is finished.')}"
    if progress.seconds_left is not None:
        left = _("About %(time)s left.") % {"time": _duration(progress.seconds_left)}
        return f"{text} {left}"
    return text


class IssueMixin(SecretariatOnlyMixin):
    """A view about one issue (any of its translations; sending is the English original's)."""

    @cached_property
    def issue(self) -> Issue:
        return get_object_or_404(Issue.objects.select_related("locale"), pk=self.kwargs["pk"])


class IssueSendView(IssueMixin, WagtailAdminTemplateMixin, FormView):
    """Who the issue reaches, its preview in each language, a test to oneself, sending it now or
    later (or cancelling a scheduled send), and the progress of the sending."""

    header_icon = "mail"
    page_title = gettext_lazy("Send")
    template_name = "newsletter/admin/issue_send.html"
    form_class = IssueSendForm

    @cached_property
    def original(self) -> Issue:
        original = issue_original(self.issue)
        # The languages and focus areas, for the segment in words and its recipients.
        prefetch_related_objects([original], "languages", "focus_areas")
        return original

    def get(self, request, *args, **kwargs):
        if self.issue.pk != self.original.pk:  # a translation: its original is sent
            return redirect(issue_url("send", self.original))
        return super().get(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.issue.subject

    def get_breadcrumbs_items(self):
        viewset = Issue.snippet_viewset
        return [
            *self.breadcrumbs_items,
            {"url": reverse(viewset.get_url_name("list")), "label": viewset.menu_label},
            {"url": issue_url("edit", self.issue), "label": self.issue.subject},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "prefix": "send"}

    def post(self, request, *args, **kwargs):
        if self.issue.pk != self.original.pk:
            return redirect(issue_url("send", self.original))
        action = request.POST.get("action")
        if action == "test":
            issue_test_send(issue=self.issue, user=request.user)
            messages.success(
                request, _("A test was sent to %(email)s.") % {"email": request.user.email}
            )
            return redirect(self.request.path)
        if action == "cancel":
            try:
                sending_cancel(issue=self.issue)
            except SendingRefused as refusal:
                messages.error(request, str(refusal))
            else:
                messages.success(request, _("The scheduled send is cancelled."))
            return redirect(self.request.path)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        at = form.cleaned_data["send_at"] if form.cleaned_data["when"] == "later" else None
        try:
            sending = sending_schedule(issue=self.issue, by=self.request.user, at=at)
        except SendingRefused as refusal:
            form.add_error(None, str(refusal))
            return self.form_invalid(form)
        if at is None:
            messages.success(self.request, _("The issue is being sent."))
        else:
            messages.success(
                self.request,
                _("The issue will be sent on %(when)s.") % {"when": _when(sending.scheduled_for)},
            )
        return redirect(self.request.path)

    def form_invalid(self, form):
        messages.error(self.request, _("The issue was not sent. Check the form."))
        return super().form_invalid(form)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        issue = self.original
        by_language = recipients_by_language(issue=issue)
        progress = sending_progress(issue=issue)
        # The English original first, then its translations.
        translations = sorted(
            issue.get_translations(inclusive=True).select_related("locale"),
            key=lambda translation: (translation.pk != issue.pk, translation.locale.language_code),
        )
        context.update(
            issue=issue,
            segment=segment_in_words(issue),
            recipients=sum(by_language.values()),
            recipients_by_language=[
                (name, by_language[code])
                for code, name in settings.LANGUAGES
                if code in by_language
            ],
            previews=[
                (translation.locale.get_display_name(), issue_url("email", translation))
                for translation in translations
            ],
            progress=progress,
            progress_text=progress_text(progress) if progress else "",
            progress_url=issue_url("progress", issue),
            failures=issue_failures(issue=issue) if progress and progress.failed else [],
            can_schedule=progress is None
            or progress.status in (SendingStatus.SCHEDULED, SendingStatus.CANCELLED),
            time_zone=timezone.get_current_timezone_name(),
            edit_url=issue_url("edit", issue),
        )
        return context


def segment_in_words(issue: Issue) -> list[str]:
    """Who the issue goes to, in sentences: the segment, its languages, its focus areas (from
    the prefetched ones)."""
    names = dict(settings.LANGUAGES)
    languages = [str(names.get(locale.language_code, "")) for locale in issue.languages.all()]
    areas = [area.name for area in issue.focus_areas.all()]
    return [
        str(issue.get_segment_display()),
        _("In %(languages)s.") % {"languages": ", ".join(languages)}
        if languages
        else _("In every language."),
        _("On %(areas)s, and to those who chose no topic.") % {"areas": ", ".join(areas)}
        if areas
        else _("On every topic."),
    ]


class IssueProgressView(IssueMixin, View):
    """The progress of the sending, as JSON for the send page's bar
    (``static/js/newsletter-progress.js``)."""

    def get(self, request, *args, **kwargs):
        progress = sending_progress(issue=self.issue)
        if progress is None:
            return JsonResponse({"status": "", "percent": 0, "text": "", "failures": []})
        failures = issue_failures(issue=self.issue) if progress.failed else []
        return JsonResponse(
            {
                "status": progress.status,
                "status_label": str(progress.status_label),
                "recipients": progress.recipients,
                "sent": progress.sent,
                "failed": progress.failed,
                "remaining": progress.remaining,
                "percent": progress.percent,
                "seconds_left": progress.seconds_left,
                "text": progress_text(progress),
                "failures": [{"email": email, "error": error} for email, error in failures],
            }
        )


class IssueEmailView(IssueMixin, View):
    """The issue as its email would go out now, in its own language (the snippet's preview,
    outside the editor)."""

    def get(self, request, *args, **kwargs):
        return self.issue.serve_preview(request, "")
