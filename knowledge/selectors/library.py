"""The library at /knowledge/.

``library_listing`` filters, counts, searches and pages the case studies of the active member
cities, in a fixed number of queries whatever the amount of data (``_library``'s docstring lists
them; tests/knowledge pins them), and names what was asked for, so that the page renders the
library once per content version and request (``knowledge/knowledge_index_page.html``). It
reads the library's own rows (``LibraryEntry``, one narrow row per live case study and language
tree), not the page tree: no query of it joins the page table but for the twenty cards'
addresses. Its facets, their filters and counts are ``knowledge.selectors.
facets``; its paging, query and URL helpers are ``core.paging``'s, which the site search shares.

Search goes through Wagtail's search backend (``core.search``: PostgreSQL full-text search with
each page stemmed in its own language and each query in the visitor's, SQLite FTS5 on the
embedded default). What keeps a visitor's results in their language is the filter on the page
tree of their locale.
"""

import math
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Exists, F, OuterRef, StringAgg, Value
from django.db.models.functions import Length, Substr
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from wagtail.models import PageViewRestriction

from accounts.permissions import reader_audience
from charter.selectors import AreaName, focus_area_list
from cities.models import CityPage
from cities.models.country import COUNTRY_NAMES
from cities.selectors import active_city_keys
from core import page_tree
from core.content_cache import content_cached
from core.paging import (
    MAX_QUERY_LENGTH,
    PER_PAGE,
    PageUrls,
    Pagination,
    is_number,
    page_number,
    pagination,
    search_words,
)
from knowledge.models import CaseStudyPage, CaseStudyStatus, LibraryEntry, ResourcePage
from knowledge.models.library_entry import split
from knowledge.selectors.facets import (
    COUNTRY,
    FACET_LABELS,
    MULTIPLE,
    YEAR,
    Facet,
    Filters,
    MemberCity,
    Vocabulary,
    facet_choices,
    facet_counts,
    facets,
    filters_q,
)

NEWEST, TITLE, RELEVANCE = "newest", "title", "relevance"
SORT_LABELS = {NEWEST: _("Newest first"), TITLE: _("Title (A to Z)"), RELEVANCE: _("Best match")}
SORT_ORDERING = {NEWEST: ("-period_start", "-page_id"), TITLE: ("title", "page_id")}


@dataclass(frozen=True)
class LibraryCard:
    """A case study in the library's results."""

    title: str
    url: str
    summary: str
    city: str
    country: str
    focus_areas: list[str]
    status: str
    year: int


@dataclass(frozen=True)
class ActiveFilter:
    label: str
    value: str
    remove_query: str


@dataclass(frozen=True)
class SortOption:
    value: str
    label: str
    selected: bool


@dataclass(frozen=True)
class ResourceEntry:
    title: str
    url: str
    summary: str
    languages: list[str]


@dataclass(frozen=True)
class Library:
    results: list[LibraryCard]
    total: int
    q: str
    sort: str
    sort_options: list[SortOption]
    facets: list[Facet]
    active_filters: list[ActiveFilter]
    pagination: Pagination
    # Canonical query strings ("" or "?..."): this view, and this view without filters.
    query: str
    clear_query: str
    # The state the search form carries along (filters and an explicit sort), as name/value.
    hidden_fields: list[tuple[str, str]]
    resources: list[ResourceEntry]


@dataclass(frozen=True)
class _State:
    """What the URL asks for, cleaned: unknown values are dropped."""

    q: str
    filters: Filters
    sort: str  # as the URL gave it (validated), "" for the default
    page: int

    @property
    def effective_sort(self) -> str:
        if self.sort == RELEVANCE and not self.q:
            return NEWEST
        return self.sort or (RELEVANCE if self.q else NEWEST)

    def pairs(self, *, page: int | None = None, without=None) -> list[tuple[str, str]]:
        pairs = [("q", self.q)] if self.q else []
        for param, values in self.filters.items():
            pairs += [(param, value) for value in values if (param, value) != without]
        default_sort = RELEVANCE if self.q else NEWEST
        if self.sort and self.sort != default_sort:
            pairs.append(("sort", self.sort))
        if page and page > 1:
            pairs.append(("page", str(page)))
        return pairs

    def query(self, **kwargs) -> str:
        pairs = self.pairs(**kwargs)
        return f"?{urlencode(pairs)}" if pairs else ""


@dataclass(frozen=True)
class LibraryListing:
    """What the library page shows, as its template asks for it: ``key`` names what the visitor
    asked for (the language tree, whether they read members-only case studies, the cleaned
    search, filters, sort and page), and the rendered library is cached under it with the
    content version, which every publish, unpublish, move, privacy change and membership change
    moves on. ``library`` is worked out only when that cache misses."""

    key: str
    library: Library


