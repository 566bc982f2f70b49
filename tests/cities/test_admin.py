"""The secretariat's membership admin: memberships, applications, coordinators, partners, and
the membership panel of the admin home."""

import csv
import io
from types import SimpleNamespace

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from django.test import RequestFactory
from django.utils import translation

from accounts.models import ROLE_GROUP_NAMES, Role
from cities import services
from cities.admin_views import MembershipDashboardPanel
from cities.models import (
    AmbassadorCount,
    ApplicationStatus,
    CityPage,
    Coordinator,
    CoordinatorInvitation,
    Country,
    MembershipApplication,
    MembershipChange,
    MembershipStatus,
    Partner,
)
from core.models import OutgoingEmail
from tests.factories.accounts import UserFactory
from tests.factories.accounts import sign_in as sign_in_as
from tests.factories.cities import cities_index, coordinator_of, member_city
from tests.worlds import once_per_class

pytestmark = pytest.mark.django_db

MEMBERSHIPS = "/admin/cities/memberships/"
APPLICATIONS = "/admin/cities/applications/"
PARTNERS = "/admin/cities/partners/"


def application_submit(city_name="Tromsø", country="NO", email="ola@tromso.example.org"):
    return services.application_submit(
        city_name=city_name,
        country=Country.objects.get(code=country),
        contact_name="Ola Nordmann",
        contact_role="Adviser to the mayor",
        contact_email=email,
        motivation="We want to learn from other Nordic cities.",
        accepts_charter=True,
        language="en",
    )


def _network():
    cities_index()
    oslo = member_city(
        "Oslo",
        country="NO",
        population=717710,
        website="https://www.oslo.kommune.no/",
        contact_name="Kari Nordmann",
        contact_email="kari@oslo.example.org",
    )
    stockholm = member_city("Stockholm", country="SE", latitude="59.3293", longitude="18.0686")
    return SimpleNamespace(
        oslo=oslo,
        stockholm=stockholm,
        oslo_coordinator=coordinator_of(oslo, name="Olav Oslo"),
        stockholm_coordinator=coordinator_of(stockholm, name="Sara Stockholm"),
        application=application_submit(),
        partner=Partner.objects.create(
            name="Peace Lab",
            kind="research",
            country=Country.objects.get(code="NO"),
            public_consent=True,
        ),
    )


network, network_built = once_per_class("network", _network)


@pytest.fixture
def secretariat(db):
    user = UserFactory(role=Role.SECRETARIAT, name="Sigrid Secretariat")
    TOTP.activate(user, generate_totp_secret())
    return user


@pytest.fixture
def as_secretariat(client, secretariat):
    sign_in_as(client, secretariat)
    return client


def sign_in(client, role, network):
    people = {
        "member of the public": UserFactory,
        "coordinator of the city": lambda: network.oslo_coordinator,
        "coordinator of another city": lambda: network.stockholm_coordinator,
    }
    if role in people:
        client.force_login(people[role]())


def not_found(response) -> bool:
    """Unknown admin addresses are sent on to the public site's language prefix, then 404."""
    return response.status_code == 404


def cell(value) -> str:
    """A listing cell as Wagtail shows it: empty for a missing value."""
    return "" if value is None else str(value)


def text(response) -> str:
    return response.content.decode()


def export_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def xlsx_rows(response) -> list[tuple]:
    try:
        import openpyxl
    except ImportError:
        pytest.fail("XLSX export needs openpyxl: add `openpyxl` to the dependencies.")
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return list(workbook.active.values)


# --- Who gets in ---------------------------------------------------------------------------------

