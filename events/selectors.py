"""Reads of the meetups: the listing at ``/events/``, one event's page, the calendar feeds and
the sections other pages show. Each says what it fetches and how many queries."""

import math
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.utils import timezone

from wagtail.models import Locale, Page

from charter.selectors import focus_area_list
from cities.models.country import COUNTRY_NAMES
from core.content_cache import content_cached, content_key, content_store
from core.paging import PER_PAGE, PageUrls, Pagination, page_number, pagination
from events.models import EventFormat, EventPage, Registration, RegistrationStatus

FILTERS = ("focus_area", "country", "city", "format")


@dataclass(frozen=True)
class EventEntry:
    """One meetup as listings show it, the same for every visitor."""

    pk: int
    translation_key: str
    title: str
    url: str
    introduction: str
    starts_at: datetime
    ends_at: datetime
    time_zone: str
    city: str
    city_key: str
    city_slug: str
    country: str
    format: str
    format_label: str
    members_only: bool
    cancelled: bool
    area_slugs: tuple[str, ...]

    @property
    def local_start(self):
        import zoneinfo

        return timezone.localtime(self.starts_at, zoneinfo.ZoneInfo(self.time_zone))

    @property
    def local_end(self):
        import zoneinfo

        return timezone.localtime(self.ends_at, zoneinfo.ZoneInfo(self.time_zone))

    @property
    def country_name(self) -> str:
        return str(COUNTRY_NAMES.get(self.country, ""))


def event_entries(*, language: str) -> list[EventEntry]:
    """Every live meetup in a language tree, soonest first. Cached on the content version (no
    query); cold, three: the locale, the events with their host city and its country, their
    focus areas."""
    return content_cached("events", language, build=lambda: _event_entries(language=language))


def _event_entries(*, language: str) -> list[EventEntry]:
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None:
        return []
    urls = PageUrls()
    events = (
        EventPage.objects.live()
        .filter(locale=locale)
        .select_related("host_city__country")
        .prefetch_related("focus_areas")
        .order_by("starts_at", "pk")
    )
    return [
        EventEntry(
            pk=event.pk,
            translation_key=str(event.translation_key),
            title=event.title,
            url=urls(event.url_path),
            introduction=event.introduction,
            starts_at=event.starts_at,
            ends_at=event.ends_at,
            time_zone=event.time_zone,
            city=event.host_city.title if event.host_city else "",
            city_key=str(event.host_city.translation_key) if event.host_city else "",
            city_slug=event.host_city.slug if event.host_city else "",
            country=event.host_city.country.code if event.host_city else "",
            format=event.format,
            format_label=str(EventFormat(event.format).label),
            members_only=event.is_members_only,
            cancelled=event.is_cancelled,
            area_slugs=tuple(area.slug for area in event.focus_areas.all()),
        )
        for event in events
    ]


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass
class EventListing:
    upcoming: list[EventEntry]
    past: list[EventEntry]
    pagination: Pagination | None
    selected: dict[str, str]
    areas: list[Choice]
    countries: list[Choice]
    cities: list[Choice]
    formats: list[Choice]
    total_upcoming: int = 0
    total_past: int = 0
    active_filters: list[str] = field(default_factory=list)
    key: str = ""


# The listing is the same for everyone for a minute of a content version: a meetup moves from
# the upcoming to the past within a minute of its end.
LISTING_SECONDS = 60
UPCOMING_SHOWN = 50


