"""The library's facets: what each URL parameter filters by, and the counts beside every option.

``library`` (``knowledge.selectors.library``) cleans the URL into filters, then asks this module
for the filter of the selection (``filters_q``), the counts of every facet in one query
(``facet_counts``) and the facets as the page shows them (``facets``).
"""

import uuid
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import CharField, Count, F, Q, Value
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cities.models.country import COUNTRY_NAMES
from knowledge.models import CaseStudyStatus, EvidenceLevel
from knowledge.models.case_study import TARGET_GROUP_NAMES
from knowledge.models.library_entry import SEPARATOR, split

# The facets' URL parameters, in the order a canonical query string lists them.
FOCUS_AREA, COUNTRY, CITY, TARGET_GROUP = "focus_area", "country", "city", "target_group"
STATUS, EVIDENCE, YEAR = "status", "evidence", "year"
FACET_LABELS = {
    FOCUS_AREA: _("Focus area"),
    COUNTRY: _("Country"),
    CITY: _("City"),
    TARGET_GROUP: _("Target group"),
    STATUS: _("Status"),
    EVIDENCE: _("Evidence"),
    YEAR: pgettext_lazy("year a practice started", "Year"),
}
MULTIPLE = {FOCUS_AREA, TARGET_GROUP}
# Facets whose options are fixed lists, shown even where they count nothing.
FIXED = {FOCUS_AREA, TARGET_GROUP, STATUS, EVIDENCE}

Filters = dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    # How many case studies the selection holds with this option chosen: every other facet's
    # filters (and the search) applied, not this facet's own.
    count: int
    selected: bool


@dataclass(frozen=True)
class Facet:
    param: str
    label: str
    multiple: bool
    options: list[FacetOption]


@dataclass(frozen=True)
class MemberCity:
    """A member city's page in the library's language, as the facets and the cards need it."""

    pk: int
    path: str
    slug: str
    title: str
    country_code: str


@dataclass(frozen=True)
class Vocabulary:
    """What the values of a URL stand for in the visitor's language: the member cities and the
    focus areas. Case studies are tagged with the English focus areas, so they are matched by
    translation key; the URL names them by slug."""

    cities: list[MemberCity]
    focus_areas: list

    def city_ids(self, *, countries=(), slugs=()) -> list[int]:
        return [
            city.pk for city in self.cities if city.country_code in countries or city.slug in slugs
        ]

    def focus_keys(self, slugs) -> list[uuid.UUID]:
        return [area.translation_key for area in self.focus_areas if area.slug in slugs]

    def focus_slug(self, key: str) -> str:
        """The slug of a translation key as the library's rows hold it (hex)."""
        key = uuid.UUID(key)
        return next((area.slug for area in self.focus_areas if area.translation_key == key), "")


def facet_choices(vocabulary: Vocabulary) -> dict[str, list[tuple[str, str]]]:
    """Every facet's options as (value, label), but the years, which come from the counts."""
    codes = {city.country_code for city in vocabulary.cities}
    countries = [(code, str(COUNTRY_NAMES.get(code, code))) for code in codes]
    return {
        FOCUS_AREA: [(area.slug, area.name) for area in vocabulary.focus_areas],
        COUNTRY: sorted(countries, key=lambda choice: choice[1]),
        CITY: [(city.slug, city.title) for city in vocabulary.cities],
        TARGET_GROUP: [(code, str(name)) for code, name in TARGET_GROUP_NAMES.items()],
        STATUS: [(value, str(label)) for value, label in CaseStudyStatus.choices],
        EVIDENCE: [(value, str(label)) for value, label in EvidenceLevel.choices],
    }


def _any_of(field: str, values) -> Q:
    """Rows whose ``joined`` column holds any of ``values``."""
    q = Q(pk__in=[])
    for value in values:
        q |= Q(**{f"{field}__contains": f"{SEPARATOR}{value}{SEPARATOR}"})
    return q


