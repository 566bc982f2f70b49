from django.conf import settings
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation

# Addresses without a language prefix by design.
UNPREFIXED_PATHS = ("/api/", "/feeds/")


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
