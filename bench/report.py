"""The benchmark's report: a table on the terminal, var/bench/results.md, var/bench/results.json,
and the change per URL against the previous results.json."""

import dataclasses
import datetime
import json
import os
import platform
from pathlib import Path

from bench.services import WORKERS

SETTINGS = "nordicsafe.settings.bench"


HEADERS = [
    *("URL", "status", "queries", "p50 ms", "p99 ms", "req/s", "CPU ms/req", "vs trivial"),
    "errors",
]


def fmt(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{value:,.{digits}f}"


def table_cells(rows: list) -> list[list[str]]:
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
                fmt(row.cpu_ms, 2),
                ratio,
                row.errors_text + ("" if row.ok else "  FAILED"),
            ]
        )
    return cells


def render_table(rows: list) -> str:
    cells = table_cells(rows)
    widths = [max(len(line[i]) for line in [HEADERS, *cells]) for i in range(len(HEADERS))]

    def line(values: list[str]) -> str:
        return "  ".join(
            value.ljust(width) if i == 0 else value.rjust(width)
            for i, (value, width) in enumerate(zip(values, widths, strict=True))
        ).rstrip()

    return "\n".join([line(HEADERS), line(["-" * width for width in widths]), *map(line, cells)])


def render_markdown(args, rows: list, postgres: str, elapsed: float) -> str:
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
        "than 2xx and socket errors during the load. CPU ms/req: CPU time of gunicorn (master and "
        "workers) and PostgreSQL (postmaster and backends) during the load, read from /proc, per "
        "request; steadier than req/s on a shared machine. vs trivial: req/s as a ratio of "
        "`/bench/trivial/`'s (a view returning `ok` behind the full middleware stack).",
        "",
        "| " + " | ".join(HEADERS) + " |",
        "|" + "|".join(["---"] + ["---:"] * (len(HEADERS) - 1)) + "|",
    ]
    lines += ["| " + " | ".join(cells) + " |" for cells in table_cells(rows)]
    return "\n".join(lines) + "\n"


def write_json(path: Path, args, rows: list) -> None:
    """Every row with its figures, for the next run to compare with."""
    data = {
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "scale": args.scale,
        "connections": args.connections,
        "duration": args.duration,
        "rows": [dataclasses.asdict(row) for row in rows],
    }
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def read_json(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return None


def render_changes(previous: dict, rows: list) -> str:
    """req/s and CPU per request of each URL against the previous run, as percentages."""
    before = {row["title"]: row for row in previous.get("rows", [])}
    lines = [
        f"Change against the previous run ({previous.get('date', '?')}, "
        f"scale {previous.get('scale', '?')}):"
    ]
    for row in rows:
        old = before.get(row.title)
        if old is None:
            lines.append(f"  {row.title}: new")
            continue
        lines.append(
            f"  {row.title}: req/s {change(old.get('rps'), row.rps)}, "
            f"CPU ms/req {change(old.get('cpu_ms'), row.cpu_ms)}"
        )
    return "\n".join(lines)


def change(old: float | None, new: float | None) -> str:
    if not old or new is None:
        return "-"
    return f"{fmt(old)} -> {fmt(new)} ({(new - old) / old:+.0%})"
