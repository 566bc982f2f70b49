"""Site search at /search/.

``site_search`` searches every live, public page of a language, best match first, in a fixed
number of queries whatever the amount of data (its docstring lists them; tests/outward pins
them): none for an empty query; otherwise view restrictions, the count of matches, the page of
matches, and their specific pages (one query per page type among them). The same search asked
again while the content version holds comes from the cache, with no query.

Like the library's search, it goes through Wagtail's search backend (``core.search``): on
PostgreSQL each page is stemmed in its own language and the query in the visitor's, on SQLite
FTS5 nothing is stemmed; what keeps a visitor's results in their language is the filter on the
pages of their locale.
"""

import hashlib
import math
from dataclasses import dataclass
from urllib.parse import urlencode

from wagtail.models import Locale, Page

from accounts.permissions import reader_audience
from core.content_cache import content_cached
from core.paging import (
    MAX_QUERY_LENGTH,
    PER_PAGE,
    PageUrls,
    Pagination,
    page_number,
    pagination,
    search_words,
)
from knowledge.models import CaseStudyPage


@dataclass(frozen=True)
class SearchHit:
    title: str
    url: str
    kind: str
    summary: str


@dataclass(frozen=True)
class SiteSearch:
    query: str
    results: list[SearchHit]
    total: int
    pagination: Pagination | None


def site_search(*, query: str, language: str, user, page) -> SiteSearch:
    """Every live, public page in ``language`` that matches ``query``, best match first, 20 to a
    page. Members-only case studies are left out for anyone but members of the network.

    An empty query runs no query. Otherwise: view restrictions, the count of matches, the page
    of matches, and their specific pages (one query per page type among them, at most as many
    as there are page types); none when the same search, in the same language, for a visitor
    who reads the same case studies, is cached under the current content version.
    """
    query = " ".join(str(query).split())[:MAX_QUERY_LENGTH]
    if not query:
        return SiteSearch(query="", results=[], total=0, pagination=None)
    digest = hashlib.sha256(query.encode()).hexdigest()
    return content_cached(
        "site-search",
        language,
        reader_audience(user),
        page_number(page),
        digest,
        build=lambda: _site_search(query=query, language=language, user=user, page=page),
        timeout=SEARCH_CACHE_SECONDS,
    )


# A search is kept this long at most; a change of public content makes it unused at once.
SEARCH_CACHE_SECONDS = 3600


def _site_search(*, query: str, language: str, user, page) -> SiteSearch:
    pages = (
        Page.objects.live()
        .exclude(Page.objects.private_q())
        .filter(locale__in=Locale.objects.filter(language_code=language), depth__gt=1)
    )
    pages = pages.exclude(pk__in=CaseStudyPage.objects.hidden_from(user).values("pk"))
    matches = pages.specific().search(search_words(query), order_by_relevance=True)
    total = matches.count()
    num_pages = max(1, math.ceil(total / PER_PAGE))
    number = min(page_number(page), num_pages)
    start = (number - 1) * PER_PAGE
    urls = PageUrls()
    results = [
        SearchHit(
            title=hit.title,
            url=urls(hit.url_path),
            kind=str(hit.specific_class._meta.verbose_name) if hit.specific_class else "",
            summary=getattr(hit, "summary", "")
            or getattr(hit, "introduction", "")
            or hit.search_description,
        )
        for hit in matches[start : start + PER_PAGE]
    ]

    def query_for(number: int) -> str:
        return "?" + urlencode([("q", query)] + ([("page", number)] if number > 1 else []))

    return SiteSearch(
        query=query,
        results=results,
        total=total,
        pagination=pagination(query_for, number=number, num_pages=num_pages),
    )
