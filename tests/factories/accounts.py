import time

import factory

from accounts.models import Role, User
from accounts.services import user_create, user_grant_role
from demo.accounts import DEMO_PASSWORD


class UserFactory(factory.django.DjangoModelFactory):
    """A verified account, made by ``accounts.services.user_create``; pass ``role=`` for a
    secretariat member or coordinator and ``totp_secret=`` for an account that has enrolled an
    authenticator app (as allauth's activation view enrols it)."""

    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name = factory.Faker("name")
    language = "en"

    @classmethod
    def _create(
        cls,
        model_class,
        *args,
        role: Role | None = None,
        totp_secret: str | None = None,
        **kwargs,
    ):
        user = user_create(
            email=kwargs["email"],
            name=kwargs["name"],
            password=kwargs.get("password", DEMO_PASSWORD),
            language=kwargs["language"],
            verified=kwargs.get("verified", True),
        )
        if role is not None:
            user_grant_role(user=user, role=role)
        if totp_secret is not None:
            from allauth.mfa.totp.internal.auth import TOTP

            TOTP.activate(user, totp_secret)
        return user


def totp_code(secret: str) -> str:
    """The authenticator app's current code for ``secret``. A code counts in its own 30-second
    period only, so one that would be typed in the period's last seconds waits for the next."""
    from allauth.mfa.totp.internal.auth import (
        format_hotp_value,
        hotp_value,
        yield_hotp_counters_from_time,
    )

    remaining = 30 - time.time() % 30
    if remaining < 5:
        time.sleep(remaining + 0.5)
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


def sign_in(client, user, *, second_factor: bool = True) -> None:
    """Sign ``user`` in on the test client as allauth would after the password and, with
    ``second_factor``, a TOTP code: the session then records both steps, which is what admin
    access is decided from (``accounts.permissions``). A TOTP authenticator is enrolled first
    when the account has none and ``second_factor`` is asked for."""
    from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    client.force_login(user)
    records = [{"method": "password", "at": time.time(), "email": user.email}]
    if second_factor:
        authenticator = (
            Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
            or TOTP.activate(user, generate_totp_secret()).instance
        )
        records.append({"method": "mfa", "at": time.time(), "id": authenticator.pk, "type": "totp"})
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = records
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()
