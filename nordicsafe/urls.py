from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from django.views.static import serve as static_serve

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from core import views as core_views
from outward import sitemaps
from outward.api import api as public_api

# No language prefix: admin, health, sitemap, static and media.
urlpatterns = [
    # Wagtail's own login form would bypass allauth and MFA.
    path("admin/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    # Passwords are reset and changed through allauth only (rate-limited, mail through the outbox);
    # WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False answers 404 below this address.
    path("admin/password_reset/", RedirectView.as_view(pattern_name="account_reset_password")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz", core_views.healthz, name="healthz"),
    path("api/", public_api.urls),
    path("feeds/", include("outward.feed_urls")),
    path("favicon.ico", core_views.favicon),
    path("sitemap.xml", sitemaps.sitemap, name="sitemap"),
    path("i18n/", include("django.conf.urls.i18n")),
]

urlpatterns += i18n_patterns(
    path("", include("cities.urls")),
    path("", include("outward.urls")),
    path("", include("progress.urls")),
    path("", include("events.urls")),
    path("", include("newsletter.urls")),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    # Wagtail's password-only login for private pages would also bypass allauth and MFA.
    path("_util/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    path("", include(wagtail_urls)),
)

if settings.SERVE_MEDIA:
    # Uploaded images and documents where nothing stands in front of the portal (make run, make
    # dev). Django's static.serve answers only for files inside MEDIA_ROOT (it joins the path
    # safely, lists no folder and sends Last-Modified for the browser's cache). Not WhiteNoise,
    # which indexes its files when the server starts: it would not serve an image uploaded or a
    # rendition made after that.
    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.+)$",
            static_serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]
