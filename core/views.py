from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core.health import health_report


@never_cache
@require_GET
def healthz(request):
    """200 when the database, cache and broker all answer; 503 naming the one that does not."""
    report = health_report()
    healthy = all(state == "ok" for state in report.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": report},
        status=200 if healthy else 503,
    )


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; send them to the logo."""
    return HttpResponsePermanentRedirect(static("img/logo.svg"))
