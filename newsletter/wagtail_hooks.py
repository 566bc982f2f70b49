"""The secretariat's newsletter in the admin: "Newsletter subscribers" (the list and its export)
and "Newsletter issues" (writing an issue in each language, its preview, and its send page).

Only the secretariat sees the menu items or reaches any of it: the Secretariat group holds the
issues' model permissions (``accounts.services``), which decide what Wagtail shows, and every
address of the issues' viewset and chooser also answers 403 to anyone else.
"""

from django.db.models import OuterRef, Subquery
from django.urls import include, path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus import MenuItem as ListingMenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import HeaderButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import EditView, IndexView, SnippetViewSet
from wagtail.utils.urlpatterns import decorate_urlpatterns

from accounts.permissions import user_is_secretariat
from cities.admin_views import secretariat_only
from newsletter.admin_views import (
    NAMESPACE,
    IssueEmailView,
    IssueProgressView,
    IssueSendView,
    SubscriberIndexView,
    issue_url,
)
from newsletter.models import Issue, Sending, SendingStatus


@hooks.register("register_admin_urls")
def register_subscriber_admin_urls():
    patterns = [path("", secretariat_only(SubscriberIndexView.as_view()), name="index")]
    return [path("newsletter/subscribers/", include((patterns, NAMESPACE)))]


class SubscribersMenuItem(MenuItem):
    def is_shown(self, request):
        return user_is_secretariat(request.user)


@hooks.register("register_admin_menu_item")
def register_subscribers_menu_item():
    return SubscribersMenuItem(
        _("Newsletter subscribers"), reverse(f"{NAMESPACE}:index"), icon_name="mail", order=270
    )


# --- Issues -------------------------------------------------------------------------------------


def _sending_status(issue: Issue) -> str:
    return SendingStatus(issue.sending_status).label if issue.sending_status else _("Not sent")


class IssueIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        return [
            *super().get_list_more_buttons(instance),
            ListingMenuItem(
                _("Send"), url=issue_url("send", instance), icon_name="mail", priority=15
            ),
        ]


class IssueEditView(EditView):
    @cached_property
    def header_buttons(self):
        return [
            *super().header_buttons,
            HeaderButton(_("Send"), url=issue_url("send", self.object), icon_name="mail"),
        ]


class IssueChooserViewSet(SnippetChooserViewSet):
    def get_urlpatterns(self):
        # No "create" tab: an issue is written in its editor, not in a chooser (and Wagtail's
        # create view fails on a POST when there is no creation form).
        patterns = [pattern for pattern in super().get_urlpatterns() if pattern.name != "create"]
        return decorate_urlpatterns(patterns, secretariat_only)


class IssueViewSet(SnippetViewSet):
    model = Issue
    icon = "mail"
    menu_label = _("Newsletter issues")
    menu_order = 271
    add_to_admin_menu = True
    url_prefix = "newsletter/issues"
    index_view_class = IssueIndexView
    edit_view_class = IssueEditView
    chooser_viewset_class = IssueChooserViewSet
    create_template_name = "newsletter/admin/issue_create.html"
    edit_template_name = "newsletter/admin/issue_edit.html"

    list_display = [
        "subject",
        "segment",
        Column("sending_status", label=_("Sending"), accessor=_sending_status),
        "created_at",
    ]
    list_filter = ["segment"]
    search_fields = ["subject"]
    search_backend_name = None  # the database, not the search index
    ordering = ["-created_at", "-pk"]

    def get_queryset(self, request):
        # The sending's status in the same query as the issues (a translation shows its
        # original's).
        status = Sending.objects.filter(issue__translation_key=OuterRef("translation_key"))
        return Issue.objects.select_related("locale").annotate(
            sending_status=Subquery(status.values("status")[:1])
        )

    def get_urlpatterns(self):
        patterns = [
            *super().get_urlpatterns(),
            path("<int:pk>/send/", IssueSendView.as_view(), name="send"),
            path("<int:pk>/progress/", IssueProgressView.as_view(), name="progress"),
            path("<int:pk>/email/", IssueEmailView.as_view(), name="email"),
        ]
        return decorate_urlpatterns(patterns, secretariat_only)


register_snippet(IssueViewSet)
