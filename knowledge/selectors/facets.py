"""The library's facets: what each URL parameter filters by, and the counts beside every option.

``library`` (``knowledge.selectors.library``) cleans the URL into filters, then asks this module
for the filter of the selection (``filters_q``), the counts of every facet in one query
(``facet_counts``) and the facets as the page shows them (``facets``).
"""

import uuid
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import CharField, Count, F, Q, Value
from django.db.models.functions import Cast, Concat, ExtractYear
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cities.models.country import COUNTRY_NAMES
from knowledge.models import CaseStudyPage, CaseStudyStatus, EvidenceLevel
from knowledge.models.case_study import TARGET_GROUP_NAMES

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
FOCUS_AREA_LINKS = CaseStudyPage.focus_areas.through.objects
TARGET_GROUP_LINKS = CaseStudyPage.target_groups.through.objects

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

    def city_paths(self, *, countries=(), slugs=()) -> list[str]:
        cities = self.cities
        return [
            city.path for city in cities if city.country_code in countries or city.slug in slugs
        ]

    def focus_keys(self, slugs) -> list[uuid.UUID]:
        return [area.translation_key for area in self.focus_areas if area.slug in slugs]

    def focus_slug(self, key: str) -> str:
        """The slug of a translation key as the database returns it (text, with or without
        hyphens)."""
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


def _filter_q(param: str, values: tuple[str, ...], *, vocabulary: Vocabulary) -> Q:
    if param == FOCUS_AREA:
        links = FOCUS_AREA_LINKS.filter(
            focusarea__translation_key__in=vocabulary.focus_keys(values)
        )
        return Q(pk__in=links.values("casestudypage_id"))
    if param == TARGET_GROUP:
        links = TARGET_GROUP_LINKS.filter(targetgroup__code__in=values)
        return Q(pk__in=links.values("casestudypage_id"))
    if param == COUNTRY:
        return Q(parent_path__in=vocabulary.city_paths(countries=values))
    if param == CITY:
        return Q(parent_path__in=vocabulary.city_paths(slugs=values))
    if param == STATUS:
        return Q(status__in=values)
    if param == EVIDENCE:
        return Q(evidence_level__in=values)
    return Q(period_start__year=int(values[0]))


def filters_q(filters: Filters, *, vocabulary: Vocabulary, without: str = "") -> Q:
    """The case studies that every filter (but ``without``'s) lets through."""
    q = Q()
    for param, values in filters.items():
        if param != without:
            q &= _filter_q(param, values, vocabulary=vocabulary)
    return q


# What each facet counts by. Country counts by city page too, and adds its cities up.
FACET_VALUES = {
    FOCUS_AREA: F("focus_areas__translation_key"),
    COUNTRY: F("parent_path"),
    CITY: F("parent_path"),
    TARGET_GROUP: F("target_groups__code"),
    STATUS: F("status"),
    EVIDENCE: F("evidence_level"),
    YEAR: Cast(ExtractYear("period_start"), output_field=CharField()),
}


def facet_counts(case_studies, *, filters: Filters, vocabulary) -> dict[tuple[str, str], int]:
    """{(facet, value): count}, and ("total", "") for the selection itself: one query, a UNION
    ALL of grouped counts.

    A facet without a filter of its own counts within the selection, so a count of the
    selection by city, status, evidence level and year serves the total and all such facets at
    once; a facet with a filter, and a many-to-many facet, has a grouped count of its own."""

    def counted(queryset, name, value):
        return queryset.values(
            facet=Value(name, output_field=CharField()),
            value=Cast(value, output_field=CharField()),
        ).annotate(count=Count("pk"))

    selection = case_studies.filter(filters_q(filters, vocabulary=vocabulary))
    separator = Value("|")
    key = Concat(
        "parent_path",
        separator,
        "status",
        separator,
        "evidence_level",
        separator,
        FACET_VALUES[YEAR],
    )
    branches = [counted(selection, "selection", key)]
    for param, value in FACET_VALUES.items():
        if param in MULTIPLE or param in filters:
            without = filters_q(filters, vocabulary=vocabulary, without=param)
            others = case_studies.filter(without)
            branches.append(counted(others, param, value))
    rows = branches[0].union(*branches[1:], all=True).values_list("facet", "value", "count")

    counts: dict[tuple[str, str], int] = defaultdict(int)
    by_path = {city.path: city for city in vocabulary.cities}
    for facet, value, count in rows:
        if value is None:  # a case study without a target group, for instance
            continue
        if facet == "selection":
            path, status, evidence, year = value.split("|")
            counts["total", ""] += count
            city = by_path[path]
            row = {COUNTRY: city.country_code, CITY: city.slug}
            row |= {STATUS: status, EVIDENCE: evidence, YEAR: year}
            for param, row_value in row.items():
                if param not in filters:
                    counts[param, row_value] += count
        elif facet in (COUNTRY, CITY):
            city = by_path[value]
            counts[facet, city.country_code if facet == COUNTRY else city.slug] += count
        elif facet == FOCUS_AREA:
            counts[facet, vocabulary.focus_slug(value)] += count
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
