"""Benchmark settings (``make bench``): production, served over plain HTTP on 127.0.0.1.

Only bench/run.py uses them. It sets what production requires (SECRET_KEY, ALLOWED_HOSTS,
SMTP_HOST) and points DATABASE_URL and REDIS_URL at a throw-away PostgreSQL database and bench-only
Redis keys.
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
# No email leaves a benchmark, whatever SMTP_HOST says: it is written under var/bench/mail.
MAILERS = {
    "default": {
        "BACKEND": "core.mail.OutboxOnlyBackend",
        "OPTIONS": {
            "backend": "django.core.mail.backends.filebased.EmailBackend",
            "options": {"file_path": str(base.VAR_DIR / "bench" / "mail")},
        },
    }
}
