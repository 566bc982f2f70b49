import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from accounts.models import Role
from tests.factories.accounts import DEMO_PASSWORD, UserFactory, sign_in, totp_code


@pytest.fixture
def secretariat(db):
    return UserFactory(role=Role.SECRETARIAT)


@pytest.mark.django_db
class TestAdminAccess:
    def test_anonymous_visitors_are_sent_to_the_allauth_sign_in(self, client):
        response = client.get("/admin/")

        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")

    def test_wagtails_own_login_form_sends_people_to_allauth(self, client):
        response = client.get("/admin/login/?next=/admin/pages/")

        assert response.status_code == 302
        assert response["Location"] == "/en/accounts/login/?next=/admin/pages/"

    def test_wagtails_frontend_login_form_cannot_sign_anyone_in_past_two_factor(
        self, client, secretariat
    ):
        TOTP.activate(secretariat, generate_totp_secret())

        # Wagtail's password-only form for private pages, at /<language>/_util/login/.
        shown = client.get("/en/_util/login/?next=/admin/")
        posted = client.post(
            "/en/_util/login/?next=/admin/",
            {"username": secretariat.email, "password": DEMO_PASSWORD},
        )

        assert shown["Location"] == "/en/accounts/login/?next=/admin/"
        assert posted["Location"] == "/en/accounts/login/?next=/admin/"
        assert "_auth_user_id" not in client.session
        assert client.get("/admin/").status_code == 302

    def test_a_member_of_the_public_cannot_open_the_admin(self, client):
        client.force_login(UserFactory())

        response = client.get("/admin/")

        assert response.status_code == 403
        assert "Access denied" in response.content.decode()

    def test_secretariat_without_two_factor_is_sent_to_enrol_first(self, client, secretariat):
        client.force_login(secretariat)

        response = client.get("/admin/pages/")

        assert response.status_code == 302
        assert response["Location"] == "/en/accounts/2fa/totp/activate/"

    def test_secretariat_with_two_factor_reaches_the_admin(self, client, secretariat):
        sign_in(client, secretariat)

        response = client.get("/admin/")

        assert response.status_code == 200
        assert "<title>Dashboard - Wagtail</title>" in response.content.decode()
        assert "Active member cities by country" in response.content.decode()

    def test_a_coordinator_reaches_the_admin_without_two_factor(self, client):
        client.force_login(UserFactory(role=Role.COORDINATOR))

        response = client.get("/admin/")

        assert response.status_code == 200
        assert "<title>Dashboard - Wagtail</title>" in response.content.decode()

    def test_the_admin_gets_its_own_relaxed_policy_and_the_public_site_does_not(
        self, client, secretariat
    ):
        sign_in(client, secretariat)

        admin_policy = client.get("/admin/")["Content-Security-Policy"]
        public_policy = client.get("/en/accounts/login/")["Content-Security-Policy"]

        assert "'unsafe-inline'" in admin_policy
        assert "'unsafe-inline'" not in public_policy


@pytest.mark.django_db
def test_signing_in_with_two_factor_asks_for_the_code(client, secretariat):
    secret = generate_totp_secret()
    TOTP.activate(secretariat, secret)

    response = client.post(
        "/en/accounts/login/", {"login": secretariat.email, "password": "nordic-safe-demo"}
    )
    assert response["Location"] == "/en/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session

    response = client.post("/en/accounts/2fa/authenticate/", {"code": totp_code(secret)})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(secretariat.pk)


def test_the_roles_keep_a_permission_made_by_a_data_migration_after_a_flush(db):
    """wagtail-localize makes "submit_translation" in a migration, which a test's flush empties
    and post_migrate does not make again; the role sync that follows must make it itself."""
    from django.contrib.auth.models import Permission

    from accounts.services import roles_sync

    Permission.objects.filter(codename="submit_translation").delete()  # as a flush leaves it

    roles_sync()  # as post_migrate runs it after the flush

    secretariat = UserFactory(role=Role.SECRETARIAT)
    coordinator = UserFactory(role=Role.COORDINATOR)
    assert secretariat.has_perm("wagtail_localize.submit_translation")
    assert not coordinator.has_perm("wagtail_localize.submit_translation")
