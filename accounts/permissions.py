"""Who may do what: the portal's role checks, in one place.

Admin access is decided from what *this session* proved, not from what the account has enrolled:
allauth records every authentication step in the session (password, second factor), and a
password-only session of a secretariat member never reaches the admin, even after the account
enrolled two-factor authentication in another session.
"""

from allauth.account.authentication import get_authentication_records
from allauth.mfa.utils import is_mfa_enabled

SECOND_FACTOR_METHOD = "mfa"
# Admin pages that Wagtail opens to every editor but that show the whole network's pages.
# (wagtail-localize's snippet API lists any snippet model to every editor: the newsletter's issues
# are the secretariat's alone.)
SECRETARIAT_ONLY_ADMIN_PREFIXES = (
    "/admin/reports/page-types-usage/",
    "/admin/localize/reports/",
    "/admin/localize/api/snippets/newsletter/",
)


def user_is_secretariat(user) -> bool:
    """Whether ``user`` is an active member of the secretariat or a superuser. Remembered on the
    user object for the rest of the request: the menu, the policies and the views all ask."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if not hasattr(user, "_is_secretariat"):
        user._is_secretariat = user.is_secretariat
    return user._is_secretariat


def user_is_network_member(user) -> bool:
    """Members of the network: city coordinators and the secretariat (members-only content)."""
    return bool(user.is_authenticated and (user.is_secretariat or user.is_coordinator))


def reader_audience(user) -> str:
    """ "members" or "public": what a cache of readable content is kept apart by, since members
    of the network read members-only content and everyone else reads the same as anyone."""
    return "members" if user_is_network_member(user) else "public"


def session_passed_second_factor(request) -> bool:
    """Whether the person signed in on this request's session gave a second factor in it."""
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == SECOND_FACTOR_METHOD for record in records)


def admin_needs_second_factor(user) -> bool:
    """Secretariat staff always need one; anyone else once their account has enrolled one."""
    return user_is_secretariat(user) or is_mfa_enabled(user)


def user_may_open_admin_path(user, path: str) -> bool:
    return user_is_secretariat(user) or not path.startswith(SECRETARIAT_ONLY_ADMIN_PREFIXES)


def user_may_enter_admin(user) -> bool:
    return bool(
        getattr(user, "is_authenticated", False) and user.has_perm("wagtailadmin.access_admin")
    )
