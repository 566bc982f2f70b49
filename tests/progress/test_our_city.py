"""A coordinator's "Our city": the report form, the chart beside the median, the peers to call
and the Safe City Action; what every other role gets at its address."""

import re

from django.core.cache import cache
from django.utils import translation
from django.utils.translation import gettext

from progress.models import Level, Report, ReportStatus, SafeCityAction
from tests.progress.world import OUR_CITY, areas, build_world
from tests.worlds import once_per_class

world, world_built = once_per_class("world", build_world)


def form_data(*, level="2", narrative="We run dialogue cafés.", links="", intent="save") -> dict:
    data = {"intent": intent, "sharing": "members", "adoption_correction": ""}
    for area in areas():
        data[f"level_{area.pk}"] = level
        data[f"narrative_{area.pk}"] = narrative
        data[f"evidence_{area.pk}"] = links
    return data


class TestWhoGetsIn:
    def test_an_anonymous_visitor_is_sent_to_sign_in(self, client, world):
        response = client.get(OUR_CITY)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]

    def test_a_member_of_the_public_is_refused(self, client, world):
        client.force_login(world.citizen)
        assert client.get(OUR_CITY).status_code == 403
        assert client.post(OUR_CITY, form_data()).status_code == 403

    def test_the_secretariat_is_sent_to_the_network_view(self, client, world):
        client.force_login(world.secretariat)
        response = client.get(OUR_CITY)
        assert response.status_code == 302 and response["Location"] == "/admin/charter/network/"

    def test_a_coordinator_sees_their_own_city_only(self, client, world):
        client.force_login(world.bergen_coordinator)
        page = client.get(OUR_CITY).content.decode()
        assert "Our city: Bergen" in page
        assert "Our work in Safe Urban Space." in page  # their own private, submitted report
        # Stockholm's narratives never reach another city.
        client.force_login(world.oslo_coordinator)
        assert "Our work in" not in client.get(OUR_CITY).content.decode()


class TestTheReportForm:
    def test_a_coordinator_saves_a_draft_and_submits_it(self, client, world, mailoutbox):
        client.force_login(world.oslo_coordinator)
        response = client.post(OUR_CITY, form_data(links="https://oslo.example.org/report"))
        assert response.status_code == 302
        report = Report.objects.get(membership=world.oslo, round=world.current)
        assert report.status == ReportStatus.DRAFT
        assert report.assessments.first().evidence_links == ["https://oslo.example.org/report"]
        client.post(OUR_CITY, form_data(intent="submit"))
        report.refresh_from_db()
        assert report.status == ReportStatus.SUBMITTED
        page = client.get(OUR_CITY).content.decode()
        assert "submitted and locked" in page
        assert 'name="intent" value="submit"' not in page

    def test_a_submitted_report_cannot_be_changed_by_a_later_post(self, client, world):
        client.force_login(world.stockholm_coordinator)
        client.post(OUR_CITY, form_data(level="1", narrative="Changed"))
        levels = set(
            world.current.reports.get(membership=world.stockholm).assessments.values_list(
                "level", flat=True
            )
        )
        assert levels == {Level.LEADING}

    def test_bad_input_is_explained_and_nothing_typed_is_lost(self, client, world):
        client.force_login(world.oslo_coordinator)
        data = form_data(level="7", narrative="Neighbourhood walks", links="javascript:alert(1)")
        response = client.post(OUR_CITY, data)
        page = response.content.decode()
        assert response.status_code == 200
        assert "Choose one of the four levels." in page
        assert "starting with http:// or https://: javascript:alert(1)" in page
        assert page.count("Neighbourhood walks") >= 6
        assert not Report.objects.filter(membership=world.oslo).exists()

    def test_submitting_without_narratives_names_each_area_and_keeps_the_draft(self, client, world):
        client.force_login(world.oslo_coordinator)
        data = form_data(narrative="", intent="submit")
        first = areas()[0]
        data[f"narrative_{first.pk}"] = "Only this one"
        response = client.post(OUR_CITY, data)
        page = response.content.decode()
        assert page.count("Describe what your city does in this area.") == 5 * 2  # list, field
        assert "Only this one" in page
        report = Report.objects.get(membership=world.oslo)
        assert report.status == ReportStatus.DRAFT
        assert report.assessments.get(focus_area=first).narrative == "Only this one"

    def test_the_errors_are_translated(self, client, world):
        client.force_login(world.oslo_coordinator)
        response = client.post("/sv/charter/our-city/", form_data(level="9"))
        with translation.override("sv"):
            message = gettext("Choose one of the four levels.")
        assert message != "Choose one of the four levels."
        assert message in response.content.decode()


class TestTheChartAndPeers:
    def test_a_city_below_the_median_is_shown_who_to_call_with_their_case_studies(
        self, client, world
    ):
        client.force_login(world.oslo_coordinator)
        client.post(OUR_CITY, form_data(level="1"))
        cache.clear()
        page = client.get(OUR_CITY).content.decode()
        peers = page[page.index('id="peers-title"') :]
        assert "Stockholm" in peers and "Leading" in peers
        assert "Stockholm in strong-families" in peers
        # Bergen keeps its results private: it is not named, though it is established.
        assert "Bergen" not in peers

    def test_the_chart_shows_the_citys_years_beside_the_median_with_a_data_table(
        self, client, world
    ):
        client.force_login(world.stockholm_coordinator)
        page = client.get(OUR_CITY).content.decode()
        chart = page[page.index('id="levels-title"') : page.index('id="peers-title"')]
        assert '<svg class="chart__svg"' in chart and "<title id=" in chart and "<desc id=" in chart
        headings = re.findall(r'<th scope="col">([^<]+)</th>', chart)
        assert headings == ["Focus area", "2025", "2026", "Nordic median 2026"]
        # Stockholm leading (4), Bergen established (3): the median is 3.5.
        assert re.findall(r"<td>([^<]+)</td>", chart)[:3] == ["4", "4", "3.5"]


class TestTheSafeCityAction:
    def test_a_coordinator_declares_the_action_and_posts_an_update(self, client, world):
        client.force_login(world.oslo_coordinator)
        area = areas()[2]
        response = client.post(
            OUR_CITY,
            {
                "intent": "action",
                "title": "Parents' circles",
                "description": "Monthly circles in every district.",
                "goal": "Ten circles",
                "focus_areas": [area.pk],
                "case_studies": [world.oslo_study.pk],
            },
        )
        assert response.status_code == 302
        action = SafeCityAction.objects.get(membership=world.oslo, year=world.current.year)
        assert list(action.focus_areas.all()) == [area]
        client.post(OUR_CITY, {"intent": "update", "status": "in_progress", "text": "Two run."})
        action.refresh_from_db()
        assert action.status == "in_progress"
        city_page = client.get("/en/cities/oslo/").content.decode()
        assert "Parents&#x27; circles" in city_page and "Two run." in city_page
        assert f'href="{world.oslo_study.url}">Oslo&#x27;s own practice</a>' in city_page

    def test_an_action_without_a_title_or_focus_area_is_explained(self, client, world):
        client.force_login(world.oslo_coordinator)
        response = client.post(
            OUR_CITY, {"intent": "action", "title": "", "description": "Kept text", "goal": "g"}
        )
        page = response.content.decode()
        assert "This field is required." in page and "Kept text" in page
        assert not SafeCityAction.objects.filter(membership=world.oslo).exists()
