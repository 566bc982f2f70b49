import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; Django must allow ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser_type_launch_args():
    return {
        "executable_path": str(CHROMIUM),
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


def pytest_collection_modifyitems(config, items):
    """Browser tests need the system Chromium. Outside CI they skip without it; in CI they fail."""
    if CHROMIUM.exists() or os.environ.get("CI") == "true":
        return
    skip = pytest.mark.skip(
        reason="no /usr/bin/chromium on this machine (apt-get install chromium)"
    )
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


def pytest_sessionfinish(session, exitstatus):
    from django.conf import settings

    options = settings.CELERY_BROKER_TRANSPORT_OPTIONS
    for key in ("data_folder_in", "control_folder"):
        if key in options and f"test-celery-{settings.RUN_ID}" in options[key]:
            shutil.rmtree(options[key], ignore_errors=True)


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


OUTBOX_ONLY_LOCMEM = {
    "default": {
        "BACKEND": "core.mail.OutboxOnlyBackend",
        "OPTIONS": {"backend": "django.core.mail.backends.locmem.EmailBackend"},
    }
}


@pytest.fixture(autouse=True)
def _mail_only_through_the_outbox(settings):
    """The test environment's in-memory mailer, behind the same guard as in production: any
    test in which a code path sends mail without the outbox fails with MailOutsideOutboxError."""
    settings.MAILERS = OUTBOX_ONLY_LOCMEM


@pytest.fixture
def site_tree(db):
    """The public shell as the demo builds it: home, About, Privacy, Accessibility."""
    from core import demo

    demo.seed(scale=1, log=lambda text: None)
    from core.models import HomePage

    return HomePage.objects.get(locale__language_code="en")


@pytest.fixture
def celery_worker(transactional_db):
    """A real Celery worker, in a thread, consuming this run's broker (filesystem or Redis)."""
    from celery.contrib.testing.worker import start_worker

    from nordicsafe.celery import app

    app.conf.task_always_eager = False
    try:
        with start_worker(
            app, pool="solo", perform_ping_check=False, shutdown_timeout=10
        ) as worker:
            yield worker
    finally:
        app.conf.task_always_eager = True