def event_list(*, language: str, params, now: datetime | None = None) -> EventListing:
    """``/events/``: the upcoming meetups (soonest first, the first ``UPCOMING_SHOWN``) and a
    page of past ones (latest first), filtered by focus area, country, host city and format
    (every choice in the URL; unknown values ignored). Cached per language, parameters and
    minute (no query); cold, four at most: the focus areas, and the events when their cache
    is cold too (``event_entries``)."""
    now = now or timezone.now()
    asked = urlencode(sorted((name, params.get(name, "")) for name in (*FILTERS, "page")))
    key = content_key("events-listing", language, asked, int(now.timestamp()) // LISTING_SECONDS)
    listing = content_store.get(key)
    if listing is None:
        listing = _event_list(language=language, params=params, now=now)
        listing.key = key
        content_store.set(key, listing, timeout=LISTING_SECONDS * 2)
    return listing


def _event_list(*, language: str, params, now: datetime) -> EventListing:
    entries = event_entries(language=language)
    areas = [Choice(area.slug, area.name) for area in focus_area_list(language=language)]
    countries = sorted(
        {entry.country for entry in entries if entry.country},
        key=lambda code: str(COUNTRY_NAMES.get(code, code)),
    )
    cities = sorted(
        {(entry.city_key, entry.city) for entry in entries if entry.city_key}, key=lambda c: c[1]
    )
    choices = {
        "focus_area": [choice.value for choice in areas],
        "country": countries,
        "city": [key for key, _title in cities],
        "format": EventFormat.values,
    }
    selected = {
        name: params.get(name, "") for name in FILTERS if params.get(name, "") in choices[name]
    }
    chosen = [
        entry
        for entry in entries
        if (not selected.get("focus_area") or selected["focus_area"] in entry.area_slugs)
        and (not selected.get("country") or entry.country == selected["country"])
        and (not selected.get("city") or entry.city_key == selected["city"])
        and (not selected.get("format") or entry.format == selected["format"])
    ]
    upcoming = [entry for entry in chosen if entry.ends_at >= now]
    past = [entry for entry in reversed(chosen) if entry.ends_at < now]
    num_pages = max(1, math.ceil(len(past) / PER_PAGE))
    number = min(page_number(params.get("page", 1)), num_pages)

    def query_for(page: int) -> str:
        return "?" + urlencode({**selected, **({"page": page} if page > 1 else {})})

    return EventListing(
        upcoming=upcoming[:UPCOMING_SHOWN],
        past=past[(number - 1) * PER_PAGE : number * PER_PAGE],
        pagination=pagination(query_for, number=number, num_pages=num_pages)
        if num_pages > 1
        else None,
        selected=selected,
        areas=areas,
        countries=[Choice(code, str(COUNTRY_NAMES.get(code, code))) for code in countries],
        cities=[Choice(key, title) for key, title in cities],
        formats=[Choice(value, str(label)) for value, label in EventFormat.choices],
        total_upcoming=len(upcoming),
        total_past=len(past),
        active_filters=list(selected),
    )


@dataclass(frozen=True)
class EventDetail:
    """What one person sees of one meetup besides its content: the seats left, their own
    registration (with their place on the waitlist), and whether they may register."""

    seats_left: int
    registration: Registration | None
    waitlist_position: int | None
    state: str
    may_register: bool
    members_only_refused: bool
    show_online_url: bool
    calendar_token: str = ""


def event_detail(*, page: EventPage, user) -> EventDetail:
    """Two queries for a visitor (the default language's event, the confirmed count); two more
    for a signed-in person (their registration, and their place when waitlisted)."""
    from accounts.permissions import user_is_network_member
    from events.services import canonical_event, waitlist_position

    event = canonical_event(page)
    confirmed = Registration.objects.filter(
        event=event, status=RegistrationStatus.CONFIRMED
    ).count()
    registration = None
    if user.is_authenticated:
        registration = (
            Registration.objects.filter(event=event, user=user)
            .exclude(status=RegistrationStatus.CANCELLED)
            .select_related("user__meetup_calendar")
            .first()
        )
    members_only_refused = event.is_members_only and not user_is_network_member(user)
    state = event.registration_state()
    return EventDetail(
        seats_left=max(0, event.capacity - confirmed),
        registration=registration,
        waitlist_position=waitlist_position(registration) if registration else None,
        state=state,
        may_register=state == "open" and registration is None and not members_only_refused,
        members_only_refused=members_only_refused,
        show_online_url=bool(registration and registration.status == RegistrationStatus.CONFIRMED),
        calendar_token=_calendar_token(registration),
    )


def _calendar_token(registration) -> str:
    from events.models import CalendarFeed

    try:
        return registration.user.meetup_calendar.token if registration else ""
    except CalendarFeed.DoesNotExist:
        return ""


def calendar_feed_of(user):
    """``user``'s private calendar address, or None before their first registration: one
    query."""
    from events.models import CalendarFeed

    return CalendarFeed.objects.filter(user=user).first()


def personal_calendar(*, token: str) -> tuple[object, list[EventPage]] | None:
    """The person whose private calendar address ``token`` is, and the meetups they have a seat
    at, each in their language where it has a copy; None for an unknown token. Three queries:
    the address with its person, the meetups, their copies in the person's language."""
    from events.models import CalendarFeed

    feed = CalendarFeed.objects.filter(token=token).select_related("user").first()
    if feed is None:
        return None
    events = list(
        EventPage.objects.live()
        .filter(
            registrations__user=feed.user,
            registrations__status=RegistrationStatus.CONFIRMED,
        )
        .order_by("starts_at", "pk")
    )
    copies = {
        page.translation_key: page
        for page in EventPage.objects.live().filter(
            translation_key__in=[event.translation_key for event in events],
            locale__language_code=feed.user.language,
        )
    }
    return feed.user, [copies.get(event.translation_key, event) for event in events]


def host_city_title(*, page: EventPage) -> str:
    """The title of the meetup's host city, or "" without one. A city's title changes when its
    page is published, so it is kept in the cache on the content version: no query on a warm
    cache, one on a cold one (the title alone, not the city's whole page)."""
    if page.host_city_id is None:
        return ""

    def title() -> str | None:
        return Page.objects.filter(pk=page.host_city_id).values_list("title", flat=True).first()

    return content_cached("page-title", page.host_city_id, build=lambda: title() or "")


def upcoming_events(*, language: str, limit: int = 3, city_key: str = "") -> list[EventEntry]:
    """The next meetups (of one host city, given its translation key), for the home page and a
    city's page: from ``event_entries``. Reading every meetup of the language from the cache
    costs more than the page around it, so the few shown are kept under their own key until
    public content changes (a new, moved or cancelled meetup moves the version on) or the first
    of them ends, when the next one takes its place."""
    key = content_key("upcoming-events", language, limit, city_key)
    now = timezone.now()
    cached = content_store.get(key)
    if cached is not None and (cached[0] is None or cached[0] >= now):
        return cached[1]
    chosen = _upcoming_events(language=language, limit=limit, city_key=city_key, now=now)
    first_end = min((entry.ends_at for entry in chosen), default=None)
    content_store.set(key, (first_end, chosen), timeout=None)
    return chosen


def _upcoming_events(
    *, language: str, limit: int, city_key: str, now: datetime
) -> list[EventEntry]:
    return [
        entry
        for entry in event_entries(language=language)
        if entry.ends_at >= now
        and not entry.cancelled
        and (not city_key or entry.city_key == city_key)
    ][:limit]


def public_upcoming_events() -> list[EventPage]:
    """The meetups open to the public that have not ended, in the default language, soonest
    first: one query (their URLs come from Wagtail's cached site root paths)."""
    from events.models import Audience

    return list(
        EventPage.objects.live()
        .public()
        .filter(
            locale__language_code=settings.LANGUAGE_CODE,
            audience=Audience.PUBLIC,
            ends_at__gte=timezone.now(),
        )
        .order_by("starts_at", "pk")
    )


def meetup_count() -> int:
    """The live meetups of the network, past and planned (the default language's pages): one
    query."""
    return EventPage.objects.live().filter(locale__language_code=settings.LANGUAGE_CODE).count()


# --- The secretariat's admin ----------------------------------------------------------------

PAST_SHOWN = 20


@dataclass(frozen=True)
class Counts:
    confirmed: int = 0
    waitlisted: int = 0
    cancelled: int = 0
    attended: int = 0


def registration_counts(event_ids: list[int]) -> dict[int, Counts]:
    """Each event's registrations by status, and how many came: one aggregate query."""
    rows = (
        Registration.objects.filter(event_id__in=event_ids)
        .values("event_id")
        .annotate(
            confirmed=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
            waitlisted=Count("pk", filter=Q(status=RegistrationStatus.WAITLISTED)),
            cancelled=Count("pk", filter=Q(status=RegistrationStatus.CANCELLED)),
            attended=Count("pk", filter=Q(attended=True)),
        )
        .order_by()
    )
    return {row.pop("event_id"): Counts(**row) for row in rows}


@dataclass(frozen=True)
class Meetup:
    event: EventPage
    counts: Counts


def meetup_list(*, now: datetime) -> tuple[list[Meetup], list[Meetup]]:
    """The meetups in the default language: those not yet ended (soonest first) and the last
    ``PAST_SHOWN`` ended (latest first), each with its host city and counts. Three queries."""
    events = EventPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).select_related(
        "host_city"
    )
    upcoming = list(events.filter(ends_at__gte=now).order_by("starts_at", "pk"))
    past = list(events.filter(ends_at__lt=now).order_by("-starts_at", "-pk")[:PAST_SHOWN])
    counts = registration_counts([event.pk for event in upcoming + past])

    def rows(chosen):
        return [Meetup(event, counts.get(event.pk, Counts())) for event in chosen]

    return rows(upcoming), rows(past)


@dataclass(frozen=True)
class Participant:
    registration: Registration
    waitlist_position: int | None


QUEUE_ORDER = Case(
    When(status=RegistrationStatus.CONFIRMED, then=Value(0)),
    When(status=RegistrationStatus.WAITLISTED, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def participant_list(*, event: EventPage) -> list[Participant]:
    """Everyone registered for ``event``, with their account: the confirmed, then the waitlist
    in queue order, then those who cancelled. One query; the places on the waitlist are counted
    here (as ``services.waitlist_position`` counts them), not one query per person."""
    registrations = (
        Registration.objects.filter(event=event)
        .select_related("user")
        .order_by(QUEUE_ORDER, "queued_at", "pk")
    )
    participants, position = [], 0
    for registration in registrations:
        if registration.status == RegistrationStatus.WAITLISTED:
            position += 1
        waiting = registration.status == RegistrationStatus.WAITLISTED
        participants.append(Participant(registration, position if waiting else None))
    return participants
