"""Benchmark settings (``make bench``, ``make bench-newsletter``): production, served over plain
HTTP on 127.0.0.1.

Only bench/run.py and bench/newsletter.py use them. They set what production requires
(SECRET_KEY, ALLOWED_HOSTS, SMTP_HOST) and point DATABASE_URL and REDIS_URL at a throw-away
PostgreSQL database and bench-only Redis keys.
"""

from nordicsafe.settings import base, inherit, production

inherit(globals(), production)

DEBUG = False
# wrk and the health check speak plain HTTP to 127.0.0.1; the secure-cookie flags stay as they are.
SECURE_SSL_REDIRECT = False
# The portal's URLs plus the /bench/trivial/ baseline; production keeps nordicsafe.urls.
ROOT_URLCONF = "bench.urls"
# Collected and uploaded files of the benchmark stay apart from those of `make run`.
STATIC_ROOT = base.VAR_DIR / "bench" / "static"
MEDIA_ROOT = base.VAR_DIR / "bench" / "media"
# No email leaves the page benchmark, whatever SMTP_HOST says: it is written under
# var/bench/mail. The newsletter benchmark (bench/newsletter.py) sets BENCH_SMTP to send through
# Django's SMTP backend to its sink on SMTP_HOST:SMTP_PORT (production's MAILERS).
if not base.env_bool("BENCH_SMTP"):
    MAILERS = {
        "default": {
            "BACKEND": "core.mail.OutboxOnlyBackend",
            "OPTIONS": {
                "backend": "django.core.mail.backends.filebased.EmailBackend",
                "options": {"file_path": str(base.VAR_DIR / "bench" / "mail")},
            },
        }
    }