ADMIN_PAGES = {
    "membership list": lambda n: MEMBERSHIPS,
    "member directory export": lambda n: f"{MEMBERSHIPS}?export=csv",
    "membership": lambda n: f"{MEMBERSHIPS}inspect/{n.oslo.pk}/",
    "status change": lambda n: f"{MEMBERSHIPS}edit/{n.oslo.pk}/",
    "peace ambassadors": lambda n: f"{MEMBERSHIPS}ambassadors/{n.oslo.pk}/",
    "coordinators": lambda n: f"{MEMBERSHIPS}coordinators/{n.oslo.pk}/",
    "coordinator invitation": lambda n: f"{MEMBERSHIPS}coordinators/{n.oslo.pk}/invite/",
    "coordinator removal": lambda n: (
        f"{MEMBERSHIPS}coordinators/{n.oslo.pk}/remove/{n.oslo_coordinator.coordinator.pk}/"
    ),
    "application list": lambda n: APPLICATIONS,
    "application": lambda n: f"{APPLICATIONS}edit/{n.application.pk}/",
    "partner list": lambda n: PARTNERS,
    "partner export": lambda n: f"{PARTNERS}?export=csv",
    "new partner": lambda n: f"{PARTNERS}add/",
    "partner": lambda n: f"{PARTNERS}edit/{n.partner.pk}/",
    "partner deletion": lambda n: f"{PARTNERS}delete/{n.partner.pk}/",
}


def visit_every_admin_page(client, network) -> dict:
    return {name: client.get(url(network)) for name, url in ADMIN_PAGES.items()}


def test_anonymous_visitors_are_sent_to_sign_in_from_every_membership_admin_page(client, network):
    responses = visit_every_admin_page(client, network)

    assert {
        name: (response.status_code, response["Location"].split("?")[0])
        for name, response in responses.items()
    } == dict.fromkeys(ADMIN_PAGES, (302, "/accounts/login/"))


@pytest.mark.parametrize(
    "role", ["member of the public", "coordinator of the city", "coordinator of another city"]
)
def test_nobody_but_the_secretariat_can_open_a_membership_admin_page(client, network, role):
    sign_in(client, role, network)

    responses = visit_every_admin_page(client, network)

    assert {name: response.status_code for name, response in responses.items()} == dict.fromkeys(
        ADMIN_PAGES, 403
    )


def test_the_secretariat_opens_every_membership_admin_page(as_secretariat, network):
    responses = visit_every_admin_page(as_secretariat, network)

    assert {name: response.status_code for name, response in responses.items()} == dict.fromkeys(
        ADMIN_PAGES, 200
    )


CHANGES = {
    "status change": lambda n: (
        f"{MEMBERSHIPS}edit/{n.oslo.pk}/",
        {"status": "former", "reason": "Left the network."},
    ),
    "peace ambassadors": lambda n: (
        f"{MEMBERSHIPS}ambassadors/{n.oslo.pk}/",
        {"year": "2024", "count": "40"},
    ),
    "coordinator invitation": lambda n: (
        f"{MEMBERSHIPS}coordinators/{n.oslo.pk}/invite/",
        {"email": "intruder@example.org", "name": "Intruder"},
    ),
    "coordinator removal": lambda n: (
        f"{MEMBERSHIPS}coordinators/{n.oslo.pk}/remove/{n.oslo_coordinator.coordinator.pk}/",
        {},
    ),
    "approval": lambda n: (f"{APPLICATIONS}edit/{n.application.pk}/", {"action": "approve"}),
    "decline": lambda n: (
        f"{APPLICATIONS}edit/{n.application.pk}/",
        {"action": "decline", "reason": "No."},
    ),
    "partner deletion": lambda n: (f"{PARTNERS}delete/{n.partner.pk}/", {}),
}


@pytest.mark.parametrize(
    ("role", "refusal"),
    [
        ("anonymous", 302),
        ("member of the public", 403),
        ("coordinator of the city", 403),
        ("coordinator of another city", 403),
    ],
)
def test_nobody_but_the_secretariat_can_change_anything(client, network, role, refusal):
    sign_in(client, role, network)
    invitations = CoordinatorInvitation.objects.count()

    statuses = {name: client.post(*change(network)).status_code for name, change in CHANGES.items()}

    assert statuses == dict.fromkeys(CHANGES, refusal)
    network.oslo.refresh_from_db()
    network.application.refresh_from_db()
    assert network.oslo.status == MembershipStatus.ACTIVE
    assert not AmbassadorCount.objects.exists()
    assert CoordinatorInvitation.objects.count() == invitations
    assert Coordinator.objects.filter(user=network.oslo_coordinator).exists()
    assert network.application.status == ApplicationStatus.PENDING
    assert Partner.objects.filter(pk=network.partner.pk).exists()


