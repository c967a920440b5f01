"""A bill's status, from its latest action: pure, no query.

The status is never stored: it is what the latest action (by date, then by entry) says.
STATUSES lists the statuses a citizen can filter by, each with the actions that give it.
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import BillAction

K = BillAction.Kind
R = BillAction.Result


@dataclass(frozen=True)
class Status:
    key: str  # the ?status= value
    label: str
    kind: str  # the latest action's kind
    results: tuple[str, ...] = ()  # its result, for 심사 and 의결 ("" = any)


STATUSES: tuple[Status, ...] = (
    Status("received", "접수", K.RECEIPT),
    Status("referred", "위원회 회부", K.REFERRAL),
    Status("reviewed", "위원회 심사", K.REVIEW),
    Status("tabled", "본회의 상정", K.PLENARY),
    Status("passed", "가결", K.DECISION, (R.ORIGINAL, R.AMENDED)),
    Status("rejected", "부결", K.DECISION, (R.REJECTED,)),
    Status("discarded", "폐기", K.DECISION, (R.DISCARDED,)),
    Status("withdrawn", "철회", K.DECISION, (R.WITHDRAWN,)),
    Status("deferred", "보류", K.DECISION, (R.DEFERRED,)),
    Status("transferred", "이송", K.TRANSFER),
    Status("promulgated", "공포", K.PROMULGATION),
)
STATUS_BY_KEY = {status.key: status for status in STATUSES}
NO_ACTION_LABEL = "등록"  # a bill with no action yet


def status_label(kind: str | None, result: str | None) -> str:
    """What a bill whose latest action is (kind, result) shows as its status: the decision's
    result itself (원안가결, 부결 …), the review's with its result, else the action's name."""
    if not kind:
        return NO_ACTION_LABEL
    if kind == K.DECISION and result:
        return R(result).label
    if kind == K.REVIEW and result:
        return f"위원회 심사 ({R(result).label})"
    return STATUS_BY_KEY_KIND.get(kind, K(kind).label)


STATUS_BY_KEY_KIND = {s.kind: s.label for s in STATUSES if not s.results}
