"""The yearly self-assessment as the people involved live it, in a real browser: the secretariat
opens a round, a coordinator assesses the six areas and submits, sees the chart beside the
median and the cities to call; the secretariat acknowledges with feedback and the coordinator is
emailed. axe scans every page of it, in English and in Swedish."""

import datetime

import pytest
from allauth.mfa.totp.internal.auth import generate_totp_secret

from django.core import mail
from django.utils import translation

from accounts.models import Role
from progress.models import Level, Report, ReportingRound, ReportStatus, Sharing
from tests.browser.signing_in import sign_in
from tests.factories.accounts import UserFactory
from tests.factories.cities import coordinator_of, member_city
from tests.factories.knowledge import case_study, knowledge_index
from tests.progress.world import areas, charter_page, report_with

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def network(site_tree):
    knowledge_index()
    charter_page()
    oslo = member_city("Oslo")
    stockholm = member_city("Stockholm")
    past = ReportingRound.objects.create(year=2025, deadline=datetime.date(2025, 11, 30))
    report_with(stockholm, past, Level.LEADING, sharing=Sharing.MEMBERS)
    case_study(stockholm, "Stockholm's family circles", focus_areas=("strong-families",))
    secret = generate_totp_secret()
    secretary = UserFactory(
        email="secretary@nordicsafecities.org", role=Role.SECRETARIAT, totp_secret=secret
    )
    coordinator = coordinator_of(oslo, email="olav@oslo.example.org", name="Olav Oslo")
    return secretary, secret, coordinator


def test_a_round_is_opened_assessed_submitted_and_acknowledged(
    browser, live_server, network, assert_accessible
):
    secretary, secret, coordinator = network
    base = live_server.url

    # 1. The secretariat opens the round for 2026.
    staff = browser.new_page()
    sign_in(staff, base, secretary.email, totp_secret=secret)
    staff.goto(f"{base}/admin/charter/rounds/new/")
    assert_accessible(staff)
    staff.get_by_role("spinbutton", name="Year").fill("2026")
    deadline = datetime.date.today() + datetime.timedelta(days=30)
    staff.get_by_role("textbox", name="Deadline").fill(deadline.isoformat())
    staff.get_by_role("button", name="Create", exact=True).click()
    staff.wait_for_url(f"{base}/admin/charter/rounds/")
    assert ReportingRound.objects.filter(year=2026).exists()
    opened = [message for message in mail.outbox if coordinator.email in message.to]
    assert len(opened) == 1 and "2026" in opened[0].subject

    # 2. The coordinator assesses the six areas, in English, and submits.
    person = browser.new_page()
    sign_in(person, base, coordinator.email, next_path="/en/charter/our-city/")
    person.goto(f"{base}/en/charter/our-city/")
    assert_accessible(person)
    person.get_by_role("button", name="Submit the self-assessment").click()
    person.wait_for_load_state()
    # Nothing filled in: every area says what is missing, and the page stays accessible.
    assert person.get_by_text("Choose a level.").count() >= 6
    assert_accessible(person)
    for area in areas():
        group = person.get_by_role("group", name=area.name, exact=True)
        group.get_by_label("Developing", exact=True).check()
        group.get_by_label(f"What we do and what we learned: {area.name}").fill(
            f"Oslo's work in {area.name}."
        )
    person.get_by_role("button", name="Submit the self-assessment").click()
    person.wait_for_load_state()
    report = Report.objects.get(membership__city_page__title="Oslo", round__year=2026)
    assert report.status == ReportStatus.SUBMITTED
    assert person.get_by_text("Your self-assessment is submitted. Thank you!").is_visible()
    assert_accessible(person)

    # 3. The secretariat acknowledges it with feedback.
    staff.goto(f"{base}/admin/charter/network/")
    assert_accessible(staff)
    staff.goto(f"{base}/admin/charter/reports/edit/{report.pk}/")
    assert_accessible(staff)
    staff.get_by_label("Feedback to the city").fill("A thorough first assessment.")
    staff.get_by_role("button", name="Acknowledge with this feedback").click()
    staff.wait_for_load_state()
    report.refresh_from_db()
    assert report.status == ReportStatus.ACKNOWLEDGED
    acknowledged = [message for message in mail.outbox if "acknowledged" in message.subject]
    assert acknowledged and "A thorough first assessment." in acknowledged[0].body

    # 4. The coordinator reads the feedback, the chart and the cities to call, in Swedish.
    person.goto(f"{base}/sv/charter/our-city/")
    assert person.get_by_text("A thorough first assessment.").is_visible()
    assert person.locator("svg.chart__svg").count() == 1
    peers = person.locator("section", has=person.locator("#peers-title"))
    assert "Stockholm" in peers.inner_text()
    assert "Stockholm's family circles" in peers.inner_text()
    with translation.override("sv"):
        title = translation.gettext("Cities to call")
    assert person.get_by_role("heading", name=title).is_visible()
    assert_accessible(person)

    # 5. The public pages of the Charter, in both languages.
    for language in ("en", "sv"):
        for path in ("charter/", "charter/actions/"):
            person.goto(f"{base}/{language}/{path}")
            assert_accessible(person)
