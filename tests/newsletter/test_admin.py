"""Who reaches each newsletter address, and the secretariat's subscriber list: counts by
language and status, the pages of the list, the CSV and XLSX exports, and nobody else reaching
any of it."""

import csv
import io
from dataclasses import dataclass

import openpyxl
import pytest

from accounts.models import Role, User
from newsletter import services
from newsletter.models import Subscriber
from tests.factories.accounts import UserFactory, sign_in
from tests.factories.cities import coordinator_of, member_city
from tests.newsletter.world import SOURCE, areas, confirmed, subscribe
from tests.worlds import once_per_class

ROLES = [
    "anonymous",
    "member of the public",
    "coordinator of this city",
    "coordinator of another city",
    "secretariat",
]


@dataclass
class Network:
    public: User
    coordinator: User
    other_coordinator: User
    secretariat: User
    active: Subscriber
    pending: Subscriber


def build_network() -> Network:
    oslo, stockholm = member_city("Oslo"), member_city("Stockholm")
    active = confirmed("ingrid@example.org", language="nb", interests=areas("strong-families"))
    confirmed("=cmd|calc@example.org", language="sv")
    confirmed("left@example.org", language="sv")
    services.subscriber_unsubscribe(
        subscriber=Subscriber.objects.get(email="left@example.org"), source=SOURCE
    )
    pending = subscribe("pending@example.org", language="fi")
    return Network(
        public=UserFactory(name="Petra Public"),
        coordinator=coordinator_of(oslo, email="coordinator@oslo.example.org"),
        other_coordinator=coordinator_of(stockholm, email="coordinator@stockholm.example.org"),
        secretariat=UserFactory(role=Role.SECRETARIAT, name="Sigrid Secretariat"),
        active=active,
        pending=pending,
    )


network, network_built = once_per_class("network", build_network)


def become(client, role: str, network: Network) -> None:
    people = {
        "member of the public": network.public,
        "coordinator of this city": network.coordinator,
        "coordinator of another city": network.other_coordinator,
    }
    if role == "secretariat":
        sign_in(client, network.secretariat)
    elif role in people:
        sign_in(client, people[role], second_factor=False)


def public_paths(network: Network) -> dict[str, str]:
    manage = services.manage_token(network.active)
    return {
        "subscribe": "/en/newsletter/",
        "check your inbox": "/en/newsletter/thanks/",
        "confirm": f"/en/newsletter/confirm/{services.confirm_token(network.pending)}/",
        "preferences": f"/en/newsletter/preferences/{manage}/",
        "unsubscribe": f"/en/newsletter/unsubscribe/{manage}/",
    }


ADMIN = {
    "subscribers": "/admin/newsletter/subscribers/",
    "CSV export": "/admin/newsletter/subscribers/?export=csv",
    "XLSX export": "/admin/newsletter/subscribers/?export=xlsx",
}


class TestWhoGetsIn:
    @pytest.mark.parametrize("role", ROLES)
    def test_everyone_opens_the_public_pages_and_the_links_of_the_emails(
        self, client, network, role
    ):
        become(client, role, network)

        paths = public_paths(network)
        statuses = {name: client.get(path).status_code for name, path in paths.items()}

        assert statuses == dict.fromkeys(statuses, 200)

    @pytest.mark.parametrize("role", ROLES)
    def test_the_account_page_is_for_anyone_signed_in(self, client, network, role):
        become(client, role, network)

        response = client.get("/en/accounts/newsletter/")

        if role == "anonymous":
            assert response.status_code == 302
            assert response["Location"].startswith("/en/accounts/login/")
        else:
            assert response.status_code == 200
            # Their own subscription only: nobody's address but their own is on it.
            assert "ingrid@example.org" not in response.text

    @pytest.mark.parametrize(
        ("role", "refusal"),
        [
            ("anonymous", 302),
            ("member of the public", 403),
            ("coordinator of this city", 403),
            ("coordinator of another city", 403),
        ],
    )
    def test_nobody_but_the_secretariat_reaches_the_subscribers_or_their_export(
        self, client, network, role, refusal
    ):
        become(client, role, network)

        responses = {name: client.get(path) for name, path in ADMIN.items()}

        assert {name: r.status_code for name, r in responses.items()} == dict.fromkeys(
            ADMIN, refusal
        )
        assert not any(b"ingrid@example.org" in r.content for r in responses.values())

    def test_the_secretariat_reaches_the_subscribers_and_their_export(self, client, network):
        become(client, "secretariat", network)

        statuses = {name: client.get(path).status_code for name, path in ADMIN.items()}

        assert statuses == dict.fromkeys(ADMIN, 200)

    @pytest.mark.parametrize("role", ROLES)
    def test_only_the_secretariat_sees_the_menu_item(self, client, network, role):
        become(client, role, network)
        response = client.get("/admin/")

        shown = response.status_code == 200 and "Newsletter subscribers" in response.text

        assert shown == (role == "secretariat")


class TestTheList:
    def test_the_counts_by_language_and_status_and_the_newest_first(self, client, network):
        become(client, "secretariat", network)

        response = client.get("/admin/newsletter/subscribers/")

        counts = response.context["counts"]
        assert counts.total == 4
        assert counts.by_status == {"active": 2, "unsubscribed": 1, "pending": 1}
        assert counts.by_language == {"nb": 1, "sv": 2, "fi": 1}
        swedish = next(row for row in counts.rows() if row[0] == "sv")
        assert swedish[2] == [0, 1, 1, 0] and swedish[3] == 2
        listed = [subscriber.email for subscriber in response.context["subscribers"]]
        assert listed == [
            "pending@example.org",
            "left@example.org",
            "=cmd|calc@example.org",
            "ingrid@example.org",
        ]
        assert "Strong Families" in response.text

    def test_the_csv_export_lists_everyone_and_keeps_formulas_out(self, client, network):
        become(client, "secretariat", network)

        response = client.get("/admin/newsletter/subscribers/?export=csv")

        rows = list(csv.reader(io.StringIO(response.content.decode())))
        assert rows[0] == [
            "Email",
            "Language",
            "Status",
            "Topics",
            "Subscribed",
            "Confirmed",
            "Unsubscribed",
        ]
        by_email = {row[0]: row for row in rows[1:]}
        assert set(by_email) == {
            "pending@example.org",
            "left@example.org",
            "'=cmd|calc@example.org",
            "ingrid@example.org",
        }
        assert by_email["ingrid@example.org"][1:4] == ["nb", "Subscribed", "strong-families"]
        assert by_email["left@example.org"][6] != ""
        assert response["Content-Disposition"].startswith(
            'attachment; filename="newsletter-subscribers-'
        )

    def test_the_xlsx_export_has_the_same_rows(self, client, network):
        become(client, "secretariat", network)

        response = client.get("/admin/newsletter/subscribers/?export=xlsx")

        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        emails = {row[0] for row in list(sheet.iter_rows(values_only=True))[1:]}
        assert emails == {
            "pending@example.org",
            "left@example.org",
            "=cmd|calc@example.org",
            "ingrid@example.org",
        }
