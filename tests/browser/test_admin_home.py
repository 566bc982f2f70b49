"""The admin home in a real browser, as a city's coordinator and the secretariat open it after
signing in, in English and Swedish, at desktop and phone widths: what each sees, axe with no
violation, and a screenshot of each written to ``var/test-artifacts/screenshots/``."""

import pytest
from allauth.mfa.totp.internal.auth import generate_totp_secret
from playwright.sync_api import expect

from django.conf import settings
from django.utils import translation

from wagtail.models import Comment
from wagtail.users.models import UserProfile

from accounts.models import Role
from cities.services import invitation_create
from knowledge.services import case_study_submit
from tests.browser.signing_in import sign_in
from tests.factories.accounts import UserFactory
from tests.factories.cities import ApplicationFactory, coordinator_of, member_city
from tests.factories.knowledge import case_study

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = settings.VAR_DIR / "test-artifacts" / "screenshots"
WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture
def homes(site_tree):
    oslo = member_city("Oslo")
    coordinator = coordinator_of(oslo, email="coordinator.oslo@nordicsafecities.org")
    secret = generate_totp_secret()
    secretary = UserFactory(
        email="secretary@nordicsafecities.org",
        name="Sigrid Lind",
        role=Role.SECRETARIAT,
        totp_secret=secret,
    )
    case_study(oslo, "Youth hub in Grønland", by=secretary)
    submitted = case_study(oslo, "Night walkers in Grønland", publish=False, by=coordinator)
    case_study_submit(case_study=submitted, by=coordinator)
    Comment.objects.create(
        page=submitted,
        user=secretary,
        text="A photo of the walkers would help.",
        contentpath="title",
    )
    ApplicationFactory(city_name="Tromsø")
    invitation_create(membership=oslo, email="kari@oslo.example.org", name="Kari", by=secretary)
    return coordinator, secretary, secret


def _in_language(person, language: str) -> None:
    profile = UserProfile.get_for_user(person)
    profile.preferred_language = language
    profile.save()


def _see_every_width(page, name: str, check) -> None:
    """Axe on the home at each width, and a screenshot of the whole home: the admin scrolls its
    main column rather than the page, so the window is made as tall as the column first."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width, viewport in WIDTHS.items():
        page.set_viewport_size(viewport)
        page.reload()
        check(page)
        height = page.evaluate("document.getElementById('main').scrollHeight")
        page.set_viewport_size({"width": viewport["width"], "height": height})
        page.screenshot(path=SCREENSHOTS / f"admin-home-{name}-{width}.png")


@pytest.mark.parametrize("language", ["en", "sv"])
def test_a_coordinator_finds_the_city_its_pages_and_the_secretariats_comments(
    browser, live_server, homes, language, assert_accessible
):
    coordinator, _secretary, _secret = homes
    _in_language(coordinator, language)
    page = browser.new_page()
    sign_in(page, live_server.url, coordinator.email, language=language)

    page.goto(f"{live_server.url}/admin/")

    with translation.override(language):
        headings = [
            translation.gettext("Your city"),
            translation.gettext("Your city's pages"),
            translation.gettext("Comments from the secretariat"),
        ]
        write = translation.gettext("Write a case study")
    for heading in headings:
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    expect(page.get_by_role("link", name=write)).to_be_visible()
    expect(page.get_by_text("A photo of the walkers would help.")).to_be_visible()
    _see_every_width(page, f"coordinator-{language}", assert_accessible)

    with page.expect_navigation() as opened:
        page.get_by_role("link", name=write).click()
    assert opened.value.status == 200
    assert "/admin/pages/add/knowledge/casestudypage/" in page.url


@pytest.mark.parametrize("language", ["en", "sv"])
def test_the_secretariat_finds_what_waits_for_it(
    browser, live_server, homes, language, assert_accessible
):
    _coordinator, secretary, secret = homes
    _in_language(secretary, language)
    page = browser.new_page()
    sign_in(page, live_server.url, secretary.email, totp_secret=secret, language=language)

    page.goto(f"{live_server.url}/admin/")

    with translation.override(language):
        headings = [
            translation.gettext("Submissions to review"),
            translation.gettext("Applications and invitations"),
        ]
        application = f"Tromsø, {translation.gettext('Norway')}"
    for heading in headings:
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Night walkers in Grønland")).to_be_visible()
    expect(page.get_by_role("link", name=application)).to_be_visible()
    _see_every_width(page, f"secretariat-{language}", assert_accessible)
