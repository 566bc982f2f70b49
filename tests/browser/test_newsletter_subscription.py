"""A newsletter subscription as a reader lives it, in a real browser: subscribe (after a mistyped
address), confirm from the email's link, change the language and topics from the welcome
email's link, and leave with one click. axe scans every page, with and without form errors, and
the subscription in a signed-in person's account."""

import pytest

from django.core import mail
from django.test import Client

from newsletter.models import Consent, Subscriber
from tests.browser.signing_in import sign_in
from tests.factories.accounts import UserFactory
from tests.newsletter.world import link_in, path_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_reader_subscribes_confirms_changes_topics_and_leaves_with_one_click(
    browser, live_server, site_tree, assert_accessible
):
    base = live_server.url
    reader = browser.new_page()

    # 1. The form, sent with a mistyped address: the error, and nothing typed is lost.
    reader.goto(f"{base}/en/newsletter/")
    assert_accessible(reader)
    reader.get_by_label("Email").fill("reader@example")
    reader.get_by_label("Language of the newsletter").select_option("is")
    reader.get_by_label("Strong Youth Engagement").check()
    reader.get_by_role("button", name="Subscribe").click()
    reader.wait_for_load_state()
    assert reader.get_by_role("heading", name="Please correct the following").is_visible()
    assert reader.get_by_label("Email").input_value() == "reader@example"
    assert reader.get_by_label("Language of the newsletter").input_value() == "is"
    reader.get_by_label("Language of the newsletter").select_option("en")
    assert reader.get_by_label("Strong Youth Engagement").is_checked()
    assert_accessible(reader)
    reader.get_by_label("Email").fill("reader@example.org")
    reader.get_by_role("button", name="Subscribe").click()
    reader.wait_for_url(f"{base}/en/newsletter/thanks/")
    assert reader.get_by_role("heading", name="Check your inbox").is_visible()
    assert_accessible(reader)

    # 2. The confirmation link from the email: a page that asks, then the confirmation.
    (request,) = mail.outbox
    assert request.to == ["reader@example.org"]
    reader.goto(base + link_in(request.body, "confirm"))
    assert_accessible(reader)
    reader.get_by_role("button", name="Confirm my subscription").click()
    reader.wait_for_load_state()
    assert reader.get_by_role("heading", name="You are subscribed").is_visible()
    assert_accessible(reader)
    assert Subscriber.objects.get().status == "active"

    # 3. The preferences link of the welcome email: Finnish, and all topics.
    welcome = mail.outbox[-1]
    assert "Welcome" in welcome.subject
    preferences = link_in(welcome.body, "preferences")
    reader.goto(base + preferences)
    assert_accessible(reader)
    assert reader.get_by_label("Strong Youth Engagement").is_checked()
    reader.get_by_label("Language of the newsletter").select_option("fi")
    reader.get_by_label("Strong Youth Engagement").uncheck()
    reader.get_by_role("button", name="Save my preferences").click()
    reader.wait_for_load_state()
    assert reader.get_by_text("Your preferences are saved.").is_visible()
    assert_accessible(reader)
    subscriber = Subscriber.objects.get()
    assert subscriber.language == "fi" and subscriber.interests.count() == 0

    # 4. The unsubscribe page (from the preferences page) asks with one button...
    reader.get_by_role("link", name="Unsubscribe from the newsletter").click()
    reader.wait_for_load_state()
    assert_accessible(reader)

    # ... and the mail program's one-click button (RFC 8058) posts to the header's address.
    unsubscribe = welcome.extra_headers["List-Unsubscribe"].strip("<>")
    assert welcome.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    mail_program = Client(enforce_csrf_checks=True)
    response = mail_program.post(
        path_of(unsubscribe),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert Subscriber.objects.get().status == "unsubscribed"
    assert list(Consent.objects.values_list("action", flat=True)) == [
        "subscribed",
        "confirmed",
        "preferences_changed",
        "unsubscribed",
    ]

    # The reader's own button, on the page they had open, now finds them unsubscribed.
    reader.get_by_role("button", name="Unsubscribe").click()
    reader.wait_for_load_state()
    assert reader.get_by_role("heading", name="You are unsubscribed").is_visible()
    assert_accessible(reader)

    # A used confirmation link says so, clearly.
    reader.goto(base + link_in(request.body, "confirm"))
    assert reader.get_by_role("heading", name="This link cannot be used").is_visible()
    assert_accessible(reader)


def test_a_signed_in_person_subscribes_from_their_account(
    browser, live_server, site_tree, assert_accessible
):
    base = live_server.url
    person = UserFactory(email="petra@example.org", name="Petra Public")
    page = browser.new_page()
    sign_in(page, base, person.email, next_path="/en/accounts/my-data/")
    page.goto(f"{base}/en/accounts/my-data/")
    page.get_by_role("link", name="Your newsletter subscription").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_label("Language of the newsletter").select_option("da")
    page.get_by_role("button", name="Subscribe").click()
    page.wait_for_load_state()
    assert page.get_by_text("You are subscribed to the newsletter.").is_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Unsubscribe").click()
    page.wait_for_load_state()
    assert page.get_by_text("You are unsubscribed from the newsletter.").is_visible()
    assert_accessible(page)
    assert Subscriber.objects.get().status == "unsubscribed"
