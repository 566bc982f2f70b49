#!/usr/bin/env python
"""Send one newsletter issue to N subscribers through an SMTP sink and measure it
(`make bench-newsletter`).

    .venv/bin/python -m bench.newsletter [--sizes 10000,100000] [--pool solo|prefork] [--keep]

For each size:

1. A fresh PostgreSQL database, ``nordicsafe_bench_newsletter`` on 127.0.0.1
   (BENCH_NEWSLETTER_DATABASE_URL overrides it; its name must contain "bench", since it is
   dropped), Redis db 8 under bench-only key prefixes (BENCH_NEWSLETTER_REDIS_URL overrides it),
   ``migrate``, then N active subscribers with ``newsletter_subscribers_bulk_seed`` (timed), all
   under ``nordicsafe.settings.bench`` with ``BENCH_SMTP=1``: mail goes through Django's SMTP
   backend, as in production.
2. The SMTP sink (bench/smtp_sink.py) on a free port of 127.0.0.1, and the Celery workers: two
   ``--pool solo`` processes, or one ``--pool prefork --concurrency 2``, with
   ``NEWSLETTER_EMAILS_PER_SECOND=0``.
3. An issue (a heading, two paragraphs with links, a button) scheduled now, as the secretariat
   does (``sending_schedule``); the workers fan it out and send it. When its ``Sending`` is
   "sent": emails per second over the sending (recipients / (finished_at - started_at)) and from
   the moment it was scheduled, each worker process's peak RSS (VmHWM in /proc) and CPU time per
   email, and the sink's counts per recipient: every recipient exactly once, and no one else.
4. The table, printed and written to var/bench/newsletter.md. Workers and sink are stopped, the
   database dropped (unless --keep) and the bench Redis keys deleted, also on error or Ctrl-C.

Exits 1 when the sink's count is not each recipient exactly once.
"""

import argparse
import datetime
import json
import os
import platform
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench.report import SETTINGS
from bench.run import manage, step
from bench.services import (
    HOST,
    KEY_PREFIX,
    ROOT,
    Database,
    bench_environment,
    clear_redis_keys,
    close_django_connections,
    free_port,
    tail,
)

DEFAULT_DATABASE_URL = f"postgres://postgres@{HOST}:5432/nordicsafe_bench_newsletter"
DEFAULT_REDIS_URL = f"redis://{HOST}:6379/8"
# Under bench.services.KEY_PREFIX, so that clear_redis_keys deletes them.
CACHE_PREFIX = f"{KEY_PREFIX}-newsletter"
STOP_TIMEOUT = 15
READY_TIMEOUT = 60
SUBJECT = "The network in spring: new practices, a toolkit and the next meetups"
HEADERS = [
    *("subscribers", "pool", "seed s", "send s", "emails/s", "wall s", "wall emails/s"),
    *("peak RSS MB per worker", "CPU ms/email", "load", "sink check"),
]


@dataclass
class Result:
    size: int
    pool: str
    seed_seconds: float
    recipients: int
    send_seconds: float
    wall_seconds: float
    peak_rss_mb: list[float]
    cpu_ms_per_email: float
    load: float
    sink_messages: int
    sink_ok: bool
    sink_problem: str

    @property
    def rate(self) -> float:
        return self.recipients / self.send_seconds if self.send_seconds else 0.0

    @property
    def wall_rate(self) -> float:
        return self.recipients / self.wall_seconds if self.wall_seconds else 0.0

    def cells(self) -> list[str]:
        check = f"{self.sink_messages:,} = {self.recipients:,} x 1" if self.sink_ok else ""
        return [
            f"{self.size:,}",
            self.pool,
            f"{self.seed_seconds:.1f}",
            f"{self.send_seconds:.1f}",
            f"{self.rate:,.0f}",
            f"{self.wall_seconds:.1f}",
            f"{self.wall_rate:,.0f}",
            " / ".join(f"{mb:.0f}" for mb in self.peak_rss_mb),
            f"{self.cpu_ms_per_email:.2f}",
            f"{self.load:.1f}",
            check or f"FAILED: {self.sink_problem}",
        ]


