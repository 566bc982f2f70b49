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
