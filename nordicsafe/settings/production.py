"""Production: refuses to start without the values it needs."""

import os

from django.core.exceptions import ImproperlyConfigured

from nordicsafe.settings import base, inherit

inherit(globals(), base)


def required(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"Set the {name} environment variable.")
    return value


DEBUG = False
SECRET_KEY = required("SECRET_KEY")
ALLOWED_HOSTS = base.env_list("ALLOWED_HOSTS") or [required("ALLOWED_HOSTS")]

# Mail leaves through a real SMTP server (the mail catcher in docker-compose.yml, or the host's).
SMTP_HOST = required("SMTP_HOST")
SECURE_SSL_REDIRECT = base.env_bool("SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Behind that TLS proxy every request comes from the proxy's address: the client's is the one the
# proxy adds to X-Forwarded-For (the sign-in lock-out, the forms' rate limits, consent records).
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1"))
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
LOGGING = {**base.LOGGING, "root": {**base.LOGGING["root"], "level": "INFO"}}
