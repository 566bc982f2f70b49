"""Reads of the public member cities: who is an active member, the cities index's list and
map, a city's membership facts, the partners and the network's figures."""

from dataclasses import dataclass, replace

from django.db.models import OuterRef, Subquery, Sum

from charter.selectors import focus_area_list
from cities.map import MapMarker, NordicMap, nordic_map
from cities.models import (
    AmbassadorCount,
    CitiesIndexPage,
    CityPage,
    Country,
    Membership,
    MembershipStatus,
    Partner,
)
from core.content_cache import content_cached, content_key, content_store


def active_city_keys():
    """A subquery: the translation keys of the city pages of active members."""
    return Membership.objects.active().values("city_page__translation_key")


def member_city_pages(*, locale_id: int):
    """Live, public city pages of active members in a locale, with their country: two queries
    (view restrictions for ``public()``, then the pages)."""
    return (
        CityPage.objects.live()
        .public()
        .filter(locale_id=locale_id, translation_key__in=active_city_keys())
        .select_related("country")
        .order_by("title")
    )


@dataclass(frozen=True)
class CityEntry:
    title: str
    url: str
    country_code: str
    country_name: str
    population: int | None
    latitude: float | None
    longitude: float | None
    # The city's number on the map. A phone's map shows every city by its number; a wider map
    # shows a name (``map_named``), or the number where the name found no place.
    map_number: int | None = None
    map_named: bool = False


@dataclass(frozen=True)
class CountryCount:
    """A country with its number of member cities: a choice of the directory's country filter,
    a row of the secretariat's dashboard."""

    code: str
    name: str
    count: int
    selected: bool = False


@dataclass(frozen=True)
class CityDirectory:
    cities: list[CityEntry]
    countries: list[CountryCount]
    selected_country: str
    total: int
    map: NordicMap


def city_directory(*, index_page: CitiesIndexPage, country_code: str = "") -> CityDirectory:
    """Every member city, and the list and the map of the chosen country (or of all).

    The member cities are cached per language, and each map (the whole region, or zoomed to a
    country) per language and country, until public content changes (``core.content_cache``):
    no query on a warm cache, two on a cold one (view restrictions, pages with their country).
    Laying out 200 map labels takes longer than any query, which is why the maps are cached too.
    """
    entries = content_cached(
        "city-directory", index_page.locale_id, build=lambda: _member_cities(index_page)
    )
    codes = sorted({entry.country_code for entry in entries})
    country_code = country_code.upper()
    selected = country_code if country_code in codes else ""
    countries = [
        CountryCount(
            code=code,
            name=str(Country(code=code).name),
            count=sum(1 for entry in entries if entry.country_code == code),
            selected=code == selected,
        )
        for code in codes
    ]
    shown = [entry for entry in entries if not selected or entry.country_code == selected]
    map_key = content_key("city-map", index_page.locale_id, selected)
    city_map = content_store.get(map_key)
    if city_map is None:
        mapped = [entry for entry in shown if entry.latitude is not None]
        city_map = nordic_map(mapped, country_code=selected)
        content_store.set(map_key, city_map, timeout=None)
    markers = {marker.url: marker for marker in city_map.markers}
    return CityDirectory(
        cities=[_on_the_map(entry, markers.get(entry.url)) for entry in shown],
        countries=countries,
        selected_country=selected,
        total=len(entries),
        map=city_map,
    )


def _on_the_map(entry: CityEntry, marker: MapMarker | None) -> CityEntry:
    if marker is None:
        return entry
    named = marker.label is not None and marker.label.number is None
    return replace(entry, map_number=marker.number, map_named=named)


def _member_cities(index_page: CitiesIndexPage) -> list[CityEntry]:
    """Cities are direct children of the index page, so their URLs are built from its URL."""
    base_url = index_page.url or ""
    return [
        CityEntry(
            title=page.title,
            url=f"{base_url}{page.slug}/",
            country_code=page.country.code,
            country_name=str(page.country.name),
            population=page.population,
            latitude=float(page.latitude) if page.latitude is not None else None,
            longitude=float(page.longitude) if page.longitude is not None else None,
        )
        for page in member_city_pages(locale_id=index_page.locale_id)
    ]


@dataclass(frozen=True)
class CityProfile:
    membership: Membership | None
    is_member: bool
    ambassadors: AmbassadorCount | None
    country: Country | None = None


def city_profile(*, city_page: CityPage) -> CityProfile:
    """The membership facts and the country shown on a city's page. Memberships, ambassador
    counts and countries are public rows (``CitiesConfig.public_models``), so the profile is
    kept in the cache until public content changes (``core.content_cache``): no query on a warm
    cache; two on a cold one (the membership with its latest ambassador count as a subquery,
    the country)."""
    return content_cached(
        "city-profile",
        city_page.translation_key,
        city_page.country_id,
        build=lambda: _city_profile(city_page),
    )


def _city_profile(city_page: CityPage) -> CityProfile:
    latest = AmbassadorCount.objects.filter(membership=OuterRef("pk")).order_by("-year")
    membership = (
        Membership.objects.filter(city_page__translation_key=city_page.translation_key)
        .annotate(
            ambassador_year=Subquery(latest.values("year")[:1]),
            ambassador_count=Subquery(latest.values("count")[:1]),
        )
        .first()
    )
    ambassadors = None
    if membership is not None and membership.ambassador_year is not None:
        ambassadors = AmbassadorCount(
            membership=membership,
            year=membership.ambassador_year,
            count=membership.ambassador_count,
        )
    return CityProfile(
        membership=membership,
        is_member=membership is not None and membership.status == MembershipStatus.ACTIVE,
        ambassadors=ambassadors,
        country=city_page.country,
    )


@dataclass(frozen=True)
class PartnerEntry:
    name: str
    kind: str
    country_name: str
    city: str
    website: str
    description: str
    focus_areas: list[str]


def partner_list() -> list[PartnerEntry]:
    """Partners who consented to a public listing, with localised focus-area names: three
    queries (partners with country and city, their focus areas, the focus areas in the active
    language)."""
    names = {area.translation_key: area.name for area in focus_area_list()}
    partners = (
        Partner.objects.filter(public_consent=True)
        .select_related("country", "city")
        .prefetch_related("focus_areas")
    )
    return [
        PartnerEntry(
            name=partner.name,
            kind=partner.get_kind_display(),
            country_name=str(partner.country.name),
            city=partner.city.title if partner.city else "",
            website=partner.website,
            description=partner.description,
            focus_areas=[
                names.get(area.translation_key, area.name) for area in partner.focus_areas.all()
            ],
        )
        for partner in partners
    ]


def network_member_figures() -> dict[str, int]:
    """Countries with an active member, active member cities, peace ambassadors (each active
    city's latest count) and publicly listed partners: four queries."""
    active = Membership.objects.active()
    latest_year = AmbassadorCount.objects.filter(membership=OuterRef("membership")).order_by(
        "-year"
    )
    return {
        "countries": active.values("city_page__country").distinct().count(),
        "cities": active.count(),
        "ambassadors": AmbassadorCount.objects.filter(
            membership__in=active,
            year=Subquery(latest_year.values("year")[:1]),
        ).aggregate(total=Sum("count"))["total"]
        or 0,
        "partners": Partner.objects.filter(public_consent=True).count(),
    }
