#!/usr/bin/env python
"""Seed a large network into PostgreSQL and measure every public page under gunicorn (`make bench`).

    .venv/bin/python bench/run.py [--scale N] [--duration S] [--connections C] [--keep]

1. A fresh PostgreSQL database, ``nordicsafe_bench`` on 127.0.0.1 (BENCH_DATABASE_URL overrides
   it; its name must contain "bench", since it is dropped), Redis on 127.0.0.1 under bench-only
   key prefixes (BENCH_REDIS_URL overrides it), then migrate, ``seed_demo --scale N`` and
   collectstatic into var/bench/static, all under ``nordicsafe.settings.bench``.
2. gunicorn with two sync workers on a free port of 127.0.0.1, until /healthz answers.
3. For the two baselines and every URL of bench/pages.py: the SQL queries of a warm request
   (in-process, Django's test Client), then wrk for ``--duration`` seconds at ``--connections``
   concurrent connections with ``Accept-Encoding: gzip``: p50, p99, req/s and every non-2xx
   response or socket error.
4. The table, printed and written to var/bench/results.md; gunicorn stopped, the database dropped
   (unless --keep) and the bench Redis keys deleted, also on error or Ctrl-C.

Exits 1 when a URL answered anything but 2xx, so that a failing page never passes for a fast one.
"""

import argparse
import datetime
import http.client
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"  # the only host this script ever sends a request to
SETTINGS = "nordicsafe.settings.bench"
DEFAULT_DATABASE_URL = f"postgres://postgres@{HOST}:5432/nordicsafe_bench"
DEFAULT_REDIS_URL = f"redis://{HOST}:6379/0"
KEY_PREFIX = "nordicsafe-bench"  # the cache's; the broker's is KEY_PREFIX + "-"
WORKERS = 2
WRK_SCRIPT = Path(__file__).resolve().parent / "wrk_status.lua"
HEALTH_TIMEOUT = 60
GRACEFUL_TIMEOUT = 10


