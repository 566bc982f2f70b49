"""One version for every cache of what public pages show.

The anonymous page cache, the site's chrome, the network figures, the city directory and the
case studies' details all build their keys with ``content_key()``, which carries the current
version. A change that shows on public pages (``core.signals`` names them: a publish, an
unpublish, a move, a privacy change, a public row of an app) calls ``content_changed()``:
one increment, and every old key is unused from then on and expires or is evicted. Nothing else
empties these caches, so a sign-in, a form submission or an email leaves them warm.
"""

from django.core.cache import cache

VERSION_KEY = "content:version"


def content_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def content_changed() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # the key was evicted (or never set): any new value is a new version
        cache.set(VERSION_KEY, content_version() + 1, timeout=None)


def content_key(name: str, *parts) -> str:
    """``name:<version>:<parts…>``, the key of a cached piece of public content."""
    return ":".join([name, str(content_version()), *map(str, parts)])
