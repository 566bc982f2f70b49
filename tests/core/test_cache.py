import os
import time
import types
import uuid

import pytest
from redis import Redis
from redis.exceptions import ConnectionError as RedisConnectionError

import core.cache
from core.cache import ContentRedisCache, FailSafeRedisCache

REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"


def _redis_answers() -> bool:
    try:
        return bool(Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except RedisConnectionError:
        return False


needs_redis = pytest.mark.skipif(
    os.environ.get("CI") != "true" and not _redis_answers(),
    reason=f"no Redis answers at {REDIS_URL}",
)


@needs_redis
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


@pytest.fixture
def content_and_redis():
    """A content cache of its own on the real Redis, and a plain client to look behind it."""
    prefix = f"test-{uuid.uuid4().hex}-content"
    content = ContentRedisCache(REDIS_URL, {"KEY_PREFIX": prefix})
    yield content, Redis.from_url(REDIS_URL)
    content.clear()


def _later(monkeypatch, seconds: float) -> None:
    now = time.time()
    clock = types.SimpleNamespace(time=lambda: now + seconds, monotonic=time.monotonic)
    monkeypatch.setattr(core.cache, "time", clock)


@needs_redis
def test_a_content_value_written_is_read_from_this_process_memory_until_it_expires(
    content_and_redis, monkeypatch
):
    content, redis = content_and_redis
    content.set("figures:7:en", {"cities": 20}, timeout=60)
    redis.delete(content.make_key("figures:7:en"))  # only this process's memory has it now

    assert content.get("figures:7:en") == {"cities": 20}
    _later(monkeypatch, 61)
    assert content.get("figures:7:en") is None


@needs_redis
def test_a_content_value_another_process_wrote_is_kept_for_the_time_it_has_left_in_redis(
    content_and_redis, monkeypatch
):
    content, redis = content_and_redis
    another_process = FailSafeRedisCache(REDIS_URL, {"KEY_PREFIX": content.key_prefix})
    another_process.set("chrome:7:en", ["About", "Cities"], timeout=30)

    assert content.get("chrome:7:en") == ["About", "Cities"]  # from Redis, and kept
    redis.delete(content.make_key("chrome:7:en"))
    assert content.get("chrome:7:en") == ["About", "Cities"]  # from memory
    _later(monkeypatch, 31)
    assert content.get("chrome:7:en") is None


@needs_redis
def test_each_read_of_a_content_value_from_memory_is_a_copy_of_its_own(content_and_redis):
    content, _redis = content_and_redis
    content.set("menu:7:en", ["About"], timeout=None)

    first = content.get("menu:7:en")
    first.append("changed by a caller")

    assert content.get("menu:7:en") == ["About"]


@needs_redis
def test_clearing_the_content_cache_empties_this_process_memory_too(content_and_redis):
    content, redis = content_and_redis
    content.set("menu:7:en", ["About"], timeout=None)
    redis.delete(content.make_key("menu:7:en"))

    content.clear()

    assert content.get("menu:7:en") is None


@pytest.fixture
def two_processes():
    """Two backends on one key prefix of the real Redis, as two processes (or threads) have."""
    prefix = f"test-{uuid.uuid4().hex}-watched"
    ours = FailSafeRedisCache(REDIS_URL, {"KEY_PREFIX": prefix})
    theirs = FailSafeRedisCache(REDIS_URL, {"KEY_PREFIX": prefix})
    yield ours, theirs
    ours.clear()
    theirs.clear()


def _commands_sent(backend, key: str) -> list:
    """Spy on what the watched key's connection sends Redis from now on."""
    connection = backend._watched[backend.make_and_validate_key(key)].connection
    sent = []
    send = connection.send_command

    def counting(*args, **kwargs):
        sent.append(args)
        return send(*args, **kwargs)

    connection.send_command = counting
    return sent


def _eventually(read, expected, seconds: float = 2.0):
    """``read()`` until it gives ``expected`` (Redis pushes an invalidation as it applies a
    write; it reaches the other connection a moment later), at most for ``seconds``."""
    deadline = time.monotonic() + seconds
    while (value := read()) != expected and time.monotonic() < deadline:
        time.sleep(0.001)
    return value


@needs_redis
def test_a_watched_value_is_read_from_redis_once_while_it_does_not_change(two_processes):
    ours, theirs = two_processes
    theirs.set("content:version", 7, timeout=None)

    assert ours.get_watched("content:version") == 7
    sent = _commands_sent(ours, "content:version")
    assert [ours.get_watched("content:version") for _ in range(3)] == [7, 7, 7]

    assert sent == []


@needs_redis
def test_a_watched_value_another_process_changes_or_deletes_is_read_again(two_processes):
    ours, theirs = two_processes
    theirs.set("content:version", 7, timeout=None)
    assert ours.get_watched("content:version") == 7

    theirs.incr("content:version")
    assert _eventually(lambda: ours.get_watched("content:version"), 8) == 8
    theirs.delete("content:version")
    assert _eventually(lambda: ours.get_watched("content:version"), None) is None


@needs_redis
def test_a_watched_value_this_backend_changes_is_read_again_at_once(two_processes):
    ours, _theirs = two_processes
    ours.set("content:version", 7, timeout=None)
    assert ours.get_watched("content:version") == 7

    ours.incr("content:version")
    assert ours.get_watched("content:version") == 8
    ours.clear()
    assert ours.get_watched("content:version") is None


@needs_redis
def test_a_watched_value_whose_connection_redis_closed_is_read_again(two_processes):
    ours, theirs = two_processes
    theirs.set("content:version", 7, timeout=None)
    assert ours.get_watched("content:version") == 7
    watched = ours._watched[ours.make_and_validate_key("content:version")]
    host, port = watched.connection._sock.getsockname()[:2]

    # Killed, the connection can carry no invalidation: only its closing says the value may
    # have changed since.
    Redis.from_url(REDIS_URL).client_kill(f"{host}:{port}")
    theirs.incr("content:version")

    assert _eventually(lambda: ours.get_watched("content:version"), 8) == 8
