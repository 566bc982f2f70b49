import gzip
import logging
import re
import secrets

from django.conf import settings
from django.core.exceptions import BadRequest, ObjectDoesNotExist, PermissionDenied
from django.db import DataError, InterfaceError, OperationalError
from django.http import Http404, HttpResponse
from django.middleware.gzip import GZipMiddleware as DjangoGZipMiddleware
from django.middleware.gzip import re_accepts_gzip
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.template import loader
from django.urls import NoReverseMatch, get_resolver, get_urlconf
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.crypto import get_random_string
from django.utils.datastructures import MultiValueDictKeyError
from django.utils.deprecation import MiddlewareMixin

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


class GZipMiddleware(DjangoGZipMiddleware):
    """Django's, compressing a page at zlib's fastest level (1) instead of 6.

    A page is compressed on every uncached request, so the level is server time: the member
    cities' page (149 KB of HTML with 200 cities) takes 2.6 ms at level 6 and 0.7 ms at level 1,
    for 19 KB against 24 KB sent; the About page 0.09 against 0.06 ms, for 2.2 against 2.4 KB.
    As Django does, a random file name of up to ``max_random_bytes`` in the gzip header varies
    the length of every response (against BREACH). Streaming responses are Django's."""

    COMPRESS_LEVEL = 1

    def process_response(self, request, response):
        if (
            response.streaming
            or len(response.content) < 200
            or response.has_header("Content-Encoding")
            or not re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", ""))
        ):
            return super().process_response(request, response)
        patch_vary_headers(response, ("Accept-Encoding",))
        compressed = self._compressed(response.content)
        if len(compressed) >= len(response.content):
            return response
        response.content = compressed
        response.headers["Content-Length"] = str(len(compressed))
        etag = response.get("ETag")
        if etag and etag.startswith('"'):
            response.headers["ETag"] = "W/" + etag
        response.headers["Content-Encoding"] = "gzip"
        return response

    def _compressed(self, content: bytes) -> bytes:
        data = gzip.compress(content, compresslevel=self.COMPRESS_LEVEL, mtime=0)
        header = bytearray(data[:10])
        header[3] = gzip.FNAME
        name = get_random_string(1 + secrets.randbelow(self.max_random_bytes)).encode()
        return bytes(header) + name + b"\x00" + data[10:]


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


