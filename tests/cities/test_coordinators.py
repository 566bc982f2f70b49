import re

import pytest

from django.core import mail

from accounts.models import Role, User
from cities.models import Coordinator, CoordinatorInvitation
from cities.services import (
    coordinator_remove,
    invitation_create,
    invitation_token,
    membership_change_status,
)
from tests.factories.accounts import UserFactory
from tests.factories.cities import city_page, coordinator_of, member_city
from tests.worlds import once_per_class

pytestmark = pytest.mark.django_db


def _cities():
    return {"oslo": member_city("Oslo"), "stockholm": member_city("Stockholm")}


cities, cities_built = once_per_class("cities", _cities)


def _invite(membership, email="new.coordinator@example.org"):
    invitation = invitation_create(membership=membership, email=email, name="Nora", by=None)
    return invitation, invitation_token(invitation)


def _accept(client, token, language="en", **overrides):
    data = {
        "name": "Nora Berg",
        "password1": "a-long-safe-passphrase",
        "password2": "a-long-safe-passphrase",
    } | overrides
    return client.post(f"/{language}/accounts/invitation/{token}/", data)


class TestInvitations:
    def test_the_invitation_email_carries_a_link_that_makes_the_person_coordinator(
        self, client, cities, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            invitation_create(
                membership=cities["oslo"], email="Nora@Example.org", by=None, language="nb"
            )
        link = re.search(r"http://testserver(/nb/accounts/invitation/\S+/)", mail.outbox[0].body)
        assert link, mail.outbox[0].body

        response = client.post(
            link[1],
            {
                "name": "Nora Berg",
                "password1": "a-long-safe-passphrase",
                "password2": "a-long-safe-passphrase",
            },
        )

        assert response.status_code == 302
        user = User.objects.get(email="nora@example.org")
        assert user.is_coordinator
        assert user.coordinator.membership == cities["oslo"]
        assert user.emailaddress_set.get().verified
        assert client.session["_auth_user_id"] == str(user.pk)

    def test_an_invitation_link_works_once(self, client, cities):
        _invitation, token = _invite(cities["oslo"])
        _accept(client, token)
        client.logout()

        response = client.get(f"/en/accounts/invitation/{token}/")

        assert response.status_code == 410
        assert "already been used" in response.content.decode()

    def test_an_expired_invitation_is_refused_with_a_clear_message(
        self, client, cities, monkeypatch
    ):
        _invitation, token = _invite(cities["oslo"])
        # Every signature is older than a negative maximum age.
        monkeypatch.setattr("cities.services.INVITATION_MAX_AGE", -1)

        response = client.get(f"/en/accounts/invitation/{token}/")

        assert response.status_code == 410
        assert "expired" in response.content.decode()

    def test_a_tampered_link_is_refused(self, client, cities):
        _invitation, token = _invite(cities["oslo"])

        response = client.get(f"/en/accounts/invitation/{token[:-2]}xx/")

        assert response.status_code == 410
        assert "not valid" in response.content.decode()

    def test_bad_input_keeps_the_name_and_explains_in_the_visitors_language(self, client, cities):
        _invitation, token = _invite(cities["oslo"])

        response = _accept(client, token, language="da", password2="something-else")

        assert response.status_code == 400
        html = response.content.decode()
        assert 'value="Nora Berg"' in html
        assert "De to adgangskoder er forskellige." in html
        assert not User.objects.filter(email="new.coordinator@example.org").exists()


class TestCoordinatorRights:
    """A coordinator edits their own city in every language tree, and nothing else."""

    def test_a_coordinator_may_edit_and_publish_their_city_page_in_every_language(self, cities):
        user = coordinator_of(cities["oslo"])

        for language in ("en", "sv", "is"):
            permissions = city_page(cities["oslo"], language).permissions_for_user(user)
            assert permissions.can_edit(), language
            assert permissions.can_publish(), language

    def test_a_coordinator_of_oslo_cannot_edit_stockholm(self, cities):
        user = coordinator_of(cities["oslo"])

        for language in ("en", "sv"):
            permissions = city_page(cities["stockholm"], language).permissions_for_user(user)
            assert not permissions.can_edit()
            assert not permissions.can_publish()

    def test_a_coordinator_cannot_edit_the_home_page_or_the_cities_index(self, cities, site_tree):
        user = coordinator_of(cities["oslo"])

        assert not site_tree.permissions_for_user(user).can_edit()
        assert not city_page(cities["oslo"]).get_parent().permissions_for_user(user).can_edit()

    def test_the_admin_edit_view_answers_by_url_for_their_city_only(self, client, cities):
        user = coordinator_of(cities["oslo"])
        client.force_login(user)

        own = client.get(f"/admin/pages/{city_page(cities['oslo'], 'sv').pk}/edit/")
        other = client.get(f"/admin/pages/{city_page(cities['stockholm']).pk}/edit/")

        assert own.status_code == 200
        assert (own.context["page"].title, own.context["page"].locale.language_code) == (
            "Oslo",
            "sv",
        )
        assert other.status_code in (302, 403)
        if other.status_code == 302:
            assert "/admin/pages/" not in other["Location"]

    def test_removing_a_coordinator_revokes_the_rights_at_once(self, client, cities):
        user = coordinator_of(cities["oslo"])
        client.force_login(user)
        page_id = city_page(cities["oslo"]).pk
        assert client.get(f"/admin/pages/{page_id}/edit/").status_code == 200

        coordinator_remove(coordinator=Coordinator.objects.get(user=user))

        user = User.objects.get(pk=user.pk)
        assert not city_page(cities["oslo"]).permissions_for_user(user).can_edit()
        assert client.get(f"/admin/pages/{page_id}/edit/").status_code == 403

    def test_a_suspended_membership_takes_the_coordinators_rights_with_it(self, cities):
        user = coordinator_of(cities["oslo"])

        membership_change_status(
            membership=cities["oslo"], status="suspended", by=None, reason="Unpaid fee."
        )

        user = User.objects.get(pk=user.pk)
        assert not city_page(cities["oslo"]).permissions_for_user(user).can_edit()

    def test_a_person_coordinates_one_city_at_most(self, cities):
        from django.core.exceptions import ValidationError

        from cities.services import coordinator_add

        user = coordinator_of(cities["oslo"])

        with pytest.raises(ValidationError):
            coordinator_add(membership=cities["stockholm"], user=user)

    @pytest.mark.parametrize("role", [None, Role.SECRETARIAT])
    def test_people_who_are_not_coordinators_of_the_city_cannot_edit_it(self, cities, role):
        user = UserFactory(role=role)
        permissions = city_page(cities["oslo"]).permissions_for_user(user)

        assert permissions.can_edit() is (role == Role.SECRETARIAT)


def test_an_open_invitation_is_recorded_with_who_sent_it(cities):
    secretary = UserFactory(role=Role.SECRETARIAT)

    invitation_create(membership=cities["oslo"], email="x@example.org", by=secretary)

    assert CoordinatorInvitation.objects.get().invited_by == secretary


def test_a_coordinators_data_download_names_their_city(client, cities):
    import json

    user = coordinator_of(cities["oslo"])
    client.force_login(user)

    data = json.loads(client.post("/en/accounts/my-data/download/").content)

    assert data["city_coordinator_of"]["city"] == "Oslo"
