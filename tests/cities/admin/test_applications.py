"""The secretariat reads the membership applications and approves or declines them."""

import pytest

from cities import services
from cities.models import (
    ApplicationStatus,
    CityPage,
    CoordinatorInvitation,
    MembershipApplication,
    MembershipStatus,
)
from core.models import OutgoingEmail
from tests.cities.admin.world import APPLICATIONS, MEMBERSHIPS, text
from tests.factories.cities import ApplicationFactory

pytestmark = pytest.mark.django_db


def test_the_application_list_shows_the_newest_first_and_filters_by_status_and_country(
    as_secretariat, network, secretariat
):
    services.application_decline(
        application=ApplicationFactory(
            city_name="Malmö", country_code="SE", contact_email="m@malmo.example.org"
        ),
        by=secretariat,
        reason="Already represented.",
    )
    ApplicationFactory(city_name="Turku", country_code="FI", contact_email="t@turku.example.org")

    def cities(query=""):
        response = as_secretariat.get(f"{APPLICATIONS}?{query}")
        return [application.city_name for application in response.context["object_list"]]

    assert cities() == ["Turku", "Malmö", "Tromsø"]
    assert cities("status=pending") == ["Turku", "Tromsø"]
    assert cities("status=declined") == ["Malmö"]
    assert cities("country=FI") == ["Turku"]


def test_approving_an_application_makes_an_active_member_with_a_draft_page_and_invites_the_contact(
    as_secretariat, network, secretariat
):
    response = as_secretariat.post(
        f"{APPLICATIONS}edit/{network.application.pk}/", {"action": "approve"}
    )

    application = MembershipApplication.objects.get(pk=network.application.pk)
    membership = application.membership
    page = CityPage.objects.get(pk=membership.city_page_id)
    assert response.status_code == 302
    assert response["Location"] == f"{MEMBERSHIPS}inspect/{membership.pk}/"
    assert (application.status, application.decided_by) == (ApplicationStatus.APPROVED, secretariat)
    assert membership.status == MembershipStatus.ACTIVE
    assert (page.title, page.live) == ("Tromsø", False)
    # The name in Latin letters, the same in every language tree: /da/cities/tromso/.
    assert set(
        CityPage.objects.filter(translation_key=page.translation_key).values_list("slug", flat=True)
    ) == {"tromso"}
    assert CityPage.objects.filter(translation_key=page.translation_key).count() == 6
    assert CoordinatorInvitation.objects.filter(
        membership=membership, email="ola@tromso.example.org"
    ).exists()
    assert OutgoingEmail.objects.filter(
        to="ola@tromso.example.org", subject__contains="invited to coordinate Tromsø"
    ).exists()


def test_approving_a_city_that_already_has_a_page_explains_why_and_changes_nothing(
    as_secretariat, network
):
    application = ApplicationFactory(city_name="Oslo", contact_email="other@oslo.example.org")
    url = f"{APPLICATIONS}edit/{application.pk}/"

    response = as_secretariat.post(url, {"action": "approve"}, follow=True)

    application.refresh_from_db()
    assert response.redirect_chain == [(url, 302)]
    assert "Oslo could not be approved:" in text(response)
    assert application.status == ApplicationStatus.PENDING
    assert CityPage.objects.filter(title="Oslo", locale__language_code="en").count() == 1


def test_declining_with_a_reason_tells_the_applicant_why(as_secretariat, network, secretariat):
    response = as_secretariat.post(
        f"{APPLICATIONS}edit/{network.application.pk}/",
        {"action": "decline", "reason": "Tromsø joins through the Arctic network instead."},
    )

    application = MembershipApplication.objects.get(pk=network.application.pk)
    assert response.status_code == 302
    assert response["Location"] == APPLICATIONS
    assert application.status == ApplicationStatus.DECLINED
    assert application.decided_by == secretariat
    assert application.decline_reason == "Tromsø joins through the Arctic network instead."
    email = OutgoingEmail.objects.get(to="ola@tromso.example.org", subject__contains="Your appl")
    assert "Tromsø joins through the Arctic network instead." in email.text_body


def test_declining_without_a_reason_is_refused_and_changes_nothing(as_secretariat, network):
    response = as_secretariat.post(
        f"{APPLICATIONS}edit/{network.application.pk}/", {"action": "decline", "reason": "  "}
    )

    network.application.refresh_from_db()
    assert response.status_code == 200
    assert "Write the reason for declining." in text(response)
    assert network.application.status == ApplicationStatus.PENDING
    assert not OutgoingEmail.objects.filter(subject__contains="Your application").exists()


def test_deciding_an_already_decided_application_says_so_and_changes_nothing(
    as_secretariat, network, secretariat
):
    services.application_decline(application=network.application, by=secretariat, reason="No.")
    url = f"{APPLICATIONS}edit/{network.application.pk}/"

    response = as_secretariat.post(url, {"action": "approve"}, follow=True)

    html = text(response)
    network.application.refresh_from_db()
    assert response.redirect_chain == [(url, 302)]
    assert "This application has already been decided; nothing was changed." in html
    assert network.application.status == ApplicationStatus.DECLINED
    assert network.application.membership is None
    assert 'value="approve"' not in html


def test_the_application_page_shows_the_application_and_both_decisions(as_secretariat, network):
    html = text(as_secretariat.get(f"{APPLICATIONS}edit/{network.application.pk}/"))

    assert "Tromsø" in html
    assert "ola@tromso.example.org" in html
    assert "We want to learn from other Nordic cities." in html
    assert 'value="approve"' in html
    assert 'value="decline"' in html
