from django.contrib.auth import login
from django.core.cache import cache
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cities.forms import InvitationAcceptForm, MembershipApplicationForm
from cities.services import (
    InvitationError,
    application_submit,
    invitation_accept,
    invitation_from_token,
)

# Applications from one address per hour before /join/ asks them to wait.
JOIN_RATE_LIMIT = 5
JOIN_RATE_WINDOW = 3600


def _client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "unknown")


def _join_rate_limited(request) -> bool:
    key = f"join-rate:{_client_address(request)}"
    cache.add(key, 0, timeout=JOIN_RATE_WINDOW)
    return cache.incr(key) > JOIN_RATE_LIMIT


@require_http_methods(["GET", "POST"])
def join(request):
    """A city applies for membership."""
    form = MembershipApplicationForm(request.POST or None)
    if request.method == "POST":
        if _join_rate_limited(request):
            form.add_error(None, _("Too many applications from your network. Try again later."))
        elif form.is_valid() and not form.is_spam:
            data = form.cleaned_data
            application_submit(
                city_name=data["city_name"],
                country=data["country"],
                contact_name=data["contact_name"],
                contact_role=data["contact_role"],
                contact_email=data["contact_email"],
                motivation=data["motivation"],
                accepts_charter=data["accepts_charter"],
                language=get_language(),
            )
            return redirect("cities:join_thanks")
        elif form.is_valid():
            # A robot filled in the honeypot: answer as if it worked, store nothing.
            return redirect("cities:join_thanks")
    status = 400 if form.errors else 200
    return render(request, "cities/join.html", {"form": form}, status=status)


def join_thanks(request):
    return render(request, "cities/join_thanks.html")


@require_http_methods(["GET", "POST"])
def invitation(request, token: str):
    """A coordinator accepts an invitation: sets a name and password, and is signed in."""
    try:
        invitation = invitation_from_token(token)
    except InvitationError as error:
        return render(request, "cities/invitation_invalid.html", {"reason": str(error)}, status=410)
    form = InvitationAcceptForm(
        request.POST or None, email=invitation.email, initial={"name": invitation.name}
    )
    if request.method == "POST" and form.is_valid():
        try:
            user = invitation_accept(
                invitation=invitation,
                name=form.cleaned_data["name"],
                password=form.cleaned_data["password1"],
                language=get_language(),
            )
        except InvitationError as error:
            return render(
                request, "cities/invitation_invalid.html", {"reason": str(error)}, status=410
            )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect("wagtailadmin_home")
    context = {"form": form, "invitation": invitation, "city": invitation.membership.city_page}
    return render(request, "cities/invitation.html", context, status=400 if form.errors else 200)
