"""Whole-page caching for anonymous visitors, forgotten as soon as anything public changes.

A page is cached only when nothing in it can differ between anonymous visitors: a GET answered
200, by a request with no session cookie, without a CSRF token (no form) and without setting a
cookie. Any change that shows on public pages moves the content version on (``core.content_cache``),
so a stale page is never served.

A hit should cost no more than a view that does nothing. So an entry is kept under a key without
the version and carries the version it was made under (and its expiry) inside it; it is served
only while that version is the current one. Each process also keeps the pages it served last in
memory (``MemoryTier``, bounded in entries and bytes): a hit there needs only the version, which
costs no round trip while Redis has not said it changed (``core.cache.WatchedValue``), and a
process's first hit of a page reads the page in one round trip.
An entry is the body and headers only, not a pickled response. A cache that cannot be reached
answers a new version at every read, so that no page, in memory or not, is served without it.
"""

import hashlib
import time
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

from core.cache import MemoryTier
from core.content_cache import content_version, content_version_and

EXCLUDED_PREFIXES = ("/admin/", "/healthz", "/documents/", "/static/", "/media/")


class CachedPage(NamedTuple):
    """A 200 response as stored: what a hit needs to answer it again, and when it may."""

    version: int
    expires: float  # time.time() when the page cache's timeout runs out
    headers: tuple[tuple[str, str], ...]
    body: bytes

    def fresh(self, version: int) -> bool:
        return self.version == version and time.time() < self.expires

    def response(self) -> HttpResponse:
        response = HttpResponse(self.body, headers=self.headers)
        response["X-Page-Cache"] = "hit"
        return response

    def size(self) -> int:
        return len(self.body) + sum(len(name) + len(value) for name, value in self.headers)


def _key(request) -> str:
    """The page's key, without the content version (each entry carries its own)."""
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    # From META, not ``request.headers``, which a hit would build for this one header.
    encoding = "gzip" if "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "") else "identity"
    return f"page:{request.get_host()}:{encoding}:{digest}"


def _cacheable_request(request) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and not request.path.startswith(EXCLUDED_PREFIXES)
        and "/accounts/" not in request.path
    )


def _cacheable_response(request, response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not getattr(getattr(request, "user", None), "is_authenticated", False)
        and "private" not in response.get("Cache-Control", "")
    )


class AnonymousPageCacheMiddleware:
    """Serve anonymous visitors from the cache.

    Listed before the compression, session, authentication and security-policy middleware: a hit
    skips them all and returns the stored, already compressed body with its headers. A request
    without a session cookie is anonymous; the response is checked once the inner middleware has
    run. The memory tier is this instance's, so one per process (per test client in the tests).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.memory = MemoryTier(
            entries=settings.PAGE_CACHE_MEMORY_ENTRIES,
            max_bytes=settings.PAGE_CACHE_MEMORY_BYTES,
            size=CachedPage.size,
        )

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request)
        page = self.memory.get(key)
        if page is not None:
            version = content_version()
            if page.fresh(version):
                return page.response()
        # Not in this process's memory, or made under an earlier version: the shared cache may
        # hold the page of the current version, which another process made.
        version, page = content_version_and(key)
        if isinstance(page, CachedPage) and page.fresh(version):
            self.memory.put(key, page)
            return page.response()
        response = self.get_response(request)
        if _cacheable_response(request, response):
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            # Under the version read before the page was made: if the content changed meanwhile,
            # the page may show some of the old, and it is never served under the new version.
            page = CachedPage(
                version=version,
                expires=time.time() + settings.PAGE_CACHE_SECONDS,
                headers=tuple(response.items()),
                body=response.content,
            )
            cache.set(key, page, timeout=settings.PAGE_CACHE_SECONDS)
            self.memory.put(key, page)
            response["X-Page-Cache"] = "miss"
        return response