def test_the_membership_menu_is_shown_to_the_secretariat_only(client, network, secretariat):
    client.force_login(network.oslo_coordinator)
    coordinator_home = text(client.get("/admin/"))
    sign_in_as(client, secretariat)
    secretariat_home = text(client.get("/admin/"))

    assert "/admin/cities/" not in coordinator_home
    assert PARTNERS in secretariat_home
    assert MEMBERSHIPS in secretariat_home


def test_memberships_and_applications_cannot_be_added_or_deleted_in_the_admin(
    as_secretariat, network
):
    for url in (
        f"{MEMBERSHIPS}new/",
        f"{MEMBERSHIPS}delete/{network.oslo.pk}/",
        f"{APPLICATIONS}new/",
        f"{APPLICATIONS}delete/{network.application.pk}/",
    ):
        assert not_found(as_secretariat.get(url, follow=True)), url


# --- Memberships ---------------------------------------------------------------------------------


def test_the_membership_list_shows_city_country_status_and_dates(as_secretariat, network):
    aarhus = member_city("Aarhus", country="DK", status=MembershipStatus.FORMER)

    response = as_secretariat.get(MEMBERSHIPS)

    table = response.context["table"]
    rows = [
        [cell(column.get_value(membership)) for column in table.columns.values()]
        for membership in response.context["object_list"]
    ]
    assert [str(column.label) for column in table.columns.values()] == [
        "City",
        "Country",
        "Status",
        "Joined on",
        "Left on",
    ]
    assert rows == [
        ["Aarhus", "Denmark", "Former", "", str(aarhus.left_on)],
        ["Oslo", "Norway", "Active", str(network.oslo.joined_on), ""],
        ["Stockholm", "Sweden", "Active", str(network.stockholm.joined_on), ""],
    ]


def test_the_membership_list_filters_by_status_and_country(as_secretariat, network):
    member_city("Aarhus", country="DK", status=MembershipStatus.FORMER)

    def cities(query):
        response = as_secretariat.get(f"{MEMBERSHIPS}?{query}")
        return [str(membership) for membership in response.context["object_list"]]

    assert cities("status=former") == ["Aarhus"]
    assert cities("country=SE") == ["Stockholm"]
    assert cities("status=active&country=NO") == ["Oslo"]


def test_the_membership_list_searches_by_city_name(as_secretariat, network):
    response = as_secretariat.get(f"{MEMBERSHIPS}?q=stock")

    assert [str(membership) for membership in response.context["object_list"]] == ["Stockholm"]


def test_the_member_directory_exports_as_csv_with_the_contacts(as_secretariat, network):
    response = as_secretariat.get(f"{MEMBERSHIPS}?export=csv")

    rows = export_rows(response)
    assert response["Content-Disposition"] == 'attachment; filename="member-directory.csv"'
    assert rows[0] == [
        "City",
        "Country",
        "Status",
        "Joined",
        "Left",
        "Population",
        "Website",
        "Contact person",
        "Contact email",
    ]
    oslo = next(row for row in rows if row[0] == "Oslo")
    assert oslo[1:3] == ["Norway", "Active"]
    assert oslo[3] == network.oslo.joined_on.isoformat()
    assert oslo[5:] == [
        "717710",
        "https://www.oslo.kommune.no/",
        "Kari Nordmann",
        "kari@oslo.example.org",
    ]
    assert [row[0] for row in rows[1:]] == ["Oslo", "Stockholm"]


def test_the_member_directory_exports_as_xlsx(as_secretariat, network):
    response = as_secretariat.get(f"{MEMBERSHIPS}?export=xlsx")

    rows = xlsx_rows(response)
    assert "member-directory.xlsx" in response["Content-Disposition"]
    assert rows[0][:3] == ("City", "Country", "Status")
    assert [row[0] for row in rows[1:]] == ["Oslo", "Stockholm"]
    assert rows[1][8] == "kari@oslo.example.org"


