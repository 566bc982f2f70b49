"""URLconf of the benchmark settings only (``nordicsafe.settings.bench``), never of production.

The portal's own URLs plus a trivial view: the cost of the middleware stack and gunicorn alone,
the baseline every page is compared with.
"""

from django.http import HttpResponse
from django.urls import path

from nordicsafe.urls import urlpatterns as portal_urlpatterns


def trivial(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench/trivial/", trivial, name="bench_trivial"),
    *portal_urlpatterns,
]
