"""Faults the portal survives, played with the real components: a Redis that hangs and stops, a
Celery worker killed mid-send, PostgreSQL going away under load.

The web server and the workers are processes of their own (tests/core/fault_tools.py) that read
this test's committed data, hence ``transaction=True``.
"""

import itertools
import json
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from kombu.exceptions import OperationalError as BrokerError
from psycopg import sql

from django.db import connection
from django.db.models import F
from django.utils import translation
from django.utils.translation import gettext

from accounts.models import Role
from cities.models import MembershipApplication
from core import services
from core.models import EmailStatus, OutgoingEmail
from core.services import REDISPATCH_AFTER, STALE_CLAIM_AFTER, email_queue
from core.tasks import email_sweep_task
from tests.core.fault_tools import (
    HOST,
    REDIS_SERVER,
    Gunicorn,
    RedisServer,
    SmtpServer,
    celery_call,
    celery_worker,
    database_url,
    process_env,
    tasks_through_the_broker,
    wait_for,
)
from tests.factories.accounts import UserFactory
from tests.factories.cities import application_form_data

pytestmark = pytest.mark.django_db(transaction=True)

needs_redis_server = pytest.mark.skipif(
    not Path(REDIS_SERVER).exists() and os.environ.get("CI") != "true",
    reason=f"no {REDIS_SERVER} on this machine (apt-get install redis-server)",
)
PUBLIC_PAGES = ["/en/", "/en/about/", "/sv/"]


@pytest.fixture
def launch():
    """Start a process for the test; whatever is still running at the end is stopped."""
    started = []

    def _launch(process):
        started.append(process.start())
        return process

    yield _launch
    for process in reversed(started):
        process.stop()


@pytest.fixture
def redis_server(tmp_path):
    """A Redis of the test's own, running; the test may stop and start it again."""
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def smtp_server():
    servers = []

    def _start(**options) -> SmtpServer:
        servers.append(SmtpServer(**options).start())
        return servers[-1]

    yield _start
    for server in servers:
        server.stop()


@needs_redis_server
def test_with_redis_down_pages_are_served_forms_save_and_the_sweep_sends_their_emails_once(
    site_tree, tmp_path, launch, redis_server, smtp_server
):
    smtp = smtp_server()
    UserFactory(role=Role.SECRETARIAT, email="secretariat@example.org")
    env = process_env(
        REDIS_URL=redis_server.url,
        PAGE_CACHE_SECONDS="600",
        SMTP_HOST=HOST,
        SMTP_PORT=str(smtp.port),
    )
    web = launch(Gunicorn(env, tmp_path / "gunicorn.log", workers=1))
    worker = launch(celery_worker(env, tmp_path / "worker.log", "faults-redis"))
    web.wait_until_serving()
    for path in PUBLIC_PAGES * 2:
        assert web.request("GET", path).status == 200
    assert web.request("GET", "/en/").headers["x-page-cache"] == "hit"

    # A Redis that hangs costs the first cache call its read timeout; the cache is then left
    # alone for a while instead of costing every call a timeout.
    redis_server.hang()
    started = time.monotonic()
    for path in PUBLIC_PAGES:
        assert web.request("GET", path).status == 200
    assert time.monotonic() - started < 4

    redis_server.stop()

    for path in PUBLIC_PAGES:
        page = web.request("GET", path)
        assert (page.status, page.headers.get("x-page-cache")) == (200, "miss"), page.body
    health = web.request("GET", "/healthz")
    assert health.status == 503
    checks = json.loads(health.body)["checks"]
    assert checks["database"] == "ok"
    assert checks["cache"].startswith("error")
    assert checks["broker"].startswith("error")

    started = time.monotonic()
    answer = web.post_form("/en/join/", application_form_data())
    assert (answer.status, answer.headers.get("location")) == (302, "/en/join/thanks/")
    # The form's GET and POST: the first publish gives up after one quick retry, the second is
    # not tried (core.services.email_dispatch).
    assert time.monotonic() - started < 5
    assert MembershipApplication.objects.filter(city_name="Tampere").exists()
    emails = OutgoingEmail.objects.order_by("to")
    expected = ["laura@example.org", "secretariat@example.org"]
    assert [(email.to, email.status) for email in emails] == [
        (to, EmailStatus.PENDING) for to in expected
    ]
    redis_server.start()

    # Two minutes later the sweep takes the pending messages for lost and hands them out; the
    # worker has found the broker again by itself.
    OutgoingEmail.objects.update(created_at=F("created_at") - REDISPATCH_AFTER)
    celery_call(env, worker.log, "core.tasks.email_sweep_task")

    def all_sent() -> bool:
        return not OutgoingEmail.objects.exclude(status=EmailStatus.SENT).exists()

    wait_for(all_sent, timeout=30, what="the sweep's emails are sent", logs=[worker.log])
    worker.stop()
    assert smtp.recipients() == expected


