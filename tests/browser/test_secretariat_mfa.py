import re
import time

import pytest
from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)

from accounts.models import Role
from tests.factories.accounts import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _current_code(secret: str) -> str:
    # A code is valid for its 30-second period only: never type one in its last seconds.
    if time.time() % 30 > 26:
        time.sleep(31 - time.time() % 30)
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


def test_the_secretariat_signs_in_enrols_two_factor_and_reaches_the_admin(
    page, live_server, assert_accessible
):
    person = UserFactory(email="staff@nordicsafecities.org", role=Role.SECRETARIAT)

    page.goto(f"{live_server.url}/en/accounts/login/?next=/admin/")
    page.get_by_label("Email:").fill(person.email)
    page.get_by_label("Password:").fill("nordic-safe-demo")
    page.get_by_role("button", name="Sign In").click()

    # allauth asks for the password again before a security change.
    page.wait_for_url(re.compile(r".*/en/accounts/reauthenticate/.*"))
    assert "Set up two-factor authentication before you open the administration." in page.content()
    page.get_by_label("Password:").fill("nordic-safe-demo")
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url(re.compile(r".*/en/accounts/2fa/totp/activate/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Activate Authenticator App"
    assert_accessible(page)
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label(re.compile("Authenticator code")).fill(_current_code(secret))
    page.get_by_role("button", name="Activate").click()

    page.goto(f"{live_server.url}/admin/")
    assert page.url == f"{live_server.url}/admin/"
    assert page.get_by_role("heading", level=1).first.is_visible()
    assert "Dashboard" in page.title()
