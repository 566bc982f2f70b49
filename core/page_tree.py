"""The parts of the page tree that every page request asks for and that change only with public
content: the site of a host, its home page in each language, the sites' root paths (from which
every page's URL is made), whether any page carries a view restriction, and the page at a path.

Wagtail looks them up on every request: the site, the active locale, the home page's translation
and its specific page, then the page at the path (two queries even with core's one-lookup
``HomePage.route``), its ancestors and their view restrictions, seven or eight queries before the
page's own. This process keeps them for one content version (``core.content_cache``), so a
request asks the database for none of them until something public changes: a publish, an
unpublish, a move or a deletion of a page, and a site, a locale or a view restriction saved or
deleted, each move the version on (``core.signals``). The pages found at paths are kept for the
``PAGES_KEPT`` paths asked for last. Each request gets a copy of a page, never the kept instance.
"""

import copy
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

from django.db import InterfaceError, OperationalError
from django.http import Http404
from django.utils import translation

from wagtail.models import Locale, Page, PageViewRestriction, Site

from core.content_cache import content_version, version_pinned


@dataclass
class _Memo:
    version: int
    sites: dict = field(default_factory=dict)  # (host, port) -> Site | None
    homes: dict = field(default_factory=dict)  # (site id, language) -> the specific home page
    root_paths: list | None = None
    any_view_restriction: bool | None = None
    locale_ids: dict | None = None  # language code -> locale id
    # (the url_paths asked for, deepest first) -> the specific page or None, least recent first
    pages: OrderedDict = field(default_factory=OrderedDict)


# How many paths' pages a process keeps (a page's specific instance is a few kilobytes).
PAGES_KEPT = 2000


_memo = _Memo(version=-1)
_lock = threading.Lock()


def _current() -> _Memo:
    global _memo
    version = content_version()
    with _lock:
        if _memo.version != version:
            _memo = _Memo(version=version)
        return _memo


def site_for_request(request) -> Site | None:
    """The site that answers the request's host, as ``Site.find_for_request`` finds it."""
    memo = _current()
    host = (request._get_raw_host(), request.get_port())
    if host not in memo.sites:
        memo.sites[host] = Site._find_for_request(request)
    return memo.sites[host]


def home_page(site: Site):
    """A copy of the site's home page in the active language (its live translation, else the
    page itself: Wagtail's ``localized``), as its specific page type."""
    memo = _current()
    key = (site.pk, translation.get_language())
    if key not in memo.homes:
        memo.homes[key] = site.root_page.localized.specific
    return copy.copy(memo.homes[key])


def site_root_paths() -> list:
    """Wagtail's ``Site.get_site_root_paths()``, which it keeps in the cache (a round trip on
    every request that makes a page's URL)."""
    memo = _current()
    if memo.root_paths is None:
        memo.root_paths = Site.get_site_root_paths()
    return memo.root_paths


def locale_id(language_code: str) -> int | None:
    """The id of the locale of a language (None if the site has none)."""
    memo = _current()
    if memo.locale_ids is None:
        memo.locale_ids = dict(Locale.objects.values_list("language_code", "pk"))
    return memo.locale_ids.get(language_code)


def any_view_restriction() -> bool:
    """Whether any page has a view restriction (private, members, password): most sites have
    none, and then no page needs its ancestors' restrictions looked up."""
    memo = _current()
    if memo.any_view_restriction is None:
        memo.any_view_restriction = PageViewRestriction.objects.exists()
    return memo.any_view_restriction


def deepest_page(url_paths: list[str]):
    """A copy of the deepest page, live or not, whose ``url_path`` is one of ``url_paths``, as
    its specific page type (None if there is none): ``HomePage.route``'s lookup."""
    memo = _current()
    key = tuple(url_paths)
    with _lock:
        found = memo.pages.get(key, _MISSING)
        if found is not _MISSING:
            memo.pages.move_to_end(key)
    if found is _MISSING:
        found = Page.objects.filter(url_path__in=url_paths).order_by("-depth").specific().first()
        with _lock:
            memo.pages[key] = found
            while len(memo.pages) > PAGES_KEPT:
                memo.pages.popitem(last=False)
    return copy.copy(found) if found is not None else None


_MISSING = object()


def route(request, path: str) -> None:
    """What Wagtail's ``Page.route_for_request`` works out for its ``serve`` view (the site and
    the page with its arguments, kept on the request), from the memo instead of the database."""
    site = site_for_request(request)
    request._wagtail_site = site
    # Where Wagtail looks first for the root paths when it makes a URL for this request.
    request._wagtail_cached_site_root_paths = site_root_paths()
    if site is None:
        request._wagtail_route_for_request = None
        return
    components = [component for component in path.split("/") if component]
    try:
        request._wagtail_route_for_request = home_page(site).route(request, components)
    except Http404:
        request._wagtail_route_for_request = None


class PageTreeMiddleware:
    """Reads the content version once per request, and routes a request to Wagtail's page
    serving from the memo (before any of the portal's other middleware, so that the anonymous
    page cache's key already uses the request's version)."""

    def __init__(self, get_response):
        from wagtail.views import serve  # not at import: it loads the page model

        self.get_response = get_response
        self.serve = serve

    def __call__(self, request):
        with version_pinned():
            return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is self.serve:
            try:
                route(request, view_kwargs.get("path", view_args[0] if view_args else ""))
            except (OperationalError, InterfaceError):
                # An error here would be a 500: Django hands only the view's errors to
                # ``process_exception``. Wagtail's view looks again, meets the same error and
                # answers ``DatabaseUnavailableMiddleware``'s 503.
                for name in (
                    "_wagtail_site",
                    "_wagtail_cached_site_root_paths",
                    "_wagtail_route_for_request",
                ):
                    request.__dict__.pop(name, None)
        return None
