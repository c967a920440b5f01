"""When the cache or the database stops answering, the site degrades instead of failing, and
comes back by itself.

- Redis stopped: every page renders uncached, in its normal time; /healthz says 200 and
  names the cache as unavailable; once Redis is back pages are cached again, no restart.
- Redis hung (accepting connections, answering nothing): one call waits a fraction of a
  second, then the breaker spares every other request the wait.
- The database down: a public page cached before is still served (its latest rendering),
  anything else is the Korean 503 page; /healthz says 200 while cached pages can be served.

A real Redis server is started for these tests on a free port (and stopped and paused);
the database outage is a connection whose every cursor fails, as a refused one does.
"""

from __future__ import annotations

import logging
import time

import pytest
from django.core.cache import caches
from django.db import OperationalError, connection
from django.test import Client

BUDGET = "/budget/2023/"


@pytest.fixture
def redis_cache(settings, redis_server):
    """The production cache backend pointed at the throw-away Redis, with a short breaker."""
    settings.CACHES = {
        "default": {
            "BACKEND": "common.cache_backends.ResilientRedisCache",
            "LOCATION": redis_server.url,
            "OPTIONS": {"breaker_seconds": 0.5},
        }
    }
    yield caches["default"]


def timed_get(client, path):
    start = time.perf_counter()
    response = client.get(path)
    return response, time.perf_counter() - start


def health(client) -> list[str]:
    response = client.get("/healthz")
    return [str(response.status_code), *response.content.decode().splitlines()]


# ---------------------------------------------------------------- the cache


def test_with_redis_stopped_pages_render_uncached_and_recover_without_a_restart(
    seeded, client, redis_server, redis_cache
):
    assert client.get(BUDGET)["X-Page-Cache"] == "miss"
    normal, normal_seconds = timed_get(client, BUDGET)
    assert normal["X-Page-Cache"] == "hit"
    assert health(client) == ["200", "ok", "database: ok", "cache: ok"]

    redis_server.stop()

    for path in (BUDGET, "/", "/sessions/"):
        response, seconds = timed_get(client, path)
        assert response.status_code == 200, path
        assert response["X-Page-Cache"] == "miss", path  # rendered, not from the cache
        assert seconds < 2, f"{path} took {seconds:.2f} s with Redis down"
    assert client.get(BUDGET).content == normal.content
    assert health(client) == [
        "200",
        "degraded: every page is rendered, none from the cache",
        "database: ok",
        "cache: unavailable",
    ]

    redis_server.start()
    time.sleep(0.6)  # the breaker's half a second
    assert client.get(BUDGET)["X-Page-Cache"] == "miss"  # the emptied cache fills again
    assert client.get(BUDGET)["X-Page-Cache"] == "hit"
    assert health(client) == ["200", "ok", "database: ok", "cache: ok"]


def test_a_hung_redis_costs_one_short_wait_not_one_per_request(
    seeded, client, redis_server, redis_cache
):
    redis_cache.breaker.seconds = 30  # longer than the test: one failure opens it for good
    client.get(BUDGET)
    redis_server.pause()  # accepts connections, answers nothing
    try:
        first, first_seconds = timed_get(client, BUDGET)
        assert first.status_code == 200
        assert first_seconds < 1.5, f"the first request waited {first_seconds:.2f} s"
        start = time.perf_counter()
        for _ in range(20):
            assert client.get(BUDGET).status_code == 200
        twenty = time.perf_counter() - start
    finally:
        redis_server.resume()
    # Only the first call went to the hung server: the open breaker kept the rest away.
    assert redis_cache.breaker.failures == 1
    assert twenty < 20 * 0.25, f"20 requests took {twenty:.2f} s: each waited for Redis"


def test_the_cache_backend_answers_like_a_miss_while_redis_is_down(redis_server, redis_cache):
    redis_cache.set("k", 1)
    assert redis_cache.get("k") == 1
    redis_server.stop()
    assert redis_cache.get("k", "default") == "default"
    assert redis_cache.add("k", 2) is False
    assert redis_cache.set("k", 3) is None
    assert redis_cache.get_many(["k"]) == {}
    assert redis_cache.is_available() is False
    with pytest.raises(ValueError):
        redis_cache.incr("k")


# ---------------------------------------------------------------- the database


