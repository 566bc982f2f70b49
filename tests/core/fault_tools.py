"""Real services for the fault tests (test_faults.py, test_reminder_faults.py): a Redis server, an
SMTP server, gunicorn and Celery workers as processes of their own, waiting for a condition with a
deadline, and the two reminder sweeps' scenarios (two at once, one killed half-way).

Every process runs in a session of its own and is stopped by its own id; its output goes to a log
file whose end is shown when a wait fails.
"""

import asyncio
import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from email import message_from_bytes
from pathlib import Path
from urllib.parse import quote, urlencode

import psycopg
import pytest
import redis
from aiosmtpd.controller import Controller
from psycopg import sql

from django.conf import settings
from django.db import connection, models
from django.db.models import F

from core.models import EmailStatus, OutgoingEmail
from core.services import REDISPATCH_AFTER, STALE_CLAIM_AFTER
from core.tasks import email_sweep_task

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
REDIS_SERVER = "/usr/bin/redis-server"
STOP_TIMEOUT = 15


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def tail(path: Path, lines: int = 40) -> str:
    if not path.exists():
        return f"\n--- {path.name}: no output ---"
    text = path.read_text(errors="replace").splitlines()[-lines:]
    return f"\n--- {path.name} (end) ---\n" + "\n".join(text)


def wait_for(condition, *, timeout: float, what: str, logs=(), state=None) -> None:
    """Return as soon as ``condition()`` is true; fail after ``timeout`` seconds, showing where
    each worker this process started stands (``Process.stack_signal``), the end of ``logs``,
    what ``state()`` says (the test's own figures) and the database's other sessions."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            running = _stacks_written()
            others = [process.log for process in running if process.log not in logs]
            raise AssertionError(
                f"{what}: not within {timeout} s"
                + (f" ({state()})" if state else "")
                + "".join(tail(log, 150) for log in logs)
                + "".join(f"\n--- also still running:{tail(log)}" for log in others)
                + _database_sessions()
            )
        time.sleep(0.05)


def _stacks_written() -> list["Process"]:
    """The processes this pytest process started that still run, those that can (a Celery
    worker) having written the stack of each of their threads to their log: a worker stuck in a
    call shows which call."""
    running = [process for process in Process.started if process.running]
    signalled = [process for process in running if process.stack_signal]
    for process in signalled:
        process.popen.send_signal(process.stack_signal)
    if signalled:
        time.sleep(1)
    return running


def _database_sessions() -> str:
    """What every other session on the test database is doing, for a wait that timed out: a
    process stuck behind a lock shows here with the query it waits in and whom it waits for."""
    if connection.vendor != "postgresql":
        return ""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid, application_name, state, wait_event_type, wait_event,"
            " pg_blocking_pids(pid), left(query, 300) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        rows = cursor.fetchall()
    return "\n--- the test database's other sessions ---\n" + "\n".join(map(repr, rows))


def database_url(*, application_name: str = "") -> str:
    """The address of this test run's database, for a process of its own."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    credentials = quote(db["USER"] or "postgres", safe="")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"], safe="")
    url = f"postgres://{credentials}@{db['HOST'] or HOST}:{db['PORT'] or 5432}/{db['NAME']}"
    return url + (
        f"?{urlencode({'application_name': application_name})}" if application_name else ""
    )


def process_env(**overrides: str) -> dict[str, str]:
    """The environment of a web server or worker that shares this run's database, broker folder
    or key prefixes (``TEST_RUN_ID``), with tasks going through the broker."""
    env = {
        **{name: os.environ[name] for name in ("PATH", "HOME") if name in os.environ},
        "LANG": "C.UTF-8",
        "PYTHONUNBUFFERED": "1",
        "DJANGO_SETTINGS_MODULE": "nordicsafe.settings.test_subprocess",
        "TEST_RUN_ID": settings.RUN_ID,
        "VAR_DIR": str(settings.VAR_DIR),
        "DATABASE_URL": database_url(),
        "REDIS_URL": settings.REDIS_URL,
    }
    return env | overrides