def main() -> int:
    args = parse_args()
    started = time.monotonic()
    database_url = os.environ.get("BENCH_NEWSLETTER_DATABASE_URL", DEFAULT_DATABASE_URL)
    redis_url = os.environ.get("BENCH_NEWSLETTER_REDIS_URL", DEFAULT_REDIS_URL)
    bench_dir = bench_environment(
        settings=SETTINGS,
        database_url=database_url,
        redis_url=redis_url,
        key_prefix=CACHE_PREFIX,
        # Through Django's SMTP backend to the sink (nordicsafe.settings.bench), at full speed.
        BENCH_SMTP="1",
        NEWSLETTER_EMAILS_PER_SECOND="0",
    )
    database = Database(database_url)
    log = bench_dir / "newsletter.log"
    log.write_text("")
    print(f"Output of migrate, the sink and the workers: {log}")
    services: list[Service] = []
    results: list[Result] = []
    status = 1
    try:
        for size in args.sizes:
            results.append(measure(size, args, database, redis_url, log, services))
            stop_all(services)
        elapsed = time.monotonic() - started
        table = render_table(results)
        print("\n" + table)
        report = bench_dir / "newsletter.md"
        report.write_text(render_markdown(args, results, database.server_version, elapsed))
        print(f"\nWritten to {report}")
        if all(result.sink_ok for result in results):
            status = 0
        else:
            print("\nFAILED: the sink did not receive each recipient's email exactly once.")
    except KeyboardInterrupt:
        print("\nInterrupted.")
        status = 130
    except (RuntimeError, subprocess.CalledProcessError) as error:
        print(f"\nFAILED: {error}")
    finally:
        stop_all(services)
        close_django_connections()
        clear_redis_keys(redis_url)
        if args.keep:
            print(f"Kept the database {database.name} (--keep).")
        else:
            database.drop()
        print(f"The run took {time.monotonic() - started:.0f} s.")
    return status


