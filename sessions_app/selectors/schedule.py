"""The schedule of a year, as its list and month calendar show it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from council.models import Council

from ..models import Session, SessionRules
from .limits import LimitUse, year_limit_use
from .sessions import (
    ScheduleEntry,
    YearSummary,
    default_schedule_year,
    is_schedule_year,
    schedule_entries,
    schedule_years,
    session_rules,
    sessions_in_year,
    summarize_sessions,
)

# ---------------------------------------------------------------- the schedule of a year


@dataclass(frozen=True)
class YearSchedule:
    """Everything the schedule of a year shows (the list and the month calendar alike)."""

    year: int
    years: list[int]  # every year the switcher links to
    kind: str  # "" for every kind, or a Session.Kind value
    entries: list[ScheduleEntry]  # the year's sessions of the kind asked for
    summary: YearSummary  # always the whole year, every kind
    limits: list[LimitUse]
    rules: SessionRules | None

    @property
    def kind_label(self) -> str:
        return Session.Kind(self.kind).label if self.kind else ""


def year_schedule(
    council: Council, year: int | None, *, on: datetime.date, kind: str = ""
) -> YearSchedule | None:
    """A year's sessions with their agenda, status on the day, the year's summary and its use
    of each ordinance limit. Four queries, whatever the number of sessions or years; None
    for a year outside the schedule (is_schedule_year). No year: default_schedule_year()."""
    years = schedule_years(council, on=on)
    if year is None:
        year = default_schedule_year(years, on=on)
    if not is_schedule_year(years, year, on=on):
        return None
    sessions = list(sessions_in_year(council, year, bodies=False))  # titles are shown
    rules = session_rules(council)
    shown = [s for s in sessions if not kind or s.kind == kind]
    return YearSchedule(
        year=year,
        years=years,
        kind=kind,
        entries=schedule_entries(shown, on=on),
        summary=summarize_sessions(year, sessions),
        limits=year_limit_use(rules, sessions, year=year),
        rules=rules,
    )
