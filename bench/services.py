"""What the benchmark starts, talks to and cleans up: its PostgreSQL database, its Redis keys,
wrk and gunicorn. Every request goes to 127.0.0.1 only."""

import http.client
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"  # the only host the benchmark ever sends a request to
KEY_PREFIX = "nordicsafe-bench"  # the cache's; the broker's is KEY_PREFIX + "-"
WORKERS = 2
HEALTH_TIMEOUT = 60
GRACEFUL_TIMEOUT = 10


def tail(path: Path, lines: int = 30) -> str:
    text = path.read_text(errors="replace").splitlines()[-lines:]
    return f"\n--- {path} (end) ---\n" + "\n".join(text)


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

    def exists(self) -> bool:
        with self._admin() as connection:
            found = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [self.name]
            ).fetchone()
            self.server_version = connection.execute("SHOW server_version").fetchone()[0]
        return found is not None

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


def bench_environment(
    *, settings: str, database_url: str, redis_url: str, key_prefix: str, **extra: str
) -> Path:
    """Make SIGTERM and SIGHUP unwind like Ctrl-C (through the ``finally`` clauses that clean
    up), point this process and every subprocess at the bench's settings, database and Redis
    keys, and return the folder the results are written to (created)."""
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, lambda signum, frame: sys.exit(128 + signum))
    bench_dir = Path(os.environ.get("VAR_DIR", ROOT / "var")) / "bench"
    bench_dir.mkdir(parents=True, exist_ok=True)
    os.environ.update(
        DJANGO_SETTINGS_MODULE=settings,
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        CACHE_KEY_PREFIX=key_prefix,
        CELERY_KEY_PREFIX=f"{key_prefix}-",
        SECRET_KEY=f"bench-{secrets.token_urlsafe(40)}",
        ALLOWED_HOSTS=f"{HOST},localhost",
        # Production requires it; where the bench sends no mail, emails are written to files.
        SMTP_HOST=HOST,
        SECURE_SSL_REDIRECT="false",
        **extra,
    )
    return bench_dir


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


def http_get(port: int, path: str, timeout: float = 10, *, cookie: str = "") -> int:
    """The status of one GET on 127.0.0.1, redirects not followed."""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        headers = {"Accept-Encoding": "gzip", **({"Cookie": cookie} if cookie else {})}
        connection.request("GET", path, headers=headers)
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
