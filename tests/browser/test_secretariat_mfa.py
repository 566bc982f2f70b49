import re

import pytest

from accounts.models import Role
from tests.browser.signing_in import sign_in
from tests.factories.accounts import DEMO_PASSWORD, UserFactory, totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_secretariat_signs_in_enrols_two_factor_and_reaches_the_admin(
    page, live_server, assert_accessible
):
    person = UserFactory(email="staff@nordicsafecities.org", role=Role.SECRETARIAT)

    sign_in(page, live_server.url, person.email, next_path="/admin/")

    # allauth asks for the password again before a security change.
    page.wait_for_url(re.compile(r".*/en/accounts/reauthenticate/.*"))
    assert "Set up two-factor authentication before you open the administration." in page.content()
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url(re.compile(r".*/en/accounts/2fa/totp/activate/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Activate Authenticator App"
    assert_accessible(page)
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label(re.compile("Authenticator code")).fill(totp_code(secret))
    page.get_by_role("button", name="Activate").click()

    page.goto(f"{live_server.url}/admin/")
    assert page.url == f"{live_server.url}/admin/"
    assert page.get_by_role("heading", level=1).first.is_visible()
    assert "Dashboard" in page.title()
