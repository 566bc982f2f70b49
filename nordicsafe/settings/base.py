"""Settings shared by every environment.

Everything that differs between machines comes from the environment. With no environment at all
the portal runs on the embedded default: SQLite, a filesystem Celery broker under ``var/``, emails
written as files under ``var/mail/`` and a local-memory cache. ``DATABASE_URL`` and ``REDIS_URL``
switch it to PostgreSQL and Redis.
"""

import os
import secrets
from pathlib import Path

import dj_database_url

from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def secret_key_from_var_dir() -> str:
    """This machine's own key, drawn on the first start into ``var/secret_key`` (never in the
    repository: a published key would let anyone forge the portal's signed links)."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written whole under another name, then linked into place: of processes starting at
        # once (web, worker, beat), one key wins and nobody reads half a file.
        draft = path.with_name(f"secret_key.{os.getpid()}")
        draft.write_text(secrets.token_urlsafe(50))
        draft.chmod(0o600)
        try:
            os.link(draft, path)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return path.read_text().strip()


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # django-ninja (the public API): its Swagger UI templates and static files, served locally.
    "ninja",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    # The portal's own apps come last: their post_migrate receivers (reference data, roles) run
    # after every other app has created its content types and permissions.
    "core",
    "charter",
    "cities",
    "knowledge",
    "events",
    "newsletter",
    "progress",
    # The outward channels (search, sitemap, feeds, API) read every feature app.
    "outward",
    "demo",
    "accounts",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.page_tree.PageTreeMiddleware",
    "core.page_cache.AnonymousPageCacheMiddleware",
    "core.middleware.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.LocaleMiddleware",
    "core.middleware.DatabaseUnavailableMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.AdminAccessMiddleware",
    "core.middleware.AdminContentSecurityPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # After DatabaseUnavailableMiddleware: bad request data is a 400, two unchecked Wagtail views
    # are gated by the page's permissions (core/middleware.py).
    "core.middleware.MalformedRequestMiddleware",
    "core.middleware.AdminPageGateMiddleware",
]

ROOT_URLCONF = "nordicsafe.urls"
WSGI_APPLICATION = "nordicsafe.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# --- Storage and services -------------------------------------------------------------------

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}", conn_max_age=60, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")

if REDIS_URL:
    CACHES = {
        "default": {
            # A Redis that is down is a cache miss, logged, not an error (core/cache.py); short
            # timeouts keep a Redis that hangs from holding up requests.
            "BACKEND": "core.cache.FailSafeRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "nordicsafe"),
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0},
        },
    }
    # What public pages show, under keys that carry the content version (core/content_cache.py):
    # the same Redis, with each process's memory tier in front.
    CACHES["content"] = {**CACHES["default"], "BACKEND": "core.cache.ContentRedisCache"}
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "content": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "content",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        },
    }
# The values of the content cache each process keeps in memory, at most so many and so many bytes.
CONTENT_CACHE_MEMORY_ENTRIES = int(os.environ.get("CONTENT_CACHE_MEMORY_ENTRIES", "2000"))
CONTENT_CACHE_MEMORY_BYTES = int(
    os.environ.get("CONTENT_CACHE_MEMORY_BYTES", str(32 * 1024 * 1024))
)

# Whole pages for anonymous visitors, until anything public changes (core/page_cache.py).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
# The pages each process keeps in memory in front of the cache, at most so many and so many bytes.
PAGE_CACHE_MEMORY_ENTRIES = int(os.environ.get("PAGE_CACHE_MEMORY_ENTRIES", "500"))
PAGE_CACHE_MEMORY_BYTES = int(os.environ.get("PAGE_CACHE_MEMORY_BYTES", str(16 * 1024 * 1024)))

# --- Celery ------------------------------------------------------------------------------------

CELERY_BROKER_DIR = VAR_DIR / "celery"
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "global_keyprefix": os.environ.get("CELERY_KEY_PREFIX", ""),
        "visibility_timeout": 3600,
        # A web request publishing to a Redis that is down or hangs gives up within seconds (the
        # sweep sends the email later); a worker reconnects on its own, with its own retries.
        "socket_connect_timeout": 1,
        "socket_timeout": 2,
        "max_retries": 1,
        "interval_start": 0,
        "interval_step": 0.2,
        "interval_max": 0.2,
    }
else:
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_BROKER_DIR / "queue"),
        "data_folder_out": str(CELERY_BROKER_DIR / "queue"),
        "control_folder": str(CELERY_BROKER_DIR / "control"),
        "store_processed": False,
    }
    for folder in ("queue", "control"):
        (CELERY_BROKER_DIR / folder).mkdir(parents=True, exist_ok=True)
# One quick retry of a publish, then the caller's error: email_queue logs it and the sweep
# dispatches the message again (core/services.py).
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_ALWAYS_EAGER = False
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# Every periodic job of the portal, in one place.
CELERY_BEAT_SCHEDULE = {
    "email-sweep": {"task": "core.tasks.email_sweep_task", "schedule": 60.0},
    "charter-reminders": {"task": "progress.tasks.report_reminders_sweep_task", "schedule": 900.0},
    "meetup-reminders": {"task": "events.tasks.event_reminders_sweep_task", "schedule": 900.0},
    "meetup-needs-erased": {
        "task": "events.tasks.registration_needs_erase_task",
        "schedule": 6 * 60 * 60.0,
    },
    "newsletter-sendings": {"task": "newsletter.tasks.sendings_sweep_task", "schedule": 15.0},
}
# The newsletter's pace, for all workers together (0: as fast as they go), and how long a
# worker may hold a batch before the sweep gives it to another (newsletter.sending).
NEWSLETTER_EMAILS_PER_SECOND = int(os.environ.get("NEWSLETTER_EMAILS_PER_SECOND", "0"))
NEWSLETTER_CLAIM_LEASE_SECONDS = int(os.environ.get("NEWSLETTER_CLAIM_LEASE_SECONDS", "300"))

# --- Email ---------------------------------------------------------------------------------------

MAIL_DIR = VAR_DIR / "mail"
if os.environ.get("SMTP_HOST"):
    MAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    MAIL_OPTIONS = {
        "host": os.environ["SMTP_HOST"],
        "port": int(os.environ.get("SMTP_PORT", "25")),
        "username": os.environ.get("SMTP_USER", ""),
        "password": os.environ.get("SMTP_PASSWORD", ""),
        "use_tls": env_bool("SMTP_USE_TLS"),
        "timeout": 20,
    }
else:
    MAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    MAIL_OPTIONS = {"file_path": str(MAIL_DIR)}
# Only the outbox's task gets a message through (core/mail.py); anything else that sends raises.
MAILERS = {
    "default": {
        "BACKEND": "core.mail.OutboxOnlyBackend",
        "OPTIONS": {"backend": MAIL_BACKEND, "options": MAIL_OPTIONS},
    }
}
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Nordic Safe Cities <hello@nordicsafecities.org>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Accounts ----------------------------------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
# Pages made private in Wagtail send visitors to allauth's login (with MFA), not Wagtail's own.
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
LOGIN_REDIRECT_URL = "/"

ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["name*", "email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupForm"
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    # Per account and client address together, with a higher ceiling per address alone
    # (accounts.adapters.AccountAdapter): one office behind one address is not locked out.
    "login_failed": "30/5m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
}
# Failed sign-ins per account from all addresses together: guessing at one password from many
# addresses stops here (accounts.adapters.AccountAdapter).
LOGIN_FAILED_PER_ACCOUNT = os.environ.get("LOGIN_FAILED_PER_ACCOUNT", "20/1h/key")
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Nordic Safe Cities"

# --- Languages ---------------------------------------------------------------------------------

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("da", "Dansk"),
    ("sv", "Svenska"),
    ("nb", "Norsk bokmål"),
    ("fi", "Suomi"),
    ("is", "Íslenska"),
]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
# locale/: the portal's own strings (make messages). locale-allauth/: Icelandic for allauth,
# which ships no Icelandic catalog of its own.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale-allauth"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

# --- Static and media --------------------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
# Whether the portal itself answers /media/ (nordicsafe/urls.py): on this machine (``make run``,
# ``make dev``) with nothing in front of it; not in production.
SERVE_MEDIA = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Wagtail -----------------------------------------------------------------------------------

WAGTAIL_SITE_NAME = "Nordic Safe Cities"
WAGTAILADMIN_BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Wagtail's database backend, stemming each page in its own language on PostgreSQL.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "core.search"}}
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "pptx", "txt", "epub"]
WAGTAILADMIN_LOGIN_URL = "/accounts/login/"
# Passwords are reset and changed only through allauth: rate-limited, sending through the outbox.
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILUSERS_PASSWORD_ENABLED = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None

# --- Security ----------------------------------------------------------------------------------

# The public site loads nothing from another host and runs no inline script.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
}
# The Wagtail admin uses inline scripts and styles; only its paths get this relaxed policy.
ADMIN_CSP = {
    **SECURE_CSP,
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE, CSP.UNSAFE_EVAL],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "frame-ancestors": [CSP.SELF],
    "frame-src": [CSP.SELF],
}
ADMIN_CSP_PATH_PREFIXES = ("/admin/",)

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Sessions are read from the cache and written through to the database: a signed-in request
# reads no session row, and a lost cache loses no session.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
