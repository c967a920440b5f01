"""Korean error pages the project's settings point to."""

from django.conf import settings
from django.shortcuts import render


def csrf_failure(request, reason=""):
    """A form sent without a valid CSRF token (an old tab, blocked cookies)."""
    return render(request, "403_csrf.html", status=403)


def login_lockout(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out admin login: a Korean page, status 429."""
    from axes.helpers import get_cool_off

    cool_off = get_cool_off(request)
    minutes = max(1, round(cool_off.total_seconds() / 60)) if cool_off else None
    return render(
        request,
        "axes_lockout.html",
        {"cooloff_minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT},
        status=429,
    )