class Process:
    """A command in a session of its own, its output in ``log``. With ``stack_signal``, the
    process writes the stack of each of its threads to its log on that signal."""

    # Every process this pytest process started, in order (one a test left running included).
    started: list["Process"] = []

    def __init__(
        self, command: list[str], *, env: dict[str, str], log: Path, stack_signal: int = 0
    ):
        self.command, self.env, self.log = command, env, log
        self.stack_signal = stack_signal
        self.popen: subprocess.Popen | None = None

    def start(self) -> "Process":
        with self.log.open("a") as output:
            self.popen = subprocess.Popen(
                self.command,
                cwd=ROOT,
                env=self.env,
                stdout=output,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        Process.started.append(self)
        return self

    @property
    def running(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def kill(self) -> None:
        """SIGKILL: no shutdown, no cleanup, as when a machine or container dies."""
        self.popen.send_signal(signal.SIGKILL)
        self.popen.wait(timeout=STOP_TIMEOUT)

    def stop(self) -> None:
        """SIGTERM to the process group, then SIGKILL if it is still there."""
        if not self.running:
            return
        os.killpg(self.popen.pid, signal.SIGTERM)
        try:
            self.popen.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(self.popen.pid, signal.SIGKILL)
            self.popen.wait(timeout=STOP_TIMEOUT)


class RedisServer:
    """A Redis of the test's own on a free port, which the test stops and starts again."""

    def __init__(self, folder: Path):
        self.port = free_port()
        self.folder = folder
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://{HOST}:{self.port}/0"

    def start(self) -> None:
        self.process = Process(
            [
                *(REDIS_SERVER, "--port", str(self.port), "--bind", HOST),
                *("--save", "", "--appendonly", "no", "--dir", str(self.folder)),
            ],
            env={"PATH": os.environ["PATH"]},
            log=self.folder / "redis.log",
        ).start()
        wait_for(self._answers, timeout=10, what="redis-server answers PING", logs=[self.log])

    @property
    def log(self) -> Path:
        return self.folder / "redis.log"

    def _answers(self) -> bool:
        client = redis.Redis(host=HOST, port=self.port, socket_timeout=0.5)
        try:
            return bool(client.ping())
        except redis.RedisError:
            return False
        finally:
            client.close()

    def hang(self) -> None:
        """SIGSTOP: connections are still accepted (by the kernel), nothing is answered."""
        self.process.popen.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        self.process.popen.send_signal(signal.SIGCONT)

    def stop(self) -> None:
        if self.process is not None and self.process.running:
            self.resume()
            self.process.stop()


class SmtpServer:
    """An SMTP server on loopback that keeps every message it accepts.

    With ``hold_first`` (or ``hold_at=n``, the n-th message), that message's DATA gets no
    answer until ``release`` is set: the sender is stuck mid-send, where a test can kill it. That
    message is then refused (a sender that died before the answer has not delivered it: a mail
    server takes a message on only with its "250").

    It announces PIPELINING, as the relays production sends through do (``pipelining=False``:
    it does not, and a client sends one command at a time).
    """

    def __init__(
        self,
        *,
        hold_first: bool = False,
        hold_at: int = 0,
        seconds_per_message=0.0,
        pipelining: bool = True,
    ):
        self.port = free_port()
        self.pipelining = pipelining
        # Each accepted message as it came: (MAIL FROM, [RCPT TO, ...], its bytes).
        self.received: list[tuple[str, list[str], bytes]] = []
        # The answer to the end of every message's data, when the server refuses it ("554 ...").
        self.refuse_data = ""
        # A slow relay: each message's "250" comes this long after its data.
        self.seconds_per_message = seconds_per_message
        # The answer to every MAIL FROM, when the server refuses the sender ("550 ...").
        self.refuse_sender = ""
        self.messages = []
        self.first_data = threading.Event()  # the held message has arrived
        self.release = threading.Event()
        self._hold_at = 1 if hold_first else hold_at
        self._seen = 0
        # Addresses the server refuses, with its answer ("550 ...": for good; "451 ...": later).
        self.refuse: dict[str, str] = {}
        self._lock = threading.Lock()
        self._controller = Controller(self, hostname=HOST, port=self.port)

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        if self.pipelining:
            responses.insert(-1, "250-PIPELINING")
        return responses

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if self.refuse_sender:
            return self.refuse_sender
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self._lock:
            self._seen += 1
            hold = self._seen == self._hold_at
        if hold:
            self.first_data.set()
            while not self.release.is_set():
                await asyncio.sleep(0.05)
            return "451 4.3.0 The sender went away"
        if self.seconds_per_message:
            await asyncio.sleep(self.seconds_per_message)
        if self.refuse_data:
            return self.refuse_data
        with self._lock:
            self.messages.append(message_from_bytes(envelope.original_content))
            self.received.append(
                (envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content)
            )
        return "250 OK"

    def recipients(self) -> list[str]:
        with self._lock:
            return sorted(message["To"] for message in self.messages)

    def start(self) -> "SmtpServer":
        self._controller.start()
        return self

    def stop(self) -> None:
        self.release.set()
        self._controller.stop()


@contextmanager
def tasks_through_the_broker():
    """Tasks published by this process go to the broker, as in production, not run in place."""
    from nordicsafe.celery import app

    app.conf.task_always_eager = False
    try:
        yield
    finally:
        app.conf.task_always_eager = True


# ``python -m celery``, which on SIGUSR2 writes the stack of each of its threads to its output.
# Python's fault handler does it from the signal itself, so it shows a worker stuck in any call,
# one that runs no Python signal handler until it returns (a DNS lookup) included.
CELERY_WITH_STACKS = (
    "import faulthandler, runpy, signal;"
    " faulthandler.register(signal.SIGUSR2, all_threads=True);"
    " runpy.run_module('celery', run_name='__main__', alter_sys=True)"
)


def celery_worker(env: dict[str, str], log: Path, name: str) -> Process:
    return Process(
        [
            *(sys.executable, "-c", CELERY_WITH_STACKS, "-A", "nordicsafe", "worker"),
            *("--pool", "solo", "--loglevel", "INFO", "--hostname", f"{name}@%h"),
            *("--without-mingle", "--without-gossip", "--without-heartbeat"),
        ],
        env=env,
        log=log,
        stack_signal=signal.SIGUSR2,
    )


def celery_call(env: dict[str, str], log: Path, task: str) -> None:
    """Publish ``task`` as beat does, with the settings of ``env``."""
    result = subprocess.run(
        [sys.executable, "-m", "celery", "-A", "nordicsafe", "call", task],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr + tail(log)


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: str


class Gunicorn(Process):
    """The portal under gunicorn's sync workers, as bench/run.py serves it."""

    def __init__(self, env: dict[str, str], log: Path, *, workers: int):
        self.port = free_port()
        super().__init__(
            [
                *(sys.executable, "-m", "gunicorn", "nordicsafe.wsgi:application"),
                *("--bind", f"{HOST}:{self.port}", "--workers", str(workers)),
                *("--worker-class", "sync", "--graceful-timeout", "5", "--timeout", "30"),
                *("--chdir", str(ROOT), "--no-control-socket"),
            ],
            env=env,
            log=log,
        )

    def wait_until_serving(self, timeout: float = 60) -> None:
        def answers() -> bool:
            assert self.running, f"gunicorn exited{tail(self.log)}"
            try:
                return self.request("GET", "/healthz", timeout=5).status in (200, 503)
            except OSError:
                return False

        wait_for(answers, timeout=timeout, what="gunicorn answers /healthz", logs=[self.log])

    def request(self, method: str, path: str, *, timeout: float = 10, body=None, headers=None):
        client = http.client.HTTPConnection(HOST, self.port, timeout=timeout)
        try:
            client.request(method, path, body=body, headers=headers or {})
            answer = client.getresponse()
            headers: dict[str, str] = {}
            for name, value in answer.getheaders():
                name = name.lower()
                headers[name] = f"{headers[name]}, {value}" if name in headers else value
            return Response(answer.status, headers, answer.read().decode(errors="replace"))
        finally:
            client.close()

    def post_form(self, path: str, data: dict[str, str], *, timeout: float = 10) -> Response:
        """GET the form for its CSRF cookie and token, then POST ``data`` with them."""
        form = self.request("GET", path, timeout=timeout)
        assert form.status == 200, form.body[:500]
        cookie = re.search(r"csrftoken=([^;]+)", form.headers.get("set-cookie", ""))[1]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.body)[1]
        return self.request(
            "POST",
            path,
            timeout=timeout,
            body=urlencode(data | {"csrfmiddlewaretoken": token}),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"csrftoken={cookie}",
            },
        )


# --- Reminder sweeps -----------------------------------------------------------------------------
# progress and events each claim a reminder by inserting its unique row (``core.reminders``); their
# test_reminder_faults.py run these scenarios with the real components.

# For a test that holds a row lock in another connection (``claim_held``): SQLite has none.
ROW_LOCKS = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="holds a row lock in another connection (PostgreSQL only; CI runs it there)",
)


