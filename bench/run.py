#!/usr/bin/env python
"""Seed a large network into PostgreSQL and measure every public page under gunicorn (`make bench`).

    .venv/bin/python -m bench.run [--scale N] [--duration S] [--connections C] [--keep]
                                  [--reuse] [--only TEXT]

1. A fresh PostgreSQL database, ``nordicsafe_bench`` on 127.0.0.1 (BENCH_DATABASE_URL overrides
   it; its name must contain "bench", since it is dropped), Redis on 127.0.0.1 under bench-only
   key prefixes (BENCH_REDIS_URL overrides it), then migrate, ``seed_demo --scale N`` and
   collectstatic into var/bench/static, all under ``nordicsafe.settings.bench``.
2. gunicorn with two sync workers on a free port of 127.0.0.1, until /healthz answers.
3. For the two baselines and every URL of bench/pages.py: the SQL queries of a warm request
   (in-process, Django's test Client), then wrk for ``--duration`` seconds at ``--connections``
   concurrent connections with ``Accept-Encoding: gzip``: p50, p99, req/s, the CPU time gunicorn
   and PostgreSQL spent per request, and every non-2xx response or socket error.
4. The table, printed and written to var/bench/results.md and var/bench/results.json, with the
   change per URL against the previous results.json; gunicorn stopped, the database dropped
   (unless --keep) and the bench Redis keys deleted, also on error or Ctrl-C.

Exits 1 when a URL answered anything but 2xx, so that a failing page never passes for a fast one.
"""

import argparse
import os
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from bench.measure import measure_url
from bench.report import (
    SETTINGS,
    read_json,
    render_changes,
    render_markdown,
    render_table,
    write_json,
)
from bench.services import (
    HOST,
    KEY_PREFIX,
    ROOT,
    WORKERS,
    Database,
    Gunicorn,
    bench_environment,
    clear_redis_keys,
    close_django_connections,
    ensure_wrk,
    tail,
)

DEFAULT_DATABASE_URL = f"postgres://postgres@{HOST}:5432/nordicsafe_bench"
DEFAULT_REDIS_URL = f"redis://{HOST}:6379/0"


def main() -> int:
    args = parse_args()
    started = time.monotonic()
    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    redis_url = os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS_URL)
    # This process (for the query counts) and every subprocess run with the bench settings.
    bench_dir = bench_environment(
        settings=SETTINGS,
        database_url=database_url,
        redis_url=redis_url,
        key_prefix=KEY_PREFIX,
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
        if args.reuse and database.exists():
            print(f"Reusing the database {database.name} as it is (--reuse).")
            clear_redis_keys(redis_url)
        else:
            with step("Fresh database"):
                database.recreate()
                clear_redis_keys(redis_url)
            with step("migrate"):
                manage(setup_log, "migrate", "--no-input", "--verbosity", "0")
            with step(f"seed_demo --scale {args.scale}"):
                manage(setup_log, "seed_demo", "--scale", str(args.scale))
            with step("ANALYZE"):
                # Without statistics on fresh tables the planner takes thousands of rows for one.
                database.analyze()
        with step("collectstatic"):
            manage(setup_log, "collectstatic", "--no-input", "--clear", "--verbosity", "0")

        import django

        django.setup()
        from bench.pages import BASELINES, PAGES, SIGNED_IN, TRIVIAL

        server = Gunicorn(bench_dir / "gunicorn.log")
        with step(f"gunicorn, {WORKERS} sync workers"):
            server.start()
        print(f"  listening on http://{HOST}:{server.port}/")

        rows = []
        pages = [url for url in [*PAGES, *SIGNED_IN] if args.only in url.title(url.path)]
        for url in [*BASELINES, *pages]:
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
            for url in [url for url in PAGES if url in pages]:
                measure_url(url, " (cached)", server, args, wrk, rows, trivial=False)

        elapsed = time.monotonic() - started
        table = render_table(rows)
        print("\n" + table)
        results = bench_dir / "results.md"
        results.write_text(render_markdown(args, rows, database.server_version, elapsed))
        previous = read_json(bench_dir / "results.json")
        if previous is not None:
            print("\n" + render_changes(previous, rows))
        write_json(bench_dir / "results.json", args, rows)
        print(f"\nWritten to {results} and results.json")
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
        if args.keep or args.reuse:
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
        "--reuse",
        action="store_true",
        help="measure the database a run with --keep left, without seeding again (and keep it)",
    )
    parser.add_argument(
        "--only", default="", help="measure only the URLs whose label or path contains this"
    )
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


if __name__ == "__main__":
    sys.exit(main())