def library_listing(*, index_page, params, user) -> LibraryListing:
    """The library's key and, lazily, the library itself (``library``). Working out the key reads
    the member cities and focus areas from the cache (queries 1 and 2 of ``library`` when the
    content version is new), and no other table."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    vocabulary = _vocabulary(locale_id=index_page.locale_id, language=language)
    choices = facet_choices(vocabulary)
    state = _clean(params, choices=choices)
    return LibraryListing(
        key=":".join(
            [str(index_page.pk), language, reader_audience(user), state.query(page=state.page)]
        ),
        library=SimpleLazyObject(
            lambda: _library(
                index_page=index_page,
                state=state,
                vocabulary=vocabulary,
                choices=choices,
                user=user,
            )
        ),
    )


def _vocabulary(*, locale_id: int, language: str) -> Vocabulary:
    """The member cities of a language tree and the focus areas in a language, as the library's
    URLs name them: cached under the content version (a city's page, a membership and a focus
    area are public content)."""
    return content_cached(
        "library-vocabulary",
        locale_id,
        language,
        build=lambda: Vocabulary(
            cities=_member_cities(locale_id=locale_id),
            focus_areas=focus_area_list(language=language),
        ),
    )


def _library(*, index_page, state: _State, vocabulary: Vocabulary, choices, user) -> Library:
    """The case studies of active member cities in the index page's language, filtered, searched,
    counted per facet and paged; and the resources under the index page.

    Members-only case studies count and appear for members of the network only. Five queries,
    six with a search and seven with a search sorted by relevance (the default with a search),
    whatever the number of case studies (the first two come from the cache while the content
    version holds, ``_vocabulary``):

    1. the focus areas in the active language (``focus_area_list``);
    2. the live city pages of active members in the page's language, with their country (few:
       the cards and the city and country facets take their names from these);
    3. with ``q`` only: the search, for the ids of the matching case studies in rank order;
    4. every facet's counts and the total, as one UNION ALL of grouped counts of the library's
       rows (``facets.facet_counts``);
    5. the page of cards, with their pages' ``url_path``; sorted by relevance, first the ids of
       the whole selection (to keep the search's order), then the page of cards;
    6. the resources, with their documents' languages aggregated.

    View restrictions are a subquery (``_unrestricted``) while any page has one
    (``core.page_tree``). URLs come from the pages' ``url_path`` and the site root paths, which
    Wagtail caches, not from a query per card.
    """
    cities = vocabulary.cities
    readable = CaseStudyPage.objects.live().filter(locale_id=index_page.locale_id).readable_by(user)
    case_studies = library_entries_readable(locale_id=index_page.locale_id, user=user)
    ranked_ids = None
    if state.q:
        # The search backend filters on indexed fields only, so the search runs on what the
        # visitor may read in this language; the ORM queries below narrow it down. Ranking is
        # only asked for when it orders the results (SQLite's backend ranks row by row).
        matches = readable.only("pk").search(
            search_words(state.q), order_by_relevance=state.effective_sort == RELEVANCE
        )
        ranked_ids = [page.pk for page in matches]
        case_studies = case_studies.filter(page_id__in=ranked_ids)

    counts = facet_counts(case_studies, filters=state.filters, vocabulary=vocabulary)
    total = counts.pop(("total", ""), 0)
    num_pages = max(1, math.ceil(total / PER_PAGE))
    number = min(state.page, num_pages)
    selected = case_studies.filter(filters_q(state.filters, vocabulary=vocabulary))
    rows = _result_rows(selected, sort=state.effective_sort, ranked_ids=ranked_ids, number=number)
    urls = PageUrls()
    by_id = {city.pk: city for city in cities}
    return Library(
        results=[
            _card(row, city=by_id[row["city_page_id"]], vocabulary=vocabulary, urls=urls)
            for row in rows
        ],
        total=total,
        q=state.q,
        sort=state.effective_sort,
        sort_options=[
            SortOption(value, str(label), value == state.effective_sort)
            for value, label in SORT_LABELS.items()
            if value != RELEVANCE or state.q
        ],
        facets=facets(counts, filters=state.filters, choices=choices),
        active_filters=_active_filters(state, choices=choices),
        pagination=pagination(
            lambda page: state.query(page=page), number=number, num_pages=num_pages
        ),
        query=state.query(page=number),
        clear_query=_State(q=state.q, filters={}, sort=state.sort, page=1).query(),
        hidden_fields=[pair for pair in state.pairs() if pair[0] != "q"],
        resources=_resources(index_page, urls=urls),
    )


def library_entries_readable(*, locale_id: int, user):
    """The library's rows of a language tree that ``user`` may read: listed (a live page of an
    active member), readable (members-only ones for members) and without a view restriction."""
    entries = LibraryEntry.objects.filter(locale_id=locale_id, listed=True).readable_by(user)
    if page_tree.any_view_restriction():
        entries = entries.filter(_unrestricted())
    return entries


def _unrestricted() -> Exists:
    """Wagtail's ``public()`` as a subquery: no view restriction on the page or an ancestor (a
    restricted page's path is a prefix of the page's). ``public()`` would fetch the restrictions
    in a query of its own."""
    restrictions = PageViewRestriction.objects.annotate(
        prefix=Substr(OuterRef("path"), 1, Length("page__path"))
    ).filter(prefix=F("page__path"))
    return ~Exists(restrictions)


def _member_cities(*, locale_id: int) -> list[MemberCity]:
    """Live city pages of active members in a locale (one query). Their view restrictions are
    left to the case studies' own check, which covers every page below a restricted one."""
    return [
        MemberCity(pk=pk, path=path, slug=slug, title=title, country_code=code)
        for pk, path, slug, title, code in CityPage.objects.live()
        .filter(locale_id=locale_id, translation_key__in=active_city_keys())
        .order_by("title")
        .values_list("pk", "path", "slug", "title", "country__code")
    ]


