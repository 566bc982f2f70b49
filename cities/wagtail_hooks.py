"""The secretariat's "Membership" menu: memberships, applications, partners; and the admin home's
panels of the membership: the secretariat's (members by country, what waits for a decision) and a
coordinator's (the city, its pages, the secretariat's comments).

Only the secretariat sees or reaches the menu. The permission policies decide what Wagtail shows
(menu items, buttons); every URL of these viewsets also answers 403 to anyone else, city
coordinators included.
"""

from dataclasses import dataclass

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.site_summary import PagesSummaryItem, SummaryItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail.utils.urlpatterns import decorate_urlpatterns

from accounts.permissions import user_is_secretariat
from cities.admin_forms import ApplicationFilterSet, MembershipFilterSet, MembershipStatusForm
from cities.admin_views import (
    APPLICATIONS,
    MEMBERSHIPS,
    AmbassadorCountView,
    ApplicationDecisionView,
    ApplicationIndexView,
    CoordinatorInvitationWithdrawView,
    CoordinatorInviteView,
    CoordinatorListView,
    CoordinatorRemoveView,
    MembershipDashboardPanel,
    MembershipEditView,
    MembershipIndexView,
    MembershipInspectView,
    SecretariatPermissionPolicy,
    secretariat_only,
)
from cities.models import Membership, MembershipApplication, Partner
from cities.selectors import (
    city_page_count,
    city_pages_recent,
    coordinated_membership,
    membership_with_country,
    membership_work,
    secretariat_comments,
)

# Registered before the viewsets ask for them. Memberships come from approved applications and
# applications from /join/: neither is added or deleted in the admin.
register_permission_policy(
    Membership, SecretariatPermissionPolicy(Membership, actions={"view", "change"})
)
register_permission_policy(
    MembershipApplication,
    SecretariatPermissionPolicy(MembershipApplication, actions={"view", "change"}),
)
register_permission_policy(
    Partner, SecretariatPermissionPolicy(Partner, actions={"add", "change", "delete", "view"})
)


class SecretariatOnlyViewSetMixin:
    """Every URL of the viewset answers the secretariat only. ``disabled_views`` have neither a
    URL nor a link to one."""

    disabled_views: tuple[str, ...] = ()

    def get_common_view_kwargs(self, **kwargs):
        unlinked = {f"{view}_url_name": None for view in self.disabled_views}
        return super().get_common_view_kwargs(**unlinked, **kwargs)

    def get_extra_urlpatterns(self):
        return []

    def get_urlpatterns(self):
        patterns = [
            pattern
            for pattern in [*super().get_urlpatterns(), *self.get_extra_urlpatterns()]
            if pattern.name not in self.disabled_views
        ]
        return decorate_urlpatterns(patterns, secretariat_only)

    def get_permissions_to_register(self):
        # The policy decides, not group permissions: offer none on the group editing screen.
        return Permission.objects.none()