class RefusingTask:
    """The email task, with a broker that refuses every message."""

    def __init__(self):
        self.calls = []

    def delay(self, **kwargs):
        self.calls.append(kwargs)
        raise BrokerError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")


@pytest.mark.django_db
def test_after_the_broker_refused_a_task_the_next_emails_wait_for_the_sweep_without_trying(
    monkeypatch, caplog, django_capture_on_commit_callbacks
):
    task = RefusingTask()
    monkeypatch.setattr("core.tasks.email_send_task", task)
    monkeypatch.setattr(services, "_broker_paused_until", 0.0)

    with django_capture_on_commit_callbacks(execute=True):
        first = email_queue(to="a@example.org", subject="s", text_body="t", language="en")
        email_queue(to="b@example.org", subject="s", text_body="t", language="en")

    assert task.calls == [{"email_id": first.pk}]
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {EmailStatus.PENDING}
    warnings = [record for record in caplog.records if record.levelname == "WARNING"]
    assert len(warnings) == 1
    assert "the broker did not take its task" in warnings[0].getMessage()


def test_a_worker_killed_while_sending_loses_no_email_and_sends_none_twice(
    tmp_path, launch, smtp_server
):
    smtp = smtp_server(hold_first=True)
    env = process_env(SMTP_HOST=HOST, SMTP_PORT=str(smtp.port))
    expected = [f"reader{n}@example.org" for n in range(3)]
    with tasks_through_the_broker():
        for to in expected:
            email_queue(to=to, subject=f"Hello {to}", text_body="Welcome.", language="en")

    first = launch(celery_worker(env, tmp_path / "worker-1.log", "faults-first"))
    wait_for(smtp.first_data.is_set, timeout=30, what="a worker sends", logs=[first.log])
    first.kill()
    held = OutgoingEmail.objects.get(status=EmailStatus.SENDING)
    smtp.release.set()

    # Fifteen minutes pass: the dead worker's claim is stale, and the sweep hands it out again.
    OutgoingEmail.objects.update(
        created_at=F("created_at") - STALE_CLAIM_AFTER,
        claimed_at=F("claimed_at") - STALE_CLAIM_AFTER,
    )
    second = launch(celery_worker(env, tmp_path / "worker-2.log", "faults-second"))
    with tasks_through_the_broker():
        email_sweep_task.delay()

    def all_received() -> bool:
        sent = not OutgoingEmail.objects.exclude(status=EmailStatus.SENT).exists()
        return sent and len(smtp.recipients()) >= len(expected)

    wait_for(all_received, timeout=30, what="every email arrives", logs=[second.log])
    second.stop()
    assert smtp.recipients() == expected
    held.refresh_from_db()
    assert (held.status, held.attempts) == (EmailStatus.SENT, 2)


@dataclass
class Answer:
    at: float
    status: int | str  # the HTTP status, or the name of the error instead of an answer
    retry_after: str | None = None
    branded: bool = False
    traceback: bool = False


def unavailable_heading(path: str) -> str:
    """The 503 page's heading in the language of ``path`` (``/sv/`` is answered in Swedish)."""
    with translation.override(path.split("/")[1]):
        return gettext("Temporarily unavailable")


