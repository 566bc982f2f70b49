"""A full meetup as the people involved live it, in a real browser: a coordinator registers for a
full meetup and lands on the waitlist; a participant cancels from the link in their email; the
coordinator is promoted and emailed, with a calendar file that opens at the right local time.
axe scans the meetups, the event page and its registration form with and without errors, in
English and in Finnish."""

import re

import icalendar
import pytest
from allauth.mfa.totp.internal.auth import generate_totp_secret

from django.core import mail

from accounts.models import Role
from events import services
from events.models import Registration
from tests.browser.signing_in import sign_in
from tests.events.world import event, local_day
from tests.factories.accounts import UserFactory
from tests.factories.cities import coordinator_of, member_city
from tests.factories.knowledge import case_study

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_coordinator_waits_for_a_seat_gets_it_and_the_calendar_file(
    browser, live_server, site_tree, assert_accessible
):
    base = live_server.url
    page = event("Nordic meetup in Bergen", capacity=1, starts_at=local_day(30, hour=9))
    holder = UserFactory(email="holder@example.org", name="Hanna Holder")
    services.registration_create(
        event=page, user=holder, data=services.RegistrationInput(organisation="Bergen")
    )
    coordinator = coordinator_of(member_city("Oslo"), email="olav@oslo.example.org")
    past = event("Last year's meetup in Bergen", days=-300)
    case_study(member_city("Bergen"), "Youth ambassadors", meetup=past)

    # The listing and the pages, to anyone, in two languages; what came of last year's.
    visitor = browser.new_page()
    for language in ("en", "fi"):
        visitor.goto(f"{base}/{language}/events/")
        assert_accessible(visitor)
        visitor.goto(f"{base}/{language}/events/{page.slug}/")
        assert_accessible(visitor)
        visitor.goto(f"{base}/{language}/events/{past.slug}/")
        assert visitor.get_by_role("link", name="Youth ambassadors").is_visible()
        assert_accessible(visitor)

    # 1. The coordinator signs in, sends the form empty, then joins the waitlist.
    person = browser.new_page()
    sign_in(person, base, coordinator.email, next_path=page.url)
    person.goto(f"{base}{page.url}")
    assert person.get_by_text(
        "The meetup is full: registering puts you on the waitlist."
    ).is_visible()
    assert_accessible(person)
    person.get_by_label("Dietary needs (optional)").fill("Vegetarian")
    person.get_by_role("button", name="Join the waitlist").click()
    person.wait_for_load_state()
    assert person.get_by_text("This field is required.").first.is_visible()
    assert person.get_by_label("Dietary needs (optional)").input_value() == "Vegetarian"
    assert_accessible(person)
    person.get_by_label("Organisation").fill("City of Oslo")
    person.get_by_role("button", name="Join the waitlist").click()
    person.wait_for_load_state()
    assert person.get_by_text("You are on the waitlist, number 1.").is_visible()
    assert_accessible(person)

    # 2. The holder cancels from the link in their confirmation email, without signing in.
    (confirmation,) = [message for message in mail.outbox if holder.email in message.to]
    link = re.search(r"https?://\S+/events/cancel/\S+/", confirmation.body)[0]
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]  # the same link, on the test server
    other = browser.new_page()
    other.goto(base + path)
    assert_accessible(other)
    other.get_by_role("button", name="Yes, cancel my registration").click()
    other.wait_for_load_state()
    assert other.get_by_role("heading", name="Registration cancelled").is_visible()
    assert_accessible(other)

    # 3. The coordinator has the seat, is told so, and the calendar file says 09:00 in Bergen.
    assert Registration.objects.get(user=coordinator).status == "confirmed"
    (promoted,) = [message for message in mail.outbox if "A seat for you" in message.subject]
    assert promoted.to == [coordinator.email]
    ((filename, content, mimetype),) = promoted.attachments
    assert filename == "event.ics" and mimetype.startswith("text/calendar")
    (component,) = icalendar.Calendar.from_ical(content).walk("VEVENT")
    start = component.decoded("dtstart")
    assert (start.hour, start.minute, str(start.tzinfo)) == (9, 0, "Europe/Oslo")
    person.reload()
    assert person.get_by_text("You are registered: your seat is confirmed.").is_visible()
    assert_accessible(person)

    # 4. The private address of their calendar, and a new one when the old one got about.
    person.get_by_role("link", name="About this address").click()
    person.wait_for_load_state()
    old_address = person.get_by_label("Your private calendar address").input_value()
    assert "/feeds/my-meetups/" in old_address
    assert_accessible(person)
    person.get_by_role("button", name="Make a new address").click()
    person.wait_for_load_state()
    assert person.get_by_text("Your calendar has a new address.").is_visible()
    assert person.get_by_label("Your private calendar address").input_value() != old_address
    assert_accessible(person)


def test_the_secretariat_checks_people_in_on_a_phone(
    browser, live_server, site_tree, assert_accessible
):
    base = live_server.url
    page = event("Nordic meetup in Bergen", capacity=5)
    person = UserFactory(name="Pia Participant")
    services.registration_create(
        event=page, user=person, data=services.RegistrationInput(organisation="Bergen")
    )
    secret = generate_totp_secret()
    staff = UserFactory(
        email="siri@nordicsafecities.org", role=Role.SECRETARIAT, totp_secret=secret
    )
    phone = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    sign_in(phone, base, staff.email, totp_secret=secret)

    for path in ("/admin/events/", f"/admin/events/{page.pk}/participants/"):
        phone.goto(base + path)
        assert_accessible(phone)
    phone.goto(f"{base}/admin/events/{page.pk}/check-in/")
    assert_accessible(phone)
    # Nothing wider than the phone's screen.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.get_by_role("button", name="Check in Pia Participant").click()
    phone.wait_for_load_state()
    assert Registration.objects.get(user=person).attended
    assert phone.get_by_role("button", name="Checked in: undo (Pia Participant)").is_visible()
    assert_accessible(phone)
