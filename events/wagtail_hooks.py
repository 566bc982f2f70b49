"""The secretariat's "Meetups: participants" in the admin: the meetups, their participants, the
check-in and the message to the participants. Only the secretariat sees or reaches any of it."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from accounts.permissions import user_is_secretariat
from cities.admin_views import secretariat_only
from events.admin_views import (
    NAMESPACE,
    CheckInView,
    EventIndexView,
    EventMessageView,
    ParticipantsView,
)


@hooks.register("register_admin_urls")
def register_meetup_admin_urls():
    patterns = [
        path("", secretariat_only(EventIndexView.as_view()), name="index"),
        path(
            "<int:event_id>/participants/",
            secretariat_only(ParticipantsView.as_view()),
            name="participants",
        ),
        path("<int:event_id>/check-in/", secretariat_only(CheckInView.as_view()), name="check_in"),
        path(
            "<int:event_id>/message/", secretariat_only(EventMessageView.as_view()), name="message"
        ),
    ]
    return [path("events/", include((patterns, NAMESPACE)))]


class SecretariatMenuItem(MenuItem):
    def is_shown(self, request):
        return user_is_secretariat(request.user)


@hooks.register("register_admin_menu_item")
def register_meetups_menu_item():
    return SecretariatMenuItem(
        _("Meetups: participants"),
        reverse(f"{NAMESPACE}:index"),
        icon_name="date",
        order=260,
    )
