"""The Nordic meetups of the demo network (demo/data/events.yaml): the index page, past and
coming meetups in cities and online, one of them full with a waitlist, registrations of the
demo coordinators made through ``events.services``, and the library pages that came out of a
past meetup; ``--scale N`` adds 100 synthetic meetups per step."""

import datetime
import random
import zoneinfo

from django.utils import timezone

from wagtail.models import Page

from accounts.models import User
from charter.models import FocusArea
from cities.models import CityPage
from core.models import CANONICAL_LOCALE
from core.services import home_child_get_or_create, page_create
from demo.bulk import published_pages_add, side_work_deferred
from demo.data import load
from events import services
from events.models import Audience, EventFormat, EventPage, EventsIndexPage, Registration

SYNTHETIC_PER_SCALE = 100


def seed(*, scale: int, log) -> None:
    data = load("events")
    index = home_child_get_or_create(
        EventsIndexPage(
            title=data["index"]["title"],
            slug=data["index"]["slug"],
            introduction=data["index"]["introduction"],
            show_in_menus=True,
        )
    )
    cities = {page.slug: page for page in CityPage.objects.filter(**CANONICAL_LOCALE)}
    areas = {area.slug: area for area in FocusArea.objects.filter(**CANONICAL_LOCALE)}
    today = timezone.localdate()
    for spec in data["events"]:
        event = _event(index, spec, cities, areas, today)
        for slug in spec.get("registrations", []):
            _register(event, slug)
        for path in spec.get("outcomes", []):
            _outcome(event, path)
    if scale > 1:
        _synthetic(index, list(cities.values()), list(areas.values()), scale, today)
    log(f"{EventPage.objects.count()} meetups, {Registration.objects.count()} registrations")


def _local(day: datetime.date, clock: str, zone: str) -> datetime.datetime:
    hours, minutes = map(int, clock.split(":"))
    return datetime.datetime.combine(day, datetime.time(hours, minutes), zoneinfo.ZoneInfo(zone))


def _event(index, spec, cities, areas, today) -> EventPage:
    existing = EventPage.objects.child_of(index).filter(slug=spec["slug"]).first()
    if existing is not None:
        return existing.specific
    starts = _local(
        today + datetime.timedelta(days=spec["days_from_now"]), spec["start"], spec["time_zone"]
    )
    online = "online_url" in spec
    event = EventPage(
        title=spec["title"],
        slug=spec["slug"],
        introduction=spec["introduction"],
        time_zone=spec["time_zone"],
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=spec["hours"]),
        format=EventFormat.ONLINE if online else EventFormat.IN_PERSON,
        host_city=cities.get(spec.get("city", "")),
        venue_name=spec.get("venue_name", ""),
        venue_address=spec.get("venue_address", ""),
        venue_url=spec.get("venue_url", ""),
        online_url=spec.get("online_url", ""),
        capacity=spec["capacity"],
        registration_closes_at=starts - datetime.timedelta(days=1),
        audience=Audience(spec["audience"]),
        agenda=[
            {
                "type": "session",
                "value": {"time": time, "title": title, "speaker": speaker, "room": room},
            }
            for time, title, speaker, room in spec.get("agenda", [])
        ],
    )
    event.focus_areas = [areas[slug] for slug in spec["areas"] if slug in areas]
    return page_create(parent=index, page=event)


def _outcome(event: EventPage, path: str) -> None:
    """Mark the library page at ``path`` (below the home page) as come out of ``event``: a new
    revision of the English page, published, as an editor would (its copies follow)."""
    page = Page.objects.filter(**CANONICAL_LOCALE, url_path__endswith=f"/{path}/").first()
    if page is None:
        return
    page = page.specific
    if page.meetup_id != event.pk:
        page.meetup = event
        page.save_revision(log_action=True).publish()


def _register(event: EventPage, city_slug: str) -> None:
    user = User.objects.filter(coordinator__membership__city_page__slug=city_slug).first()
    if user is None or Registration.objects.filter(event=event, user=user).exists():
        return
    if event.registration_state() != "open":
        # A past meetup: the record of who came, as it stood (no email about it now).
        Registration.objects.create(
            event=event,
            user=user,
            status="confirmed",
            organisation=f"City of {city_slug.title()}",
            queued_at=event.starts_at - datetime.timedelta(days=30),
            confirmed_at=event.starts_at - datetime.timedelta(days=30),
            attended=True,
        )
        return
    services.registration_create(
        event=event,
        user=user,
        data=services.RegistrationInput(organisation=f"City of {city_slug.title()}"),
    )


def _synthetic(index, cities, areas, scale: int, today) -> None:
    count = SYNTHETIC_PER_SCALE * scale
    existing = EventPage.objects.child_of(index).filter(slug__startswith="meetup-").count()
    rng = random.Random(4242)
    children = []
    for number in range(existing, count):
        city = rng.choice(cities) if cities and number % 4 else None
        starts = _local(
            today + datetime.timedelta(days=rng.randint(-900, 300)), "10:00", "Europe/Oslo"
        )
        event = EventPage(
            title=f"Meetup {number}",
            slug=f"meetup-{number}",
            introduction="A synthetic meetup of the benchmark network.",
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=6),
            format=EventFormat.IN_PERSON if city else EventFormat.ONLINE,
            host_city=city,
            venue_address="Town hall" if city else "",
            online_url="" if city else "https://meet.example.org/synthetic",
            capacity=50,
            audience=Audience.PUBLIC if number % 3 else Audience.MEMBERS,
        )
        children.append((index, event))
    with side_work_deferred():
        pages = published_pages_add(children)
    through = EventPage.focus_areas.through
    through.objects.bulk_create(
        [
            through(eventpage_id=page.pk, focusarea_id=areas[page.pk % len(areas)].pk)
            for page in pages
        ]
        if areas
        else []
    )
