"""Measuring one URL: its SQL queries in process, then wrk's latency and throughput against
gunicorn, and the CPU time gunicorn and PostgreSQL spent per request, read from /proc."""

import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from bench.report import fmt
from bench.services import HOST, http_get

WRK_SCRIPT = Path(__file__).resolve().parent / "wrk_status.lua"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


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
    # CPU time of gunicorn and PostgreSQL during the measured load, per request.
    cpu_ms: float | None = None

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
    cookie = url.cookie() if url.cookie else ""
    row = measure(
        url.title(path) + suffix,
        path,
        server.port,
        server.process.pid,
        args,
        wrk,
        trivial,
        cookie=cookie,
    )
    rows.append(row)
    print(
        f"  status {row.status}, {row.queries} queries, p50 {fmt(row.p50_ms)} ms, "
        f"p99 {fmt(row.p99_ms)} ms, {fmt(row.rps)} req/s, {fmt(row.cpu_ms, 2)} ms CPU, "
        f"errors {row.errors_text}"
    )


def measure(
    title: str,
    path: str,
    port: int,
    gunicorn_pid: int,
    args,
    wrk: str,
    trivial: bool,
    *,
    cookie: str = "",
) -> Row:
    row = Row(title=title, path=path, trivial=trivial)
    row.queries, in_process_status = count_queries(path, cookie=cookie)
    row.status = http_get(port, path, cookie=cookie)
    if in_process_status != row.status:
        print(f"  note: in-process status {in_process_status}, gunicorn's {row.status}")
    url = f"http://{HOST}:{port}{path}"
    if args.warmup:
        run_wrk(wrk, url, args.warmup, args.connections, args.threads, cookie=cookie)
    cpu_before = server_cpu_seconds(gunicorn_pid)
    output = run_wrk(wrk, url, args.duration, args.connections, args.threads, cookie=cookie)
    cpu_spent = server_cpu_seconds(gunicorn_pid) - cpu_before
    parse_wrk(output, row)
    if row.requests:
        row.cpu_ms = cpu_spent * 1000 / row.requests
    return row


def count_queries(path: str, *, cookie: str = "") -> tuple[int, int]:
    """SQL queries of the second (warm) request for ``path`` (anonymous, or with the session
    ``cookie``), and its status."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    def get():
        # A new client each time: no cookies, like wrk.
        client = Client(raise_request_exception=False, HTTP_HOST=HOST)
        headers = {"Accept-Encoding": "gzip", **({"Cookie": cookie} if cookie else {})}
        response = client.get(path, headers=headers)
        response.close()
        return response

    get()
    with CaptureQueriesContext(connection) as context:
        response = get()
    return len(context.captured_queries), response.status_code


def run_wrk(
    wrk: str, url: str, duration: int, connections: int, threads: int, *, cookie: str = ""
) -> str:
    if not url.startswith(f"http://{HOST}:"):
        raise ValueError(f"Only {HOST} is ever loaded, not {url}")
    command = [
        *(wrk, "--threads", str(threads), "--connections", str(connections)),
        *("--duration", f"{duration}s", "--timeout", "10s", "--latency"),
        *("--header", "Accept-Encoding: gzip", "--script", str(WRK_SCRIPT), url),
    ]
    if cookie:
        command[-3:-3] = ["--header", f"Cookie: {cookie}"]
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


@dataclass(frozen=True)
class ProcessTimes:
    pid: int
    parent: int
    name: str
    own: float  # seconds of CPU, user + system
    children: float  # of its children that have exited and been waited for


def process_times() -> list[ProcessTimes]:
    """Every process of this machine with its CPU seconds (fields 14-17 of /proc/<pid>/stat)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # it exited meanwhile
            continue
        # The name is in parentheses and may hold spaces; the fields after it are numbers.
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2 :].split()
        utime, stime, cutime, cstime = (int(value) for value in fields[11:15])
        found.append(
            ProcessTimes(
                pid=int(entry.name),
                parent=int(fields[1]),
                name=name,
                own=(utime + stime) / CLOCK_TICKS,
                children=(cutime + cstime) / CLOCK_TICKS,
            )
        )
    return found


def server_cpu_seconds(gunicorn_pid: int) -> float:
    """CPU seconds spent so far by gunicorn (master and workers) and PostgreSQL (postmaster and its
    backends). Processes that exited count through their parent's waited-for children's time, so
    the difference of two readings is what the server side spent in between."""
    processes = process_times()
    postgres = {process.pid for process in processes if process.name == "postgres"}
    postmasters = {
        process.pid
        for process in processes
        if process.pid in postgres and process.parent not in postgres
    }
    roots = {gunicorn_pid, *postmasters}
    return sum(
        process.own + (process.children if process.pid in roots else 0)
        for process in processes
        if process.pid in roots or process.parent in roots
    )
