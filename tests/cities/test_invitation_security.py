"""Invitation links: they never sign anyone in as an existing account, and cannot be forged."""

from urllib.parse import quote

import pytest
from allauth.mfa.totp.internal.auth import generate_totp_secret

from django.core import signing
from django.test import Client

from accounts.models import Role, User
from cities.models import Coordinator, CoordinatorInvitation, MembershipStatus
from cities.services import (
    INVITATION_SALT,
    InvitationError,
    invitation_accept_with_new_account,
    invitation_create,
    invitation_token,
    membership_create,
)
from tests.factories.accounts import DEMO_PASSWORD, UserFactory, sign_in
from tests.factories.cities import CityPageFactory, coordinator_of, member_city

pytestmark = pytest.mark.django_db

MEMBERSHIPS = "/admin/cities/memberships/"


@pytest.fixture
def oslo(site_tree):
    return member_city("Oslo")


def _invite(membership, email):
    invitation = invitation_create(membership=membership, email=email, name="Nora", by=None)
    return invitation, f"/en/accounts/invitation/{invitation_token(invitation)}/"


def _password_form(password="a-new-password-of-mine"):
    return {"name": "Mallory", "password1": password, "password2": password}


class TestAnInvitationToAnExistingAccount:
    def test_the_link_alone_signs_nobody_in_and_changes_no_password(self, oslo):
        secretary = UserFactory(
            email="staff@nordicsafecities.org",
            role=Role.SECRETARIAT,
            totp_secret=generate_totp_secret(),
        )
        invitation, link = _invite(oslo, "Staff@NordicSafeCities.org")
        visitor = Client()

        shown = visitor.get(link)
        posted = visitor.post(link, _password_form())

        assert shown.status_code == 200
        assert "An account with this address exists already" in shown.content.decode()
        assert f'href="/en/accounts/login/?next={quote(link, safe="")}"' in shown.content.decode()
        assert 'type="password"' not in shown.content.decode()
        assert posted.status_code == 403
        assert "_auth_user_id" not in visitor.session
        assert visitor.get("/admin/").status_code == 302
        assert visitor.get(f"{MEMBERSHIPS}?export=csv").status_code == 302
        secretary.refresh_from_db()
        assert secretary.check_password(DEMO_PASSWORD)
        invitation.refresh_from_db()
        assert invitation.is_open
        assert not Coordinator.objects.filter(user=secretary).exists()

    def test_signed_in_without_the_accounts_second_factor_it_asks_for_the_code(self, oslo):
        person = UserFactory(email="kari@example.org", totp_secret=generate_totp_secret())
        _invitation, link = _invite(oslo, person.email)
        client = Client()
        sign_in(client, person, second_factor=False)

        response = client.post(link)

        assert response.status_code == 302
        assert response["Location"].startswith("/en/accounts/2fa/reauthenticate/?next=")
        assert not Coordinator.objects.filter(user=person).exists()

    def test_signed_in_as_the_invited_account_it_is_accepted_and_the_password_kept(self, oslo):
        person = UserFactory(email="kari@example.org")
        invitation, link = _invite(oslo, person.email)
        client = Client()
        sign_in(client, person, second_factor=False)

        shown = client.get(link)
        accepted = client.post(link)

        assert 'type="password"' not in shown.content.decode()
        assert "Accept the invitation" in shown.content.decode()
        assert accepted.status_code == 302
        assert accepted["Location"] == "/admin/"
        person = User.objects.get(pk=person.pk)
        assert person.coordinator.membership == oslo
        assert person.check_password(DEMO_PASSWORD)
        invitation.refresh_from_db()
        assert invitation.accepted_at is not None
        assert Client().get(link).status_code == 410

    def test_signed_in_as_another_account_it_is_not_accepted(self, oslo):
        invitee = UserFactory(email="kari@example.org")
        _invitation, link = _invite(oslo, invitee.email)
        client = Client()
        sign_in(client, UserFactory(email="someone.else@example.org"), second_factor=False)

        shown = client.get(link)
        posted = client.post(link)

        assert "You are signed in as someone.else@example.org" in shown.content.decode()
        assert posted.status_code == 403
        assert not Coordinator.objects.exists()

    def test_a_new_account_is_never_made_over_one_that_appeared_meanwhile(self, oslo):
        invitation, _link = _invite(oslo, "kari@example.org")
        UserFactory(email="Kari@example.org")

        with pytest.raises(InvitationError):
            invitation_accept_with_new_account(
                invitation=invitation, name="Kari", password="a-new-password-of-mine", language="en"
            )

        assert User.objects.get(email__iexact="kari@example.org").check_password(DEMO_PASSWORD)


