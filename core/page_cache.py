"""Whole-page caching for anonymous visitors, forgotten as soon as anything public changes.

A page is cached only when nothing in it can differ between anonymous visitors: a GET answered
200, by a request with no session cookie, without a CSRF token (no form) and without setting a
cookie. Any change that shows on public pages moves the content version on (``core.content_cache``),
so a stale page is never served.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

from core.content_cache import content_key

EXCLUDED_PREFIXES = ("/admin/", "/healthz", "/documents/", "/static/", "/media/")


def _key(request) -> str:
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    encoding = "gzip" if "gzip" in request.headers.get("Accept-Encoding", "") else "identity"
    return content_key("page", request.get_host(), encoding, digest)


def _cacheable_request(request) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and not request.path.startswith(EXCLUDED_PREFIXES)
        and "/accounts/" not in request.path
    )


class AnonymousPageCacheMiddleware:
    """Serve anonymous visitors from the cache.

    Listed before the compression, session, authentication and security-policy middleware: a hit
    skips them all and returns the stored, already compressed response with its headers. A
    request without a session cookie is anonymous; the response is checked once the inner
    middleware has run.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request)
        cached = cache.get(key)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            return cached
        response = self.get_response(request)
        if (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not getattr(getattr(request, "user", None), "is_authenticated", False)
            and "private" not in response.get("Cache-Control", "")
        ):
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            cache.set(key, response, timeout=settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response
