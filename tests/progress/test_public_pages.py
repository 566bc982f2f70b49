"""What the public sees of the Charter's work: /charter/, /charter/actions/ and a city's page;
and that a city's unpublished results leave by no channel."""

import datetime

import pytest

from django.core.cache import cache

from progress import services
from progress.models import (
    AreaAssessment,
    Report,
)
from tests.factories.accounts import sign_in
from tests.progress.world import areas, build_world, charter_page, publish
from tests.worlds import once_per_class

world, world_built = once_per_class("world", build_world)
PRIVATE_WORDS = "Bergen's confidential narrative"


class TestTheCharterPage:
    def test_it_shows_the_areas_adoptions_and_the_medians_per_year(self, client, world):
        charter_page()
        page = client.get("/en/charter/").content.decode()
        for area in areas():
            assert area.name in page
        assert "/en/knowledge/?focus_area=strong-families" in page
        assert "0 / 3" in page  # no adoption recorded yet, three member cities
        # Stockholm (4) and Bergen (3) reported in 2025 and 2026: the median is 3.5.
        assert "<td>3.5</td>" in page
        assert "Cities that reported in 2026" in page

    def test_only_the_results_a_city_publishes_are_named(self, client, world):
        charter_page()
        page = client.get("/en/charter/").content.decode()
        assert "Results the cities publish" not in page
        publish(world.stockholm)
        page = client.get("/en/charter/").content.decode()
        published = page[page.index("Results the cities publish") :]
        assert "Stockholm" in published and "Bergen" not in published

    def test_it_is_in_every_language(self, client, world):
        charter_page()
        for language in ("da", "sv", "nb", "fi", "is"):
            response = client.get(f"/{language}/charter/")
            assert response.status_code == 200
            assert f'lang="{language}"' in response.content.decode()


class TestTheActions:
    def test_this_years_actions_filtered_by_area_and_country(self, client, world):
        charter_page()
        year = datetime.date.today().year
        first, second, *_ = areas()
        for membership, area in ((world.oslo, first), (world.stockholm, second)):
            services.action_save(
                membership=membership,
                year=year,
                title=f"Action of {membership}",
                description="What we do.",
                goal="Goal.",
                focus_area_ids=[area.pk],
            )
        page = client.get("/en/charter/actions/").content.decode()
        assert "Action of Oslo" in page and "Action of Stockholm" in page
        page = client.get(f"/en/charter/actions/?focus_area={second.slug}").content.decode()
        assert "Action of Oslo" not in page and "Action of Stockholm" in page
        page = client.get("/en/charter/actions/?country=no").content.decode()
        assert "Action of Oslo" in page and "Action of Stockholm" not in page
        page = client.get("/en/charter/actions/?country=xx&focus_area=nonsense").content.decode()
        assert "Action of Oslo" in page and "Action of Stockholm" in page

    def test_the_language_switcher_keeps_the_listing_and_its_filters(self, client, world):
        charter_page()
        page = client.get("/en/charter/actions/?country=se&year=2026").content.decode()
        for language in ("en", "sv", "is"):
            assert (
                f'hreflang="{language}" href="http://testserver/{language}/charter/actions/'
                f'?country=se&amp;year=2026"'
            ) in page


class TestNothingPrivateLeaves:
    """Bergen keeps its results private: its words reach no public channel, for anyone but its
    coordinators and the secretariat."""

    @pytest.fixture
    def private_words(self, world):
        charter_page()
        AreaAssessment.objects.filter(report__membership=world.bergen).update(
            narrative=PRIVATE_WORDS
        )
        cache.clear()

    @pytest.mark.parametrize(
        "url",
        [
            "/en/charter/",
            "/en/charter/actions/",
            "/en/cities/bergen/",
            "/en/search/?q=confidential",
            "/en/knowledge/?q=confidential",
            "/api/case-studies/?q=confidential",
            "/feeds/case-studies/rss/",
            "/sitemap.xml",
        ],
    )
    def test_no_channel_shows_them(self, client, world, private_words, url):
        for user in (None, world.citizen, world.oslo_coordinator):
            if user:
                client.force_login(user)
            response = client.get(url)
            assert response.status_code == 200, url
            body = response.content.decode()
            assert "confidential narrative" not in body

    def test_the_city_page_shows_results_only_once_the_city_publishes_them(
        self, client, world, private_words
    ):
        page = client.get("/en/cities/bergen/").content.decode()
        assert 'id="city-levels-title"' not in page
        publish(world.bergen)
        page = client.get("/en/cities/bergen/").content.decode()
        assert "Our self-assessment 2026" in page and "confidential" not in page

    def test_another_citys_coordinator_cannot_reach_the_admin_views_or_exports(
        self, client, world, private_words
    ):
        sign_in(client, world.oslo_coordinator)
        report = Report.objects.get(membership=world.bergen, round=world.current)
        for url in (
            "/admin/charter/network/",
            "/admin/charter/network/?export=csv",
            "/admin/charter/network/?export=xlsx",
            "/admin/charter/reports/",
            f"/admin/charter/reports/edit/{report.pk}/",
            "/admin/charter/rounds/",
            "/admin/charter/adoptions/",
            "/admin/charter/actions/",
        ):
            response = client.get(url)
            assert response.status_code == 403, url
            assert b"confidential" not in response.content
