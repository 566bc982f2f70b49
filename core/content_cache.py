"""One version for every cache of what public pages show.

The anonymous page cache, the site's chrome, the network figures, the city directory, the case
studies' details, the rendered library, the site search and this process's memo of the page
tree (``core.page_tree``) all build their keys with ``content_key()`` or ``content_version()``,
which carry the current version. A change that shows on public pages (``core.signals`` names
them: a publish, an unpublish, a move, a privacy change, a site or a locale, a public row of an
app) calls ``content_changed()``: one increment (and one more when its transaction commits),
and every old key is unused from then on and expires or is evicted. Nothing else empties these
caches, so a sign-in, a form submission or an email leaves them warm.

A request reads the version once (``version_pinned``, entered by ``core.page_tree``'s
middleware), not at every key; a change made during the request is seen at once. On Redis the
read costs no round trip while the version has not changed: each thread keeps it until Redis says
it changed (``core.cache.WatchedValue``). The values under ``content_key()``s are in the
``content`` cache, whose processes keep the values they read last in memory too
(``content_store``). A cache whose values keep their version inside them, under keys without
one (the anonymous page cache), reads the version and then the value (``content_version_and()``).
"""

import time
from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.cache import cache, caches
from django.db import transaction
from django.utils.connection import ConnectionProxy

VERSION_KEY = "content:version"

# The cache of the values kept under ``content_key()``s, with a memory tier per process in front
# of Redis (``core.cache.ContentRedisCache``): a key names one value for good. The version itself
# is in the default cache, read from Redis once per request.
content_store = ConnectionProxy(caches, "content")

# The version read in this request, or [None] until it is read; None outside a request.
_pinned: ContextVar[list | None] = ContextVar("content_version_pinned", default=None)


@contextmanager
def version_pinned():
    """Read the version at most once inside the block (a request)."""
    token = _pinned.set([None])
    try:
        yield
    finally:
        _pinned.reset(token)


def content_version() -> int:
    pinned = _pinned.get()
    if pinned is not None and pinned[0] is not None:
        return pinned[0]
    version = _read(VERSION_KEY)
    if version is None:
        # A new series starts where no earlier one can have been (the clock, in microseconds),
        # so that keys of a version from before an eviction or a clear are never read again.
        first = time.time_ns() // 1000
        cache.add(VERSION_KEY, first, timeout=None)
        version = cache.get(VERSION_KEY, first)
    if pinned is not None:
        pinned[0] = version
    return version


def _read(key: str):
    """The version as kept by this thread until Redis says it changed (no round trip while it
    has not: ``core.cache.WatchedValue``), or from a cache that is no Redis."""
    get_watched = getattr(cache, "get_watched", None)
    return get_watched(key) if get_watched is not None else cache.get(key)


def content_version_and(key: str) -> tuple[int, object]:
    """The version, read and pinned as ``content_version()`` reads it, and the cached value under
    ``key`` (None if there is none, or if the version had to start a new series: a value found
    then was made under an earlier one). Reading the version costs no round trip while it has
    not changed, so a hit costs the one read of the value."""
    pinned = _pinned.get()
    if pinned is not None and pinned[0] is not None:
        return pinned[0], cache.get(key)
    version = _read(VERSION_KEY)
    if version is None:
        return content_version(), None
    if pinned is not None:
        pinned[0] = version
    return version, cache.get(key)


def content_changed() -> None:
    """Move the version on now, and again when the change's transaction commits.

    Now: the rest of this request sees the change. At the commit: a page another request
    rendered in between, from the rows as they were before the commit, was cached under the new
    version and would be served until the next change; the second increment leaves it unused.
    A transaction gets one increment at its commit, however many changes it makes."""
    _version_increment()
    connection = transaction.get_connection()
    pending = (callback for _savepoints, callback, _robust in connection.run_on_commit)
    if connection.in_atomic_block and _version_increment not in pending:
        transaction.on_commit(_version_increment)


def _version_increment() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # the key was evicted (or never set): a new series is a new version
        cache.delete(VERSION_KEY)
    pinned = _pinned.get()
    if pinned is not None:
        pinned[0] = None


def content_key(name: str, *parts) -> str:
    """``name:<version>:<parts…>``, the key of a cached piece of public content."""
    return ":".join([name, str(content_version()), *map(str, parts)])


def content_cached[T](name: str, *parts, build: Callable[[], T], timeout: int | None = None) -> T:
    """What ``build()`` returns, kept under ``content_key(name, *parts)``: built once per content
    version (and ``timeout`` seconds, if given). ``build`` must not return None, which reads as
    "not cached"."""
    key = content_key(name, *parts)
    value = content_store.get(key)
    if value is None:
        value = build()
        content_store.set(key, value, timeout=timeout)
    return value