def test_a_status_change_is_recorded_in_the_history_with_who_and_why(
    as_secretariat, network, secretariat
):
    response = as_secretariat.post(
        f"{MEMBERSHIPS}edit/{network.oslo.pk}/",
        {"status": MembershipStatus.SUSPENDED, "reason": "The fee for 2025 is unpaid."},
    )

    network.oslo.refresh_from_db()
    change = network.oslo.changes.first()
    assert response.status_code == 302
    assert response["Location"] == f"{MEMBERSHIPS}inspect/{network.oslo.pk}/"
    assert network.oslo.status == MembershipStatus.SUSPENDED
    assert (change.from_status, change.to_status) == ("active", "suspended")
    assert change.changed_by == secretariat
    assert change.reason == "The fee for 2025 is unpaid."


def test_a_status_change_without_a_reason_is_refused_and_keeps_the_chosen_status(
    as_secretariat, network
):
    response = as_secretariat.post(
        f"{MEMBERSHIPS}edit/{network.oslo.pk}/",
        {"status": MembershipStatus.FORMER, "reason": ""},
    )

    network.oslo.refresh_from_db()
    assert response.status_code == 200
    assert "Write why the status changes." in text(response)
    assert response.context["form"]["status"].value() == MembershipStatus.FORMER
    assert network.oslo.status == MembershipStatus.ACTIVE
    assert network.oslo.changes.count() == 1


def test_choosing_the_current_status_again_is_refused_and_keeps_the_reason(as_secretariat, network):
    response = as_secretariat.post(
        f"{MEMBERSHIPS}edit/{network.oslo.pk}/",
        {"status": MembershipStatus.ACTIVE, "reason": "Still with us."},
    )

    assert response.status_code == 200
    assert "The membership is already “Active”." in text(response)
    assert "Still with us." in text(response)
    assert network.oslo.changes.count() == 1


def test_the_membership_page_shows_the_history_and_the_ambassadors_per_year(
    as_secretariat, network, secretariat
):
    services.membership_change_status(
        membership=network.oslo,
        status=MembershipStatus.SUSPENDED,
        by=secretariat,
        reason="Paused while the council reorganises.",
    )
    AmbassadorCount.objects.create(membership=network.oslo, year=2023, count=31)
    AmbassadorCount.objects.create(membership=network.oslo, year=2024, count=44)

    html = text(as_secretariat.get(f"{MEMBERSHIPS}inspect/{network.oslo.pk}/"))

    assert "Paused while the council reorganises." in html
    assert "Sigrid Secretariat" in html
    assert "Test data." in html  # the first entry, from the membership's creation
    assert "<td>2023</td><td>31</td>" in html
    assert "<td>2024</td><td>44</td>" in html
    assert "Olav Oslo" in html
    assert f"{MEMBERSHIPS}coordinators/{network.oslo.pk}/" in html


@pytest.mark.parametrize("language", ["da", "fi", "is", "nb", "sv"])
def test_a_membership_changes_columns_are_named_as_statuses_not_as_an_emails_recipient(language):
    def label(model, field):
        return str(model._meta.get_field(field).verbose_name)

    with translation.override(language):
        previous = label(MembershipChange, "from_status")
        new = label(MembershipChange, "to_status")
        recipient = label(OutgoingEmail, "to")
    assert (previous, new) != ("previous status", "new status")
    assert recipient not in (previous, new)


def test_ambassador_count_set_creates_a_years_count_then_overwrites_it(network):
    if not hasattr(services, "ambassador_count_set"):
        pytest.fail(
            "cities.services.ambassador_count_set(*, membership, year, count) is not written yet."
        )

    services.ambassador_count_set(membership=network.oslo, year=2024, count=40)
    services.ambassador_count_set(membership=network.oslo, year=2024, count=42)
    services.ambassador_count_set(membership=network.oslo, year=2023, count=30)

    assert list(network.oslo.ambassador_counts.values_list("year", "count")) == [
        (2024, 42),
        (2023, 30),
    ]