def _clean(params, *, choices) -> _State:
    filters = {}
    for param in FACET_LABELS:
        given = [value.strip() for value in params.getlist(param)]
        if param == COUNTRY:
            given = [value.upper() for value in given]
        if param == YEAR:
            chosen = [year for year in given if is_number(year) and len(year) == 4]
        else:
            chosen = [value for value, _label in choices[param] if value in given]
        if chosen:
            filters[param] = tuple(chosen if param in MULTIPLE else chosen[:1])
    sort = params.get("sort", "")
    return _State(
        q=" ".join(params.get("q", "").split())[:MAX_QUERY_LENGTH],
        filters=filters,
        sort=sort if sort in SORT_LABELS else "",
        page=page_number(params.get("page", "")),
    )


def _result_rows(selected, *, sort: str, ranked_ids: list[int] | None, number: int) -> list:
    cards = selected.values(
        "page_id",
        "title",
        "summary",
        "status",
        "period_start",
        "city_page_id",
        "focus_keys",
        url_path=F("page__url_path"),
    )
    start = (number - 1) * PER_PAGE
    if sort != RELEVANCE:
        return list(cards.order_by(*SORT_ORDERING[sort])[start : start + PER_PAGE])
    # The search ranked every match; keep those in the selection, in that order.
    in_selection = set(selected.values_list("page_id", flat=True))
    page_ids = [pk for pk in ranked_ids if pk in in_selection][start : start + PER_PAGE]
    by_id = {row["page_id"]: row for row in cards.filter(page_id__in=page_ids)}
    return [by_id[pk] for pk in page_ids if pk in by_id]


def _card(row: dict, *, city: MemberCity, vocabulary: Vocabulary, urls) -> LibraryCard:
    slugs = {vocabulary.focus_slug(key) for key in split(row["focus_keys"])}
    return LibraryCard(
        title=row["title"],
        url=urls(row["url_path"]),
        summary=row["summary"],
        city=city.title,
        country=str(COUNTRY_NAMES.get(city.country_code, city.country_code)),
        focus_areas=[
            AreaName(area.name, area.slug) for area in vocabulary.focus_areas if area.slug in slugs
        ],
        status=str(dict(CaseStudyStatus.choices).get(row["status"], row["status"])),
        year=row["period_start"].year,
    )


def _active_filters(state: _State, *, choices) -> list[ActiveFilter]:
    active = []
    if state.q:
        without_q = _State(q="", filters=state.filters, sort=state.sort, page=1)
        active.append(ActiveFilter(str(_("Search")), state.q, without_q.query()))
    for param, values in state.filters.items():
        labels = dict(choices.get(param, ()))
        active += [
            ActiveFilter(
                label=str(FACET_LABELS[param]),
                value=labels.get(value, value),
                remove_query=state.query(without=(param, value)),
            )
            for value in values
        ]
    return active


def _resources(index_page, *, urls) -> list[ResourceEntry]:
    """The live, public resources under the library page with their documents' languages: one
    query."""
    names = dict(settings.LANGUAGES)
    rows = (
        ResourcePage.objects.child_of(index_page)
        .live()
        .filter(_unrestricted())
        .order_by("path")
        .values("pk", "title", "url_path", "summary")
        .annotate(languages=StringAgg("documents__language", delimiter=Value(",")))
    )
    return [
        ResourceEntry(
            title=row["title"],
            url=urls(row["url_path"]),
            summary=row["summary"],
            languages=[
                name for code, name in names.items() if code in (row["languages"] or "").split(",")
            ],
        )
        for row in rows
    ]
