"""Admin access is decided from what this session proved, not from what the account enrolled."""

import pytest
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, generate_totp_secret

from django.test import Client

from accounts.models import Role
from tests.factories.accounts import DEMO_PASSWORD, UserFactory, sign_in, totp_code

pytestmark = pytest.mark.django_db

SECRETARIAT_ONLY = ["/admin/", "/admin/users/", "/admin/cities/memberships/?export=csv"]
REAUTHENTICATE = "/en/accounts/2fa/reauthenticate/"


def test_a_password_only_session_stays_out_after_the_account_enrols_in_another_session():
    secretary = UserFactory(role=Role.SECRETARIAT)
    session_a, session_b = Client(), Client()
    sign_in(session_a, secretary, second_factor=False)
    assert session_a.get("/admin/")["Location"] == "/en/accounts/2fa/totp/activate/"

    sign_in(session_b, secretary, second_factor=True)  # enrols TOTP and gives a code
    assert session_b.get("/admin/").status_code == 200

    for url in SECRETARIAT_ONLY:
        response = session_a.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(f"{REAUTHENTICATE}?next="), url


def test_a_code_given_in_the_session_opens_the_admin_where_it_was_going():
    secret = generate_totp_secret()
    secretary = UserFactory(role=Role.SECRETARIAT, totp_secret=secret)
    client = Client()
    sign_in(client, secretary, second_factor=False)

    sent_on = client.get("/admin/users/")
    assert sent_on["Location"] == f"{REAUTHENTICATE}?next=%2Fadmin%2Fusers%2F"
    answered = client.post(sent_on["Location"], {"code": totp_code(secret)})

    assert answered["Location"] == "/admin/users/"
    users = client.get("/admin/users/")
    assert users.status_code == 200
    assert secretary.email in users.content.decode()


@pytest.mark.django_db(transaction=True)  # allauth records the enrolment once it commits
def test_enrolling_two_factor_is_the_second_factor_of_the_session_that_enrolled():
    secretary = UserFactory(role=Role.SECRETARIAT)
    client = Client()
    sign_in(client, secretary, second_factor=False)
    # allauth asks for the password again before any change of the second factor.
    client.post("/en/accounts/reauthenticate/", {"password": DEMO_PASSWORD})

    assert client.get("/en/accounts/2fa/totp/activate/").status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    enrolled = client.post("/en/accounts/2fa/totp/activate/", {"code": totp_code(secret)})

    assert enrolled.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_coordinator_who_enrolled_two_factor_gives_it_in_the_session_too():
    coordinator = UserFactory(role=Role.COORDINATOR, totp_secret=generate_totp_secret())
    password_only, with_code = Client(), Client()
    sign_in(password_only, coordinator, second_factor=False)
    sign_in(with_code, coordinator, second_factor=True)

    assert password_only.get("/admin/")["Location"].startswith(REAUTHENTICATE)
    assert with_code.get("/admin/").status_code == 200


def test_a_coordinator_without_two_factor_enters_with_the_password():
    client = Client()
    sign_in(client, UserFactory(role=Role.COORDINATOR), second_factor=False)

    assert client.get("/admin/").status_code == 200
