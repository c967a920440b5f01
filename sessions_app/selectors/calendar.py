"""The month calendar of a year."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from ..models import Session

# ---------------------------------------------------------------- the calendar view


@dataclass(frozen=True)
class CalendarDay:
    date: datetime.date
    sessions: tuple[Session, ...]
    is_today: bool


@dataclass(frozen=True)
class CalendarMonth:
    year: int
    month: int
    weeks: list[list[CalendarDay | None]]  # None: a cell outside the month
    sessions: tuple[Session, ...]  # sessions with a day in this month, in date order


CALENDAR_WEEKDAYS = ("일", "월", "화", "수", "목", "금", "토")  # weeks start on Sunday


def year_calendar(year: int, sessions, *, on: datetime.date) -> list[CalendarMonth]:
    """Twelve month grids (weeks from Sunday) marking each day that falls in a session."""
    sessions = list(sessions)
    by_day: dict[datetime.date, list[Session]] = {}
    for session in sessions:
        day = session.first_day
        while day <= session.last_day:
            by_day.setdefault(day, []).append(session)
            day += datetime.timedelta(days=1)
    grid = calendar.Calendar(firstweekday=calendar.SUNDAY)
    months = []
    for month in range(1, 13):
        weeks = [
            [
                CalendarDay(day, tuple(by_day.get(day, ())), day == on)
                if day.month == month
                else None
                for day in week
            ]
            for week in grid.monthdatescalendar(year, month)
        ]
        in_month = tuple(
            s
            for s in sessions
            if s.first_day <= datetime.date(year, month, calendar.monthrange(year, month)[1])
            and s.last_day >= datetime.date(year, month, 1)
        )
        months.append(CalendarMonth(year=year, month=month, weeks=weeks, sessions=in_month))
    return months
