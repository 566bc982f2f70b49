import re
import time

import pytest
from allauth.account.models import EmailAddress

from django.core import mail
from django.utils import translation

from core.models import EmailStatus, OutgoingEmail
from tests.browser.signing_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _wait_for_sent_email(to: str, timeout: float = 20.0) -> OutgoingEmail:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        email = OutgoingEmail.objects.filter(to=to, status=EmailStatus.SENT).first()
        if email is not None:
            return email
        time.sleep(0.2)
    raise AssertionError(f"the worker sent no email to {to} within {timeout} s")


def test_a_person_signs_up_verifies_from_the_workers_email_signs_in_and_out(
    page, live_server, celery_worker, assert_accessible
):
    page.goto(f"{live_server.url}/sv/accounts/signup/")
    assert_accessible(page)
    page.get_by_label("Ditt namn").fill("Karin Berg")
    page.get_by_label("E-post").fill("karin@example.org")
    page.get_by_label(re.compile(r"^Lösenord\W*$")).fill("a-long-safe-passphrase")
    page.get_by_label("Lösenord (igen)").fill("a-long-safe-passphrase")
    with translation.override("sv"):
        create = translation.gettext("Create an account")
    page.get_by_role("button", name=create).click()
    page.wait_for_url(re.compile(r".*/sv/accounts/confirm-email/$"))

    email = _wait_for_sent_email("karin@example.org")
    assert email.language == "sv"
    sent = [message for message in mail.outbox if message.to == ["karin@example.org"]]
    assert len(sent) == 1  # written once, by the worker
    link = re.search(r"https?://\S+/confirm-email/\S+/", sent[0].body)[0]
    path = link.split("/", 3)[3]
    page.goto(f"{live_server.url}/{path}")
    with page.expect_navigation():
        page.get_by_role("button", name="Bekräfta").click()
    assert EmailAddress.objects.get(email="karin@example.org").verified

    sign_in(
        page, live_server.url, "karin@example.org", password="a-long-safe-passphrase", language="sv"
    )
    assert page.url == f"{live_server.url}/sv/", page.content()[:3000]
    page.goto(f"{live_server.url}/sv/accounts/my-data/")
    assert page.get_by_role("heading", level=1).inner_text() == "Mina uppgifter"

    page.get_by_role("button", name="Logga ut").click()
    page.goto(f"{live_server.url}/sv/accounts/my-data/")
    assert "/sv/accounts/login/" in page.url
