import os
import shutil
from pathlib import Path

import pytest

from tests import shell_snapshot

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
    from tests.security import report

    report.send_from_worker(session.config)
    from django.conf import settings

    options = settings.CELERY_BROKER_TRANSPORT_OPTIONS
    for key in ("data_folder_in", "control_folder"):
        if key in options and f"test-celery-{settings.RUN_ID}" in options[key]:
            shutil.rmtree(options[key], ignore_errors=True)


def pytest_testnodedown(node, error):
    from tests.security import report

    report.receive_from_worker(node)


def pytest_terminal_summary(terminalreporter):
    from tests.security import report

    report.write_summary(terminalreporter)


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import caches

    for alias in caches:
        caches[alias].clear()
    yield
    for alias in caches:
        caches[alias].clear()


@pytest.fixture(autouse=True)
def _language_of_the_test_alone():
    """Each test starts in no language of its own and leaves none behind: a language a test
    activated (or a request left active in this thread) would otherwise translate the lazy texts
    of the tests after it."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


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


shell_snapshot.flush_made_cheap()


def _seed_public_shell():
    from demo import shell

    if shell_snapshot.kept():
        shell_snapshot.restore()
        return
    shell.seed(scale=1, log=lambda text: None)
    shell_snapshot.keep()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, migrated, with the public shell in six languages built once per run
    (each test's transaction rolls back to it). A transactional test empties the database when
    it ends; the shell is written back at once (``pytest_runtest_teardown``), outside any
    test's transaction, so that the tests after it do not each build it again."""
    with django_db_blocker.unblock():
        _seed_public_shell()
    yield
    shell_snapshot.forget()
    with django_db_blocker.unblock():
        _let_go_of_the_test_database()


def _empties_the_database(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(
        {"transactional_db", "live_server", "django_db_reset_sequences"} & set(item.fixturenames)
        or (marker is not None and marker.kwargs.get("transaction"))
    )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    yield
    if shell_snapshot.kept() and _empties_the_database(item):
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            _public_shell()


def _let_go_of_the_test_database(wait_seconds: float = 10) -> None:
    """On PostgreSQL the test database can only be dropped once no one else is connected to it.
    What tests started (the live server's request threads, the in-thread Celery worker, gunicorn
    and worker processes of the fault tests) may still be closing its connections when the last
    test ends: wait for them, and end whatever session is left after ``wait_seconds``, naming it,
    rather than fail the whole run in the database's teardown."""
    import gc
    import sys
    import time

    from django.db import connection

    if connection.vendor != "postgresql":
        return
    gc.collect()  # closes connections of threads that have ended but were not collected yet
    others = (
        "SELECT pid, application_name, state, query FROM pg_stat_activity"
        " WHERE datname = current_database() AND pid <> pg_backend_pid()"
    )
    deadline = time.monotonic() + wait_seconds
    with connection.cursor() as cursor:
        while True:
            cursor.execute(others)
            left = cursor.fetchall()
            if not left or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        for pid, application, state, query in left:
            sys.stderr.write(
                f"\nending a session left on the test database: pid {pid}"
                f" ({application or 'no application name'}, {state}): {query[:200]}\n"
            )
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    connection.close()


def _public_shell():
    from core.models import HomePage

    home = HomePage.objects.filter(locale__language_code="en").first()
    if home is None:
        _seed_public_shell()
        home = HomePage.objects.get(locale__language_code="en")
    return home


@pytest.fixture
def site_tree(db):
    """The public shell as the demo builds it: home, About, Privacy, Accessibility."""
    return _public_shell()


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker):
    """One transaction around the tests of a module that a process runs, on the public shell:
    what ``once_per_module`` builds on it is rolled back after the module's last test. The
    classes' own transactions (``class_db``) and the tests' savepoints nest inside it."""
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        _public_shell()
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="class")
def class_db(django_db_setup, django_db_blocker):
    """One transaction around a test class, on the public shell. (pytest gives each test
    function outside a class a class scope of its own: tests that share a world are methods of a
    class, or use ``once_per_module``.)

    What a class-scoped fixture builds on it is built once and rolled back after the class's
    last test; each test runs in a savepoint inside it and rolls back to it. Such a fixture
    hands each test a deep copy (``once_per_class``), as Django's ``setUpTestData`` does, so a
    test that changes an object in memory leaves the next one the object as it was built."""
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        _public_shell()
        yield
        transaction.set_rollback(True)


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


@pytest.fixture
def smtp():
    """An SMTP server of the test's own (tests/core/fault_tools.py), counting what it receives."""
    from tests.core.fault_tools import SmtpServer

    server = SmtpServer().start()
    yield server
    server.stop()


@pytest.fixture
def workers(tmp_path, smtp):
    """Start Celery workers (processes of their own) that send through the ``smtp`` server."""
    from tests.core.fault_tools import HOST, celery_worker, process_env

    started = []
    env = process_env(SMTP_HOST=HOST, SMTP_PORT=str(smtp.port))

    def start(name: str, **settings: str):
        """``settings``: environment variables of this worker alone (settings it reads)."""
        worker = celery_worker({**env, **settings}, tmp_path / f"{name}.log", name).start()
        started.append(worker)
        return worker

    yield start
    for worker in reversed(started):
        worker.stop()
