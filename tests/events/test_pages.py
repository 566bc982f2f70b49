"""/events/ and an event's page: what they list and filter, and their query budgets with 10 and
with 1,000 meetups."""

import datetime
import json
import re

import pytest

from django.db import transaction
from django.utils import timezone

from demo.bulk import published_pages_add, side_work_deferred
from events.models import Audience, EventFormat, EventPage
from tests.events.world import event, events_index, local_day
from tests.factories.accounts import UserFactory, sign_in
from tests.factories.cities import city_page, member_city
from tests.progress.world import areas


def titles(html: str) -> list[str]:
    return re.findall(r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a>', html)


class TestTheListing:
    def test_upcoming_soonest_first_then_the_past_latest_first(self, client, site_tree):
        event("In a month", days=30)
        event("Next week", days=7)
        event("Last year", days=-365)
        event("Last month", days=-30)

        page = client.get("/en/events/").text

        upcoming, past = page.split('id="past-title"')
        assert titles(upcoming) == ["Next week", "In a month"]
        assert titles(past) == ["Last month", "Last year"]

    def test_filters_by_focus_area_country_city_and_format_in_the_url(self, client, site_tree):
        first, second, *_ = areas()
        bergen = city_page(member_city("Bergen", country="NO"))
        malmo = city_page(member_city("Malmö", country="SE"))
        event("Bergen meetup", host_city=bergen, focus_areas=[first])
        event("Malmö meetup", host_city=malmo, focus_areas=[second])
        event(
            "Webinar",
            format=EventFormat.ONLINE,
            online_url="https://meet.example.org/x",
            venue_address="",
            focus_areas=[second],
        )

        def shown(query: str) -> list[str]:
            return sorted(titles(client.get(f"/en/events/?{query}").text))

        assert shown("") == ["Bergen meetup", "Malmö meetup", "Webinar"]
        assert shown(f"focus_area={second.slug}") == ["Malmö meetup", "Webinar"]
        assert shown("country=SE") == ["Malmö meetup"]
        assert shown(f"city={bergen.translation_key}") == ["Bergen meetup"]
        assert shown("format=online") == ["Webinar"]
        assert shown("country=XX&format=nonsense") == ["Bergen meetup", "Malmö meetup", "Webinar"]

    def test_it_is_in_every_language(self, client, site_tree):
        event("Bergen meetup")
        for language in ("da", "sv", "nb", "fi", "is"):
            response = client.get(f"/{language}/events/")
            assert response.status_code == 200
            assert titles(response.text) == ["Bergen meetup"]


class TestTheEventPage:
    def test_it_shows_the_local_time_seats_left_and_the_address(self, client, site_tree):
        page = event("Bergen meetup", capacity=40, starts_at=local_day(10, hour=9))

        html = client.get(page.url).text

        assert "09:00" in html and "Norway (Oslo)" in html
        assert "40 / 40" in html
        assert "Strømgaten 6" in html

    def test_it_names_its_host_city_as_the_city_page_is_titled_now(self, client, site_tree):
        bergen = city_page(member_city("Bergen", country="NO"))
        page = event("Bergen meetup", host_city=bergen)
        assert "Host city: Bergen</dd>" in client.get(page.url).text

        bergen.title = "Bergen kommune"
        bergen.save_revision().publish()

        assert "Host city: Bergen kommune</dd>" in client.get(page.url).text

    def test_a_members_only_meetup_never_shows_its_online_link_to_anyone_unregistered(
        self, client, site_tree
    ):
        page = event(
            "Members' webinar",
            audience=Audience.MEMBERS,
            format=EventFormat.ONLINE,
            online_url="https://meet.example.org/members",
            venue_address="",
        )
        for person in (None, UserFactory()):
            if person:
                sign_in(client, person, second_factor=False)
            html = client.get(page.url).text
            assert "meet.example.org" not in html
            assert "for members of the network only" in html
        assert "meet.example.org" not in client.get("/feeds/events.ics").text


@pytest.fixture(scope="class")
def meetups(request, class_db):
    """``request.param`` published meetups, half past and half coming, built once per class."""
    with transaction.atomic():
        index = events_index()
        focus = areas()
        now = timezone.now()
        children = [
            (
                index,
                EventPage(
                    title=f"Meetup {number}",
                    slug=f"meetup-{number}",
                    starts_at=now + datetime.timedelta(days=number - request.param // 2),
                    ends_at=now + datetime.timedelta(days=number - request.param // 2, hours=5),
                    venue_address="Town hall",
                    capacity=50,
                ),
            )
            for number in range(request.param)
        ]
        with side_work_deferred():
            pages = published_pages_add(children)
        through = EventPage.focus_areas.through
        through.objects.bulk_create(
            through(eventpage_id=page.pk, focusarea_id=focus[page.pk % 6].pk) for page in pages
        )
        yield pages
        transaction.set_rollback(True)


@pytest.mark.parametrize("meetups", [10, 1000], indirect=True, scope="class")
class TestQueryBudgets:
    def test_the_listing(self, client, db, django_assert_num_queries, meetups):
        client.get("/en/cities/")  # the page tree's memo and the menu (the home lists meetups)
        # The page by its path and as its specific type (2); whether any page has a view
        # restriction (1, kept by the page tree's memo from then on); the focus areas (1); the
        # meetups, the first time (event_entries): the locale, the events with their host city
        # and country, their focus areas (3); the translations' URLs for hreflang (1).
        with django_assert_num_queries(8):
            response = client.get("/en/events/?format=in_person")
        assert response.context["listing"].total_upcoming == len(meetups) // 2
        # Warm: the focus areas (1); the page from the page tree's memo.
        with django_assert_num_queries(1):
            client.get("/en/events/?page=2")

    def test_an_event_page(self, client, db, django_assert_num_queries, meetups):
        page = meetups[-1]
        client.get(page.url)
        # The confirmed seats (1); the page from the page tree's memo (core.page_tree).
        with django_assert_num_queries(1):
            client.get(page.url)
        person = UserFactory()
        sign_in(client, person, second_factor=False)
        client.get(page.url)
        # Signed in, besides that one: the session's user (1), their groups (1, who may
        # register for members-only meetups), the user's and their groups' permissions for the
        # header's link to the admin (2), and their registration (1).
        with django_assert_num_queries(6):
            client.get(page.url)


class TestElsewhere:
    def test_the_next_meetups_are_on_the_home_page_and_their_host_citys_page(
        self, client, site_tree
    ):
        bergen = member_city("Bergen", country="NO")
        event("Bergen meetup", host_city=city_page(bergen), days=10)
        event("Webinar", format=EventFormat.ONLINE, online_url="https://x.example", days=5)
        event("Last year's meetup", host_city=city_page(bergen), days=-365)

        home = client.get("/en/").text
        city = client.get(city_page(bergen).url).text

        assert "Bergen meetup" in home and "Webinar" in home
        assert "Last year's meetup" not in home
        assert "Bergen meetup" in city and "Webinar" not in city
        assert "Last year's meetup" not in city

    def test_the_network_figures_count_the_meetups(self, client, site_tree):
        event("Bergen meetup")
        event("Last year's meetup", days=-365)

        figures = {figure.label: figure.value for figure in client.get("/en/").context["figures"]}

        assert figures["Nordic meetups"] == 2

    def test_my_data_lists_ones_registrations_with_what_one_told(self, client, site_tree):
        from events import services

        page = event("Bergen meetup")
        person = UserFactory()
        services.registration_create(
            event=page,
            user=person,
            data=services.RegistrationInput(organisation="Bergen", dietary_needs="Vegan"),
        )
        sign_in(client, person, second_factor=False)

        data = json.loads(client.post("/en/accounts/my-data/download/").content)

        (registration,) = data["meetup_registrations"]
        assert registration["meetup"] == "Bergen meetup"
        assert (registration["status"], registration["dietary_needs"]) == ("confirmed", "Vegan")


class TestOutwardChannels:
    def test_the_api_lists_the_meetups_public_facts_and_never_the_online_link(
        self, client, site_tree
    ):
        bergen = member_city("Bergen", country="NO")
        event("Bergen meetup", host_city=city_page(bergen), days=10)
        event(
            "Members' webinar",
            audience=Audience.MEMBERS,
            format=EventFormat.ONLINE,
            online_url="https://meet.example.org/secret",
            venue_address="",
            days=5,
        )
        event("Last year's meetup", days=-365)

        upcoming = client.get("/api/events/?lang=sv")
        past = client.get("/api/events/?when=past").json()

        assert upcoming.status_code == 200
        assert [event["title"] for event in upcoming.json()["results"]] == [
            "Members' webinar",
            "Bergen meetup",
        ]
        first = upcoming.json()["results"][1]
        assert (first["city"], first["country"], first["format"]) == ("bergen", "NO", "in_person")
        assert first["url"].endswith("/sv/events/bergen-meetup/")
        assert "meet.example.org" not in upcoming.text
        assert [event["title"] for event in past["results"]] == ["Last year's meetup"]
        assert client.get("/api/events/?when=tomorrow").status_code == 400

    def test_the_meetups_are_in_the_sitemap_and_the_site_search(self, client, site_tree):
        page = event("Harbour walk meetup", days=10)

        assert page.full_url in client.get("/sitemap.xml").text
        assert "Harbour walk meetup" in client.get("/en/search/?q=harbour").text
