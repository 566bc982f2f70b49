"""The whole membership story, as the people involved live it, in a real browser."""

import re
import time

import pytest
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)

from django.core import mail

from accounts.models import Role
from cities.models import CityPage, MembershipApplication
from tests.factories.accounts import UserFactory
from tests.factories.cities import cities_index

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def portal():
    from core import demo

    demo.seed(scale=1, log=lambda text: None)
    cities_index()
    secretary = UserFactory(email="secretary@nordicsafecities.org", role=Role.SECRETARIAT)
    secret = generate_totp_secret()
    TOTP.activate(secretary, secret)
    return secretary, secret


def _sign_in(page, base, email, password="nordic-safe-demo", totp_secret=None, check=None):
    page.goto(f"{base}/en/accounts/login/")
    page.get_by_label("Email:").fill(email)
    page.get_by_label("Password:").fill(password)
    page.get_by_role("button", name="Sign In").click()
    if totp_secret:
        page.wait_for_url(re.compile(r".*/2fa/authenticate/$"))
        if check:
            check(page)
        # A code is valid for its 30-second period only: never type one in its last seconds.
        if time.time() % 30 > 26:
            time.sleep(31 - time.time() % 30)
        code = format_hotp_value(hotp_value(totp_secret, next(yield_hotp_counters_from_time())))
        page.locator("input[name=code]").fill(code)
        page.get_by_role("button", name="Sign In").click()
    page.wait_for_load_state()


def test_a_city_applies_is_approved_and_its_coordinator_publishes_its_page(
    browser, live_server, portal, assert_accessible
):
    secretary, secret = portal
    base = live_server.url

    # 1. A city applies at /join/.
    applicant = browser.new_page()
    applicant.goto(f"{base}/en/join/")
    applicant.get_by_role("textbox", name="City", exact=True).fill("Tampere")
    applicant.get_by_label("Country").select_option(label="Finland")
    applicant.get_by_label("Contact person").fill("Laura Mäkinen")
    applicant.get_by_label("Role in the city administration").fill("Safety coordinator")
    applicant.get_by_role("textbox", name="Email", exact=True).fill("laura@example.org")
    applicant.get_by_label("Why does your city want to join?").fill("To share what works.")
    applicant.get_by_label(re.compile("commits to the Nordic Safe Cities Charter")).check()
    applicant.get_by_role("button", name="Send the application").click()
    applicant.wait_for_url(f"{base}/en/join/thanks/")
    assert_accessible(applicant)
    application = MembershipApplication.objects.get(city_name="Tampere")

    # 2. The secretariat signs in with two-factor authentication and approves it.
    staff = browser.new_page()
    _sign_in(staff, base, secretary.email, totp_secret=secret, check=assert_accessible)
    staff.goto(f"{base}/admin/cities/applications/edit/{application.pk}/")
    staff.get_by_role("button", name="Approve").click()
    staff.wait_for_load_state()
    application.refresh_from_db()
    assert application.status == "approved"
    city = CityPage.objects.get(title="Tampere", locale__language_code="en")
    assert not city.live

    # 3. The contact accepts the invitation from the email and is signed in.
    invitation = next(m for m in mail.outbox if m.to == ["laura@example.org"] and "invit" in m.body)
    link = re.search(r"https?://\S+/accounts/invitation/\S+/", invitation.body)[0]
    contact = browser.new_page()
    contact.goto(base + "/" + link.split("/", 3)[3])
    contact.get_by_label("Your name").fill("Laura Mäkinen")
    contact.get_by_label("Choose a password").fill("a-long-safe-passphrase")
    contact.get_by_label("The password again").fill("a-long-safe-passphrase")
    contact.get_by_role("button", name="Accept the invitation").click()
    contact.wait_for_url(f"{base}/admin/")

    # 4. The coordinator edits the city's page and publishes it.
    contact.goto(f"{base}/admin/pages/{city.pk}/edit/")
    contact.get_by_label("Latitude").fill("61.4978")
    contact.get_by_label("Longitude").fill("23.7610")
    contact.get_by_label("Population").fill("255050")
    contact.get_by_role("button", name="More actions").click()
    contact.get_by_role("button", name="Publish").click()
    contact.wait_for_url(re.compile(r".*/admin/pages/\d+/$"))
    city.refresh_from_db()
    assert city.live

    # 5. The city is on the public map and in the list.
    visitor = browser.new_page()
    visitor.goto(f"{base}/en/cities/?country=FI")
    assert visitor.locator(".city-list").get_by_role("link", name="Tampere").is_visible()
    assert visitor.locator("svg a[href='/en/cities/tampere/']").count() == 1