@contextmanager
def claim_held(row: models.Model):
    """Insert the unsaved ``row`` in another connection and hold the insert open until the block
    ends, when it is rolled back: whoever inserts the same unique row meanwhile (a sweep claiming
    a reminder) waits on it. PostgreSQL only (``ROW_LOCKS``)."""
    options = row._meta
    fields = [field for field in options.concrete_fields if field is not options.auto_field]
    insert = sql.SQL("INSERT INTO {table} ({columns}) VALUES ({values})").format(
        table=sql.Identifier(options.db_table),
        columns=sql.SQL(", ").join(sql.Identifier(field.column) for field in fields),
        values=sql.SQL(", ").join(sql.Placeholder() for _field in fields),
    )
    values = [field.get_db_prep_save(field.pre_save(row, add=True), connection) for field in fields]
    holder = psycopg.connect(database_url(application_name="claim-held"), autocommit=False)
    try:
        holder.execute(insert, values)
        yield
    finally:
        holder.rollback()
        holder.close()


def smtp_mailers(smtp: SmtpServer) -> dict:
    """``MAILERS`` for this process to send through ``smtp`` with Django's SMTP backend, behind
    the portal's outbox guard, as production sends through its relay."""
    return {
        "default": {
            "BACKEND": "core.mail.OutboxOnlyBackend",
            "OPTIONS": {
                "backend": "django.core.mail.backends.smtp.EmailBackend",
                "options": {"host": HOST, "port": smtp.port, "timeout": 10},
            },
        }
    }


