"""CSV exports never hand a spreadsheet a formula: text that would be one starts with '."""

import csv
import io

import pytest

from accounts.models import Role
from core.exports import csv_cell
from tests.factories.accounts import UserFactory, sign_in
from tests.factories.cities import PartnerFactory, member_city

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("https://evil.example/","Open")'


def _csv_rows(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+2", "'=1+2"),
        ("+47 22 00 00 00", "'+47 22 00 00 00"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("Oslo = capital", "Oslo = capital"),
        ("", ""),
        (717710, 717710),
        (None, None),
    ],
)
def test_a_cell_that_a_spreadsheet_would_evaluate_is_kept_as_text(value, cell):
    assert csv_cell(value) == cell


@pytest.fixture
def secretariat_client(client, site_tree):
    sign_in(client, UserFactory(role=Role.SECRETARIAT))
    return client


def test_the_member_directory_export_escapes_what_coordinators_typed(secretariat_client):
    member_city("Oslo", contact_name=HYPERLINK, contact_email="kari@oslo.example.org")

    rows = _csv_rows(secretariat_client.get("/admin/cities/memberships/?export=csv"))

    oslo = next(row for row in rows if row[0] == "Oslo")
    assert oslo[7] == "'" + HYPERLINK
    assert oslo[8] == "kari@oslo.example.org"


def test_the_partner_export_escapes_every_text_cell(secretariat_client):
    PartnerFactory(name="@SUM(1+1)", country_code="SE", description="-1+1", public_consent=True)

    rows = _csv_rows(secretariat_client.get("/admin/cities/partners/?export=csv"))

    assert rows[1][0] == "'@SUM(1+1)"
    assert rows[1][5] == "'-1+1"


def test_wagtails_own_reports_escape_page_titles_too(secretariat_client):
    member_city(HYPERLINK)

    rows = _csv_rows(secretariat_client.get("/admin/reports/site-history/?export=csv"))

    cells = [cell for row in rows[1:] for cell in row]
    assert any(cell.startswith("'" + HYPERLINK) for cell in cells), rows[:3]
    assert not any(cell.startswith("=") for cell in cells)
