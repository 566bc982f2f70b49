import pytest
from allauth.mfa.totp.internal.auth import generate_totp_secret

from accounts.models import Role
from tests.cities.admin.world import build_network
from tests.factories.accounts import UserFactory, sign_in
from tests.worlds import once_per_class

network, network_built = once_per_class("network", build_network)


@pytest.fixture
def secretariat(db):
    return UserFactory(
        role=Role.SECRETARIAT, name="Sigrid Secretariat", totp_secret=generate_totp_secret()
    )


@pytest.fixture
def as_secretariat(client, secretariat):
    """The test client, signed in as the secretariat with password and code."""
    sign_in(client, secretariat)
    return client