def main() -> int:
    args = parse_args()
    started = time.monotonic()
    # SIGTERM and SIGHUP unwind like Ctrl-C, through the `finally` clauses that clean up.
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, lambda signum, frame: sys.exit(128 + signum))

    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    redis_url = os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS_URL)
    bench_dir = Path(os.environ.get("VAR_DIR", ROOT / "var")) / "bench"
    bench_dir.mkdir(parents=True, exist_ok=True)
    # This process (for the query counts) and every subprocess run with the bench settings.
    os.environ.update(
        DJANGO_SETTINGS_MODULE=SETTINGS,
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        CACHE_KEY_PREFIX=KEY_PREFIX,
        CELERY_KEY_PREFIX=f"{KEY_PREFIX}-",
        SECRET_KEY=f"bench-{secrets.token_urlsafe(40)}",
        ALLOWED_HOSTS=f"{HOST},localhost",
        # Production requires it; nordicsafe.settings.bench writes emails to files all the same.
        SMTP_HOST=HOST,
        SECURE_SSL_REDIRECT="false",
        # The first pass measures uncached pages; the second turns the anonymous page cache on.
        PAGE_CACHE_SECONDS="0",
    )
    wrk = ensure_wrk()
    database = Database(database_url)
    server = None
    status = 1
    setup_log = bench_dir / "setup.log"
    setup_log.write_text("")
    print(f"Output of migrate, seed_demo and collectstatic: {setup_log}")
    try:
        with step("Fresh database"):
            database.recreate()
            clear_redis_keys(redis_url)
        with step("migrate"):
            manage(setup_log, "migrate", "--no-input", "--verbosity", "0")
        with step(f"seed_demo --scale {args.scale}"):
            manage(setup_log, "seed_demo", "--scale", str(args.scale))
        with step("ANALYZE"):
            # Without statistics on the fresh tables the planner takes thousands of rows for one.
            database.analyze()
        with step("collectstatic"):
            manage(setup_log, "collectstatic", "--no-input", "--clear", "--verbosity", "0")

        import django

        django.setup()
        from bench.pages import BASELINES, PAGES, TRIVIAL

        server = Gunicorn(bench_dir / "gunicorn.log")
        with step(f"gunicorn, {WORKERS} sync workers"):
            server.start()
        print(f"  listening on http://{HOST}:{server.port}/")

        rows = []
        for url in [*BASELINES, *PAGES]:
            measure_url(url, "", server, args, wrk, rows, trivial=url is TRIVIAL)
        if not args.no_cached:
            # Second pass: anonymous visitors served from the page cache (core/page_cache.py).
            from django.conf import settings

            server.stop()
            os.environ["PAGE_CACHE_SECONDS"] = "600"
            settings.PAGE_CACHE_SECONDS = 600
            server = Gunicorn(bench_dir / "gunicorn-cached.log")
            with step("gunicorn with the anonymous page cache"):
                server.start()
            for url in PAGES:
                measure_url(url, " (cached)", server, args, wrk, rows, trivial=False)

        elapsed = time.monotonic() - started
        table = render_table(rows)
        print("\n" + table)
        results = bench_dir / "results.md"
        results.write_text(render_markdown(args, rows, database.server_version, elapsed))
        print(f"\nWritten to {results}")
        failing = [row.title for row in rows if not row.ok]
        if failing:
            print(
                "\nFAILED: these URLs answered other than 2xx or lost connections; their latency "
                "and req/s describe errors, not pages:\n  " + "\n  ".join(failing)
            )
        else:
            status = 0
    except KeyboardInterrupt:
        print("\nInterrupted.")
        status = 130
    except (RuntimeError, subprocess.CalledProcessError) as error:
        print(f"\nFAILED: {error}")
    finally:
        if server is not None:
            server.stop()
        close_django_connections()
        clear_redis_keys(redis_url)
        if args.keep:
            print(f"Kept the database {database.name} (--keep).")
        else:
            database.drop()
        print(f"The run took {time.monotonic() - started:.0f} s.")
    return status


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--scale",
        type=positive_int,
        default=10,
        help="seed_demo --scale (10: 200 member cities and 5,000 case studies)",
    )
    parser.add_argument("--duration", type=positive_int, default=10, help="seconds of load per URL")
    parser.add_argument(
        "--connections", type=positive_int, default=8, help="concurrent connections"
    )
    parser.add_argument("--threads", type=positive_int, default=1, help="wrk threads")
    parser.add_argument(
        "--warmup", type=int, default=1, help="seconds of load per URL before measuring (0: none)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the database at the end")
    parser.add_argument(
        "--no-cached", action="store_true", help="skip the second pass with the page cache on"
    )
    args = parser.parse_args()
    args.threads = min(args.threads, args.connections)
    return args


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


@contextmanager
def step(title: str):
    """Prints what runs and how long it took."""
    print(f"==> {title}", flush=True)
    started = time.monotonic()
    yield
    print(f"    done in {time.monotonic() - started:.1f} s", flush=True)