def test_recording_peace_ambassadors_sets_the_years_count(as_secretariat, network):
    response = as_secretariat.post(
        f"{MEMBERSHIPS}ambassadors/{network.oslo.pk}/", {"year": "2024", "count": "40"}
    )

    assert response.status_code == 302
    assert response["Location"] == f"{MEMBERSHIPS}inspect/{network.oslo.pk}/"
    assert list(network.oslo.ambassador_counts.values_list("year", "count")) == [(2024, 40)]


def test_a_year_before_the_network_existed_is_refused_and_the_form_keeps_what_was_typed(
    as_secretariat, network
):
    response = as_secretariat.post(
        f"{MEMBERSHIPS}ambassadors/{network.oslo.pk}/", {"year": "2012", "count": "40"}
    )

    assert response.status_code == 200
    assert "greater than or equal to 2016" in text(response)
    assert 'value="40"' in text(response)
    assert not AmbassadorCount.objects.exists()


# --- Coordinators --------------------------------------------------------------------------------


def test_the_coordinators_page_lists_the_coordinators_and_the_open_invitations(
    as_secretariat, network, secretariat
):
    services.invitation_create(
        membership=network.oslo, email="anna@oslo.example.org", name="Anna Berg", by=secretariat
    )

    html = text(as_secretariat.get(f"{MEMBERSHIPS}coordinators/{network.oslo.pk}/"))

    assert "Olav Oslo" in html
    assert network.oslo_coordinator.email in html
    assert "anna@oslo.example.org" in html
    assert "Sara Stockholm" not in html
    assert f"{MEMBERSHIPS}coordinators/{network.oslo.pk}/invite/" in html


def test_inviting_a_coordinator_queues_the_invitation_email(as_secretariat, network, secretariat):
    response = as_secretariat.post(
        f"{MEMBERSHIPS}coordinators/{network.oslo.pk}/invite/",
        {"email": "Anna@Oslo.example.org", "name": "Anna Berg"},
    )

    invitation = CoordinatorInvitation.objects.get(membership=network.oslo)
    assert response.status_code == 302
    assert response["Location"] == f"{MEMBERSHIPS}coordinators/{network.oslo.pk}/"
    assert (invitation.email, invitation.name, invitation.invited_by) == (
        "anna@oslo.example.org",
        "Anna Berg",
        secretariat,
    )
    assert OutgoingEmail.objects.filter(
        to="anna@oslo.example.org", subject__contains="coordinate Oslo"
    ).exists()


def test_an_invalid_email_is_refused_with_a_message_and_keeps_what_was_typed(
    as_secretariat, network
):
    response = as_secretariat.post(
        f"{MEMBERSHIPS}coordinators/{network.oslo.pk}/invite/",
        {"email": "anna-at-oslo", "name": "Anna Berg"},
    )

    html = text(response)
    assert response.status_code == 200
    assert "Enter a valid email address." in html
    assert 'value="anna-at-oslo"' in html
    assert 'value="Anna Berg"' in html
    assert not CoordinatorInvitation.objects.exists()


def test_removing_a_coordinator_asks_first_then_takes_their_rights_away(as_secretariat, network):
    coordinator = network.oslo_coordinator.coordinator
    url = f"{MEMBERSHIPS}coordinators/{network.oslo.pk}/remove/{coordinator.pk}/"

    confirmation = as_secretariat.get(url)
    response = as_secretariat.post(url)

    person = network.oslo_coordinator
    assert "Remove Olav Oslo" in text(confirmation)
    assert response.status_code == 302
    assert response["Location"] == f"{MEMBERSHIPS}coordinators/{network.oslo.pk}/"
    assert not Coordinator.objects.filter(user=person).exists()
    assert not person.groups.filter(name=ROLE_GROUP_NAMES[Role.COORDINATOR]).exists()
    assert not person.groups.filter(pk=network.oslo.coordinator_group_id).exists()


def test_a_coordinator_of_another_city_cannot_be_removed_through_this_city(as_secretariat, network):
    other = network.stockholm_coordinator.coordinator
    url = f"{MEMBERSHIPS}coordinators/{network.oslo.pk}/remove/{other.pk}/"

    assert not_found(as_secretariat.post(url, follow=True))
    assert Coordinator.objects.filter(pk=other.pk).exists()