class TestForgedLinks:
    def test_a_link_signed_with_the_key_and_the_id_alone_is_refused(self, client, oslo):
        invitation, _link = _invite(oslo, "new@example.org")
        forged = signing.dumps({"invitation": invitation.pk}, salt=INVITATION_SALT)

        response = client.post(f"/en/accounts/invitation/{forged}/", _password_form())

        assert response.status_code == 410
        assert "not valid" in response.content.decode()
        assert not User.objects.filter(email="new@example.org").exists()

    def test_a_link_with_another_invitations_nonce_is_refused(self, client, oslo):
        first, _link = _invite(oslo, "first@example.org")
        second, _link = _invite(oslo, "second@example.org")
        forged = signing.dumps(
            {"invitation": second.pk, "nonce": first.nonce}, salt=INVITATION_SALT
        )

        assert client.get(f"/en/accounts/invitation/{forged}/").status_code == 410

    def test_every_invitation_draws_its_own_nonce(self, oslo):
        nonces = {_invite(oslo, f"p{n}@example.org")[0].nonce for n in range(5)}

        assert len(nonces) == 5
        assert all(len(nonce) >= 40 for nonce in nonces)


class TestWithdrawing:
    def test_the_secretariat_withdraws_an_open_invitation_and_its_link_dies(self, client, oslo):
        invitation, link = _invite(oslo, "new@example.org")
        sign_in(client, UserFactory(role=Role.SECRETARIAT))
        listing = client.get(f"{MEMBERSHIPS}coordinators/{oslo.pk}/").content.decode()
        url = f"{MEMBERSHIPS}coordinators/{oslo.pk}/withdraw/{invitation.pk}/"

        response = client.post(url)

        assert f'action="{url}"' in listing
        assert response["Location"] == f"{MEMBERSHIPS}coordinators/{oslo.pk}/"
        invitation.refresh_from_db()
        assert invitation.revoked_at is not None
        refused = Client().get(link)
        assert refused.status_code == 410
        assert "withdrawn" in refused.content.decode()
        listing_after = client.get(f"{MEMBERSHIPS}coordinators/{oslo.pk}/").content.decode()
        assert f'action="{url}"' not in listing_after
        assert "No open invitations." in listing_after

    @pytest.mark.parametrize("who", ["anonymous", "coordinator", "public"])
    def test_nobody_else_can_withdraw_one(self, client, oslo, who):
        invitation, _link = _invite(oslo, "new@example.org")
        if who == "coordinator":
            sign_in(client, coordinator_of(oslo), second_factor=False)
        elif who == "public":
            sign_in(client, UserFactory(), second_factor=False)

        response = client.post(f"{MEMBERSHIPS}coordinators/{oslo.pk}/withdraw/{invitation.pk}/")

        assert response.status_code in {302, 403}
        if response.status_code == 302:
            assert response["Location"].startswith("/accounts/login/")
        assert CoordinatorInvitation.objects.get(pk=invitation.pk).is_open

    def test_an_accepted_invitation_cannot_be_withdrawn(self, client, oslo):
        invitation, link = _invite(oslo, "new@example.org")
        Client().post(link, _password_form())
        sign_in(client, UserFactory(role=Role.SECRETARIAT))

        url = f"{MEMBERSHIPS}coordinators/{oslo.pk}/withdraw/{invitation.pk}/"
        response = client.post(url, follow=True)

        # Unknown admin addresses go on to the public site's language prefix, then 404.
        assert response.status_code == 404
        assert CoordinatorInvitation.objects.get(pk=invitation.pk).revoked_at is None


def test_a_membership_created_as_former_records_when_it_was_left(site_tree):
    from django.utils import timezone

    page = CityPageFactory(title="Turku", country_code="FI", publish=False)

    membership = membership_create(city_page=page, status=MembershipStatus.FORMER, by=None)

    assert membership.left_on == timezone.localdate()
    assert membership.joined_on is None
