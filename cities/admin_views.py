"""The secretariat's membership admin: who may use it, the reads behind it, and its views.

Only the secretariat (and superusers) reach any of it; everyone else signed in to the admin,
city coordinators included, gets a 403. Every write is a call to a ``cities.services`` function;
the views validate a form, make the call, and say what happened.
"""

from functools import wraps

from django.contrib.admin.utils import quote, unquote
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.defaults import permission_denied
from django.views.generic import FormView, TemplateView, View

from wagtail.admin import messages
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic import EditView, IndexView, InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permission_policies import BasePermissionPolicy

from accounts.models import ROLE_GROUP_NAMES, Role
from accounts.permissions import user_is_secretariat
from cities import services
from cities.admin_forms import AmbassadorCountForm, ApplicationDeclineForm, CoordinatorInviteForm
from cities.models import (
    ApplicationStatus,
    Coordinator,
    CoordinatorInvitation,
    Membership,
    MembershipApplication,
)
from cities.selectors import membership_admin_queryset, membership_dashboard, membership_record
from core.admin_views import ServiceErrorsOnFormMixin

# The URL namespaces of the viewsets (wagtail_hooks.py); the views link to each other with them.
MEMBERSHIPS = "cities_memberships"
APPLICATIONS = "cities_applications"


# --- Who may use it ------------------------------------------------------------------------------


def forbidden(request):
    return permission_denied(request, PermissionDenied())


def secretariat_only(view):
    """Answer 403 to anyone signed in who is not the secretariat. (Wagtail's own admin check,
    around this one, sends anonymous visitors to the sign-in page first.)"""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not user_is_secretariat(request.user):
            return forbidden(request)
        return view(request, *args, **kwargs)

    return wrapped


class SecretariatOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        if not user_is_secretariat(request.user):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)


class SecretariatPermissionPolicy(BasePermissionPolicy):
    """The secretariat may perform ``actions`` on the model; nobody else may do anything.

    Wagtail asks the policy to decide which menu items, buttons and views a person sees; group
    permissions on these models play no part.
    """

    def __init__(self, model, *, actions):
        super().__init__(model)
        self.actions = frozenset(actions)

    def user_has_permission(self, user, action):
        return action in self.actions and user_is_secretariat(user)

    def user_has_any_permission(self, user, actions):
        return bool(self.actions.intersection(actions)) and user_is_secretariat(user)

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True)
        if not self.actions.intersection(actions):
            return users.none()
        secretariat = Q(is_superuser=True) | Q(groups__name=ROLE_GROUP_NAMES[Role.SECRETARIAT])
        return users.filter(secretariat).distinct()


class MembershipDashboardPanel(Component):
    """The admin home's membership figures for the secretariat (the applications waiting are in
    ``MembershipWorkPanel``)."""

    name = "cities_membership"
    template_name = "cities/admin_panels/membership_dashboard.html"
    order = 50

    def get_context_data(self, parent_context=None):
        return {
            "dashboard": membership_dashboard(),
            "memberships_url": reverse(f"{MEMBERSHIPS}:index"),
        }


# --- Memberships ---------------------------------------------------------------------------------


class MembershipIndexView(IndexView):
    def get_base_queryset(self):
        return membership_admin_queryset()

    @cached_property
    def columns(self):
        columns = super().columns
        # The first column links to the membership; its default label would be "City title".
        columns[0].label = capfirst(gettext_lazy("city"))
        return columns


class MembershipInspectView(InspectView):
    """A membership at a glance: status, dates, history, peace ambassadors, coordinators."""

    def get_object(self, queryset=None):
        return get_object_or_404(membership_admin_queryset(), pk=unquote(str(self.pk)))

    def get_joined_on_display_value(self):
        return self.object.joined_on or "—"

    def get_left_on_display_value(self):
        return self.object.left_on or "—"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["record"] = membership_record(membership=self.object)
        context["city"] = self.object.city_page
        return context