# --- Applications --------------------------------------------------------------------------------


def test_the_application_list_shows_the_newest_first_and_filters_by_status_and_country(
    as_secretariat, network, secretariat
):
    services.application_decline(
        application=application_submit("Malmö", country="SE", email="m@malmo.example.org"),
        by=secretariat,
        reason="Already represented.",
    )
    application_submit("Turku", country="FI", email="t@turku.example.org")

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
    application = application_submit("Oslo", email="other@oslo.example.org")
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


# --- Partners ------------------------------------------------------------------------------------


def test_partners_are_listed_and_filtered_by_kind_country_and_consent(as_secretariat, network):
    Partner.objects.create(name="Quiet Helpers", kind="ngo", country=Country.objects.get(code="SE"))

    def names(query=""):
        response = as_secretariat.get(f"{PARTNERS}?{query}")
        return [partner.name for partner in response.context["object_list"]]

    assert names() == ["Peace Lab", "Quiet Helpers"]
    assert names("kind=ngo") == ["Quiet Helpers"]
    assert names(f"country={Country.objects.get(code='NO').pk}") == ["Peace Lab"]
    assert names("public_consent=false") == ["Quiet Helpers"]


def test_partners_export_as_csv_and_xlsx(as_secretariat, network):
    csv_rows = export_rows(as_secretariat.get(f"{PARTNERS}?export=csv"))
    workbook_rows = xlsx_rows(as_secretariat.get(f"{PARTNERS}?export=xlsx"))

    assert csv_rows[0][:3] == ["Name", "Kind", "Country"]
    assert csv_rows[1][:3] == ["Peace Lab", "Research", "Norway"]
    assert workbook_rows[1][:3] == ("Peace Lab", "Research", "Norway")


def test_the_secretariat_adds_a_partner(as_secretariat, network):
    response = as_secretariat.post(
        f"{PARTNERS}add/",
        {
            "name": "Nordic Youth Forum",
            "kind": "ngo",
            "country": Country.objects.get(code="FI").pk,
            "website": "https://youth.example.org/",
            "description": "",
            "public_consent": "on",
        },
    )

    assert response.status_code == 302
    partner = Partner.objects.get(name="Nordic Youth Forum")
    assert (partner.country.code, partner.public_consent) == ("FI", True)


# --- The admin home ------------------------------------------------------------------------------


def test_the_home_panel_shows_members_per_country_pending_applications_and_cities_alone(
    as_secretariat, network
):
    member_city("Bergen", country="NO")
    member_city("Aarhus", country="DK", status=MembershipStatus.FORMER)

    response = as_secretariat.get("/admin/")

    html = text(response)
    panel = next(p for p in response.context["panels"] if isinstance(p, MembershipDashboardPanel))
    countries = {
        country.name: country.count for country in panel.get_context_data()["dashboard"].countries
    }
    assert countries == {"Denmark": 0, "Finland": 0, "Iceland": 0, "Norway": 2, "Sweden": 1}
    assert "Active member cities by country" in html
    assert "1 application waiting" in html
    assert f"{APPLICATIONS}?status=pending" in html
    assert "Bergen" in html
    assert "Aarhus" not in html


def test_the_home_panel_is_not_shown_to_a_coordinator(client, network):
    client.force_login(network.oslo_coordinator)

    html = text(client.get("/admin/"))

    assert "Active member cities by country" not in html


@pytest.mark.parametrize("cities", [2, 6])
def test_the_home_panel_takes_three_queries_whatever_the_number_of_cities(
    network, cities, django_assert_num_queries
):
    for number in range(cities):
        member_city(f"Town {number}", country="FI")
    context = {"request": RequestFactory().get("/admin/")}

    # Active members counted per country; pending applications counted; active members
    # without a coordinator.
    with django_assert_num_queries(3):
        html = MembershipDashboardPanel().render_html(context)

    assert "Town 0" in html
