"""Health check for the load balancer: /healthz (GET or HEAD), never cached.

200 while the instance can serve pages, with the body saying what is degraded; 503 only when
nothing can be served:

| database | cache | status | body (first line)                                   |
|----------|-------|--------|-----------------------------------------------------|
| up       | up    | 200    | ok                                                  |
| up       | down  | 200    | degraded: every page is rendered, none from the cache |
| down     | up    | 200    | degraded: cached public pages only                  |
| down     | down  | 503    | unavailable                                         |

The lines after the first name each dependency and its state ("database: ok"). With the cache
in the database (no REDIS_URL) the two are one: the database decides.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from common.cache_backends import cache_available

logger = logging.getLogger(__name__)


def _database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.error("healthz: the database did not answer")
        return False
    return True


def _cache_is_the_database() -> bool:
    return settings.CACHES["default"]["BACKEND"].endswith("db.DatabaseCache")


@never_cache
@require_safe
def healthz(request):
    database = _database_answers()
    cache_up = database if _cache_is_the_database() else cache_available(cache)
    if database and cache_up:
        summary, status = "ok", 200
    elif database:
        summary, status = "degraded: every page is rendered, none from the cache", 200
    elif cache_up:
        summary, status = "degraded: cached public pages only", 200
    else:
        summary, status = "unavailable", 503
    lines = [
        summary,
        f"database: {'ok' if database else 'unavailable'}",
        f"cache: {'ok' if cache_up else 'unavailable'}",
    ]
    return HttpResponse(
        "\n".join(lines) + "\n", status=status, content_type="text/plain; charset=utf-8"
    )
