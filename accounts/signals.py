"""Receivers at the seams between allauth and the portal's rules (connected in ``apps.py``)."""

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator


def record_enrolment_as_second_factor(sender, request, user, authenticator, **kwargs):
    """Enrolling TOTP means typing a code from the new authenticator: in this session that is
    a second factor given, like a sign-in with the code (``accounts.permissions``)."""
    if request is not None and authenticator.type == Authenticator.Type.TOTP:
        record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)