class MalformedRequestMiddleware(MiddlewareMixin):
    """Answer 400 (or 404), not a 500, when a view fails on request data it never checked.

    Wagtail's admin views, its choosers and its API read ids, numbers and form fields straight
    from the request; a hostile or truncated request then raises deep inside them. Only the
    errors below are answered here, each of which means the request itself was malformed:

    - a field the view reads unconditionally is missing (``MultiValueDictKeyError``);
    - a number too large for the database's integers (SQLite's driver raises ``OverflowError``,
      PostgreSQL's ``NumericValueOutOfRange``);
    - a value where the database expects a number or another type (Django's
      "Field 'id' expected a number but got ..." ``ValueError`` or ``TypeError``);
    - a text with a NUL character, which PostgreSQL cannot store;
    - a search text too long for SQLite's ``LIKE`` ("LIKE or GLOB pattern too complex");
    - an address built from a value of the request that is not one (``NoReverseMatch`` naming
      a value the request carries, as Wagtail's ``redirect(next)`` does with ``?next=-1``);
    - in the admin, an object the request names that does not exist (``DoesNotExist``): 404;
    - a POST without a field the view reads unchecked (``REQUIRED_POST_FIELDS``), refused
      before the view fails on it.
    - a form validated without the fields it needs, whose model then reports an error on a field
      the form leaves out (Wagtail's multiple document upload posted without its title):
      ``ValueError: '…Form' has no field named …``.

    Any other exception stays a 500. Listed after ``DatabaseUnavailableMiddleware``, so that it
    sees these first (a too complex ``LIKE`` is an ``OperationalError`` too).
    """

    # Views that read a posted field without checking that it is there, and fail without it.
    REQUIRED_POST_FIELDS = {"wagtailadmin_choose_page_external_link": ("url",)}
    FIELD_CONVERSION = re.compile(r"^Field '[^']*' expected an? .+ but got ")
    # psycopg's words: "PostgreSQL text fields cannot contain NUL (0x00) bytes".
    NUL_IN_STRING = "cannot contain NUL (0x00)"
    FORM_WITHOUT_FIELD = re.compile(r"^'\w+Form' has no field named ")
    LIKE_TOO_COMPLEX = "LIKE or GLOB pattern too complex"
    ADMIN_PREFIX = "/admin/"

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        required = self.REQUIRED_POST_FIELDS.get(match.view_name, ()) if match else ()
        missing = [
            name for name in required if request.method == "POST" and name not in request.POST
        ]
        if missing:
            return self._answer(request, f"missing field {', '.join(missing)}", 400)
        return None

    def process_exception(self, request, exception):
        if isinstance(exception, ObjectDoesNotExist) and request.path.startswith(self.ADMIN_PREFIX):
            return self._answer(request, exception, 404)
        if self._malformed(request, exception):
            return self._answer(request, exception, 400)
        return None

    def _malformed(self, request, exception) -> bool:
        message = str(exception)
        cause = exception.__cause__
        return (
            isinstance(exception, MultiValueDictKeyError | OverflowError)
            or (
                isinstance(exception, DataError)
                and type(cause).__name__ == "NumericValueOutOfRange"
            )
            or (
                isinstance(exception, ValueError | TypeError)
                and bool(self.FIELD_CONVERSION.match(message))
            )
            or (isinstance(exception, ValueError | DataError) and self.NUL_IN_STRING in message)
            or (isinstance(exception, ValueError) and bool(self.FORM_WITHOUT_FIELD.match(message)))
            or (isinstance(exception, OperationalError) and self.LIKE_TOO_COMPLEX in message)
            or (
                isinstance(exception, NoReverseMatch)
                and self._names_a_request_value(request, message)
            )
        )

    @staticmethod
    def _names_a_request_value(request, message: str) -> bool:
        values = [value for value in (*request.GET.values(), *request.POST.values()) if value]
        return any(f"'{value}'" in message or repr(value) in message for value in values)

    def _answer(self, request, reason, status: int):
        logger.warning(
            "Malformed request, answered %s to %s %s: %s",
            status,
            request.method,
            request.path[:200],
            f"{type(reason).__name__}: {str(reason)[:200]}"
            if isinstance(reason, Exception)
            else reason,
        )
        handler = get_resolver(get_urlconf()).resolve_error_handler(status)
        error = Http404() if status == 404 else BadRequest()
        return handler(request, error)


class AdminPageGateMiddleware(MiddlewareMixin):
    """Refuse (403) the two page views of Wagtail's admin that answer any editor about any
    page: the confirmation of a move (only the move itself is checked) and the confirmation
    that publishing cancels a workflow (not checked at all). Each is let through only to an
    editor who may move, or edit, the page it names, as Wagtail checks for the page's other
    views; a page that does not exist is left to the view's own 404.
    """

    CHECKS = {
        "wagtailadmin_pages:move_confirm": ("page_to_move_id", "can_move"),
        "wagtailadmin_pages:confirm_workflow_cancellation": ("page_id", "can_edit"),
    }

    def process_view(self, request, view_func, view_args, view_kwargs):
        from wagtail.models import Page

        match = request.resolver_match
        check = self.CHECKS.get(match.view_name) if match else None
        if check is None or not request.user.is_authenticated:
            return None
        argument, permission = check
        page = Page.objects.filter(pk=view_kwargs.get(argument)).first()
        if page is not None and not getattr(page.permissions_for_user(request.user), permission)():
            raise PermissionDenied
        return None
