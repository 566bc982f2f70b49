"""The secretariat's "Newsletter subscribers" in the admin. Only the secretariat sees the menu
item or reaches the list and its export."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from accounts.permissions import user_is_secretariat
from cities.admin_views import secretariat_only
from newsletter.admin_views import NAMESPACE, SubscriberIndexView


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
