"""The portal's name and contact for pages that must render whatever happens: every page's
header and footer, the 400, 404, 403, 429 and lock-out pages, and the 500 page.

An error page never fails because of the council's record: when the database cannot be read
the generic words (의정 포털, 의회사무국) stand in for the council's.
"""

from __future__ import annotations

import logging

from django.db import DatabaseError
from django.http import HttpResponseServerError
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


def current_site() -> SiteIdentity:
    """site_identity(), or GENERIC_SITE when the database cannot be read."""
    try:
        return site_identity()
    except DatabaseError:
        logger.warning("the council's record could not be read; generic names shown")
        return GENERIC_SITE


@requires_csrf_token
def bad_request(request, exception=None, template_name: str = "400.html"):
    """handler400: templates/400.html, a Korean page with the portal's header and footer,
    for a malformed request (portal.middleware.BadInputMiddleware, a bad Host, a broken
    multipart body). Django's own handler renders the template without the request's
    context, so the page would lack the portal's name."""
    return render(request, template_name, status=400)


@requires_csrf_token
def server_error(request, template_name: str = "500.html"):
    """handler500: templates/500.html with the council's name and contact.

    Rendered without the request's context processors (they may need what just failed),
    and never raising: a failing read gives the generic words, a failing render a bare page.
    """
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
    return HttpResponseServerError(body)
