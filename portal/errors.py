"""The portal's name and contact for pages that must render whatever happens: every page's
header and footer, the 400, 404, 403, 429 and lock-out pages, and the 500 and 503 pages.

An error page never fails because of the council's record: when the database cannot be read
the council's name and contact last read by this process stand in, or, before any was read,
the generic words (의정 포털, 의회사무국).

A request that fails because the database does not answer (a connection refused, dropped or
timed out) gets the Korean 503 page with Retry-After, not the 500 page: nothing is wrong
with the request or the code, and it will work again by itself.
"""

from __future__ import annotations

import logging
import sys

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

from council.selectors import GENERIC_SITE, SiteIdentity, site_identity

logger = logging.getLogger(__name__)

# What the 500 page says if even its template cannot be rendered.
_BARE_500 = (
    '<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8">'
    "<title>일시적인 오류</title></head><body><h1>일시적인 오류가 발생했습니다</h1>"
    "<p>잠시 후 다시 시도해 주세요.</p></body></html>"
)


# Seconds a client is asked to wait before trying again while the database is down.
RETRY_AFTER_SECONDS = 30

_last_read: list[SiteIdentity] = []  # the council's identity as this process last read it


def current_site() -> SiteIdentity:
    """site_identity(); when the database cannot be read, the identity this process last
    read, or GENERIC_SITE if it read none."""
    try:
        site = site_identity()
    except DatabaseError:
        logger.warning("the council's record could not be read; the last known names shown")
        return _last_read[0] if _last_read else GENERIC_SITE
    _last_read[:] = [site]
    return site


def _database_outage() -> bool:
    """Whether the exception being handled says the database cannot be reached."""
    return isinstance(sys.exc_info()[1], (OperationalError, InterfaceError))


@requires_csrf_token
def bad_request(request, exception=None, template_name: str = "400.html"):
    """handler400: templates/400.html, a Korean page with the portal's header and footer,
    for a malformed request (portal.middleware.BadInputMiddleware, a bad Host, a broken
    multipart body). Django's own handler renders the template without the request's
    context, so the page would lack the portal's name."""
    return render(request, template_name, status=400)


@requires_csrf_token
def server_error(request, template_name: str = "500.html"):
    """handler500: templates/500.html with the council's name and contact, or
    templates/503.html (status 503, Retry-After) when the database could not be reached.

    Rendered without the request's context processors (they may need what just failed),
    and never raising: a failing read gives the generic words, a failing render a bare page.
    """
    if _database_outage():
        template_name = "503.html"
    try:
        site = current_site()
    except Exception:  # the error being handled may have broken anything below
        logger.exception("the 500 page could not read the council; generic names shown")
        site = GENERIC_SITE
    try:
        body = loader.render_to_string(template_name, {"site": site})
    except Exception:
        logger.exception("the 500 page could not be rendered; a bare page sent instead")
        body = _BARE_500
    if template_name == "503.html":
        response = HttpResponse(body, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponseServerError(body)
