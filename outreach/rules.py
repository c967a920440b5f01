"""Outreach rules that span records, as pure functions: given the counts, say what is wrong.
The forms and services that call them fetch the counts (outreach/services.py)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

Recommender = TypeVar("Recommender")


def recommendation_limit_error(*, limit: int, already: int) -> str | None:
    """A member may recommend at most `limit` monitors per cohort (the ordinance's rule).
    `already` counts the member's other monitors of the cohort, the candidate left out."""
    if already < limit:
        return None
    return (
        f"의원 한 명은 의정모니터를 {limit}명까지 추천할 수 있습니다. "
        f"이 의원은 이미 {already}명을 추천했습니다."
    )


def members_over_limit(counts: Mapping[Recommender, int], *, limit: int) -> list[Recommender]:
    """The recommenders of a whole cohort (e.g. every row of the cohort page) who exceed the
    limit, in the order given."""
    return [member for member, count in counts.items() if count > limit]
