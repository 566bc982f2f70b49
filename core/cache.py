"""A Redis cache that the portal survives losing, and a memory tier per process in front of the
cache of public content.

Every value in the cache can be rebuilt from the database, so an unreachable Redis is a cache miss
rather than an error: each operation catches the client's errors, logs one warning and answers as
an empty cache would. After a failure the backend leaves Redis alone for ``RETRY_AFTER_SECONDS``,
so that a Redis that hangs instead of refusing costs one socket timeout per interval and process,
not one per cache call. Django keeps one backend instance per thread, and so does this state.

A key read on nearly every request and written seldom (the content version) can be read with
``get_watched()``: the value is kept by the thread until Redis says the key changed
(``WatchedValue``), so such a read costs no round trip.

The ``content`` cache (``ContentRedisCache``) holds what public pages show under keys that carry
the content version (``core.content_cache``): a key names one value for good, so a process may
keep the values it read last in memory (``MemoryTier``) and skip Redis for them, until they expire.
"""

import logging
import select
import threading
import time
from collections import OrderedDict
from collections.abc import Callable

from redis.exceptions import RedisError

from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)

ERRORS = (RedisError, ConnectionError, TimeoutError)
RETRY_AFTER_SECONDS = 5.0


class MemoryTier:
    """What a process used last: at most ``entries`` values and ``max_bytes`` in all (as
    ``size(value)`` counts them), the least recently used evicted first. A value larger than the
    whole bound is not kept. Threads of one process share it (a lock around each operation)."""

    def __init__(self, *, entries: int, max_bytes: int, size: Callable[[object], int] = len):
        self.entries = entries
        self.max_bytes = max_bytes
        self.size = size
        self.bytes = 0
        self._values: OrderedDict[str, tuple[object, int]] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._values)

    def get(self, key: str):
        with self._lock:
            kept = self._values.get(key)
            if kept is None:
                return None
            self._values.move_to_end(key)
            return kept[0]

    def put(self, key: str, value) -> None:
        size = self.size(value)
        with self._lock:
            replaced = self._values.pop(key, None)
            if replaced is not None:
                self.bytes -= replaced[1]
            if size > self.max_bytes or self.entries < 1:
                return
            self._values[key] = (value, size)
            self.bytes += size
            while len(self._values) > self.entries or self.bytes > self.max_bytes:
                self.bytes -= self._values.popitem(last=False)[1][1]

    def forget(self, key: str) -> None:
        with self._lock:
            removed = self._values.pop(key, None)
            if removed is not None:
                self.bytes -= removed[1]

    def clear(self) -> None:
        with self._lock:
            self._values.clear()
            self.bytes = 0