def manage(log: Path, *arguments: str) -> None:
    """A management command under the bench settings; its output goes to ``log``."""
    with log.open("a") as output:
        output.write(f"\n$ manage.py {' '.join(arguments)}\n")
        output.flush()
        result = subprocess.run(
            [sys.executable, "manage.py", *arguments],
            cwd=ROOT,
            stdout=output,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {arguments[0]} failed ({result.returncode}).{tail(log)}")


def tail(path: Path, lines: int = 30) -> str:
    text = path.read_text(errors="replace").splitlines()[-lines:]
    return f"\n--- {path} (end) ---\n" + "\n".join(text)


# --- Services ------------------------------------------------------------------------------------


class Database:
    def __init__(self, url: str):
        import dj_database_url

        self.config = dj_database_url.parse(url)
        self.name = self.config["NAME"]
        self.server_version = "?"
        if self.config["ENGINE"] != "django.db.backends.postgresql":
            sys.exit(f"BENCH_DATABASE_URL must point at PostgreSQL, not {self.config['ENGINE']}.")
        if "bench" not in self.name:
            sys.exit(f"Refusing to drop and recreate {self.name!r}: its name lacks 'bench'.")

    def _admin(self, dbname: str = "postgres"):
        import psycopg

        return psycopg.connect(
            host=self.config["HOST"] or HOST,
            port=self.config["PORT"] or 5432,
            user=self.config["USER"] or "postgres",
            password=self.config["PASSWORD"] or None,
            dbname=dbname,
            autocommit=True,
            connect_timeout=10,
        )

    def _execute(self, template: str) -> None:
        from psycopg import sql

        with self._admin() as connection:
            connection.execute(sql.SQL(template).format(sql.Identifier(self.name)))

    def recreate(self) -> None:
        import psycopg

        try:
            self._execute("DROP DATABASE IF EXISTS {} WITH (FORCE)")
            self._execute("CREATE DATABASE {}")
            with self._admin() as connection:
                self.server_version = connection.execute("SHOW server_version").fetchone()[0]
        except psycopg.Error as error:
            raise RuntimeError(f"Could not create the database {self.name}: {error}") from error

    def analyze(self) -> None:
        with self._admin(self.name) as connection:
            connection.execute("ANALYZE")

    def drop(self) -> None:
        import psycopg

        try:
            self._execute("DROP DATABASE IF EXISTS {} WITH (FORCE)")
            print(f"Dropped the database {self.name}.")
        except psycopg.Error as error:
            print(f"Could not drop the database {self.name}: {error}")


def clear_redis_keys(url: str) -> None:
    """Delete the cache and broker keys of the benchmark, and only those."""
    import redis

    try:
        client = redis.Redis.from_url(url, socket_timeout=10)
        keys = list(client.scan_iter(match=f"{KEY_PREFIX}*", count=1000))
        for start in range(0, len(keys), 1000):
            client.delete(*keys[start : start + 1000])
        client.close()
    except redis.RedisError as error:
        print(f"Could not clear the bench keys in Redis: {error}")


def close_django_connections() -> None:
    if "django.db" in sys.modules:
        from django.db import connections

        connections.close_all()


def ensure_wrk() -> str:
    wrk = shutil.which("wrk")
    if wrk is None:
        print("==> Installing wrk (apt-get)")
        install = ["apt-get", "install", "-y", "wrk"]
        if subprocess.run(install, check=False).returncode != 0:
            subprocess.run(["apt-get", "update"], check=True)
            subprocess.run(install, check=True)
        wrk = shutil.which("wrk")
    if wrk is None:
        sys.exit("wrk is not installed and could not be installed: apt-get install wrk")
    return wrk


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def http_get(port: int, path: str, timeout: float = 10) -> int:
    """The status of one GET on 127.0.0.1, redirects not followed."""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Accept-Encoding": "gzip"})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


class Gunicorn:
    """gunicorn in a process group of its own: Ctrl-C reaches this script, which stops it."""

    def __init__(self, log_path: Path):
        self.log_path = log_path
        self.port = free_port()
        self.process = None

    def start(self) -> None:
        with self.log_path.open("w") as log:
            self.process = subprocess.Popen(
                [
                    *(sys.executable, "-m", "gunicorn", "nordicsafe.wsgi:application"),
                    *("--bind", f"{HOST}:{self.port}", "--workers", str(WORKERS)),
                    *("--worker-class", "sync", "--graceful-timeout", str(GRACEFUL_TIMEOUT)),
                    # No control socket: the default path is shared with any other gunicorn.
                    *("--chdir", str(ROOT), "--no-control-socket"),
                ],
                cwd=ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        deadline = time.monotonic() + HEALTH_TIMEOUT
        last = "no answer"
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"gunicorn exited ({self.process.returncode}).{tail(self.log_path)}"
                )
            try:
                status = http_get(self.port, "/healthz", timeout=5)
            except OSError as error:
                last = str(error)
            else:
                if status == 200:
                    return
                last = f"status {status}"
            time.sleep(0.25)
        raise RuntimeError(
            f"/healthz did not answer 200 in {HEALTH_TIMEOUT} s ({last}).{tail(self.log_path)}"
        )

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        # The group is gunicorn's own (start_new_session): its master and its workers. The master
        # is not reaped before the group is signalled, so the group id cannot be someone else's.
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=GRACEFUL_TIMEOUT + 5)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        print("Stopped gunicorn.")


