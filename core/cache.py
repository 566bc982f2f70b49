"""A Redis cache that the portal survives losing.

Every value in the cache can be rebuilt from the database, so an unreachable Redis is a cache miss
rather than an error: each operation catches the client's errors, logs one warning and answers as
an empty cache would. After a failure the backend leaves Redis alone for ``RETRY_AFTER_SECONDS``,
so that a Redis that hangs instead of refusing costs one socket timeout per interval and process,
not one per cache call. Django keeps one backend instance per thread, and so does this state.
"""

import logging
import time

from redis.exceptions import RedisError

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)

ERRORS = (RedisError, ConnectionError, TimeoutError)
RETRY_AFTER_SECONDS = 5.0


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

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard("add", False, super().add, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._guard("get", default, super().get, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._guard("set", None, super().set, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard("touch", False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._guard("delete", False, super().delete, key, version)

    def get_many(self, keys, version=None):
        return self._guard("get_many", {}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._guard("has_key", False, super().has_key, key, version)

    def incr(self, key, delta=1, version=None):
        # As if the counter started now: a rate limit counted in the cache lets requests through
        # while Redis is away rather than refusing everyone.
        return self._guard("incr", delta, super().incr, key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard("set_many", list(data), super().set_many, data, timeout, version)

    def delete_many(self, keys, version=None):
        self._guard("delete_many", None, super().delete_many, keys, version)

    def clear(self):
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