@pytest.fixture
def memory_cache(settings):
    """A cache that is not the database (as Redis is in production)."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    yield caches["default"]
    caches["default"].clear()


class DatabaseOutage:
    """Every query fails as it does with PostgreSQL stopped, until `end()`."""

    def __init__(self) -> None:
        self._patch = pytest.MonkeyPatch()

    def __call__(self) -> None:
        def refuse(*args, **kwargs):
            raise OperationalError("connection to server at 127.0.0.1 refused")

        for name in ("cursor", "chunked_cursor", "ensure_connection"):
            self._patch.setattr(connection, name, refuse)

    def end(self) -> None:
        self._patch.undo()


@pytest.fixture
def database_down(db):
    """`database_down()` starts the outage; it ends with the test (before the database's
    own teardown, which needs the connection), or at `database_down.end()`."""
    outage = DatabaseOutage()
    yield outage
    outage.end()


def test_with_the_database_down_cached_pages_are_served_and_the_rest_is_a_korean_503(
    seeded, memory_cache, database_down, admin_user
):
    client = Client(raise_request_exception=False)
    first = client.get(BUDGET)
    assert first["X-Page-Cache"] == "miss"

    database_down()

    stale = client.get(BUDGET)
    assert stale.status_code == 200
    assert stale["X-Page-Cache"] == "stale"
    assert stale.content == first.content
    # A cookie (even a real staff session) cannot be checked now: the cached page is served.
    client.cookies["sessionid"] = "whatever"
    assert client.get(BUDGET)["X-Page-Cache"] == "stale"

    for path in ("/budget/2022/", "/admin/"):
        page = client.get(path)
        assert page.status_code == 503, path
        assert page["Retry-After"] == "30"
        html = page.content.decode()
        assert "잠시 서비스를 이용할 수 없습니다" in html
        assert "Traceback" not in html
    assert health(client) == [
        "200",
        "degraded: cached public pages only",
        "database: unavailable",
        "cache: ok",
    ]


def test_the_503_page_names_the_council_last_read(seeded, memory_cache, database_down):
    client = Client(raise_request_exception=False)
    council = seeded
    client.get("/")  # any page read the council's record
    database_down()
    html = client.get("/budget/2022/").content.decode()
    assert council.name in html
    assert council.phone in html


def test_when_the_database_is_back_pages_are_fresh_again(seeded, memory_cache, database_down):
    client = Client(raise_request_exception=False)
    client.get(BUDGET)
    database_down()
    assert client.get(BUDGET)["X-Page-Cache"] == "stale"
    database_down.end()
    assert client.get(BUDGET)["X-Page-Cache"] == "hit"
    assert client.get("/budget/2022/").status_code == 200


# ---------------------------------------------------------------- logging


def test_a_repeated_error_is_logged_once_with_a_count(monkeypatch):
    from common.logs import RepeatFilter

    now = [1000.0]
    monkeypatch.setattr("common.logs.time.monotonic", lambda: now[0])
    records: list[logging.LogRecord] = []

    def fail(message):
        try:
            raise OperationalError("connection refused")
        except OperationalError:
            log.exception(message, "/budget/2023/")

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(record)

    handler = Keep()
    repeats = RepeatFilter(seconds=60)
    handler.addFilter(repeats)
    log = logging.getLogger("tests.outage")
    log.addHandler(handler)
    log.propagate = False
    try:
        for _ in range(5000):
            fail("Service Unavailable: %s")
        log.error("another error")
        now[0] += 61
        fail("Service Unavailable: %s")
        for _ in range(3):
            fail("Service Unavailable: %s")
        # What is still held back is written when the process ends.
        pending = repeats.flush_pending()
    finally:
        log.removeHandler(handler)
        log.propagate = True

    assert len(records) == 3
    first, other, summary = records
    assert first.exc_info is not None  # the first one keeps its traceback
    assert other.getMessage() == "another error"
    assert summary.exc_info is None
    assert summary.getMessage() == (
        "Service Unavailable: /budget/2023/ (repeated 4999 times in 61 s)"
    )
    assert [record.getMessage() for record in pending] == [
        "Service Unavailable: /budget/2023/ (repeated 3 times in 0 s)"
    ]


def test_the_settings_put_the_repeat_filter_on_every_handler(settings):
    handlers = settings.LOGGING["handlers"]
    assert all("repeats" in handler.get("filters", []) for handler in handlers.values())