def outbox_delivered(smtp: SmtpServer, count: int) -> bool:
    """Whether ``smtp`` received ``count`` messages or more and the outbox has none left to send."""
    return (
        len(smtp.recipients()) >= count
        and not OutgoingEmail.objects.exclude(status=EmailStatus.SENT).exists()
    )


def two_sweeps_at_once(workers, smtp: SmtpServer, sweep_task, *, due: int) -> None:
    """Publish ``sweep_task`` twice, for two workers of their own (the ``workers`` fixture), and
    return once ``smtp`` received ``due`` messages or more and the outbox has none left to send."""
    logs = [workers("sweep-a").log, workers("sweep-b").log]
    with tasks_through_the_broker():
        sweep_task.delay()
        sweep_task.delay()
    wait_for(
        lambda: outbox_delivered(smtp, due),
        timeout=60,
        what="every reminder is sent",
        logs=logs,
    )


def sweep_killed_half_way(
    workers, smtp: SmtpServer, sweep_task, *, held: models.Model, due: int
) -> None:
    """Kill a worker in the middle of ``sweep_task``, and let the next sweeps finish its work.

    Another connection starts claiming the reminder ``held`` (``claim_held``, the last one the
    sweep reaches) and holds it: the sweep claims the ``due - 1`` others, then waits on it, and its
    worker is killed there (SIGKILL). What the dead worker queued may sit in its prefetch: a while
    later the outbox's sweep hands out what is still pending, and the next reminder sweep, on
    another worker, claims the rest. Returns once all ``due`` reminders are claimed and the
    outbox has sent everything, having published one more outbox sweep, which should find nothing
    left to send (what ``smtp`` received shows whether it did).
    """
    reminders = type(held).objects
    with claim_held(held):
        first = workers("first")
        with tasks_through_the_broker():
            sweep_task.delay()
        wait_for(
            lambda: reminders.count() == due - 1,
            timeout=60,
            what="the sweep is half-way",
            logs=[first.log],
        )
        first.kill()

    # A while later: past REDISPATCH_AFTER for what is still pending, past STALE_CLAIM_AFTER for
    # what the dead worker had claimed.
    OutgoingEmail.objects.update(
        created_at=F("created_at") - REDISPATCH_AFTER - STALE_CLAIM_AFTER,
        claimed_at=F("claimed_at") - STALE_CLAIM_AFTER,
    )
    second = workers("second")
    with tasks_through_the_broker():
        email_sweep_task.delay()
        sweep_task.delay()
    wait_for(
        lambda: reminders.count() >= due and outbox_delivered(smtp, due),
        timeout=60,
        what="every reminder is sent",
        logs=[second.log],
    )
    with tasks_through_the_broker():
        email_sweep_task.delay()  # a late sweep finds nothing more to send
