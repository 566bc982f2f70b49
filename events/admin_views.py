"""The secretariat's meetup administration: the meetups with their counts, each meetup's
participants (and their export), the check-in at the door and a message to everyone confirmed.

Only the secretariat reaches any of it (``cities.admin_views.secretariat_only``): the
participants' dietary and accessibility needs are shown nowhere else. Every write is an
``events.services`` call. An event is addressed by the id of its page in any language; the
registrations belong to the page in the default language (``services.canonical_event``).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView, TemplateView

from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cities.admin_views import SecretariatOnlyMixin
from core.exports import table_download
from events import services
from events.models import EventPage, Registration, RegistrationStatus
from events.selectors import (
    PAST_SHOWN,
    Counts,
    Participant,
    meetup_list,
    participant_list,
    registration_counts,
)

NAMESPACE = "events_admin"


class EventIndexView(SecretariatOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    header_icon = "date"
    page_title = gettext_lazy("Meetups: participants")
    template_name = "events/admin/index.html"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["upcoming"], context["past"] = meetup_list(now=timezone.now())
        context["past_shown"] = PAST_SHOWN
        return context


class EventAdminMixin(SecretariatOnlyMixin, WagtailAdminTemplateMixin):
    """A page about one meetup, below the meetups in the breadcrumbs."""

    header_icon = "date"

    @cached_property
    def event(self) -> EventPage:
        page = get_object_or_404(EventPage, pk=self.kwargs["event_id"])
        try:
            return services.canonical_event(page)
        except EventPage.DoesNotExist as error:  # a translation without its original
            raise Http404 from error

    def get_page_subtitle(self):
        return self.event.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(f"{NAMESPACE}:index"), "label": _("Meetups")},
            {"url": "", "label": self.get_header_title()},
        ]

    def url(self, name: str) -> str:
        return reverse(f"{NAMESPACE}:{name}", args=[self.event.pk])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            event=self.event,
            participants_url=self.url("participants"),
            check_in_url=self.url("check_in"),
            message_url=self.url("message"),
        )
        return context


class ParticipantsView(EventAdminMixin, TemplateView):
    """The counts and everyone registered, with their needs; the same table as CSV or XLSX."""

    page_title = gettext_lazy("Participants")
    template_name = "events/admin/participants.html"

    @cached_property
    def participants(self) -> list[Participant]:
        return participant_list(event=self.event)

    def get(self, request, *args, **kwargs):
        export = request.GET.get("export")
        if export in {"csv", "xlsx"}:
            return self.export(export)
        return super().get(request, *args, **kwargs)

    def table(self) -> list[list]:
        header = [
            _("Name"),
            _("Email"),
            _("Organisation"),
            _("Status"),
            _("Place on the waitlist"),
            _("Dietary needs"),
            _("Accessibility needs"),
            _("Attended"),
        ]
        rows = [
            [
                row.registration.user.name,
                row.registration.user.email,
                row.registration.organisation,
                row.registration.get_status_display(),
                row.waitlist_position or "",
                row.registration.dietary_needs,
                row.registration.accessibility_needs,
                _("Yes") if row.registration.attended else _("No"),
            ]
            for row in self.participants
        ]
        return [header, *rows]

    def export(self, kind: str) -> HttpResponse:
        return table_download(
            self.table(),
            kind=kind,
            filename=f"participants-{self.event.slug}",
            sheet=str(_("Participants")),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["participants"] = self.participants
        context["counts"] = registration_counts([self.event.pk]).get(self.event.pk, Counts())
        return context


class CheckInForm(forms.Form):
    registration = forms.IntegerField()
    # "1" checks the person in, "0" takes it back: the button says which, so a second tap on a
    # page not yet reloaded repeats the choice instead of undoing it.
    attended = forms.TypedChoiceField(choices=[("1", "1"), ("0", "0")], coerce=lambda v: v == "1")


class CheckInView(EventAdminMixin, TemplateView):
    """At the door, on a phone: the confirmed participants, each with one button that marks
    them as come (or takes the mark back)."""

    page_title = gettext_lazy("Check-in")
    template_name = "events/admin/check_in.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        confirmed = list(
            Registration.objects.filter(event=self.event, status=RegistrationStatus.CONFIRMED)
            .select_related("user")
            .order_by("user__name", "pk")
        )
        context["confirmed"] = confirmed
        context["attended_count"] = sum(registration.attended for registration in confirmed)
        return context

    def post(self, request, *args, **kwargs):
        form = CheckInForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose a participant to check in."))
            return redirect(self.url("check_in"))
        registration = get_object_or_404(
            Registration.objects.select_related("user"),
            pk=form.cleaned_data["registration"],
            event=self.event,
        )
        attended = form.cleaned_data["attended"]
        try:
            services.registration_attendance_set(registration=registration, attended=attended)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(self.url("check_in"))
        name = registration.user.name
        messages.success(
            request,
            _("%(name)s is checked in.") % {"name": name}
            if attended
            else _("%(name)s is no longer checked in.") % {"name": name},
        )
        return redirect(f"{self.url('check_in')}#registration-{registration.pk}")


class EventMessageForm(forms.Form):
    subject = forms.CharField(label=gettext_lazy("Subject"), max_length=200)
    body = forms.CharField(
        label=gettext_lazy("Message"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=gettext_lazy(
            "Sent as you write it to every confirmed participant, with a greeting, the event's"
            " time, place and page, and your name above the secretariat's signature."
        ),
    )


class EventMessageView(EventAdminMixin, FormView):
    """Email every confirmed participant (``services.event_message_send``)."""

    page_title = gettext_lazy("Message the participants")
    template_name = "events/admin/message.html"
    form_class = EventMessageForm

    def form_valid(self, form):
        sent = services.event_message_send(
            event=self.event,
            subject=form.cleaned_data["subject"],
            body=form.cleaned_data["body"],
            by=self.request.user,
        )
        messages.success(
            self.request,
            ngettext(
                "The message was emailed to %(count)s confirmed participant.",
                "The message was emailed to %(count)s confirmed participants.",
                sent,
            )
            % {"count": sent},
        )
        return redirect(self.url("participants"))

    def form_invalid(self, form):
        messages.error(self.request, _("The message was not sent. Check the form."))
        return super().form_invalid(form)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["counts"] = registration_counts([self.event.pk]).get(self.event.pk, Counts())
        return context
