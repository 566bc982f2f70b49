"""A newsletter issue as the secretariat lives it, in a real browser: write it in the admin,
preview the email, send a test to oneself, send it to the subscribers and watch the progress
reach 100 % by itself while a real Celery worker sends it outside the request. axe scans the
admin pages on the way; the email that went out renders in Chromium with no console error and
no request to anywhere."""

import re
import time

import pytest
from allauth.mfa.totp.internal.auth import generate_totp_secret
from playwright.sync_api import expect

from django.core import mail

from accounts.models import Role
from core.models import EmailStatus, OutgoingEmail
from newsletter.models import Issue, Sending, SendingStatus
from tests.browser.signing_in import sign_in
from tests.factories.accounts import UserFactory
from tests.newsletter.world import confirmed

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

READERS = [("ann@example.org", "en"), ("bo@example.org", "sv"), ("cai@example.org", "en")]
READERS += [("dag@example.org", "nb"), ("eir@example.org", "is"), ("fay@example.org", "fi")]


def wait_until(condition, *, timeout: float = 30.0, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(0.2)
    raise AssertionError(f"{what}: not within {timeout} s")


def test_the_secretariat_writes_previews_tests_and_sends_an_issue_and_watches_it_go(
    browser, live_server, site_tree, celery_worker, settings, assert_accessible
):
    # Slow enough to watch: two emails a second, for all the portal's workers together.
    settings.NEWSLETTER_EMAILS_PER_SECOND = 2
    base = live_server.url
    for email, language in READERS:
        confirmed(email, language=language)
    secret = generate_totp_secret()
    staff = UserFactory(
        email="siri@nordicsafecities.org", role=Role.SECRETARIAT, totp_secret=secret
    )
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    sign_in(page, base, staff.email, totp_secret=secret)

    # 1. The issues, and a new one written in the admin.
    page.goto(f"{base}/admin/newsletter/issues/")
    assert_accessible(page)
    page.goto(f"{base}/admin/newsletter/issues/add/?locale=en")
    page.get_by_role("textbox", name="Subject*").fill("Autumn in the network")
    page.get_by_role("button", name="Insert a block").first.click()
    page.get_by_role("option", name="Heading", exact=True).click()
    page.locator("[name='body-0-value-heading']").fill("Twenty cities met in Bergen")
    assert_accessible(page)
    page.get_by_role("button", name="Save").first.click()
    issue = wait_until(
        lambda: Issue.objects.filter(subject="Autumn in the network").first(),
        what="the issue is saved",
    )
    page.goto(f"{base}/admin/newsletter/issues/edit/{issue.pk}/")
    assert_accessible(page)
    # A paragraph of text below the heading. (Not scanned from here on: Wagtail's rich text
    # editor has no accessible name, wagtail/wagtail#14205.)
    page.get_by_role("button", name="Insert a block").last.click()
    page.get_by_role("option", name="text", exact=True).click()
    page.locator(".Draftail-Editor [contenteditable=true]").first.click()
    page.keyboard.type("Each city shared what works.")
    # The editor writes what was typed into its form field a moment later.
    expect(page.locator("[name='body-1-value']")).to_have_value(re.compile("Each city shared"))
    page.get_by_role("button", name="Save").first.click()
    wait_until(
        lambda: "Each city shared" in Issue.objects.get(pk=issue.pk).body.render_as_block(),
        what="the text is saved",
    )
    page.goto(f"{base}/admin/newsletter/issues/edit/{issue.pk}/")

    # 2. From the editor to the send page: who it reaches, and the preview of the email.
    page.get_by_role("link", name="Send").click()
    page.wait_for_url(f"{base}/admin/newsletter/issues/{issue.pk}/send/")
    assert page.get_by_text("It reaches 6 subscribers now.").is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Preview the email in English").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Autumn in the network").is_visible()
    assert page.get_by_role("heading", name="Twenty cities met in Bergen").is_visible()
    assert page.get_by_text("Each city shared what works.").is_visible()
    page.go_back()

    # 3. A test to oneself, sent by the worker.
    page.get_by_role("button", name="Send a test to me").click()
    page.wait_for_load_state()
    assert page.get_by_text(f"A test was sent to {staff.email}.").is_visible()
    assert_accessible(page)
    wait_until(
        lambda: OutgoingEmail.objects.filter(to=staff.email, status=EmailStatus.SENT).exists(),
        what="the worker sends the test",
    )
    assert not Sending.objects.exists()

    # 4. Sent now: the page follows the sending by itself, without reloading, to 100 %.
    page.get_by_role("button", name="Send the issue").click()
    page.wait_for_load_state()
    assert page.get_by_text("The issue is being sent.").is_visible()
    page.evaluate("window.stayedOnThePage = true")
    # Two emails a second: six take about three seconds, and the page opened before the end.
    assert int(page.locator("progress").get_attribute("value")) < 100
    assert_accessible(page)
    expect(page.locator("progress")).to_have_attribute("value", "100", timeout=60_000)
    expect(page.locator("[data-progress-text]")).to_contain_text(
        "100 % done: 6 sent, 0 failed, 0 remaining."
    )
    assert page.evaluate("window.stayedOnThePage") is True
    assert not page.get_by_role("button", name="Cancel the scheduled send").is_visible()
    assert_accessible(page)
    assert Sending.objects.get(issue=issue).status == SendingStatus.SENT

    # 5. The email a reader received renders with no error and loads nothing from anywhere.
    (letter,) = [
        message
        for message in mail.outbox
        if message.to == ["ann@example.org"] and message.subject == "Autumn in the network"
    ]
    ((html, mimetype),) = letter.alternatives
    assert mimetype == "text/html"
    reader = browser.new_page()
    requested, errors = [], []
    reader.route("**/*", lambda route: (requested.append(route.request.url), route.abort()))
    reader.on("console", lambda message: message.type == "error" and errors.append(message.text))
    reader.on("pageerror", lambda error: errors.append(str(error)))
    reader.set_content(html, wait_until="load")
    assert reader.get_by_role("heading", name="Autumn in the network").is_visible()
    assert re.search(r"/newsletter/unsubscribe/\S+/", html)
    assert requested == [] and errors == []
