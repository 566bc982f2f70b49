"""Calendar files (RFC 5545) for meetups, made with the ``icalendar`` library.

One event keeps one UID across languages and changes (its translation key), and its SEQUENCE
rises with every change of time or place, so a calendar replaces the copy it has; a cancelled
event is sent with STATUS:CANCELLED. Times are written in the event's own time zone, with the
zone's rules (VTIMEZONE) in the file.
"""

from collections.abc import Iterable

from icalendar import Calendar, Event

from django.utils import timezone

PRODUCT_ID = "-//Nordic Safe Cities//Meetups//EN"
UID_DOMAIN = "nordicsafecities.org"


def event_uid(page) -> str:
    return f"meetup-{page.translation_key}@{UID_DOMAIN}"


def _component(page, url: str) -> Event:
    event = Event()
    event.add("uid", event_uid(page))
    event.add("dtstamp", timezone.now())
    event.add("sequence", page.sequence)
    event.add("summary", page.title)
    event.add("dtstart", page.local_start)
    event.add("dtend", page.local_end)
    if page.introduction:
        event.add("description", f"{page.introduction}\n\n{url}")
    else:
        event.add("description", url)
    event.add("url", url)
    place = ", ".join(
        part for part in (page.venue_name, " ".join(page.venue_address.split())) if part
    )
    if place:
        event.add("location", place)
    event.add("status", "CANCELLED" if page.is_cancelled else "CONFIRMED")
    return event


def _calendar(name: str = "") -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    return calendar


def event_calendar(*, event, url: str) -> str:
    """The calendar file of one meetup, ``url`` being its page."""
    calendar = _calendar()
    calendar.add_component(_component(event, url))
    calendar.add_missing_timezones()
    return calendar.to_ical().decode()


def feed_calendar(*, name: str, events: Iterable[tuple[object, str]]) -> str:
    """A subscribable calendar of meetups, each given with its page's URL."""
    calendar = _calendar(name)
    for event, url in events:
        calendar.add_component(_component(event, url))
    calendar.add_missing_timezones()
    return calendar.to_ical().decode()