class MembershipEditView(ServiceErrorsOnFormMixin, EditView):
    """Change a membership's status, with the reason, through ``membership_change_status``."""

    page_title = gettext_lazy("Change status")
    submit_button_label = gettext_lazy("Change status")
    submit_button_active_label = gettext_lazy("Changing…")

    def get_object(self, queryset=None):
        return super().get_object(queryset=membership_admin_queryset())

    def save_instance(self):
        return services.membership_change_status(
            membership=self.object,
            status=self.form.cleaned_data["status"],
            by=self.request.user,
            reason=self.form.cleaned_data["reason"],
        )

    def get_success_message(self):
        return _("%(city)s: the membership is now “%(status)s”.") % {
            "city": self.object,
            "status": self.object.get_status_display(),
        }

    def get_success_buttons(self):
        return []

    def get_success_url(self):
        return reverse(self.inspect_url_name, args=[quote(self.object.pk)])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["inspect_url"] = self.get_inspect_url()
        return context


class MembershipObjectMixin(SecretariatOnlyMixin):
    """A page about one membership, below its inspect page in the breadcrumbs."""

    header_icon = "site"

    @cached_property
    def membership(self) -> Membership:
        return get_object_or_404(membership_admin_queryset(), pk=self.kwargs["pk"])

    @cached_property
    def inspect_url(self) -> str:
        return reverse(f"{MEMBERSHIPS}:inspect", args=[self.membership.pk])

    def get_page_subtitle(self):
        return str(self.membership)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse(f"{MEMBERSHIPS}:index"),
                "label": capfirst(Membership._meta.verbose_name_plural),
            },
            {"url": self.inspect_url, "label": str(self.membership)},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["membership"] = self.membership
        context["inspect_url"] = self.inspect_url
        return context


class AmbassadorCountView(MembershipObjectMixin, WagtailAdminTemplateMixin, FormView):
    """Record how many young peace ambassadors the city had in a year (overwriting that year)."""

    page_title = gettext_lazy("Record peace ambassadors")
    template_name = "cities/admin/ambassador_count_form.html"
    form_class = AmbassadorCountForm

    def get_initial(self):
        return {"year": timezone.localdate().year}

    def form_valid(self, form):
        services.ambassador_count_set(
            membership=self.membership,
            year=form.cleaned_data["year"],
            count=form.cleaned_data["count"],
        )
        messages.success(
            self.request,
            _("%(city)s had %(count)s peace ambassadors in %(year)s.")
            % {"city": self.membership, **form.cleaned_data},
        )
        return redirect(self.inspect_url)

    def form_invalid(self, form):
        messages.error(self.request, _("The count could not be recorded. Check the form."))
        return super().form_invalid(form)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["counts"] = list(self.membership.ambassador_counts.all())
        return context


class CoordinatorListView(MembershipObjectMixin, WagtailAdminTemplateMixin, TemplateView):
    page_title = gettext_lazy("Coordinators")
    template_name = "cities/admin/coordinators.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["record"] = membership_record(membership=self.membership)
        return context


class CoordinatorInviteView(MembershipObjectMixin, WagtailAdminTemplateMixin, FormView):
    """Invite someone by email to coordinate the city (``invitation_create`` sends the link)."""

    page_title = gettext_lazy("Invite a coordinator")
    template_name = "cities/admin/coordinator_invite.html"
    form_class = CoordinatorInviteForm

    def form_valid(self, form):
        try:
            invitation = services.invitation_create(
                membership=self.membership,
                email=form.cleaned_data["email"],
                name=form.cleaned_data["name"],
                by=self.request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("An invitation to coordinate %(city)s is on its way to %(email)s.")
            % {"city": self.membership, "email": invitation.email},
        )
        return redirect(reverse(f"{MEMBERSHIPS}:coordinators", args=[self.membership.pk]))

    def form_invalid(self, form):
        messages.error(self.request, _("The invitation could not be sent. Check the form."))
        return super().form_invalid(form)


