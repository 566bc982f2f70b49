import json

import pytest

from accounts.models import Role, User
from core.models import OutgoingEmail
from tests.factories.accounts import UserFactory


@pytest.mark.django_db
class TestMyData:
    @pytest.mark.parametrize("path", ["/en/accounts/my-data/", "/en/accounts/my-data/delete/"])
    def test_anonymous_visitors_are_asked_to_sign_in(self, client, path):
        response = client.get(path)

        assert response.status_code == 302
        assert response["Location"].startswith("/en/accounts/login/")

    @pytest.mark.parametrize("role", [None, Role.COORDINATOR, Role.SECRETARIAT])
    def test_every_signed_in_person_downloads_exactly_their_own_data(self, client, role):
        person = UserFactory(name="Ola Nordmann", language="nb", role=role)
        other = UserFactory(email="someone-else@example.org")
        OutgoingEmail.objects.create(
            to=person.email, language="nb", subject="Velkommen", text_body="t", html_body="h"
        )
        OutgoingEmail.objects.create(
            to=other.email, language="en", subject="Not yours", text_body="t", html_body="h"
        )
        client.force_login(person)

        response = client.post("/en/accounts/my-data/download/")

        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment;")
        data = json.loads(response.content)
        assert data["account"]["email"] == person.email
        assert data["account"]["name"] == "Ola Nordmann"
        assert data["account"]["preferred_language"] == "nb"
        assert [e["subject"] for e in data["emails_sent_to_you"]] == ["Velkommen"]
        assert "someone-else@example.org" not in response.content.decode()

    def test_the_download_is_a_post_so_a_link_cannot_trigger_it(self, client):
        client.force_login(UserFactory())

        assert client.get("/en/accounts/my-data/download/").status_code == 405

    def test_a_wrong_password_keeps_the_account_and_says_why_in_the_visitors_language(self, client):
        person = UserFactory()
        client.force_login(person)

        response = client.post("/sv/accounts/my-data/delete/", {"password": "wrong"})

        assert response.status_code == 400
        assert "Det är inte ditt lösenord." in response.content.decode()
        assert User.objects.filter(pk=person.pk).exists()

    def test_the_right_password_deletes_the_account_and_signs_out(self, client):
        person = UserFactory()
        OutgoingEmail.objects.create(
            to=person.email, language="en", subject="s", text_body="t", html_body="h"
        )
        client.force_login(person)

        response = client.post("/en/accounts/my-data/delete/", {"password": "nordic-safe-demo"})

        assert response.status_code == 302
        assert not User.objects.filter(pk=person.pk).exists()
        assert not OutgoingEmail.objects.filter(to=person.email).exists()
        assert "_auth_user_id" not in client.session
