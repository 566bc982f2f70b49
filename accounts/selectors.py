from django.conf import settings
from django.db.models import Q

from accounts.models import ROLE_GROUP_NAMES, Role, User
from core.app_modules import app_modules


def user_get_by_email(*, email: str) -> User | None:
    """The account whose address is ``email`` (addresses are unique whatever their case)."""
    return User.objects.filter(email__iexact=email.strip()).first()


def user_language_for_email(*, email: str, default: str | None) -> str:
    """The language to write to ``email`` in: the account's preference, else ``default``."""
    language = User.objects.filter(email__iexact=email).values_list("language", flat=True).first()
    return language or default or settings.LANGUAGE_CODE


def secretariat_accounts():
    """The secretariat's accounts (superusers included), to filter other records by (whose
    comment, who reviewed): a queryset of ids, no query of its own."""
    return User.objects.filter(
        Q(is_superuser=True) | Q(groups__name=ROLE_GROUP_NAMES[Role.SECRETARIAT])
    ).values("pk")


def user_data_export(*, user: User) -> dict:
    """Everything the portal holds about ``user``, for the person's own download."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    return {
        "account": {
            "email": user.email,
            "name": user.name,
            "preferred_language": user.language,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "roles": sorted(user.groups.values_list("name", flat=True)),
        },
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("email")
        ],
        "two_factor_authentication": [
            {"type": authenticator.type, "created_at": authenticator.created_at.isoformat()}
            for authenticator in Authenticator.objects.filter(user=user).order_by("created_at")
        ],
        "emails_sent_to_you": [
            {"subject": subject, "sent_at": sent_at.isoformat() if sent_at else None}
            for subject, sent_at in _emails_to(user)
        ],
    } | {
        # Each app adds what it holds about the person (``<app>/personal_data.py``).
        key: value
        for module in app_modules("personal_data")
        for key, value in module.personal_data(user=user).items()
    }


def _emails_to(user: User):
    from core.models import OutgoingEmail

    return OutgoingEmail.objects.filter(to__iexact=user.email).values_list("subject", "sent_at")
