import os
import uuid

import pytest
from redis import Redis
from redis.exceptions import ConnectionError as RedisConnectionError

from core.cache import FailSafeRedisCache

REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"


def _redis_answers() -> bool:
    try:
        return bool(Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except RedisConnectionError:
        return False


@pytest.mark.skipif(
    os.environ.get("CI") != "true" and not _redis_answers(),
    reason=f"no Redis answers at {REDIS_URL}",
)
def test_clearing_the_cache_deletes_its_own_keys_and_leaves_the_rest_of_redis():
    run = uuid.uuid4().hex
    ours = FailSafeRedisCache(REDIS_URL, {"KEY_PREFIX": f"test-{run}-ours"})
    theirs = FailSafeRedisCache(REDIS_URL, {"KEY_PREFIX": f"test-{run}-theirs"})
    broker = Redis.from_url(REDIS_URL)
    broker_key = f"test-{run}-celery-queue"
    try:
        ours.set("menu", "ours")
        theirs.set("menu", "theirs")
        broker.set(broker_key, "a queued task")

        assert ours.clear() is True

        assert ours.get("menu") is None
        assert theirs.get("menu") == "theirs"
        assert broker.get(broker_key) == b"a queued task"
    finally:
        theirs.clear()
        broker.delete(broker_key)
