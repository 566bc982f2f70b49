"""Passwords are reset and changed through allauth only, and its mail goes through the outbox."""

import pytest

from django.core import mail

from accounts.models import Role
from core.models import OutgoingEmail
from tests.factories.accounts import UserFactory, sign_in

pytestmark = pytest.mark.django_db


def test_wagtails_password_reset_sends_nothing_and_points_to_allauths(client):
    person = UserFactory(email="kari@example.org")

    responses = [
        client.post("/admin/password_reset/", {"email": person.email}) for _attempt in range(8)
    ]

    assert {(response.status_code, response["Location"]) for response in responses} == {
        (302, "/en/accounts/password/reset/")
    }
    for rest in ("done/", "complete/", "confirm/MQ/set-password/"):
        assert client.get(f"/admin/password_reset/{rest}", follow=True).status_code == 404
    assert OutgoingEmail.objects.count() == 0
    assert mail.outbox == []


def test_allauths_reset_is_rate_limited_and_mails_through_the_outbox(
    client, django_capture_on_commit_callbacks
):
    person = UserFactory(email="kari@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        for _attempt in range(8):
            client.post("/en/accounts/password/reset/", {"email": person.email})

    queued = OutgoingEmail.objects.filter(to=person.email)
    assert 1 <= queued.count() <= 5
    assert len(mail.outbox) == queued.count()
    assert {email.subject for email in queued} == {"Password Reset Email"}
    assert all("/en/accounts/password/reset/key/" in email.text_body for email in queued)


def test_the_admin_offers_no_password_change_of_its_own(client):
    sign_in(client, UserFactory(role=Role.SECRETARIAT))

    account = client.get("/admin/account/").content.decode()
    user_form = client.get("/admin/users/add/").content.decode()

    assert 'name="password_change' not in account
    assert 'name="old_password"' not in account
    assert 'name="password1"' not in user_form
