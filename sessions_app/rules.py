"""The ordinance's rules across sessions, as pure functions: given a candidate session, the
council's other sessions and its limits, say what is wrong. No query runs here; the services
and forms that call these fetch what they need through the selectors, so the rule reads the
same wherever it is checked (the admin form, session_create, a command, a test).
"""

from __future__ import annotations

from collections.abc import Iterable

from common import figures

from .models import Session, SessionRules
from .selectors import summarize_sessions


def ordinance_errors(
    session: Session, *, others: Iterable[Session], rules: SessionRules | None
) -> dict[str, list[str]]:
    """What is wrong with a candidate session against the other sessions of its council and
    the council's ordinance limits, as {field: [Korean messages]}.

    - it may not overlap another session of the council;
    - an extraordinary session is at most `max_extraordinary_days` long;
    - a year's sessions total at most `max_days_per_year` days, its regular sessions at most
      `max_regular_days_per_year`. A session counts in the year of its first day (as in
      the schedule and the work plan), all of its days included.

    `others` are the council's other sessions (the candidate itself left out); limits are
    skipped when the council has no rules recorded.
    """
    if not (session.first_day and session.last_day and session.kind):
        return {}
    if session.last_day < session.first_day:
        return {}  # Session.clean() reports the dates themselves
    others = sorted(
        (o for o in others if o.pk is None or o.pk != session.pk), key=lambda o: o.first_day
    )
    errors: dict[str, list[str]] = {}
    for other in others:
        if other.first_day <= session.last_day and other.last_day >= session.first_day:
            errors.setdefault("first_day", []).append(
                f"{other}({figures.format_period(other.first_day, other.last_day)})와 기간이 "
                f"겹칩니다. 회기는 다른 회기와 겹칠 수 없습니다."
            )

    if rules is None:
        return errors
    days = figures.days_inclusive(session.first_day, session.last_day)
    if session.kind == Session.Kind.EXTRAORDINARY and days > rules.max_extraordinary_days:
        errors.setdefault("last_day", []).append(
            f"임시회는 회기당 {rules.max_extraordinary_days}일 이내여야 합니다. "
            f"입력한 회기는 {days}일입니다."
        )

    year = session.first_day.year
    before = summarize_sessions(year, [o for o in others if o.first_day.year == year])
    if before.total.days + days > rules.max_days_per_year:
        errors.setdefault("last_day", []).append(
            f"{year}년 회기일수가 연간 한도 {rules.max_days_per_year}일을 넘습니다 "
            f"(기존 {before.total.days}일 + 이 회기 {days}일 = {before.total.days + days}일)."
        )
    if (
        session.kind == Session.Kind.REGULAR
        and before.regular.days + days > rules.max_regular_days_per_year
    ):
        errors.setdefault("last_day", []).append(
            f"{year}년 정례회 회기일수가 연간 한도 {rules.max_regular_days_per_year}일을 "
            f"넘습니다 (기존 {before.regular.days}일 + 이 회기 {days}일 = "
            f"{before.regular.days + days}일)."
        )
    return errors
