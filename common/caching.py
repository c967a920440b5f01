"""Whole-page cache for public pages, keyed by the data versions of the models a page reads.

Django's template rendering, not the database, dominates a public page's time. A page is
rendered once per change of its records: every save/delete bumps its model's data version
(common/versioning.py), which is part of the cache key, so no citizen ever sees a stale
figure and every server process (sharing the cache: Redis or the database) agrees.

The key holds the path and only the query parameters the view reads (`params`), so a link
with tracking or junk parameters (?utm_source=…) is served the normal page's entry.

Only anonymous GET/HEAD requests answered 200 are cached; set DJANGO_PAGE_CACHE=0 to turn
the cache off (e.g. to measure rendering).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.http import urlencode

from common import versioning

PAGE_CACHE_SECONDS = 24 * 60 * 60
_KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Content-Language")


def _cacheable_request(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    # Staff browsing the public site get fresh pages and never fill the cache with theirs.
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def page_key(request, scopes, params=(), vary: str = "") -> str:
    # The last value of a repeated parameter, as request.GET.get() and forms read it.
    query = urlencode([(name, request.GET[name]) for name in sorted(params) if name in request.GET])
    path = hashlib.sha256(f"{request.path}?{query}|{vary}".encode()).hexdigest()[:32]
    return f"page:{path}:{versioning.version_key(*scopes)}"


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
            key = page_key(request, scopes, params, vary(request) if vary else "")
            hit = cache.get(key)
            if hit is not None:
                content, headers = hit
                response = HttpResponse(content)
                for name, value in headers.items():
                    response[name] = value
                response["X-Page-Cache"] = "hit"
                return response
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if response.status_code == 200 and not response.streaming and not response.cookies:
                headers = {h: response[h] for h in _KEPT_HEADERS if response.has_header(h)}
                cache.set(key, (response.content, headers), PAGE_CACHE_SECONDS)
                response["X-Page-Cache"] = "miss"
            return response

        # Declared on the view for tests/test_page_cache.py, which checks them against its reads.
        vars(wrapped).update(scopes=scopes, params=params)
        return wrapped

    return decorator