class CoordinatorRemoveView(MembershipObjectMixin, WagtailAdminTemplateMixin, TemplateView):
    """Confirm, then take a coordinator's rights to the city away (``coordinator_remove``)."""

    page_title = gettext_lazy("Remove a coordinator")
    template_name = "cities/admin/coordinator_remove.html"

    @cached_property
    def coordinator(self) -> Coordinator:
        return get_object_or_404(
            Coordinator.objects.select_related("user"),
            pk=self.kwargs["coordinator_pk"],
            membership=self.membership,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["coordinator"] = self.coordinator
        return context

    def post(self, request, *args, **kwargs):
        coordinator = self.coordinator
        person = str(coordinator.user)
        services.coordinator_remove(coordinator=coordinator)
        messages.success(
            request,
            _("%(person)s no longer coordinates %(city)s.")
            % {"person": person, "city": self.membership},
        )
        return redirect(reverse(f"{MEMBERSHIPS}:coordinators", args=[self.membership.pk]))


class CoordinatorInvitationWithdrawView(MembershipObjectMixin, View):
    """Withdraw an open invitation (``invitation_revoke``): its link stops working at once."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        invitation = get_object_or_404(
            CoordinatorInvitation.objects.filter(accepted_at=None, revoked_at=None),
            pk=self.kwargs["invitation_pk"],
            membership=self.membership,
        )
        services.invitation_revoke(invitation=invitation)
        messages.success(
            request,
            _("The invitation to %(email)s was withdrawn; its link no longer works.")
            % {"email": invitation.email},
        )
        return redirect(reverse(f"{MEMBERSHIPS}:coordinators", args=[self.membership.pk]))


# --- Applications --------------------------------------------------------------------------------


class ApplicationIndexView(IndexView):
    def get_base_queryset(self):
        return MembershipApplication.objects.select_related("country")


class ApplicationDecisionView(SecretariatOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    """An application, read-only, with the two decisions: approve, or decline with a reason.

    Its address, ``/admin/cities/applications/edit/<pk>/``, is in the secretariat's emails.
    """

    model = MembershipApplication
    index_url_name = None
    edit_url_name = None
    header_icon = "form"
    page_title = gettext_lazy("Application")
    template_name = "cities/admin/application_decision.html"

    @cached_property
    def application(self) -> MembershipApplication:
        return get_object_or_404(
            MembershipApplication.objects.select_related(
                "country", "decided_by", "membership__city_page"
            ),
            pk=self.kwargs["pk"],
        )

    @cached_property
    def edit_url(self) -> str:
        return reverse(self.edit_url_name, args=[quote(self.application.pk)])

    def get_page_subtitle(self):
        return self.application.city_name

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse(self.index_url_name),
                "label": capfirst(MembershipApplication._meta.verbose_name_plural),
            },
            {"url": "", "label": self.get_page_subtitle()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.application
        context.update(
            application=application,
            is_pending=application.status == ApplicationStatus.PENDING,
            decline_form=kwargs.get("decline_form") or ApplicationDeclineForm(),
            action_url=self.edit_url,
        )
        return context

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        if action == "approve":
            return self.approve()
        if action == "decline":
            return self.decline()
        messages.error(request, _("Choose whether to approve or to decline the application."))
        return redirect(self.edit_url)

    def already_decided(self):
        messages.error(
            self.request,
            _("This application has already been decided; nothing was changed."),
        )
        return redirect(self.edit_url)

    def approve(self):
        application = self.application
        try:
            membership = services.application_approve(application=application, by=self.request.user)
        except ValueError:
            return self.already_decided()
        except ValidationError as error:
            messages.error(
                self.request,
                _("%(city)s could not be approved: %(errors)s")
                % {"city": application.city_name, "errors": " ".join(error.messages)},
            )
            return redirect(self.edit_url)
        messages.success(
            self.request,
            _(
                "%(city)s is now a member. Its city page waits as a draft, and %(email)s has "
                "been invited to coordinate it."
            )
            % {"city": application.city_name, "email": application.contact_email},
        )
        return redirect(reverse(f"{MEMBERSHIPS}:inspect", args=[membership.pk]))

    def decline(self):
        form = ApplicationDeclineForm(self.request.POST)
        if not form.is_valid():
            messages.error(self.request, _("The application was not declined. Check the form."))
            return self.render_to_response(self.get_context_data(decline_form=form))
        application = self.application
        try:
            services.application_decline(
                application=application, by=self.request.user, reason=form.cleaned_data["reason"]
            )
        except ValueError:
            return self.already_decided()
        messages.success(
            self.request,
            _("The application of %(city)s was declined; %(email)s receives the reason by email.")
            % {"city": application.city_name, "email": application.contact_email},
        )
        return redirect(reverse(self.index_url_name))
