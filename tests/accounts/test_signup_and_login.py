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

    assert "Too many failed sign-ins" not in responses[0].content.decode()
    assert "Too many failed sign-ins. Try again in 5 minutes." in responses[-1].content.decode()
    # Even the right password is refused until the limit has passed.
    response = client.post(
        "/en/accounts/login/", {"login": "target@example.org", "password": "nordic-safe-demo"}
    )
    assert "_auth_user_id" not in client.session
    assert "Too many failed sign-ins" in response.content.decode()


def _sign_in(client, email: str, password: str, address: str, language: str = "en"):
    client.cookies.clear()
    return client.post(
        f"/{language}/accounts/login/",
        {"login": email, "password": password},
        REMOTE_ADDR=address,
    )


CITY_HALL, ELSEWHERE = "198.51.100.7", "203.0.113.9"


@pytest.mark.django_db
def test_a_lock_out_holds_one_account_at_one_address_not_the_building(client):
    from tests.factories.accounts import UserFactory

    UserFactory(email="target@example.org")
    UserFactory(email="colleague@example.org")
    for n in range(5):
        _sign_in(client, "target@example.org", f"wrong-{n}", CITY_HALL)

    refused = _sign_in(client, "target@example.org", "nordic-safe-demo", CITY_HALL)
    colleague = _sign_in(client, "colleague@example.org", "nordic-safe-demo", CITY_HALL)
    from_home = _sign_in(client, "target@example.org", "nordic-safe-demo", ELSEWHERE)

    assert "Too many failed sign-ins. Try again in 5 minutes." in refused.content.decode()
    assert colleague.status_code == 302  # the same building signs in
    assert from_home.status_code == 302  # the same account, from elsewhere


@pytest.mark.django_db
def test_many_failures_from_one_address_lock_it_at_a_higher_ceiling(client, settings):
    from django.conf import settings as configured

    from tests.factories.accounts import UserFactory

    # The configured ceiling per address (30 in 5 minutes) is above allauth's limit on sign-in
    # requests (30 a minute); a lower one shows the rule without waiting a minute.
    assert configured.ACCOUNT_RATE_LIMITS["login_failed"] == "30/5m/ip,5/5m/key"
    settings.ACCOUNT_RATE_LIMITS = {
        **configured.ACCOUNT_RATE_LIMITS,
        "login_failed": "8/5m/ip,5/5m/key",
    }
    UserFactory(email="colleague@example.org")
    for n in range(8):
        _sign_in(client, f"guess{n % 3}@example.org", "wrong", CITY_HALL)

    refused = _sign_in(client, "colleague@example.org", "nordic-safe-demo", CITY_HALL)
    elsewhere = _sign_in(client, "colleague@example.org", "nordic-safe-demo", ELSEWHERE)

    assert "Too many failed sign-ins" in refused.content.decode()
    assert elsewhere.status_code == 302


@pytest.mark.django_db
def test_the_person_locked_out_is_told_for_how_long_in_their_language(client):
    from django.utils import translation

    from tests.factories.accounts import UserFactory

    UserFactory(email="target@example.org")
    for n in range(5):
        _sign_in(client, "target@example.org", f"wrong-{n}", CITY_HALL, language="fi")

    refused = _sign_in(client, "target@example.org", "nordic-safe-demo", CITY_HALL, language="fi")

    with translation.override("fi"):
        expected = translation.ngettext(
            "Too many failed sign-ins. Try again in %(minutes)s minute.",
            "Too many failed sign-ins. Try again in %(minutes)s minutes.",
            5,
        ) % {"minutes": 5}
    assert expected in refused.content.decode()


@pytest.mark.django_db
def test_too_many_sign_in_requests_get_the_portals_own_page_in_the_visitors_language(client):
    from django.utils import translation

    for n in range(31):
        response = _sign_in(client, f"guess{n}@example.org", "wrong", CITY_HALL, language="sv")

    assert response.status_code == 429
    with translation.override("sv"):
        assert translation.gettext("Too many requests") in response.content.decode()
    assert '<html lang="sv"' in response.content.decode()


@pytest.mark.django_db
def test_guessing_at_one_account_from_many_addresses_stops_at_a_ceiling(client, settings):
    from tests.factories.accounts import UserFactory

    settings.LOGIN_FAILED_PER_ACCOUNT = "6/1h/key"  # 20 an hour as configured; fewer to show it
    UserFactory(email="target@example.org")
    UserFactory(email="colleague@example.org")
    for n in range(6):
        _sign_in(client, "target@example.org", "wrong", f"192.0.2.{n + 1}")  # one try each

    refused = _sign_in(client, "target@example.org", "nordic-safe-demo", "192.0.2.99")
    colleague = _sign_in(client, "colleague@example.org", "nordic-safe-demo", "192.0.2.99")

    assert "Too many failed sign-ins. Try again in 60 minutes." in refused.content.decode()
    assert colleague.status_code == 302  # another account, from that same address


@pytest.mark.django_db
def test_behind_the_proxy_each_client_is_counted_by_its_own_address(client, settings):
    from tests.factories.accounts import UserFactory

    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1  # production's: a TLS proxy in front
    UserFactory(email="target@example.org")

    def through_the_proxy(password: str, client_address: str):
        client.cookies.clear()
        return client.post(
            "/en/accounts/login/",
            {"login": "target@example.org", "password": password},
            REMOTE_ADDR="10.0.0.2",  # the proxy's, for every request
            HTTP_X_FORWARDED_FOR=client_address,
        )

    for n in range(5):
        through_the_proxy(f"wrong-{n}", CITY_HALL)
    refused = through_the_proxy("nordic-safe-demo", CITY_HALL)
    from_home = through_the_proxy("nordic-safe-demo", ELSEWHERE)

    assert "Too many failed sign-ins" in refused.content.decode()
    assert from_home.status_code == 302
