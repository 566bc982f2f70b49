"""The network the membership admin's tests work on, and how they read its pages.

Oslo and Stockholm are member cities with a coordinator each; Tromsø has applied; Peace Lab is a
partner. The secretariat's member signs in with two-factor (``conftest.py``)."""

import csv
import io
from types import SimpleNamespace

import pytest

from tests.factories.cities import ApplicationFactory, PartnerFactory, coordinator_of, member_city

MEMBERSHIPS = "/admin/cities/memberships/"
APPLICATIONS = "/admin/cities/applications/"
PARTNERS = "/admin/cities/partners/"


def build_network() -> SimpleNamespace:
    oslo = member_city(
        "Oslo",
        population=717710,
        website="https://www.oslo.kommune.no/",
        contact_name="Kari Nordmann",
        contact_email="kari@oslo.example.org",
    )
    stockholm = member_city("Stockholm")
    return SimpleNamespace(
        oslo=oslo,
        stockholm=stockholm,
        oslo_coordinator=coordinator_of(oslo, name="Olav Oslo"),
        stockholm_coordinator=coordinator_of(stockholm, name="Sara Stockholm"),
        application=ApplicationFactory(),
        partner=PartnerFactory(name="Peace Lab", kind="research", public_consent=True),
    )


def not_found(response) -> bool:
    """Unknown admin addresses are sent on to the public site's language prefix, then 404."""
    return response.status_code == 404


def cell(value) -> str:
    """A listing cell as Wagtail shows it: empty for a missing value."""
    return "" if value is None else str(value)


def text(response) -> str:
    """What the page or the download says, as text."""
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def export_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text(response))))


def xlsx_rows(response) -> list[tuple]:
    try:
        import openpyxl
    except ImportError:
        pytest.fail("XLSX export needs openpyxl: add `openpyxl` to the dependencies.")
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return list(workbook.active.values)
