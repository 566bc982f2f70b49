"""What the paged listings and searches of the public site share: the page number and the words
of a query as the URL gives them, the links to the other pages, and page URLs without a query per
page. The library (``knowledge.selectors.library``) and the site search (``outward.selectors``)
use them; ``templates/includes/pagination.html`` renders a ``Pagination``."""

import re
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils import translation

from wagtail.models import Site

PER_PAGE = 20
MAX_QUERY_LENGTH = 200


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None: a gap ("…") between page links
    query: str
    current: bool


@dataclass(frozen=True)
class Pagination:
    number: int
    num_pages: int
    previous_query: str | None
    next_query: str | None
    pages: list[PageLink]


def search_words(query: str) -> str:
    """The words of a query, without the punctuation that the backends would pass on to the
    full-text query syntax (SQLite's FTS5 fails on a lone double quote)."""
    return " ".join(re.findall(r"\w+", query))


def is_number(value: str) -> bool:
    return value.isascii() and value.isdigit()


def page_number(value) -> int:
    """A page number from the URL: anything but a positive number is page 1."""
    value = str(value).strip()
    return max(1, int(value)) if is_number(value) and len(value) < 7 else 1


def pagination(query_for, *, number: int, num_pages: int) -> Pagination:
    """Links to the first, last and two pages either side of the current one; ``query_for(n)``
    is the query string of page n."""
    shown = sorted({1, num_pages, *range(max(1, number - 2), min(num_pages, number + 2) + 1)})
    pages: list[PageLink] = []
    for position, page in enumerate(shown):
        if position and page - shown[position - 1] > 1:
            pages.append(PageLink(None, "", False))
        pages.append(PageLink(page, query_for(page), page == number))
    return Pagination(
        number=number,
        num_pages=num_pages,
        previous_query=query_for(number - 1) if number > 1 else None,
        next_query=query_for(number + 1) if number < num_pages else None,
        pages=pages,
    )


class PageUrls:
    """A page's URL from its ``url_path``, with the site root paths looked up once (cached by
    Wagtail) instead of once per page as ``Page.url`` does."""

    def __init__(self):
        self.roots = sorted(
            Site.get_site_root_paths(), key=lambda root: len(root.root_path), reverse=True
        )

    def __call__(self, url_path: str) -> str:
        for root in self.roots:
            if url_path.startswith(root.root_path):
                try:
                    with translation.override(root.language_code):
                        return reverse("wagtail_serve", args=(url_path[len(root.root_path) :],))
                except NoReverseMatch:
                    return ""
        return ""