# --- Measuring -----------------------------------------------------------------------------------


@dataclass
class Row:
    title: str
    path: str
    trivial: bool
    status: int = 0  # of a request to gunicorn before the load
    queries: int = 0
    p50_ms: float | None = None
    p99_ms: float | None = None
    rps: float | None = None
    requests: int = 0
    non2xx: int = 0
    socket_errors: dict[str, int] = field(default_factory=dict)

    @property
    def errors(self) -> int:
        return self.non2xx + sum(self.socket_errors.values())

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300 and self.errors == 0 and self.requests > 0

    @property
    def errors_text(self) -> str:
        if not self.errors:
            return "0"
        parts = [f"non-2xx {self.non2xx}"] if self.non2xx else []
        parts += [f"{kind} {count}" for kind, count in self.socket_errors.items() if count]
        return f"{self.errors} ({', '.join(parts)})"


def measure_url(url, suffix: str, server, args, wrk: str, rows: list, *, trivial: bool) -> None:
    path = url.resolve()
    if path is None:
        print(f"\n{url.title(path)}{suffix}: nothing to measure, skipped")
        return
    print(f"\n{url.title(path)}{suffix}  ({path})")
    row = measure(url.title(path) + suffix, path, server.port, args, wrk, trivial)
    rows.append(row)
    print(
        f"  status {row.status}, {row.queries} queries, p50 {fmt(row.p50_ms)} ms, "
        f"p99 {fmt(row.p99_ms)} ms, {fmt(row.rps)} req/s, errors {row.errors_text}"
    )


def measure(title: str, path: str, port: int, args, wrk: str, trivial: bool) -> Row:
    row = Row(title=title, path=path, trivial=trivial)
    row.queries, in_process_status = count_queries(path)
    row.status = http_get(port, path)
    if in_process_status != row.status:
        print(f"  note: in-process status {in_process_status}, gunicorn's {row.status}")
    url = f"http://{HOST}:{port}{path}"
    if args.warmup:
        run_wrk(wrk, url, args.warmup, args.connections, args.threads)
    output = run_wrk(wrk, url, args.duration, args.connections, args.threads)
    parse_wrk(output, row)
    return row


def count_queries(path: str) -> tuple[int, int]:
    """SQL queries of the second (warm) anonymous request for ``path``, and its status."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    def get():
        # A new client each time: no cookies, like wrk.
        client = Client(raise_request_exception=False, HTTP_HOST=HOST)
        response = client.get(path, headers={"Accept-Encoding": "gzip"})
        response.close()
        return response

    get()
    with CaptureQueriesContext(connection) as context:
        response = get()
    return len(context.captured_queries), response.status_code


def run_wrk(wrk: str, url: str, duration: int, connections: int, threads: int) -> str:
    if not url.startswith(f"http://{HOST}:"):
        raise ValueError(f"Only {HOST} is ever loaded, not {url}")
    command = [
        *(wrk, "--threads", str(threads), "--connections", str(connections)),
        *("--duration", f"{duration}s", "--timeout", "10s", "--latency"),
        *("--header", "Accept-Encoding: gzip", "--script", str(WRK_SCRIPT), url),
    ]
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=duration + 60, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(f"wrk failed ({result.returncode}): {result.stderr or result.stdout}")
    return result.stdout


TIME_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def parse_wrk(output: str, row: Row) -> None:
    """Read wrk's --latency report (and the line of wrk_status.lua) into ``row``."""
    for percentile, attribute in (("50", "p50_ms"), ("99", "p99_ms")):
        match = re.search(rf"^\s*{percentile}(?:\.0+)?%\s+([\d.]+)(us|ms|s|m|h)\s*$", output, re.M)
        if match:
            setattr(row, attribute, float(match[1]) * TIME_UNITS_MS[match[2]])
    if match := re.search(r"^Requests/sec:\s+([\d.]+)", output, re.M):
        row.rps = float(match[1])
    if match := re.search(r"^\s*(\d+) requests in", output, re.M):
        row.requests = int(match[1])
    if match := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    ):
        row.socket_errors = dict(
            zip(("connect", "read", "write", "timeout"), map(int, match.groups()), strict=True)
        )
    # wrk_status.lua counts every non-2xx; wrk's own line only those above 399.
    match = re.search(r"^BENCH_NON2XX (\d+)", output, re.M) or re.search(
        r"Non-2xx or 3xx responses: (\d+)", output
    )
    if match:
        row.non2xx = int(match[1])
    if row.rps is None or row.p50_ms is None:
        raise RuntimeError(f"Could not read wrk's report:\n{output}")


