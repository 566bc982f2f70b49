"""Settings for the test suite: the same services as ``dev``, faster password hashing."""

import copy
import os

from nordicsafe.settings import base, inherit

inherit(globals(), base)

SECRET_KEY = "test-only-not-secret"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ALLOWED_HOSTS = ["*"]
# Each test run uses its own key prefixes on a shared Redis and its own SQLite file.
RUN_ID = os.environ.get("TEST_RUN_ID", str(os.getpid()))
if base.REDIS_URL:
    CACHES = {
        alias: {**config, "KEY_PREFIX": f"test-{RUN_ID}"} for alias, config in base.CACHES.items()
    }
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        **base.CELERY_BROKER_TRANSPORT_OPTIONS,
        "global_keyprefix": f"test-{RUN_ID}-",
    }
else:
    # A broker folder of this run's own, so that a worker of `make run` never takes its tasks.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        **base.CELERY_BROKER_TRANSPORT_OPTIONS,
        "data_folder_in": str(base.VAR_DIR / f"test-celery-{RUN_ID}"),
        "data_folder_out": str(base.VAR_DIR / f"test-celery-{RUN_ID}"),
        "control_folder": str(base.VAR_DIR / f"test-celery-{RUN_ID}-control"),
    }
    for _folder in ("data_folder_in", "control_folder"):
        os.makedirs(CELERY_BROKER_TRANSPORT_OPTIONS[_folder], exist_ok=True)
DATABASES = copy.deepcopy(base.DATABASES)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory, so that a live server and a Celery worker thread see the same data.
    DATABASES["default"]["TEST"] = {"NAME": str(base.VAR_DIR / f"test-{RUN_ID}.sqlite3")}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Query counts are pinned on uncached pages; tests/core/test_page_cache.py turns the cache on.
PAGE_CACHE_SECONDS = 0
# Tasks run in the calling process unless a test starts a real worker (tests/conftest.py).
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
WAGTAILADMIN_BASE_URL = "http://testserver"
# Static files straight from the app folders, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
