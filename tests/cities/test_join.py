import pytest

from accounts.models import Role
from cities.models import MembershipApplication
from core.models import OutgoingEmail
from tests.factories.accounts import UserFactory
from tests.factories.cities import application_form_data as _application

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [None, "public", Role.COORDINATOR, Role.SECRETARIAT])
def test_anyone_may_open_the_application_form(client, role):
    if role is not None:
        client.force_login(UserFactory(role=None if role == "public" else role))

    response = client.get("/en/join/")

    assert response.status_code == 200
    assert 'name="city_name"' in response.content.decode()


def test_an_application_is_stored_confirmed_and_announced_to_the_secretariat(
    client, django_capture_on_commit_callbacks
):
    secretary = UserFactory(role=Role.SECRETARIAT, language="da")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/fi/join/", _application())

    assert response.status_code == 302
    assert response["Location"] == "/fi/join/thanks/"
    application = MembershipApplication.objects.get()
    assert (application.city_name, application.language) == ("Tampere", "fi")
    confirmation = OutgoingEmail.objects.get(to="laura@example.org")
    assert confirmation.language == "fi"
    assert "Tampere" in confirmation.subject
    notice = OutgoingEmail.objects.get(to=secretary.email)
    assert notice.language == "da"
    assert f"/admin/cities/applications/edit/{application.pk}/" in notice.text_body


def test_bad_input_gives_translated_errors_and_keeps_what_was_typed(client):
    response = client.post(
        "/sv/join/", _application(contact_email="not-an-address", accepts_charter="")
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "Fyll i en giltig e-postadress." in html
    assert "Medlemskap kräver ett åtagande att följa stadgan." in html
    assert 'value="Tampere"' in html
    assert "We want to learn from the other cities." in html
    assert not MembershipApplication.objects.exists()


def test_a_robot_filling_the_honeypot_is_thanked_and_nothing_is_stored(client):
    response = client.post("/en/join/", _application(website="http://spam.example"))

    assert response.status_code == 302
    assert not MembershipApplication.objects.exists()
    assert not OutgoingEmail.objects.exists()


def test_repeated_applications_from_one_address_are_slowed_down(client):
    statuses = [
        client.post("/en/join/", _application(city_name=f"City {n}")).status_code for n in range(7)
    ]

    assert statuses[:5] == [302] * 5
    assert statuses[5:] == [400, 400]
    assert MembershipApplication.objects.count() == 5


def test_the_empty_form_is_rendered_once_and_never_with_what_another_visitor_typed(
    client, django_assert_num_queries
):
    first = client.get("/en/join/").content.decode()
    # The empty form from the cache: not even the countries are read again.
    with django_assert_num_queries(0):
        again = client.get("/en/join/").content.decode()
    assert '<option value="' in again
    sent_back = client.post("/en/join/", _application(contact_email="not-an-address"))
    assert 'value="Tampere"' in sent_back.content.decode()

    after = client.get("/en/join/").content.decode()

    assert 'value="Tampere"' not in after
    assert 'name="city_name"' in after
    assert after.count("<option") == first.count("<option")


def test_a_country_added_after_the_form_was_shown_is_offered_at_once(client):
    from cities.models import Country

    assert ">GL</option>" not in client.get("/en/join/").content.decode()
    Country.objects.create(code="GL")

    assert ">GL</option>" in client.get("/en/join/").content.decode()
