import time

import factory

from accounts.demo import DEMO_PASSWORD
from accounts.models import Role, User
from accounts.services import user_create, user_grant_role


class UserFactory(factory.django.DjangoModelFactory):
    """A verified account; pass ``role=`` for a secretariat member or coordinator."""

    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name = factory.Faker("name")
    language = "en"

    @classmethod
    def _create(cls, model_class, *args, role: Role | None = None, **kwargs):
        user = user_create(
            email=kwargs["email"],
            name=kwargs["name"],
            password=kwargs.get("password", DEMO_PASSWORD),
            language=kwargs["language"],
            verified=kwargs.get("verified", True),
        )
        if role is not None:
            user_grant_role(user=user, role=role)
        return user


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
