"""Whole-page cache for public pages, keyed by the data versions of the models a page reads.

Django's template rendering, not the database, dominates a public page's time. A page is
rendered once per change of its records: every save/delete bumps its model's data version
(common/versioning.py), which is part of the cache key, so no citizen ever sees a stale
figure and every server process (sharing the cache: Redis or the database) agrees.

The key holds the path and only the query parameters the view reads (`params`), so a link
with tracking or junk parameters (?utm_source=…) is served the normal page's entry.

Only GET/HEAD requests answered 200 are cached, for everyone but staff signed in (a cookie
alone is not enough: its session must be a staff member's). Set DJANGO_PAGE_CACHE=0 to turn
the cache off (e.g. to measure rendering).

Outages: with the cache down (common/cache_backends.py) every request is a miss and renders;
with the database down, a page's latest rendering is served (X-Page-Cache: stale) when the
cache has one, since the data versions that pick the fresh one cannot be read.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable
from functools import wraps
from importlib import import_module
from types import SimpleNamespace
from typing import cast

from django.conf import settings
from django.contrib import auth
from django.core.cache import cache
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.utils.http import urlencode

from common import versioning

logger = logging.getLogger(__name__)

PAGE_CACHE_SECONDS = 24 * 60 * 60
_KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Content-Language")


def _is_staff_session(request) -> bool:
    """Whether the request carries a valid session of an active staff member.

    Read from a store of its own, so that request.session stays untouched (a public page
    keeps no Vary: Cookie). A bogus or expired cookie, or a database that cannot be read,
    counts as no session: such requests are served from the cache like anyone's.
    """
    session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not session_key:
        return False
    store = import_module(settings.SESSION_ENGINE).SessionStore(session_key)
    try:
        user = auth.get_user(cast(HttpRequest, SimpleNamespace(session=store)))
    except DatabaseError:
        return False
    return bool(user.is_active and user.is_staff)


def _cacheable_request(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    # Staff browsing the public site get fresh pages and never fill the cache with theirs.
    return not _is_staff_session(request)


def _path_hash(request, params, vary: str) -> str:
    # The last value of a repeated parameter, as request.GET.get() and forms read it.
    query = urlencode([(name, request.GET[name]) for name in sorted(params) if name in request.GET])
    return hashlib.sha256(f"{request.path}?{query}|{vary}".encode()).hexdigest()[:32]


def page_key(request, scopes, params=(), vary: str = "") -> str:
    return f"page:{_path_hash(request, params, vary)}:{versioning.version_key(*scopes)}"


def _latest_key(request, params, vary: str) -> str:
    """Where the key of the page's latest rendering is kept: what is served while the
    database (and so the data versions) cannot be read."""
    return f"page-latest:{_path_hash(request, params, vary)}"


def _response_from(hit, served: str) -> HttpResponse:
    content, headers = hit
    response = HttpResponse(content)
    for name, value in headers.items():
        response[name] = value
    response["X-Page-Cache"] = served
    return response


def _stale_page(request, params, vary: str) -> HttpResponse | None:
    """The page's latest cached rendering, for when the database is down; None if none."""
    key = cache.get(_latest_key(request, params, vary))
    hit = cache.get(key) if key else None
    if hit is None:
        return None
    logger.warning(
        "page cache: database unavailable, %s served from its latest rendering", request.path
    )
    return _response_from(hit, "stale")


def cached_page(
    *scopes: versioning.Scope,
    params: Iterable[str] = (),
    vary: Callable[[HttpRequest], str] | None = None,
):
    """Cache a public view's response until a record of the given models changes.

    `scopes` are the models the view reads (classes or labels): a model left out means a
    stale page (tests/test_page_cache.py checks each view's queries against them).
    `params` are the query parameters the view reads; any other is left out of the key.
    `vary(request)` adds what else the page depends on to the key: e.g. today's date for a
    page that says whether a session is in progress, or the host for absolute links.
    """
    if not scopes:
        raise TypeError("cached_page() needs the models the view reads")
    params = (params,) if isinstance(params, str) else tuple(params)

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not getattr(settings, "PAGE_CACHE_ENABLED", True) or not _cacheable_request(request):
                return view(request, *args, **kwargs)
            varied = vary(request) if vary else ""
            try:
                key = page_key(request, scopes, params, varied)
            except DatabaseError:
                # The database is down: the latest rendering rather than an error page.
                stale = _stale_page(request, params, varied)
                if stale is None:
                    raise
                return stale
            hit = cache.get(key)
            if hit is not None:
                return _response_from(hit, "hit")
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if response.status_code == 200 and not response.streaming and not response.cookies:
                headers = {h: response[h] for h in _KEPT_HEADERS if response.has_header(h)}
                cache.set_many(
                    {key: (response.content, headers), _latest_key(request, params, varied): key},
                    PAGE_CACHE_SECONDS,
                )
                response["X-Page-Cache"] = "miss"
            return response

        # Declared on the view for tests/test_page_cache.py, which checks them against its reads.
        vars(wrapped).update(scopes=scopes, params=params)
        return wrapped

    return decorator
