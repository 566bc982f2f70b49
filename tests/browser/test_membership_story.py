"""The whole membership story, as the people involved live it, in a real browser."""

import re

import pytest
from allauth.mfa.totp.internal.auth import generate_totp_secret

from django.core import mail

from accounts.models import Role
from cities.models import CityPage, MembershipApplication
from tests.browser.signing_in import sign_in
from tests.factories.accounts import UserFactory
from tests.factories.cities import cities_index

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def portal(site_tree):
    cities_index()
    secret = generate_totp_secret()
    secretary = UserFactory(
        email="secretary@nordicsafecities.org", role=Role.SECRETARIAT, totp_secret=secret
    )
    return secretary, secret


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
    sign_in(staff, base, secretary.email, totp_secret=secret, check=assert_accessible)
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
