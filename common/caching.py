"""Whole-page cache for public pages, keyed by the data versions of the models a page reads.

Django's template rendering, not the database, dominates a public page's time. A page is
rendered once per change of its records: every save/delete bumps its model's data version
(common/versioning.py), and a page's cache entry holds the versions it was rendered at
(`version_key`), so it is served only while they are current: no citizen ever sees a stale
figure and every server process (sharing the cache: Redis or the database) agrees. One entry
per page (a new rendering replaces the old), read in one cache round trip.

The key holds the path and only the query parameters the view reads (`params`), so a link
with tracking or junk parameters (?utm_source=…) is served the normal page's entry.

Only GET/HEAD requests answered 200 are cached, for everyone but staff signed in (a cookie
alone is not enough: its session must be a staff member's). Set DJANGO_PAGE_CACHE=0 to turn
the cache off (e.g. to measure rendering).

A view declares its page with @cached_page; PageCacheMiddleware, early in MIDDLEWARE, does
the caching. A hit is answered there, before the middleware a hit does not need (sessions,
locale, CSRF, authentication, messages, the security headers' own middleware …): it costs
the data-version query and one cache round trip. The headers the skipped middleware added
when the page was rendered (Content-Security-Policy, X-Frame-Options, Vary …) are stored
with it and sent again; the middleware before it (SecurityMiddleware, WhiteNoise, the bad
input check) runs for every request, hit or not.

Outages: with the cache down (common/cache_backends.py) every request is a miss and renders;
with the database down, a page's entry is served whatever versions it holds (X-Page-Cache:
stale), since the data versions that would tell cannot be read.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import import_module
from types import SimpleNamespace
from typing import cast

from django.conf import settings
from django.contrib import auth
from django.core.cache import cache
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils.http import urlencode

from common import versioning

logger = logging.getLogger(__name__)

PAGE_CACHE_SECONDS = 24 * 60 * 60
# Headers of a rendered page that are not sent again with its hits.
_NOT_KEPT = frozenset({"X-Page-Cache", "Date", "Set-Cookie"})


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


def by_host(request) -> str:
    """`vary` for a page with absolute links (a feed, the guide's calendar address)."""
    return request.get_host()


def page_key(request, params=(), vary: str = "") -> str:
    """The page's one cache entry: its path, the query parameters its view reads (the last
    value of a repeated one, as request.GET.get() and forms read it) and what `vary` adds."""
    query = urlencode([(name, request.GET[name]) for name in sorted(params) if name in request.GET])
    return "page:" + hashlib.sha256(f"{request.path}?{query}|{vary}".encode()).hexdigest()[:32]


def _response_from(content: bytes, headers: dict, served: str) -> HttpResponse:
    response = HttpResponse(content)
    for name, value in headers.items():
        response[name] = value
    response["X-Page-Cache"] = served
    return response


@dataclass(frozen=True)
class PageDeclaration:
    """What a cached view reads: its models, query parameters and what else varies it."""

    scopes: tuple[versioning.Scope, ...]
    params: tuple[str, ...]
    vary: Callable[[HttpRequest], str] | None

    def key(self, request) -> str:
        return page_key(request, self.params, self.vary(request) if self.vary else "")


def cached_page(
    *scopes: versioning.Scope,
    params: Iterable[str] = (),
    vary: Callable[[HttpRequest], str] | None = None,
):
    """Declare a public view's page cached until a record of the given models changes
    (PageCacheMiddleware does the caching).

    `scopes` are the models the view reads (classes or labels): a model left out means a
    stale page (tests/test_page_cache.py checks each view's queries against them).
    `params` are the query parameters the view reads; any other is left out of the key.
    `vary(request)` adds what else the page depends on to the key: e.g. today's date for a
    page that says whether a session is in progress, or the host for absolute links.
    """
    if not scopes:
        raise TypeError("cached_page() needs the models the view reads")
    params = (params,) if isinstance(params, str) else tuple(params)
    declaration = PageDeclaration(scopes=scopes, params=params, vary=vary)

    def decorator(view):
        # Read by the middleware; scopes and params also by tests/test_page_cache.py, which
        # checks them against the view's reads. The view itself is left as it is.
        vars(view).update(page_cache=declaration, scopes=scopes, params=params)
        return view

    return decorator


def _declaration(request) -> PageDeclaration | None:
    """The cached_page declaration of the view the request's path goes to, if any."""
    try:
        match = resolve(request.path_info)
    except (Resolver404, UnicodeError, ValueError):
        return None
    return getattr(match.func, "page_cache", None)


class PageCacheMiddleware:
    """Serves a cached page's hit before the rest of the middleware, and stores a miss's
    final response (with the headers the middleware after this one added)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        declaration = (
            _declaration(request)
            if getattr(settings, "PAGE_CACHE_ENABLED", True) and request.method in ("GET", "HEAD")
            else None
        )
        # Staff browsing the public site get fresh pages and never fill the cache with theirs.
        if declaration is None or _is_staff_session(request):
            return self.get_response(request)
        key = declaration.key(request)
        try:
            version = versioning.version_key(*declaration.scopes)
        except DatabaseError:
            # The database is down: the page's latest rendering rather than an error.
            hit = cache.get(key)
            if hit is None:
                return self.get_response(request)
            logger.warning(
                "page cache: database unavailable, %s served as last rendered", request.path
            )
            return _response_from(hit[1], hit[2], "stale")
        hit = cache.get(key)
        if hit is not None and hit[0] == version:
            return _response_from(hit[1], hit[2], "hit")
        response = self.get_response(request)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            headers = {name: value for name, value in response.items() if name not in _NOT_KEPT}
            cache.set(key, (version, response.content, headers), PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response
