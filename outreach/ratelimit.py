"""The public form's rate limit: accepted submissions per client address per window
(settings.VISIT_APPLY_RATE, e.g. "5/3600": 5 per window of an hour, windows counted from
the epoch, so each starts on the hour).

Counted in the database (common.models.RateCounter, the address kept only as a keyed hash),
in the same transaction that saves the application (outreach.services), so concurrent posts
take turns and exactly the limit gets through; a cache outage changes nothing. The address
is common.network.client_address, the one the admin's login throttling uses too.
"""

from __future__ import annotations

from django.conf import settings

from common.models import RateCounter, RateLimitExceeded
from common.network import client_address

SCOPE = "visit-apply"

__all__ = ["RateLimitExceeded", "client_address", "rate", "take", "wait"]


def rate() -> tuple[int, int]:
    """settings.VISIT_APPLY_RATE "5/3600" → (5 submissions, per 3600 seconds)."""
    count, seconds = str(settings.VISIT_APPLY_RATE).split("/")
    return int(count), int(seconds)


def wait(address: str) -> int:
    """Seconds until the address may submit again, 0 if it may now: a cheap early answer
    (no lock) before the form is even validated. `take` is what decides."""
    limit, seconds = rate()
    return RateCounter.objects.wait(SCOPE, address, limit=limit, seconds=seconds)


def take(address: str) -> None:
    """Count one accepted submission of `address`, or raise RateLimitExceeded. Call it in
    the transaction that saves the submission."""
    limit, seconds = rate()
    RateCounter.objects.take(SCOPE, address, limit=limit, seconds=seconds)
