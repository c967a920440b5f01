"""A Redis cache that degrades instead of failing: with Redis down or hung, pages render
uncached in their normal time, and nothing needs a restart when Redis comes back.

Django's own ``RedisCache`` with three changes:

- short connect and read timeouts (defaults below; ``OPTIONS`` in settings override them),
  so a hung Redis costs a request a fraction of a second, not gunicorn's whole timeout;
- a circuit breaker per process: after a failure, every cache call answers "miss" (``get``
  gives the default, ``add`` False, ``set`` nothing) at once for ``breaker_seconds``; then
  one call tries Redis again, and its success closes the breaker;
- one Redis client per connection pool, kept for the life of the process, instead of a new
  client object for every call (the pool was shared already).

An error is logged when the breaker opens, not for every call it spares (and the logging
configuration's RepeatFilter folds repeats of that message into a count).
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.utils.functional import cached_property

logger = logging.getLogger(__name__)

DEFAULT_OPTIONS = {
    # Redis answers in well under a millisecond on a private network.
    "socket_connect_timeout": 0.25,
    "socket_timeout": 0.25,
}
BREAKER_SECONDS = 5.0

# What a cache call gives back while Redis cannot be reached: what a miss would give.
_FALLBACK: dict[str, Any] = {
    "add": False,
    "set": None,
    "touch": False,
    "delete": False,
    "get_many": {},
    "has_key": False,
    "set_many": None,
    "delete_many": None,
    "clear": False,
}


class Breaker:
    """Open for `seconds` after a failure; the first call after that is the trial."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._open_until = 0.0
        self._lock = threading.Lock()
        self.failures = 0  # since the breaker last closed

    @property
    def is_open(self) -> bool:
        return time.monotonic() < self._open_until

    def allow(self) -> bool:
        with self._lock:
            now = time.monotonic()
            if now < self._open_until:
                return False
            if self.failures:
                # Half-open: let this call try, and keep the others out while it does.
                self._open_until = now + self.seconds
            return True

    def succeeded(self) -> None:
        with self._lock:
            if self.failures:
                logger.warning("cache: Redis answers again after %d failed call(s)", self.failures)
            self.failures = 0
            self._open_until = 0.0

    def failed(self, error: BaseException) -> None:
        with self._lock:
            self.failures += 1
            self._open_until = time.monotonic() + self.seconds
        logger.error(
            "cache: Redis unavailable (%s: %s); pages are served uncached for %.0f s",
            type(error).__name__,
            error,
            self.seconds,
        )


class GuardedRedisCacheClient(RedisCacheClient):
    """Django's Redis client, each call through the breaker, with one client per pool."""

    # Set by RedisCacheClient.__init__ (not in django-stubs).
    _lib: Any
    _client: Any
    _get_connection_pool: Any

    def __init__(self, servers, *, breaker: Breaker, **options) -> None:
        super().__init__(servers, **options)
        self.breaker = breaker
        self._clients: dict[int, Any] = {}
        self._errors = (self._lib.RedisError, OSError)

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client

    def _guarded(self, call, fallback):
        if not self.breaker.allow():
            return fallback()
        try:
            result = call()
        except self._errors as error:
            self.breaker.failed(error)
            return fallback()
        if self.breaker.failures:
            self.breaker.succeeded()
        return result

    def ping(self) -> bool:
        """True when Redis answers now (the breaker is tried, as by any call)."""
        return self._guarded(lambda: bool(self.get_client().ping()), lambda: False)

    def get(self, key, default):
        return self._guarded(
            lambda: super(GuardedRedisCacheClient, self).get(key, default), lambda: default
        )

    def incr(self, key, delta):
        def missing():
            raise ValueError(f"Key '{key}' not found (the cache is unavailable).")

        return self._guarded(lambda: super(GuardedRedisCacheClient, self).incr(key, delta), missing)


def _guard(name: str):
    parent = getattr(RedisCacheClient, name)

    def method(self, *args, **kwargs):
        fallback = _FALLBACK[name]
        return self._guarded(
            lambda: parent(self, *args, **kwargs),
            lambda: dict(fallback) if isinstance(fallback, dict) else fallback,
        )

    method.__name__ = name
    return method


for _name in _FALLBACK:
    setattr(GuardedRedisCacheClient, _name, _guard(_name))


class ResilientRedisCache(RedisCache):
    """settings.CACHES backend: ``common.cache_backends.ResilientRedisCache``.

    ``OPTIONS`` takes redis-py's connection options (timeouts above by default) and
    ``breaker_seconds``."""

    # Set by RedisCache.__init__ (not in django-stubs).
    _servers: list[str]
    _options: dict[str, Any]

    def __init__(self, server, params):
        super().__init__(server, params)
        options = {**DEFAULT_OPTIONS, **self._options}
        self.breaker = Breaker(float(options.pop("breaker_seconds", BREAKER_SECONDS)))
        self._options = options

    @cached_property
    def _cache(self) -> GuardedRedisCacheClient:
        return GuardedRedisCacheClient(self._servers, breaker=self.breaker, **self._options)

    def is_available(self) -> bool:
        """Whether Redis answers now; False at once while the breaker is open."""
        return self._cache.ping()

    @property
    def degraded(self) -> bool:
        """Whether the last call found Redis unavailable (no call made to find out)."""
        return self.breaker.failures > 0


def cache_available(cache) -> bool:
    """Whether `cache` can be read now: its own is_available() if it has one, else a read."""
    check = getattr(cache, "is_available", None)
    if check is not None:
        return bool(check())
    try:
        cache.get("healthz:probe")
    except Exception:  # noqa: BLE001 - any backend's failure means "not available"
        return False
    return True
