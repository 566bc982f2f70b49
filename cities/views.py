from allauth.mfa.utils import is_mfa_enabled

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.permissions import session_passed_second_factor
from accounts.selectors import user_get_by_email
from cities.forms import InvitationAcceptForm, MembershipApplicationForm
from cities.services import (
    InvitationError,
    application_submit,
    invitation_accept,
    invitation_accept_with_new_account,
    invitation_from_token,
)
from core.rate_limits import rate_limited

# Applications from one address per hour before /join/ asks them to wait.
JOIN_RATE_LIMIT = 5
JOIN_RATE_WINDOW = 3600


@require_http_methods(["GET", "POST"])
def join(request):
    """A city applies for membership."""
    form = MembershipApplicationForm(request.POST or None)
    if request.method == "POST":
        if rate_limited(request, scope="join", limit=JOIN_RATE_LIMIT, window=JOIN_RATE_WINDOW):
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


def _invitation_invalid(request, error: InvitationError):
    return render(request, "cities/invitation_invalid.html", {"reason": str(error)}, status=410)


@require_http_methods(["GET", "POST"])
def invitation(request, token: str):
    """A coordinator accepts an invitation. A new address chooses a name and password and is
    signed in; an address that has an account already accepts from that account, signed in as
    it (with its second factor where it has one): the link never signs anyone in as it."""
    try:
        invitation = invitation_from_token(token)
    except InvitationError as error:
        return _invitation_invalid(request, error)
    account = user_get_by_email(email=invitation.email)
    if account is not None:
        return _invitation_for_existing_account(request, invitation, account)
    form = InvitationAcceptForm(
        request.POST or None, email=invitation.email, initial={"name": invitation.name}
    )
    if request.method == "POST" and form.is_valid():
        try:
            user = invitation_accept_with_new_account(
                invitation=invitation,
                name=form.cleaned_data["name"],
                password=form.cleaned_data["password1"],
                language=get_language(),
            )
        except InvitationError as error:
            return _invitation_invalid(request, error)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect("wagtailadmin_home")
    context = {"form": form, "invitation": invitation, "city": invitation.membership.city_page}
    return render(request, "cities/invitation.html", context, status=400 if form.errors else 200)


def _invitation_for_existing_account(request, invitation, account):
    here = request.path
    context = {
        "invitation": invitation,
        "city": invitation.membership.city_page,
        "signed_in_as_account": request.user.is_authenticated and request.user.pk == account.pk,
        "login_url": f"{reverse('account_login')}?{urlencode({'next': here})}",
    }
    if not context["signed_in_as_account"]:
        # A POST here (a password typed on a stale form) is refused, not silently ignored.
        status = 403 if request.method == "POST" else 200
        return render(request, "cities/invitation_existing_account.html", context, status=status)
    if is_mfa_enabled(account) and not session_passed_second_factor(request):
        return redirect(f"{reverse('mfa_reauthenticate')}?{urlencode({'next': here})}")
    if request.method == "POST":
        try:
            invitation_accept(invitation=invitation, user=account)
        except InvitationError as error:
            return _invitation_invalid(request, error)
        except ValidationError as error:
            context["errors"] = error.messages
            return render(request, "cities/invitation_existing_account.html", context, status=400)
        messages.success(
            request,
            _("You now coordinate %(city)s.") % {"city": invitation.membership.city_page.title},
        )
        return redirect("wagtailadmin_home")
    return render(request, "cities/invitation_existing_account.html", context)