class MembershipViewSet(SecretariatOnlyViewSetMixin, ModelViewSet):
    model = Membership
    name = MEMBERSHIPS
    url_prefix = "cities/memberships"
    icon = "site"
    menu_label = _("Memberships")
    add_to_reference_index = False
    # The history of a membership is its MembershipChange rows, shown on the inspect page.
    disabled_views = ("add", "delete", "history", "history_results", "usage")
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = ["city_page", "status", "joined_on", "left_on"]

    index_view_class = MembershipIndexView
    edit_view_class = MembershipEditView
    inspect_view_class = MembershipInspectView
    edit_template_name = "cities/admin/membership_edit.html"
    inspect_template_name = "cities/admin/membership_inspect.html"

    list_display = [
        "city_page__title",
        Column(
            "country",
            label=_("Country"),
            accessor="city_page.country",
            sort_key="city_page__country__code",
        ),
        "status",
        "joined_on",
        "left_on",
    ]
    filterset_class = MembershipFilterSet
    search_fields = ["city_page__title"]
    ordering = "city_page__title"
    list_export = [
        "city_page.title",
        "city_page.country",
        "get_status_display",
        "joined_on",
        "left_on",
        "city_page.population",
        "city_page.website",
        "city_page.contact_name",
        "city_page.contact_email",
    ]
    export_headings = {
        "city_page.title": _("City"),
        "city_page.country": _("Country"),
        "get_status_display": _("Status"),
        "joined_on": _("Joined"),
        "left_on": _("Left"),
        "city_page.population": _("Population"),
        "city_page.website": _("Website"),
        "city_page.contact_name": _("Contact person"),
        "city_page.contact_email": _("Contact email"),
    }
    export_filename = "member-directory"

    def get_form_class(self, for_update=False):
        return MembershipStatusForm

    def get_extra_urlpatterns(self):
        return [
            path("ambassadors/<id:pk>/", AmbassadorCountView.as_view(), name="ambassadors"),
            path("coordinators/<id:pk>/", CoordinatorListView.as_view(), name="coordinators"),
            path(
                "coordinators/<id:pk>/invite/",
                CoordinatorInviteView.as_view(),
                name="coordinator_invite",
            ),
            path(
                "coordinators/<id:pk>/remove/<id:coordinator_pk>/",
                CoordinatorRemoveView.as_view(),
                name="coordinator_remove",
            ),
            path(
                "coordinators/<id:pk>/withdraw/<id:invitation_pk>/",
                CoordinatorInvitationWithdrawView.as_view(),
                name="invitation_withdraw",
            ),
        ]


class ApplicationViewSet(SecretariatOnlyViewSetMixin, ModelViewSet):
    model = MembershipApplication
    name = APPLICATIONS
    url_prefix = "cities/applications"
    icon = "form"
    menu_label = _("Applications")
    add_to_reference_index = False
    disabled_views = ("add", "delete", "history", "history_results", "usage")
    copy_view_enabled = False

    index_view_class = ApplicationIndexView
    edit_view_class = ApplicationDecisionView

    list_display = ["city_name", "country", "contact_name", "status", "created_at"]
    filterset_class = ApplicationFilterSet
    search_fields = ["city_name", "contact_name"]
    ordering = "-created_at"

    def get_add_view_kwargs(self, **kwargs):
        # No add view (its URL is not registered): applications come from the public /join/ form.
        return kwargs

    def get_edit_view_kwargs(self, **kwargs):
        # The edit view decides the application; it has no model form.
        return kwargs


class SecretariatSnippetChooserViewSet(SecretariatOnlyViewSetMixin, SnippetChooserViewSet):
    # The chooser's "create" tab adds a partner with the same fields as the partner form.
    form_fields = ["name", "kind", "country", "city", "website", "description", "public_consent"]


class PartnerViewSet(SecretariatOnlyViewSetMixin, SnippetViewSet):
    model = Partner
    url_prefix = "cities/partners"
    icon = "group"
    menu_label = _("Partners")
    menu_item_is_registered = True  # in the Membership menu, not under Snippets
    chooser_viewset_class = SecretariatSnippetChooserViewSet

    list_display = ["name", "kind", "country", "city", "public_consent"]
    list_filter = ["kind", "country", "public_consent"]
    search_fields = ["name"]
    search_backend_name = None  # the database, not the search index
    list_export = [
        "name",
        "get_kind_display",
        "country",
        "city",
        "website",
        "description",
        "public_consent",
    ]
    export_headings = {
        "name": _("Name"),
        "get_kind_display": _("Kind"),
        "country": _("Country"),
        "city": _("City"),
        "website": _("Website"),
        "description": _("Description"),
        "public_consent": _("Consents to a public listing"),
    }
    export_filename = "partners"

    def get_queryset(self, request):
        return Partner.objects.select_related("country", "city")


class MembershipViewSetGroup(ViewSetGroup):
    menu_label = _("Membership")
    menu_icon = "globe"
    items = (MembershipViewSet, ApplicationViewSet, PartnerViewSet)


@hooks.register("register_admin_viewset")
def register_membership_viewsets():
    return MembershipViewSetGroup()


