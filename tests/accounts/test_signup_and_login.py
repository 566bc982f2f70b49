import re

import pytest

from django.core import mail

from accounts.models import User
from core.models import EmailStatus, OutgoingEmail


def _sign_up(client, language="en", **overrides):
    data = {
        "name": "Astrid Lind",
        "email": "astrid@example.org",
        "password1": "a-long-safe-passphrase",
        "password2": "a-long-safe-passphrase",
    } | overrides
    return client.post(f"/{language}/accounts/signup/", data)


@pytest.mark.django_db
class TestSignUp:
    def test_a_person_signs_up_and_gets_a_verification_email_in_their_language(
        self, client, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = _sign_up(client, language="sv")

        assert response.status_code == 302
        user = User.objects.get(email="astrid@example.org")
        assert (user.name, user.language) == ("Astrid Lind", "sv")
        email = OutgoingEmail.objects.get(to="astrid@example.org")
        assert email.status == EmailStatus.SENT
        assert email.language == "sv"
        assert "Bekräfta" in email.subject or "bekräfta" in email.text_body.lower()
        assert "<html" in email.html_body
        assert len(mail.outbox) == 1

    def test_the_account_cannot_sign_in_before_the_address_is_verified(
        self, client, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            _sign_up(client)
        client.logout()

        response = client.post(
            "/en/accounts/login/",
            {"login": "astrid@example.org", "password": "a-long-safe-passphrase"},
        )

        assert response.status_code == 302
        assert response["Location"] == "/en/accounts/confirm-email/"
        assert "_auth_user_id" not in client.session

    def test_following_the_link_verifies_the_address_and_allows_sign_in(
        self, client, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            _sign_up(client)
        link = re.search(r"http://testserver(/\S+/confirm-email/\S+/)", mail.outbox[0].body)[1]
        client.post(link)
        client.logout()

        response = client.post(
            "/en/accounts/login/",
            {"login": "astrid@example.org", "password": "a-long-safe-passphrase"},
        )

        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(User.objects.get().pk)

    def test_bad_input_shows_translated_errors_and_keeps_what_was_typed(self, client):
        response = _sign_up(client, language="da", password2="something-else")

        assert response.status_code == 200
        html = response.content.decode()
        assert 'value="Astrid Lind"' in html
        assert 'value="astrid@example.org"' in html
        assert "Du skal skrive den samme adgangskode hver gang" in html
        assert not User.objects.exists()

    def test_an_address_already_in_use_is_refused_whatever_its_case(self, client):
        from tests.factories.accounts import UserFactory

        UserFactory(email="astrid@example.org")
        response = _sign_up(client, email="Astrid@Example.org")

        # The form answers as for a new address, so nobody learns who has an account; the
        # address's owner is told by email instead.
        assert response["Location"] == "/en/accounts/confirm-email/"
        assert User.objects.count() == 1
        email = OutgoingEmail.objects.get(to="astrid@example.org")
        assert email.subject == "Account Already Exists"


@pytest.mark.django_db
def test_repeated_failed_sign_ins_are_rate_limited(client):
    from tests.factories.accounts import UserFactory

    UserFactory(email="target@example.org")
    responses = [
        client.post(
            "/en/accounts/login/", {"login": "target@example.org", "password": f"wrong-{n}"}
        )
        for n in range(6)
    ]

    assert "Too many failed login attempts" not in responses[0].content.decode()
    assert "Too many failed login attempts" in responses[-1].content.decode()
    # Even the right password is refused until the limit has passed.
    response = client.post(
        "/en/accounts/login/", {"login": "target@example.org", "password": "nordic-safe-demo"}
    )
    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in response.content.decode()
