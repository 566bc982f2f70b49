from django.conf import settings


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
