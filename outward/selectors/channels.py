"""Reads for the channels that leave the site: the RSS and Atom feeds, the sitemap and the public
JSON API.

Every one of them shows the same thing: live case studies open to everyone (not members-only),
written by cities that are active members, in public parts of the tree.
``knowledge.selectors.public.public_case_studies`` is the one definition of that. Only public
fields leave through here: never a contact person, email or phone.

Page URLs come from Wagtail's site root paths: two queries when the cache is cold (sites, the
translations of their root pages), none afterwards; pass the ``request`` so that they are
memoised on it.
"""

import datetime
import operator
from dataclasses import dataclass
from functools import reduce

from django.conf import settings
from django.core.paginator import EmptyPage, Paginator
from django.db.models import F, OuterRef, Prefetch, Q, QuerySet, Subquery

from wagtail.models import Locale, Page, Site

from charter.models import FocusArea
from charter.selectors import focus_area_list
from cities.models import CityPage, Membership
from cities.selectors import member_city_pages
from knowledge.models import CaseStudyPage, KnowledgeIndexPage
from knowledge.selectors.public import public_case_studies

FEED_SIZE = 30
API_PAGE_SIZE = 50
NEWEST_FIRST = (F("published_at").desc(nulls_last=True), "-pk")


def content_language(code: str | None) -> str | None:
    """``code`` if it is one of the portal's languages, the default language if it is empty,
    else ``None`` (no query)."""
    if not code:
        return settings.LANGUAGE_CODE
    return code if code in dict(settings.LANGUAGES) else None


# --- Feeds -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedEntry:
    title: str
    url: str
    summary: str
    published: datetime.datetime
    updated: datetime.datetime | None
    categories: list[str]


@dataclass(frozen=True)
class CaseStudyFeed:
    language: str
    focus_area: FocusArea | None
    library_url: str
    entries: list[FeedEntry]


def case_study_feed(
    *, language: str, focus_area_slug: str | None = None, request=None
) -> CaseStudyFeed | None:
    """The newest case studies (``FEED_SIZE``, by first publication) in ``language``, all or of
    one focus area; ``None`` for an unknown focus area.

    Five queries: the focus areas in ``language`` (to find the one asked for and to name the
    categories), the library page for the feed's link, the view restrictions, the case studies,
    their focus areas; plus the site root paths on a cold cache."""
    areas = focus_area_list(language=language)
    names = {area.translation_key: area.name for area in areas}
    focus_area = None
    case_studies = public_case_studies(language=language)
    if focus_area_slug is not None:
        focus_area = next((area for area in areas if area.slug == focus_area_slug), None)
        if focus_area is None:
            return None
        case_studies = case_studies.filter(
            pk__in=CaseStudyPage.objects.filter(
                focus_areas__translation_key=focus_area.translation_key
            ).values("pk")
        )
    library = KnowledgeIndexPage.objects.live().filter(locale__language_code=language).first()
    library_url = (library.get_full_url(request) if library else None) or f"/{language}/"
    case_studies = case_studies.prefetch_related("focus_areas").order_by(*NEWEST_FIRST)[:FEED_SIZE]
    return CaseStudyFeed(
        language=language,
        focus_area=focus_area,
        library_url=library_url,
        entries=[
            FeedEntry(
                title=page.title,
                url=page.get_full_url(request),
                summary=page.summary,
                published=page.published_at,
                updated=page.updated_at,
                categories=[
                    names.get(area.translation_key, area.name) for area in page.focus_areas.all()
                ],
            )
            for page in case_studies
        ],
    )


# --- The public API ----------------------------------------------------------------------------


@dataclass(frozen=True)
class CityRecord:
    name: str
    slug: str
    country: str
    latitude: float | None
    longitude: float | None
    population: int | None
    website: str
    url: str
    member_since: datetime.date | None


def _city_record(page: CityPage, request) -> CityRecord:
    return CityRecord(
        name=page.title,
        slug=page.slug,
        country=page.country.code,
        latitude=float(page.latitude) if page.latitude is not None else None,
        longitude=float(page.longitude) if page.longitude is not None else None,
        population=page.population,
        website=page.website,
        url=page.get_full_url(request),
        member_since=page.member_since,
    )


def _member_cities(language: str) -> QuerySet[CityPage]:
    """``cities.selectors.member_city_pages`` with each city's date of joining. Two queries to
    build it (the locale, the view restrictions); none if the language has no locale."""
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None:
        return CityPage.objects.none()
    joined_on = Membership.objects.filter(
        city_page__translation_key=OuterRef("translation_key")
    ).values("joined_on")[:1]
    return (
        member_city_pages(locale_id=locale.pk)
        .annotate(member_since=Subquery(joined_on))
        .defer_streamfields()
    )


