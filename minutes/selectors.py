"""Reads of minutes: one sitting's minutes with what its page names."""

from __future__ import annotations

from council.models import Council

from .models import Minutes


def minutes_of_sitting(council: Council, sitting_id: int) -> Minutes | None:
    """The minutes of one of the council's sittings, with its session and body (one query)."""
    return (
        Minutes.objects.select_related("sitting__session", "sitting__body")
        .filter(sitting_id=sitting_id, sitting__session__council=council)
        .first()
    )
