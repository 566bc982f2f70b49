from allauth.mfa.utils import is_mfa_enabled

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _

ADMIN_PREFIX = "/admin/"


class AdminAccessMiddleware:
    """Who may enter the Wagtail admin, decided before Wagtail sees the request.

    A signed-in person without admin access gets a 403 (Wagtail would send them back to the sign-in
    page, which sends a signed-in person on to ``next``: a loop). Secretariat staff enrol
    two-factor authentication before they get in.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if request.path.startswith(ADMIN_PREFIX) and user.is_authenticated:
            if not user.has_perm("wagtailadmin.access_admin"):
                raise PermissionDenied
            if user.is_secretariat and not is_mfa_enabled(user):
                messages.info(
                    request,
                    _("Set up two-factor authentication before you open the administration."),
                )
                return redirect("mfa_activate_totp")
        return self.get_response(request)
