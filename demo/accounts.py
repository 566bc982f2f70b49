"""Demo accounts (demo/data/accounts.yaml): the secretariat and a member of the public; the
coordinators come with their cities (``demo.cities``).

Every demo account has the password ``DEMO_PASSWORD`` (README.md lists the logins). The tests
take the password and the secretariat's address from here: this module is their one home.
"""

from accounts.models import Role, User
from accounts.services import user_create, user_grant_role
from demo.data import load

DEMO_PASSWORD = "nordic-safe-demo"
SECRETARIAT_EMAIL = "secretariat@nordicsafecities.org"


def coordinator_email(city_slug: str) -> str:
    """The login of a member city's demo coordinator."""
    return f"coordinator.{city_slug}@nordicsafecities.org"


def seed(*, scale: int, log) -> None:
    data = load("accounts")
    secretariat = User.objects.filter(email=SECRETARIAT_EMAIL).first()
    if secretariat is None:
        secretariat = user_create(
            email=SECRETARIAT_EMAIL,
            name=data["secretariat"]["name"],
            password=DEMO_PASSWORD,
            verified=True,
        )
    user_grant_role(user=secretariat, role=Role.SECRETARIAT)
    for person in data["public"]:
        if not User.objects.filter(email=person["email"]).exists():
            user_create(
                email=person["email"], name=person["name"], password=DEMO_PASSWORD, verified=True
            )
    log(f"demo accounts (password: {DEMO_PASSWORD})")