def _filter_q(param: str, values: tuple[str, ...], *, vocabulary: Vocabulary) -> Q:
    if param == FOCUS_AREA:
        return _any_of("focus_keys", [key.hex for key in vocabulary.focus_keys(values)])
    if param == TARGET_GROUP:
        return _any_of("target_groups", values)
    if param == COUNTRY:
        return Q(city_page_id__in=vocabulary.city_ids(countries=values))
    if param == CITY:
        return Q(city_page_id__in=vocabulary.city_ids(slugs=values))
    if param == STATUS:
        return Q(status__in=values)
    if param == EVIDENCE:
        return Q(evidence_level__in=values)
    return Q(year=int(values[0]))


def filters_q(filters: Filters, *, vocabulary: Vocabulary, without: str = "") -> Q:
    """The library's rows that every filter (but ``without``'s) lets through."""
    q = Q()
    for param, values in filters.items():
        if param != without:
            q &= _filter_q(param, values, vocabulary=vocabulary)
    return q


# What each facet counts by, a column of the library's rows (``LibraryEntry``). The country and
# the city count by city page; the focus areas and target groups by a row's set of them, which
# is then counted for each of its values.
FACET_COLUMNS = {
    FOCUS_AREA: "focus_keys",
    COUNTRY: "city_page_id",
    CITY: "city_page_id",
    TARGET_GROUP: "target_groups",
    STATUS: "status",
    EVIDENCE: "evidence_level",
    YEAR: "year",
}
TOTAL = "total"


def facet_counts(entries, *, filters: Filters, vocabulary) -> dict[tuple[str, str], int]:
    """{(facet, value): count}, and ("total", "") for the selection itself: one query, a UNION
    ALL of grouped counts of the library's rows, each scanning only that table.

    Each facet counts the rows that every other facet's filter lets through (and the search),
    grouped by its column; the country and the city share one count by city page while neither
    is filtered. A grouped set of focus areas or target groups adds its count to each of them."""

    def counted(name: str, column, without: str):
        rows = entries.filter(filters_q(filters, vocabulary=vocabulary, without=without))
        return rows.values(
            facet=Value(name, output_field=CharField()),
            value=Cast(column, output_field=CharField()),
        ).annotate(count=Count("pk"))

    places = COUNTRY if COUNTRY in filters or CITY in filters else f"{COUNTRY}+{CITY}"
    branches = [counted(TOTAL, Value(""), without="")]
    for param, column in FACET_COLUMNS.items():
        if param == CITY and places != COUNTRY:
            continue
        name = places if param == COUNTRY else param
        branches.append(counted(name, F(column), without=param if name == param else ""))
    rows = branches[0].union(*branches[1:], all=True).values_list("facet", "value", "count")

    counts: dict[tuple[str, str], int] = defaultdict(int)
    by_id = {str(city.pk): city for city in vocabulary.cities}
    for facet, value, count in rows:
        if facet == TOTAL:
            counts[TOTAL, ""] += count
        elif facet in (COUNTRY, CITY, f"{COUNTRY}+{CITY}"):
            city = by_id[value]
            if facet != CITY:
                counts[COUNTRY, city.country_code] += count
            if facet != COUNTRY:
                counts[CITY, city.slug] += count
        elif facet == FOCUS_AREA:
            for key in split(value):
                counts[facet, vocabulary.focus_slug(key)] += count
        elif facet == TARGET_GROUP:
            for code in split(value):
                counts[facet, code] += count
        else:
            counts[facet, value] += count
    return counts


def facets(counts, *, filters: Filters, choices) -> list[Facet]:
    """Every facet with its options and their counts; the years are those that count something
    (or are chosen), newest first."""
    years = {value for facet, value in counts if facet == YEAR} | set(filters.get(YEAR, ()))
    choices = choices | {YEAR: [(year, year) for year in sorted(years, reverse=True)]}
    result = []
    for param, facet_label in FACET_LABELS.items():
        chosen = filters.get(param, ())
        options = [
            FacetOption(value, label, counts.get((param, value), 0), value in chosen)
            for value, label in choices[param]
        ]
        if param not in FIXED:
            options = [option for option in options if option.count or option.selected]
        result.append(Facet(param, str(facet_label), param in MULTIPLE, options))
    return result
