from allauth.mfa.utils import is_mfa_enabled

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from accounts.permissions import (
    admin_needs_second_factor,
    session_passed_second_factor,
    user_may_enter_admin,
    user_may_open_admin_path,
)

ADMIN_PREFIX = "/admin/"


class AdminAccessMiddleware:
    """Who may enter the Wagtail admin, decided before Wagtail sees the request.

    Every secretariat-only view lives under ``/admin/``, so this is the one place where the
    second factor is required. A signed-in person without admin access gets a 403 (Wagtail would
    send them back to the sign-in page, which sends a signed-in person on to ``next``: a loop).
    Whoever needs a second factor (``accounts.permissions``) and has not given one in this
    session gives it first: enrolling one if the account has none, else entering a code.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if request.path.startswith(ADMIN_PREFIX) and user.is_authenticated:
            if not user_may_enter_admin(user) or not user_may_open_admin_path(user, request.path):
                raise PermissionDenied
            if admin_needs_second_factor(user) and not session_passed_second_factor(request):
                return self.second_factor_step(request)
        return self.get_response(request)

    def second_factor_step(self, request):
        if not is_mfa_enabled(request.user):
            messages.info(
                request,
                _("Set up two-factor authentication before you open the administration."),
            )
            return redirect("mfa_activate_totp")
        messages.info(
            request,
            _("Enter a code from your authenticator app before you open the administration."),
        )
        next_url = request.get_full_path() if request.method == "GET" else ADMIN_PREFIX
        return redirect(f"{reverse('mfa_reauthenticate')}?{urlencode({'next': next_url})}")
