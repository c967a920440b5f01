"""The ordinance's limits: a year's use of each limit, session numbering."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Max

from common import figures
from common.korean import particle
from council.models import Council

from ..models import Session, SessionRules
from .sessions import session_days, summarize_sessions

# ---------------------------------------------------------------- the ordinance's limits


@dataclass(frozen=True)
class LimitUse:
    """One limit of the ordinance against what a year uses: 80일 / 110일."""

    label: str
    used: int
    limit: int
    note: str = ""
    per_session: bool = False  # a limit on each session (임시회), not on the year's total

    @property
    def remaining(self) -> int:
        return max(0, self.limit - self.used)

    @property
    def excess(self) -> int:
        return max(0, self.used - self.limit)

    @property
    def exceeded(self) -> bool:
        return self.used > self.limit

    @property
    def percent(self) -> int:
        """Share of the limit used, in whole percent (for a meter), capped at 100."""
        used = figures.share(self.used, self.limit)
        return 100 if used is None else min(100, int(figures.round_half_up(used)))


def longest_extraordinary(sessions) -> Session | None:
    """The longest extraordinary session among those given (the earliest if tied)."""
    extraordinary = [s for s in sessions if s.kind == Session.Kind.EXTRAORDINARY]
    return max(extraordinary, key=session_days, default=None)


def year_limit_use(rules: SessionRules | None, sessions, *, year: int) -> list[LimitUse]:
    """A year's sessions (already fetched) against each limit of the ordinance: total days,
    regular-session days, and the longest extraordinary session against the per-session
    limit. Empty when the council has no rules recorded."""
    if rules is None:
        return []
    sessions = list(sessions)
    summary = summarize_sessions(year, sessions)
    longest = longest_extraordinary(sessions)
    return [
        LimitUse("연간 회기일수", summary.total.days, rules.max_days_per_year),
        LimitUse("정례회 회기일수", summary.regular.days, rules.max_regular_days_per_year),
        LimitUse(
            "가장 긴 임시회",
            session_days(longest) if longest else 0,
            rules.max_extraordinary_days,
            note=f"제{longest.number}회" if longest else "",
            per_session=True,
        ),
    ]


def next_session_number(council: Council, *, excluding: Session | None = None) -> int | None:
    """The number that follows the council's highest session number (None: no session yet)."""
    highest = (Session.objects.of(council).other_than(excluding).aggregate(highest=Max("number")))[
        "highest"
    ]
    return highest + 1 if highest is not None else None


def session_number_gap_warning(session: Session) -> str | None:
    """A warning (not an error) when a session's number skips one: numbers run on without
    gaps, but a clerk may be entering sessions out of order on purpose."""
    expected = next_session_number(session.council, excluding=session)
    if expected is None or session.number <= expected:
        return None
    skipped = (
        f"제{expected}회"
        if session.number == expected + 1
        else f"제{expected}회 ~ 제{session.number - 1}회"
    )
    return (
        f"제{expected - 1}회 다음 번호는 제{expected}회입니다. 입력한 제{session.number}회는 "
        f"{particle(skipped, '을/를')} 건너뜁니다. 번호가 맞는지 확인해 주세요."
    )
