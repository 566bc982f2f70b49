"""Checks behind ``/healthz``: each returns "ok" or a short description of what failed."""

import uuid

from celery import current_app as celery_app
from kombu.exceptions import OperationalError
from redis.exceptions import RedisError

from django.core.cache import cache
from django.db import DatabaseError, connection

BROKER_TIMEOUT_SECONDS = 2
# One retry after a short pause: a probe asks again soon anyway.
BROKER_RETRY_AFTER_SECONDS = 0.2


def check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return f"error: {type(error).__name__}"
    return "ok"


def check_cache() -> str:
    # The portal's Redis cache answers a miss instead of raising when Redis is down
    # (core/cache.py): the value that does not come back is what tells.
    key = f"healthz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "1", timeout=5)
        value = cache.get(key)
        cache.delete(key)
    except (RedisError, ConnectionError, OSError) as error:
        return f"error: {type(error).__name__}"
    return "ok" if value == "1" else "error: cache did not keep a value"


def check_broker() -> str:
    # ``current_app`` is the project's Celery app (``nordicsafe.celery``, which Celery's Django
    # fix-up makes the default in every thread), as for the shared tasks: ``core`` does not
    # import the wiring above it.
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(
                max_retries=1,
                interval_start=BROKER_RETRY_AFTER_SECONDS,
                interval_step=0,
                timeout=BROKER_TIMEOUT_SECONDS,
            )
    except (OperationalError, ConnectionError, OSError) as error:
        return f"error: {type(error).__name__}"
    return "ok"


def health_report() -> dict[str, str]:
    return {"database": check_database(), "cache": check_cache(), "broker": check_broker()}