def api_city_list(*, language: str, request=None) -> list[CityRecord]:
    """Every active member city in ``language``'s tree, by name: three queries (the locale, the
    view restrictions, the cities with their country and date of joining)."""
    return [_city_record(page, request) for page in _member_cities(language)]


def api_city_get(*, slug: str, language: str, request=None) -> CityRecord | None:
    """One active member city: three queries, as ``api_city_list``."""
    page = _member_cities(language).filter(slug=slug).first()
    return _city_record(page, request) if page is not None else None


@dataclass(frozen=True)
class CaseStudyRecord:
    id: int
    title: str
    slug: str
    url: str
    language: str
    summary: str
    city: str
    country: str
    focus_areas: list[str]
    target_groups: list[str]
    status: str
    evidence_level: str
    period_start: datetime.date
    period_end: datetime.date | None
    first_published_at: datetime.datetime | None


@dataclass(frozen=True)
class CaseStudyResults:
    """One page of the API's list; ``next_page`` and ``previous_page`` are numbers or None."""

    count: int
    results: list[CaseStudyRecord]
    next_page: int | None
    previous_page: int | None


def _case_study_records(case_studies, request) -> list[CaseStudyRecord]:
    """The records of ``case_studies`` (a ``public_case_studies`` queryset): one query for the
    case studies with their locale, one for their focus areas, one for their target groups."""
    return [
        CaseStudyRecord(
            id=page.pk,
            title=page.title,
            slug=page.slug,
            url=page.get_full_url(request),
            language=page.locale.language_code,
            summary=page.summary,
            city=page.city_slug,
            country=page.country_code,
            focus_areas=[area.slug for area in page.api_focus_areas],
            target_groups=[group.code for group in page.api_target_groups],
            status=page.status,
            evidence_level=page.evidence_level,
            period_start=page.period_start,
            period_end=page.period_end,
            first_published_at=page.published_at,
        )
        for page in case_studies.select_related("locale").prefetch_related(
            # Into plain lists: read back through modelcluster's managers, the prefetched rows
            # cost about 4 ms more CPU per page of 50.
            Prefetch("focus_areas", to_attr="api_focus_areas"),
            Prefetch("target_groups", to_attr="api_target_groups"),
        )
    ]


def api_case_study_list(
    *,
    language: str,
    focus_area: str = "",
    country: str = "",
    city: str = "",
    page: int = 1,
    request=None,
) -> CaseStudyResults | None:
    """Public case studies in ``language``'s tree, newest first, ``API_PAGE_SIZE`` at a time,
    filtered by focus area (slug), country (code) and city (slug); ``None`` for a page before
    the first or past the last.

    Five queries whatever the amount of data: the view restrictions, the count, the page of case
    studies (with their city's slug and country), their focus areas, their target groups; plus
    the site root paths on a cold cache."""
    case_studies = public_case_studies(language=language, country=country, city=city)
    if focus_area:
        case_studies = case_studies.filter(
            pk__in=CaseStudyPage.objects.filter(focus_areas__slug=focus_area).values("pk")
        )
    paginator = Paginator(case_studies.order_by(*NEWEST_FIRST), API_PAGE_SIZE)
    try:
        current = paginator.page(page)
    except EmptyPage:
        return None
    return CaseStudyResults(
        count=paginator.count,
        results=_case_study_records(current.object_list, request),
        next_page=current.next_page_number() if current.has_next() else None,
        previous_page=current.previous_page_number() if current.has_previous() else None,
    )


def api_case_study_get(*, pk: int, request=None) -> CaseStudyRecord | None:
    """One public case study, in whichever language tree it is; ``None`` for a members-only,
    unpublished or unknown one. Four queries: the view restrictions, the case study (with its
    locale, city and country), its focus areas, its target groups; plus the site root paths on a
    cold cache."""
    records = _case_study_records(public_case_studies().filter(pk=pk), request)
    return records[0] if records else None


# --- The sitemap -------------------------------------------------------------------------------


def sitemap_pages(*, site: Site) -> list[Page]:
    """Every live, public page of ``site`` in every language tree (the translations of its root
    page and everything below them), as their specific types, in tree order.

    Three queries plus one per page type present: the root page's translations, the view
    restrictions, the pages, then each type's own fields. Which of them may be listed is each
    page's own ``get_sitemap_urls`` (a members-only case study lists nothing)."""
    roots = site.root_page.get_translations(inclusive=True).values_list("path", flat=True)
    in_a_tree = reduce(operator.or_, (Q(path__startswith=path) for path in roots))
    return list(
        Page.objects.live()
        .public()
        .filter(in_a_tree)
        .order_by("path")
        .defer_streamfields()
        .specific()
    )


def language_codes() -> dict[int, str]:
    """Each locale's language code by its id: one query."""
    return dict(Locale.objects.values_list("pk", "language_code"))
