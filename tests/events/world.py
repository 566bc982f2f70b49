"""The meetups the events tests work on: an index at /events/ and events made to measure."""

import datetime
import zoneinfo

from django.utils import timezone
from django.utils.text import slugify

from core.services import home_child_get_or_create, page_create
from events.models import Audience, EventFormat, EventPage, EventsIndexPage

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")


def events_index() -> EventsIndexPage:
    return home_child_get_or_create(
        EventsIndexPage(title="Meetups", slug="events", introduction="Where cities meet.")
    )


def local_day(days: int, hour: int = 10) -> datetime.datetime:
    """``days`` from today at ``hour`` o'clock in Oslo."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour), OSLO)


def event(
    title: str = "Bergen meetup", *, capacity: int = 2, days: int = 21, **fields
) -> EventPage:
    starts = fields.pop("starts_at", None) or local_day(days)
    values = {
        "title": title,
        "slug": slugify(title),
        "introduction": f"What {title} is about.",
        "time_zone": "Europe/Oslo",
        "starts_at": starts,
        "ends_at": starts + datetime.timedelta(hours=6),
        "format": EventFormat.IN_PERSON,
        "venue_name": "Bergen Public Library",
        "venue_address": "Strømgaten 6\n5015 Bergen",
        "capacity": capacity,
        "audience": Audience.PUBLIC,
    }
    page = EventPage(**(values | fields))
    return page_create(parent=events_index(), page=page)
