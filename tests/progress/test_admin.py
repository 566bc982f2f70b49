"""The secretariat's Charter admin: opening a round, reviewing a report, the network view and its
exports."""

import csv
import datetime
import io

import openpyxl

from core.models import OutgoingEmail
from progress.models import Report, ReportingRound, ReportStatus
from tests.factories.accounts import sign_in
from tests.progress.world import build_world
from tests.worlds import once_per_class

world, world_built = once_per_class("world", build_world)


class TestTheSecretariat:
    def test_opens_a_round_and_a_deadline_in_the_past_is_explained(self, client, world):
        sign_in(client, world.secretariat)
        response = client.post(
            "/admin/charter/rounds/new/", {"year": "2027", "deadline": "2020-01-01"}
        )
        assert "The deadline must be in the future." in response.content.decode()
        assert not ReportingRound.objects.filter(year=2027).exists()
        deadline = datetime.date.today() + datetime.timedelta(days=60)
        response = client.post(
            "/admin/charter/rounds/new/", {"year": "2027", "deadline": deadline.isoformat()}
        )
        assert response.status_code == 302
        assert ReportingRound.objects.get(year=2027).opened_by == world.secretariat

    def test_acknowledges_a_report_with_feedback_and_the_coordinators_are_emailed(
        self, client, world
    ):
        sign_in(client, world.secretariat)
        report = Report.objects.get(membership=world.stockholm, round=world.current)
        url = f"/admin/charter/reports/edit/{report.pk}/"
        assert "Our work in Safe Urban Space." in client.get(url).content.decode()
        client.post(url, {"decision": "acknowledge", "feedback": "Inspiring youth work."})
        report.refresh_from_db()
        assert report.status == ReportStatus.ACKNOWLEDGED
        assert report.feedback == "Inspiring youth work."
        email = OutgoingEmail.objects.get(to=world.stockholm_coordinator.email)
        assert "Inspiring youth work." in email.text_body
        client.post(url, {"decision": "reopen"})
        report.refresh_from_db()
        assert report.status == ReportStatus.DRAFT

    def test_the_network_view_shows_every_city_by_area_and_who_has_not_reported(
        self, client, world
    ):
        sign_in(client, world.secretariat)
        page = client.get("/admin/charter/network/?year=2026").content.decode()
        assert "Oslo" in page and "Bergen" in page and "Stockholm" in page
        not_reported = page[page.index('id="not-reported"') :]
        assert "Oslo" in not_reported and "Stockholm" not in not_reported

    def test_exports_the_grid_as_csv_and_xlsx(self, client, world):
        sign_in(client, world.secretariat)
        response = client.get("/admin/charter/network/?year=2026&export=csv")
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        assert rows[0][:3] == ["City", "Country", "Status"] and len(rows[0]) == 9
        by_city = {row[0]: row for row in rows[1:]}
        assert by_city["Stockholm"][3:] == ["4"] * 6
        assert by_city["Oslo"][2:] == ["Not started"] + [""] * 6
        response = client.get("/admin/charter/network/?year=2026&export=xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        values = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
        assert values["Bergen"][3:] == (3,) * 6

    def test_a_coordinator_is_refused_everywhere(self, client, world):
        sign_in(client, world.bergen_coordinator)
        for url in ("/admin/charter/network/", "/admin/charter/rounds/new/"):
            assert client.get(url).status_code == 403
        assert client.post("/admin/charter/rounds/new/", {"year": "2030"}).status_code == 403
        assert not ReportingRound.objects.filter(year=2030).exists()
