"""The public form's rate limit: submissions per client address per window
(settings.VISIT_APPLY_RATE, e.g. "5/3600"), counted in the shared cache."""

from __future__ import annotations

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import cache


def rate() -> tuple[int, int]:
    """settings.VISIT_APPLY_RATE "5/3600" → (5 submissions, per 3600 seconds)."""
    count, seconds = str(settings.VISIT_APPLY_RATE).split("/")
    return int(count), int(seconds)


def _rate_key(request) -> str:
    return f"visit-apply:{get_client_ip_address(request) or 'unknown'}"


def rate_limited(request) -> bool:
    limit, _ = rate()
    return (cache.get(_rate_key(request)) or 0) >= limit


def count_submission(request) -> None:
    _, seconds = rate()
    key = _rate_key(request)
    if not cache.add(key, 1, seconds):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, seconds)
