"""The secretariat's membership list, directory exports, status changes with their history, and
the peace ambassadors counted per year."""

import pytest

from django.utils import translation

from cities import services
from cities.models import AmbassadorCount, MembershipChange, MembershipStatus
from core.models import OutgoingEmail
from tests.cities.admin.world import MEMBERSHIPS, cell, export_rows, text, xlsx_rows
from tests.factories.cities import member_city

pytestmark = pytest.mark.django_db


def test_the_membership_list_shows_city_country_status_and_dates(as_secretariat, network):
    aarhus = member_city("Aarhus", status=MembershipStatus.FORMER)

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
    member_city("Aarhus", status=MembershipStatus.FORMER)

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
    services.ambassador_count_set(membership=network.oslo, year=2023, count=31)
    services.ambassador_count_set(membership=network.oslo, year=2024, count=44)

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
