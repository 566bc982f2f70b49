"""Demo accounts. Every demo account has the password ``DEMO_PASSWORD`` (see the README)."""

from accounts.models import Role, User
from accounts.services import user_create, user_grant_role

DEMO_PASSWORD = "nordic-safe-demo"
SECRETARIAT_EMAIL = "secretariat@nordicsafecities.org"
MEMBER_EMAIL = "citizen@example.org"
ORDER = 10


def seed(*, scale: int, log) -> None:
    secretariat = User.objects.filter(email=SECRETARIAT_EMAIL).first()
    if secretariat is None:
        secretariat = user_create(
            email=SECRETARIAT_EMAIL,
            name="Sigrid Secretariat",
            password=DEMO_PASSWORD,
            verified=True,
        )
    user_grant_role(user=secretariat, role=Role.SECRETARIAT)
    if not User.objects.filter(email=MEMBER_EMAIL).exists():
        user_create(email=MEMBER_EMAIL, name="Aino Citizen", password=DEMO_PASSWORD, verified=True)
    log(f"demo accounts (password: {DEMO_PASSWORD})")