class Load:
    """Client threads requesting public pages one after another, every answer recorded. A path
    may be a callable that gives the path of each request."""

    def __init__(self, server: Gunicorn, paths: list):
        self.server, self.paths = server, paths
        self.answers: list[Answer] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._run, args=(path,)) for path in paths]

    def _run(self, paths) -> None:
        while not self._stop.is_set():
            path = paths() if callable(paths) else paths
            try:
                response = self.server.request("GET", path, timeout=10)
            except OSError as error:
                answer = Answer(time.monotonic(), type(error).__name__)
            else:
                answer = Answer(
                    time.monotonic(),
                    response.status,
                    response.headers.get("retry-after"),
                    "Nordic Safe Cities" in response.body
                    and unavailable_heading(path) in response.body,
                    "Traceback" in response.body,
                )
            with self._lock:
                self.answers.append(answer)

    def count(self, status, *, since: float = 0) -> int:
        with self._lock:
            return sum(
                1 for answer in self.answers if answer.status == status and answer.at > since
            )

    def __enter__(self):
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc_info):
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=15)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="cuts PostgreSQL connections (PostgreSQL only)"
)
def test_postgresql_going_away_under_load_answers_503_then_200_without_a_restart(
    site_tree, tmp_path, launch
):
    application_name = f"nordicsafe-faults-{os.getpid()}"
    env = process_env(DATABASE_URL=database_url(application_name=application_name))
    web = launch(Gunicorn(env, tmp_path / "gunicorn.log", workers=2))
    web.wait_until_serving()
    name = connection.settings_dict["NAME"]
    db = connection.settings_dict
    admin = psycopg.connect(
        host=db["HOST"] or HOST,
        port=db["PORT"] or 5432,
        user=db["USER"] or "postgres",
        password=db["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )
    allow = sql.SQL("ALTER DATABASE {} WITH ALLOW_CONNECTIONS {}")

    # A search never asked before reads the database; the content pages, once made, come from
    # each process's memory (the page tree, the content cache).
    searches = itertools.count()

    def new_search() -> str:
        return f"/en/search/?q=practice+{next(searches)}"

    with admin, Load(web, [*PUBLIC_PAGES, "/en/privacy/", new_search]) as load:
        wait_for(lambda: load.count(200) >= 20, timeout=20, what="pages answer under load")
        # What a restart of PostgreSQL looks like from gunicorn, without restarting the server
        # that other test runs share: every connection of the portal is cut and new ones are
        # refused for about two seconds.
        admin.execute(allow.format(sql.Identifier(name), sql.SQL("false")))
        try:
            cut_at = time.monotonic()
            cut = admin.execute(
                "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity"
                " WHERE application_name = %s AND datname = %s",
                [application_name, name],
            ).fetchone()[0]
            assert cut >= 1, "gunicorn held no connection to cut"
            wait_for(
                lambda: load.count(503, since=cut_at) >= 4,
                timeout=10,
                what="requests answer 503 while the database is away",
                logs=[web.log],
            )
            time.sleep(max(0.0, cut_at + 2 - time.monotonic()))  # the outage lasts two seconds
        finally:
            admin.execute(allow.format(sql.Identifier(name), sql.SQL("true")))
        back_at = time.monotonic()
        wait_for(
            lambda: load.count(200, since=back_at) >= 20,
            timeout=15,
            what="pages answer 200 again",
            logs=[web.log],
        )

    assert web.running, "gunicorn did not survive"
    statuses = {answer.status for answer in load.answers}
    assert statuses == {200, 503}, statuses
    # While the database was away, the pages kept in memory were still served.
    assert any(answer.status == 200 for answer in load.answers if cut_at < answer.at < back_at)
    unavailable = [answer for answer in load.answers if answer.status == 503]
    assert all(answer.retry_after == "30" and answer.branded for answer in unavailable)
    assert not any(answer.traceback for answer in load.answers)
    assert "Traceback" not in web.log.read_text()
