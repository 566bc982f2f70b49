"""How often one client address may submit a public form (``/join/``, ``/newsletter/``) before
it is asked to wait, and how often anything else counted by a key may happen: a counter in the
cache for a window of time.

Counted in the cache: a cache that is away lets requests through (``core.cache``) rather than
refusing everyone.
"""

from allauth.core.internal.ratelimit import get_ip

from django.core.cache import cache


def client_address(request) -> str:
    """The address the request came from, as the sign-in lock-out counts it: the client's behind
    the trusted proxies (``ALLAUTH_TRUSTED_PROXY_COUNT``), an IPv6 address by its /64 network."""
    return get_ip(request)


def limit_exceeded(*, key: str, limit: int, window: int) -> bool:
    """Count one more under ``key``; True once there were more than ``limit`` within ``window``
    seconds of the first."""
    key = f"rate:{key}"
    cache.add(key, 0, timeout=window)
    return cache.incr(key) > limit


def rate_limited(request, *, scope: str, limit: int, window: int) -> bool:
    """Count this request against ``scope`` for its client address (``limit_exceeded``)."""
    return limit_exceeded(key=f"{scope}:{client_address(request)}", limit=limit, window=window)
