"""The URLconf of nordicsafe.settings.test_run only: the portal's addresses and one that fails,
``/<language>/test-failure/``, for tests/core/test_error_pages.py."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import path

from nordicsafe.urls import urlpatterns as portal_urlpatterns


def failure(request):
    raise RuntimeError("The failure tests/core/test_error_pages.py asks for.")


urlpatterns = [*i18n_patterns(path("test-failure/", failure)), *portal_urlpatterns]