def measure(size: int, args, database: "Database", redis_url: str, log: Path, services) -> Result:
    print(f"\n=== {size:,} subscribers ===", flush=True)
    with step("Fresh database"):
        close_django_connections()
        database.recreate()
        clear_redis_keys(redis_url)
    with step("migrate"):
        manage(log, "migrate", "--no-input", "--verbosity", "0")

    import django

    django.setup()
    from demo.newsletter import newsletter_subscribers_bulk_seed

    with step(f"newsletter_subscribers_bulk_seed(count={size:,})"):
        seed_started = time.monotonic()
        newsletter_subscribers_bulk_seed(count=size)
        seed_seconds = time.monotonic() - seed_started
        database.analyze()

    count_file = log.parent / "newsletter-sink.json"
    count_file.unlink(missing_ok=True)
    port = free_port()
    sink_command = ["-m", "bench.smtp_sink", "--port", str(port), "--count-file", str(count_file)]
    sink = Service("sink", [sys.executable, *sink_command], log)
    services.append(sink)
    workers = worker_services(args.pool, log)
    services.extend(workers)
    with step(f"SMTP sink on port {port}, workers ({describe_pool(args.pool)})"):
        os.environ["SMTP_PORT"] = str(port)
        log_offset = log.stat().st_size
        sink.start()
        for worker in workers:
            worker.start()
        wait_until_ready(sink, workers, log, log_offset)

    from django.db import close_old_connections

    from newsletter import sending
    from newsletter.models import Delivery, DeliveryStatus, Sending, SendingStatus

    issue = issue_create()
    timeout = 120 + size / 100
    with step(f"Sending to {size:,} subscribers (at most {timeout:.0f} s)"):
        cpu_before = sum(process_cpu_seconds(pid) for pid in worker_pids(workers))
        scheduled_at = datetime.datetime.now(datetime.UTC)
        sending.sending_schedule(issue=issue, by=None)
        deadline = time.monotonic() + timeout
        progress_at = time.monotonic()
        while True:
            close_old_connections()
            state = Sending.objects.filter(issue=issue).values("status", "recipients").first()
            if state and state["status"] == SendingStatus.SENT:
                break
            for service in [sink, *workers]:
                if not service.running:
                    raise RuntimeError(f"The {service.name} exited.{tail(log)}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"The issue was not sent within {timeout:.0f} s.{tail(log)}")
            if time.monotonic() - progress_at >= 5:
                progress_at = time.monotonic()
                sent = Delivery.objects.filter(status=DeliveryStatus.SENT).count()
                print(f"    {sent:,} sent", flush=True)
            time.sleep(0.2)
        pids = worker_pids(workers)
        peak_rss_mb = [peak_rss_kib(pid) / 1024 for pid in pids]
        cpu_seconds = sum(process_cpu_seconds(pid) for pid in pids) - cpu_before
        load = os.getloadavg()[0]
    done = Sending.objects.get(issue=issue)
    recipients = done.recipients
    expected = dict(
        Delivery.objects.filter(sending=done, status=DeliveryStatus.SENT).values_list(
            "subscriber__email", "status"
        )
    )
    sink.stop()
    services.remove(sink)
    counts = json.loads(count_file.read_text())
    problem = sink_problem(counts, {email.lower() for email in expected}, recipients)
    return Result(
        size=size,
        pool=describe_pool(args.pool),
        seed_seconds=seed_seconds,
        recipients=recipients,
        send_seconds=(done.finished_at - done.started_at).total_seconds(),
        wall_seconds=(done.finished_at - scheduled_at).total_seconds(),
        peak_rss_mb=peak_rss_mb,
        cpu_ms_per_email=cpu_seconds * 1000 / recipients if recipients else 0.0,
        load=load,
        sink_messages=counts["messages"],
        sink_ok=not problem,
        sink_problem=problem,
    )


def issue_create():
    """An issue as the secretariat writes one: a heading, two paragraphs with links, a button."""
    from django.conf import settings

    from wagtail.models import Locale

    from newsletter.models import Issue

    return Issue.objects.create(
        subject=SUBJECT,
        locale=Locale.objects.get(language_code=settings.LANGUAGE_CODE),
        body=[
            {"type": "heading", "value": {"heading": "What the cities learnt", "level": "h2"}},
            {
                "type": "paragraph",
                "value": (
                    "<p>This spring twelve member cities shared how they bring youth workers, "
                    "schools and the police together before a conflict grows. Read the new "
                    '<a href="https://nordicsafecities.org/en/knowledge/">case studies in the '
                    "library</a> and the <b>updated guide</b> to local prevention plans.</p>"
                ),
            },
            {
                "type": "paragraph",
                "value": (
                    "<p>The next meetup is in Tampere in June, on safe public spaces at night. "
                    '<a href="https://nordicsafecities.org/en/events/">See the programme and '
                    'register</a>, or <a href="https://nordicsafecities.org/en/charter/">'
                    "read how your city is doing with the Charter</a>.</p>"
                ),
            },
            {
                "type": "button",
                "value": {
                    "text": "Explore the library",
                    "url": "https://nordicsafecities.org/en/knowledge/",
                },
            },
        ],
    )


def sink_problem(counts: dict, expected: set[str], recipients: int) -> str:
    """What is wrong with the sink's counts, or "" when each recipient got exactly one email."""
    received = counts["recipients"]
    twice = sum(1 for count in received.values() if count > 1)
    missing = len(expected - received.keys())
    strangers = len(received.keys() - expected)
    problems = [
        f"{count:,} {what}"
        for count, what in [
            (twice, "received more than one"),
            (missing, "received none"),
            (strangers, "unknown addresses"),
        ]
        if count
    ]
    if len(expected) != recipients:
        problems.append(f"{len(expected):,} deliveries sent of {recipients:,}")
    if counts["messages"] != recipients:
        problems.append(f"{counts['messages']:,} messages for {recipients:,} recipients")
    return ", ".join(problems)


# --- Processes -----------------------------------------------------------------------------------


class Service:
    """A process in a session of its own (Ctrl-C reaches this script, which stops it), its output
    appended to the log."""

    def __init__(self, name: str, command: list[str], log: Path):
        self.name, self.command, self.log = name, command, log
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        with self.log.open("a") as output:
            output.write(f"\n$ {' '.join(self.command)}\n")
            output.flush()
            self.process = subprocess.Popen(
                self.command,
                cwd=ROOT,
                stdout=output,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self) -> None:
        """SIGTERM to its process group (a prefork worker's children too), then SIGKILL."""
        if not self.running:
            return
        # The group is the process's own (start_new_session) and it is not reaped yet, so the
        # group id cannot be someone else's.
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def stop_all(services: list[Service]) -> None:
    while services:
        services.pop().stop()


def worker_services(pool: str, log: Path) -> list[Service]:
    celery = [sys.executable, "-m", "celery", "-A", "nordicsafe", "worker", "--loglevel", "INFO"]
    quiet = ["--without-heartbeat", "--without-gossip", "--without-mingle"]
    if pool == "prefork":
        return [
            Service(
                "worker",
                [*celery, *quiet, "--pool", "prefork", "--concurrency", "2", "-n", "bench@%h"],
                log,
            )
        ]
    return [
        Service(f"worker {n}", [*celery, *quiet, "--pool", "solo", "-n", f"bench{n}@%h"], log)
        for n in (1, 2)
    ]


def describe_pool(pool: str) -> str:
    return "prefork x2" if pool == "prefork" else "2 x solo"


def wait_until_ready(sink: Service, workers: list[Service], log: Path, offset: int) -> None:
    """Until the sink accepts connections and every worker has written "ready" to the log
    (after ``offset``: the workers of an earlier size wrote it before)."""
    deadline = time.monotonic() + READY_TIMEOUT
    port = int(os.environ["SMTP_PORT"])
    while True:
        for service in [sink, *workers]:
            if not service.running:
                raise RuntimeError(f"The {service.name} exited.{tail(log)}")
        try:
            socket.create_connection((HOST, port), timeout=1).close()
        except OSError:
            sink_ready = False
        else:
            sink_ready = True
        with log.open("rb") as output:
            output.seek(offset)
            ready = output.read().count(b" ready.")
        if sink_ready and ready >= len(workers):
            return
        if time.monotonic() > deadline:
            raise RuntimeError(
                f"The sink or workers were not ready in {READY_TIMEOUT} s.{tail(log)}"
            )
        time.sleep(0.2)


def worker_pids(workers: list[Service]) -> list[int]:
    """Every worker process: each worker's own and a prefork pool's children."""
    pids = []
    for worker in workers:
        pids.append(worker.process.pid)
        pids += children(worker.process.pid)
    return pids


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        found += [int(child) for child in task.read_text().split()]
    return found


def peak_rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def process_cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# --- Report --------------------------------------------------------------------------------------


def render_table(results: list[Result]) -> str:
    """In the layout of bench/report.py: the first column to the left, the figures right."""
    cells = [result.cells() for result in results]
    widths = [max(len(line[i]) for line in [HEADERS, *cells]) for i in range(len(HEADERS))]

    def line(values: list[str]) -> str:
        return "  ".join(
            value.ljust(width) if i == 0 else value.rjust(width)
            for i, (value, width) in enumerate(zip(values, widths, strict=True))
        ).rstrip()

    return "\n".join([line(HEADERS), line(["-" * width for width in widths]), *map(line, cells)])


def render_markdown(args, results: list[Result], postgres: str, elapsed: float) -> str:
    import celery

    import django

    now = datetime.datetime.now().astimezone()
    lines = [
        "# Newsletter benchmark results",
        "",
        f"- Date: {now:%Y-%m-%d %H:%M %Z}",
        f"- Sizes: {', '.join(f'{size:,}' for size in args.sizes)} active subscribers "
        "(`newsletter_subscribers_bulk_seed`), one issue (a heading, two paragraphs with links, "
        "a button) to all of them, in their six languages",
        f"- Workers: Celery {celery.__version__}, {describe_pool(args.pool)}, `{SETTINGS}` with "
        "Django's SMTP backend to bench/smtp_sink.py on 127.0.0.1, "
        f"`NEWSLETTER_EMAILS_PER_SECOND=0`; PostgreSQL {postgres}, Redis (broker and cache)",
        f"- Machine: {platform.system()} {platform.machine()}, {os.cpu_count()} CPUs shared by "
        f"the workers, the sink, PostgreSQL and Redis; Python {platform.python_version()}, "
        f"Django {django.get_version()}",
        f"- The run took {elapsed:.0f} s.",
        "",
        "Seed s: `newsletter_subscribers_bulk_seed` (COPY). Send s: the sending's `finished_at` "
        "minus `started_at` (from the fan-out, which inserts the deliveries, to the last email "
        "marked sent); emails/s: recipients over it. Wall s: from `sending_schedule` to "
        "`finished_at`. Peak RSS: VmHWM of each worker process (a prefork pool's parent first). "
        "CPU ms/email: the workers' CPU time over the send, per email. Load: the machine's "
        "one-minute load average when the send ended (2 CPUs: above 2, processes waited for one, "
        "other people's included). Sink check: the sink's "
        "count of messages equals the recipients, and each recipient's count is exactly 1.",
        "",
        "| " + " | ".join(HEADERS) + " |",
        "|" + "|".join(["---:"] * len(HEADERS)) + "|",
    ]
    lines += ["| " + " | ".join(result.cells()) + " |" for result in results]
    return "\n".join(lines) + "\n"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        type=sizes,
        default=[10_000, 100_000],
        help="subscribers per run, comma-separated (default 10000,100000); repeat one to "
        "measure it again",
    )
    parser.add_argument(
        "--pool",
        choices=["solo", "prefork"],
        default="solo",
        help="two `--pool solo` workers (default) or one `--pool prefork --concurrency 2`",
    )
    parser.add_argument("--keep", action="store_true", help="keep the database at the end")
    return parser.parse_args()


def sizes(text: str) -> list[int]:
    values = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    if not values or min(values) < 1:
        raise argparse.ArgumentTypeError("sizes are positive whole numbers, comma-separated")
    return values


if __name__ == "__main__":
    sys.exit(main())
