"""The secretariat's "Charter" menu: reporting rounds, self-assessments, the network view,
adoptions and Safe City Actions. Only the secretariat sees or reaches any of it."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from accounts.permissions import user_is_secretariat
from cities.admin_views import SecretariatPermissionPolicy, secretariat_only
from cities.selectors import coordinated_membership
from cities.wagtail_hooks import SecretariatOnlyViewSetMixin
from progress.admin_views import (
    REPORTS,
    ROUNDS,
    NetworkView,
    ReportIndexView,
    ReportReviewView,
    RoundCreateView,
)
from progress.models import Adoption, Report, ReportingRound, SafeCityAction

register_permission_policy(
    ReportingRound, SecretariatPermissionPolicy(ReportingRound, actions={"add", "view"})
)
register_permission_policy(Report, SecretariatPermissionPolicy(Report, actions={"view", "change"}))
register_permission_policy(
    Adoption, SecretariatPermissionPolicy(Adoption, actions={"add", "change", "delete", "view"})
)
register_permission_policy(
    SafeCityAction, SecretariatPermissionPolicy(SafeCityAction, actions={"view"})
)


class RoundViewSet(SecretariatOnlyViewSetMixin, ModelViewSet):
    model = ReportingRound
    name = ROUNDS
    url_prefix = "charter/rounds"
    icon = "date"
    menu_label = _("Reporting rounds")
    add_to_reference_index = False
    # A round is opened once; its deadline is what the reminders are counted from.
    disabled_views = ("edit", "delete", "history", "history_results", "usage")
    copy_view_enabled = False
    add_view_class = RoundCreateView
    form_fields = ["year", "deadline"]
    list_display = ["year", "deadline", "opened_at", "opened_by"]
    ordering = "-year"


class ReportViewSet(SecretariatOnlyViewSetMixin, ModelViewSet):
    model = Report
    name = REPORTS
    url_prefix = "charter/reports"
    icon = "tasks"
    menu_label = _("Self-assessments")
    add_to_reference_index = False
    disabled_views = ("add", "delete", "history", "history_results", "usage")
    copy_view_enabled = False
    index_view_class = ReportIndexView
    edit_view_class = ReportReviewView
    list_display = ["membership", "round", "status", "sharing", "submitted_at"]
    list_filter = ["round", "status"]
    ordering = ["-round__year", "membership__city_page__title"]

    def get_add_view_kwargs(self, **kwargs):
        # No add view (its URL is not registered): reports are written on "Our city".
        return kwargs

    def get_edit_view_kwargs(self, **kwargs):
        # The edit view reviews the report; it has no model form.
        return kwargs


class AdoptionViewSet(SecretariatOnlyViewSetMixin, ModelViewSet):
    model = Adoption
    url_prefix = "charter/adoptions"
    icon = "doc-full"
    menu_label = _("Charter adoptions")
    add_to_reference_index = False
    copy_view_enabled = False
    disabled_views = ("history", "history_results", "usage")
    list_display = ["membership", "adopted_on", "signed_by_name", "decision_reference"]
    ordering = "membership__city_page__title"


class ActionViewSet(SecretariatOnlyViewSetMixin, ModelViewSet):
    model = SafeCityAction
    url_prefix = "charter/actions"
    icon = "pick"
    menu_label = _("Safe City Actions")
    add_to_reference_index = False
    copy_view_enabled = False
    # Declared and updated by the cities' coordinators on "Our city".
    disabled_views = ("add", "edit", "delete", "history", "history_results", "usage")
    inspect_view_enabled = True
    list_display = ["title", "membership", "year", "status", "updated_at"]
    list_filter = ["year", "status"]
    ordering = ["-year", "membership__city_page__title"]

    def get_add_view_kwargs(self, **kwargs):
        return kwargs  # not registered (disabled_views)

    def get_edit_view_kwargs(self, **kwargs):
        return kwargs  # not registered (disabled_views)


class CharterViewSetGroup(ViewSetGroup):
    menu_label = _("Charter")
    menu_icon = "clipboard-list"
    items = (RoundViewSet, ReportViewSet, AdoptionViewSet, ActionViewSet)


@hooks.register("register_admin_viewset")
def register_charter_viewsets():
    return CharterViewSetGroup()


@hooks.register("register_admin_urls")
def register_network_view():
    patterns = [path("", secretariat_only(NetworkView.as_view()), name="network")]
    return [path("charter/network/", include((patterns, "progress_admin")))]


class OurCityPanel(Component):
    """The admin home's panel for a city's coordinators: the way to "Our city"."""

    name = "progress_our_city"
    template_name = "progress/admin/our_city_panel.html"
    order = 40

    def get_context_data(self, parent_context=None):
        return {"our_city_url": reverse("progress:our_city")}


@hooks.register("construct_homepage_panels")
def add_our_city_panel(request, panels):
    membership = coordinated_membership(request.user)
    if membership is not None and membership.is_active:
        panels.append(OurCityPanel())


class SecretariatMenuItem(MenuItem):
    def is_shown(self, request):
        return user_is_secretariat(request.user)


@hooks.register("register_admin_menu_item")
def register_network_menu_item():
    return SecretariatMenuItem(
        _("Charter: the network"),
        reverse("progress_admin:network"),
        icon_name="table",
        order=250,
    )