# --- Reporting -----------------------------------------------------------------------------------

HEADERS = ["URL", "status", "queries", "p50 ms", "p99 ms", "req/s", "vs trivial", "errors"]


def fmt(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{value:,.{digits}f}"


def table_cells(rows: list[Row]) -> list[list[str]]:
    trivial = next((row.rps for row in rows if row.trivial and row.ok), None)
    cells = []
    for row in rows:
        ratio = f"{row.rps / trivial:.3f}x" if trivial and row.rps else "-"
        cells.append(
            [
                row.title,
                str(row.status),
                str(row.queries),
                fmt(row.p50_ms),
                fmt(row.p99_ms),
                fmt(row.rps),
                ratio,
                row.errors_text + ("" if row.ok else "  FAILED"),
            ]
        )
    return cells


def render_table(rows: list[Row]) -> str:
    cells = table_cells(rows)
    widths = [max(len(line[i]) for line in [HEADERS, *cells]) for i in range(len(HEADERS))]

    def line(values: list[str]) -> str:
        return "  ".join(
            value.ljust(width) if i == 0 else value.rjust(width)
            for i, (value, width) in enumerate(zip(values, widths, strict=True))
        ).rstrip()

    return "\n".join([line(HEADERS), line(["-" * width for width in widths]), *map(line, cells)])


def render_markdown(args, rows: list[Row], postgres: str, elapsed: float) -> str:
    import gunicorn

    import django

    import wagtail

    now = datetime.datetime.now().astimezone()
    lines = [
        "# Benchmark results",
        "",
        f"- Date: {now:%Y-%m-%d %H:%M %Z}",
        f"- Scale: {args.scale} (`manage.py seed_demo --scale {args.scale}`)",
        f"- Load: wrk, {args.connections} connections, {args.threads} thread(s), "
        f"{args.duration} s per URL after {args.warmup} s of warm-up, `Accept-Encoding: gzip`",
        f"- Server: gunicorn {gunicorn.__version__}, {WORKERS} sync workers, `{SETTINGS}` "
        f"(production settings, plain HTTP), PostgreSQL {postgres}, Redis",
        f"- Machine: {platform.system()} {platform.machine()}, {os.cpu_count()} CPUs shared by "
        f"wrk, gunicorn, PostgreSQL and Redis; Python {platform.python_version()}, "
        f"Django {django.get_version()}, Wagtail {wagtail.__version__}",
        f"- The run took {elapsed:.0f} s.",
        "",
        "Queries: the SQL queries of the second (warm) anonymous request, in-process through "
        "Django's test Client. Status: gunicorn's answer before the load. Errors: responses other "
        "than 2xx and socket errors during the load. vs trivial: req/s as a ratio of "
        "`/bench/trivial/`'s (a view returning `ok` behind the full middleware stack).",
        "",
        "| " + " | ".join(HEADERS) + " |",
        "|" + "|".join(["---"] + ["---:"] * (len(HEADERS) - 1)) + "|",
    ]
    lines += ["| " + " | ".join(cells) + " |" for cells in table_cells(rows)]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    # `python bench/run.py` puts bench/ first on the path; the project root belongs there.
    if sys.path and Path(sys.path[0]).resolve() == ROOT / "bench":
        sys.path.pop(0)
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