class WatchedValue:
    """A key's value, read once and kept until Redis says the key changed: Redis's
    server-assisted client-side caching (``CLIENT TRACKING``, on a RESP3 connection of its own).

    Once the key is read on that connection, Redis pushes an invalidation down it when the key
    is written, deleted, expires or the database is flushed. While nothing has arrived, the value
    read is still the key's value: a read costs one non-blocking poll of the socket, no round
    trip. Whatever arrives (an invalidation, the connection closing) drops the connection, and
    the next read asks Redis again; so does a read ``REFRESH_SECONDS`` after the last one that
    asked, which bounds what a connection that died silently could keep. One per backend
    instance, so per thread (``FailSafeRedisCache.get_watched``)."""

    REFRESH_SECONDS = 5.0

    def __init__(self, pool, key: str):
        self.pool = pool
        self.key = key
        self.connection = None
        self.raw = None
        self.read_at = 0.0

    def get(self) -> bytes | None:
        """The key's value as Redis stores it, None if it has none."""
        connection = self.connection
        if connection is not None and time.monotonic() - self.read_at < self.REFRESH_SECONDS:
            readable, _writable, _failed = select.select([connection._sock], [], [], 0)
            if not readable:
                return self.raw
        self.forget()
        connection = self.pool.connection_class(**{**self.pool.connection_kwargs, "protocol": 3})
        try:
            connection.connect()
            connection.send_command("CLIENT", "TRACKING", "ON")
            connection.read_response()
            connection.send_command("GET", self.key)
            raw = connection.read_response()
        except BaseException:
            connection.disconnect()
            raise
        self.connection, self.raw, self.read_at = connection, raw, time.monotonic()
        return raw

    def forget(self) -> None:
        if self.connection is not None:
            self.connection.disconnect()
        self.connection, self.raw = None, None


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's client, except that it makes one ``redis.Redis`` per connection pool and reuses it.

    Django makes a new ``redis.Redis`` for every cache operation, and each one builds its table of
    about 170 response callbacks: ~0.1 ms per operation, and a page makes several. The client
    holds no state of a command between calls (the pool holds the connections), so one serves
    every call of this backend instance (Django keeps one per thread)."""

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        client = clients.get(id(pool))
        if client is None:
            client = clients[id(pool)] = self._client(connection_pool=pool)
        return client


class FailSafeRedisCache(RedisCache):
    """Django's ``RedisCache``, except that Redis being down, slow or gone answers the default."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient

    _down_until = 0.0

    def _guard(self, operation: str, default, call, *args, **kwargs):
        if time.monotonic() < self._down_until:
            return default
        try:
            return call(*args, **kwargs)
        except ERRORS as error:
            self._down_until = time.monotonic() + RETRY_AFTER_SECONDS
            logger.warning(
                "Cache %s failed, served without the cache for %.0f s: %s: %s",
                operation,
                RETRY_AFTER_SECONDS,
                type(error).__name__,
                error,
            )
            return default

    def get_watched(self, key, default=None, version=None):
        """As ``get``, for a key read on most requests and written seldom: its value is kept by
        this thread until Redis says the key changed (``WatchedValue``). This backend's own
        writes of the key forget it at once; another process's reach it as fast as Redis can
        say so."""
        made = self.make_and_validate_key(key, version=version)
        return self._guard("get", default, self._watched_get, made, default)

    def _watched_get(self, key: str, default):
        watched = self.__dict__.setdefault("_watched", {})
        if key not in watched:
            watched[key] = WatchedValue(self._cache._get_connection_pool(False), key)
        try:
            raw = watched[key].get()
        except BaseException:
            watched.pop(key).forget()
            raise
        return default if raw is None else self._cache._serializer.loads(raw)

    def _forget_watched(self, keys=None, version=None) -> None:
        """Forget the watched values of ``keys`` (all of them for None) that this thread keeps."""
        watched = self.__dict__.get("_watched")
        if not watched:
            return
        made = (
            list(watched)
            if keys is None
            else [self.make_and_validate_key(key, version=version) for key in keys]
        )
        for key in made:
            if key in watched:
                watched.pop(key).forget()

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._forget_watched([key], version=version)
        return self._guard("add", False, super().add, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._guard("get", default, super().get, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._forget_watched([key], version=version)
        self._guard("set", None, super().set, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard("touch", False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        self._forget_watched([key], version=version)
        return self._guard("delete", False, super().delete, key, version)

    def get_many(self, keys, version=None):
        return self._guard("get_many", {}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._guard("has_key", False, super().has_key, key, version)

    def incr(self, key, delta=1, version=None):
        self._forget_watched([key], version=version)
        # As if the counter started now: a rate limit counted in the cache lets requests through
        # while Redis is away rather than refusing everyone.
        return self._guard("incr", delta, super().incr, key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        self._forget_watched(data, version=version)
        return self._guard("set_many", list(data), super().set_many, data, timeout, version)

    def delete_many(self, keys, version=None):
        self._forget_watched(keys, version=version)
        self._guard("delete_many", None, super().delete_many, keys, version)

    def clear(self):
        self._forget_watched()
        return self._guard("clear", False, self._clear_own_keys)

    def _clear_own_keys(self) -> bool:
        """Delete the keys under this cache's ``KEY_PREFIX`` only. Django's ``clear()`` empties
        the whole Redis database, which the Celery broker, other sites and (in the tests) the
        other pytest-xdist workers share."""
        if not self.key_prefix:
            return super().clear()
        client = self._cache.get_client(write=True)
        keys = list(client.scan_iter(match=f"{self.key_prefix}:*", count=1000))
        for start in range(0, len(keys), 1000):
            client.delete(*keys[start : start + 1000])
        return True


class _Kept(tuple):
    """A value as the memory tier keeps it: its serialized bytes (each read gets its own copy of
    the value, as from Redis) and when it expires (``time.time()``; None for never)."""

    @property
    def raw(self) -> bytes:
        return self[0]

    @property
    def expires(self) -> float | None:
        return self[1]

    def size(self) -> int:
        # Django's serializer leaves an int as it is (so that Redis can increment it).
        return len(self[0]) if isinstance(self[0], bytes) else 8


_content_tier_lock = threading.Lock()
_content_tier: MemoryTier | None = None


def content_tier() -> MemoryTier:
    """This process's memory tier of the ``content`` cache (one for all its threads)."""
    global _content_tier
    with _content_tier_lock:
        if _content_tier is None:
            _content_tier = MemoryTier(
                entries=settings.CONTENT_CACHE_MEMORY_ENTRIES,
                max_bytes=settings.CONTENT_CACHE_MEMORY_BYTES,
                size=_Kept.size,
            )
        return _content_tier


class MemoryTierRedisCacheClient(ReusedClientRedisCacheClient):
    """Django's client with this process's memory tier in front of Redis, for keys that each
    name one value for good: a read found in memory asks Redis nothing. A value read from Redis
    is kept with the time it has left there (one round trip: GET and PTTL), a value written with
    its timeout."""

    def get(self, key, default):
        kept = content_tier().get(key)
        if kept is not None and (kept.expires is None or time.time() < kept.expires):
            return self._serializer.loads(kept.raw)
        pipeline = self.get_client(key).pipeline(transaction=False)
        raw, milliseconds = pipeline.get(key).pttl(key).execute()
        if raw is None:
            return default
        expires = time.time() + milliseconds / 1000 if milliseconds > 0 else None
        content_tier().put(key, _Kept((raw, expires)))
        return self._serializer.loads(raw)

    def set(self, key, value, timeout):
        super().set(key, value, timeout)
        if timeout == 0:
            content_tier().forget(key)
        else:
            expires = None if timeout is None else time.time() + timeout
            content_tier().put(key, _Kept((self._serializer.dumps(value), expires)))

    def delete(self, key):
        content_tier().forget(key)
        return super().delete(key)


class ContentRedisCache(FailSafeRedisCache):
    """The cache of public content (``core.content_cache``): as ``FailSafeRedisCache``, with this
    process's memory tier in front (``MemoryTierRedisCacheClient``). Only for keys that name one
    value for good: a value deleted or replaced in Redis stays in other processes' memory until
    it expires."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = MemoryTierRedisCacheClient

    def clear(self):
        content_tier().clear()
        return super().clear()