@hooks.register("construct_homepage_panels")
def add_membership_panel(request, panels):
    if user_is_secretariat(request.user):
        panels.append(MembershipDashboardPanel())


class MembershipWorkPanel(Component):
    """The secretariat's home: applications waiting for a decision, invitations not accepted."""

    name = "cities_membership_work"
    template_name = "cities/admin/home/membership_work.html"
    order = 30

    def get_context_data(self, parent_context=None):
        return {"work": membership_work()}


@hooks.register("construct_homepage_panels")
def add_membership_work_panel(request, panels):
    if user_is_secretariat(request.user):
        panels.append(MembershipWorkPanel())


# --- A coordinator's admin home ------------------------------------------------------------------

# The hook through which a higher app adds a shortcut to a coordinator's home: each function is
# called with the membership (an active one) and the list of ``Shortcut`` to append to.
COORDINATOR_SHORTCUTS_HOOK = "construct_coordinator_shortcuts"


@dataclass(frozen=True)
class Shortcut:
    label: str
    url: str
    icon: str


class CoordinatorPanel(Component):
    def __init__(self, membership: Membership):
        self.membership = membership


class CityPanel(CoordinatorPanel):
    """The coordinator's city and its membership, with the shortcuts to the city's work while
    it is an active member."""

    name = "cities_coordinator_city"
    template_name = "cities/admin/home/city.html"
    order = 10

    def get_context_data(self, parent_context=None):
        membership = membership_with_country(membership=self.membership)
        shortcuts = []
        if membership.is_active:
            edit_url = reverse("wagtailadmin_pages:edit", args=[membership.city_page_id])
            shortcuts.append(Shortcut(_("Edit the city profile"), edit_url, "edit"))
            for add_shortcuts in hooks.get_hooks(COORDINATOR_SHORTCUTS_HOOK):
                add_shortcuts(membership, shortcuts)
        return {"membership": membership, "shortcuts": shortcuts}


class CityPagesPanel(CoordinatorPanel):
    name = "cities_coordinator_pages"
    template_name = "cities/admin/home/pages.html"
    order = 20
    columns = (_("Title"), _("Language"), _("Type"), _("Status"), _("Moderation"), _("Edited"))

    def get_context_data(self, parent_context=None):
        return {
            "columns": self.columns,
            "rows": city_pages_recent(membership=self.membership),
            "city": self.membership.city_page.title,
            "explore_url": reverse("wagtailadmin_explore", args=[self.membership.city_page_id]),
        }


class SecretariatCommentsPanel(CoordinatorPanel):
    name = "cities_coordinator_comments"
    template_name = "cities/admin/home/comments.html"
    order = 30

    def get_context_data(self, parent_context=None):
        return {"comments": secretariat_comments(membership=self.membership)}


class CityPagesSummaryItem(SummaryItem):
    """In the home's summary, the city's pages instead of every page of the site."""

    template_name = "cities/admin/home/summary_pages.html"

    def __init__(self, request, membership: Membership):
        super().__init__(request)
        self.membership = membership

    def get_context_data(self, parent_context=None):
        return {
            "count": city_page_count(membership=self.membership),
            "city": self.membership.city_page.title,
            "explore_url": reverse("wagtailadmin_explore", args=[self.membership.city_page_id]),
        }


@hooks.register("construct_homepage_panels")
def add_coordinator_panels(request, panels):
    membership = coordinated_membership(request.user)
    if membership is None:
        return
    panels.append(CityPanel(membership))
    if membership.is_active:
        panels += [CityPagesPanel(membership), SecretariatCommentsPanel(membership)]


@hooks.register("construct_homepage_summary_items")
def count_the_coordinators_city_pages(request, summary_items):
    """A coordinator edits their city's pages only: the site's page count ("468 Pages") says
    nothing to them. Their city's count replaces it while the city is an active member."""
    membership = coordinated_membership(request.user)
    if membership is None:
        return
    summary_items[:] = [item for item in summary_items if not isinstance(item, PagesSummaryItem)]
    if membership.is_active:
        summary_items.insert(0, CityPagesSummaryItem(request, membership))
