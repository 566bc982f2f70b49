import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.template import loader
from django.utils import translation
from django.utils.cache import add_never_cache_headers

# Addresses without a language prefix by design.
UNPREFIXED_PATHS = ("/api/", "/feeds/")
# What a visitor's browser (or a crawler) is told to wait while the database is away.
DATABASE_RETRY_AFTER_SECONDS = 30

logger = logging.getLogger(__name__)


class AdminContentSecurityPolicyMiddleware:
    """Relax the Content-Security-Policy on the Wagtail admin only, where inline scripts live.

    Listed after Django's ``ContentSecurityPolicyMiddleware``, so it sees the response first and
    hands that middleware the admin policy instead of the strict public one.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(settings.ADMIN_CSP_PATH_PREFIXES):
            response._csp_config = settings.ADMIN_CSP
        return response


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's, except that a 404 under an address without a language prefix by design stays a
    404 (Django would redirect it to /en/…, which Wagtail's catch-all route always accepts)."""

    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith(UNPREFIXED_PATHS):
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)


class DatabaseUnavailableMiddleware:
    """Answer "temporarily unavailable" (503, ``Retry-After``) when the database cannot be
    reached, as while PostgreSQL restarts, instead of the 500 page and a traceback.

    Django reconnects on the next request by itself (``CONN_HEALTH_CHECKS``), so the page that
    failed works again as soon as the database is back. Only errors of the connection are turned
    into this page: ``OperationalError`` and ``InterfaceError``, raised by a view or while its
    template renders; any other database error is a bug and stays a 500.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.warning(
            "Database unavailable, answered 503 to %s %s: %s",
            request.method,
            request.path,
            str(exception).strip(),
        )
        # Rendered without the request: no context processor, nothing that needs the database.
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = str(DATABASE_RETRY_AFTER_SECONDS)
        add_never_cache_headers(response)
        return response
