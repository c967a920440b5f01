"""Reads of sessions shared by the schedule pages, the calendar feeds, the admin and the
work plan report. Day counts and summaries are computed here, never stored."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from council import figures
from council.models import Council

from .models import AgendaItem, Session


def session_days(session: Session) -> int:
    return figures.days_inclusive(session.first_day, session.last_day)


def sessions_with_agenda() -> QuerySet[Session]:
    """Sessions with their agenda items and each item's bodies in three queries in all."""
    return Session.objects.prefetch_related(
        Prefetch(
            "agenda_items",
            queryset=AgendaItem.objects.order_by("order", "pk").prefetch_related("bodies"),
        ),
    )


def sessions_in_year(council: Council, year: int) -> QuerySet[Session]:
    """A year's sessions (a session belongs to the year of its first day), in date order."""
    return (
        sessions_with_agenda()
        .filter(council=council, first_day__year=year)
        .order_by("first_day", "number")
    )


@dataclass(frozen=True)
class KindSummary:
    count: int
    days: int


@dataclass(frozen=True)
class YearSummary:
    """총 5회 80일 [정례회 2회 51일 / 임시회 3회 29일]."""

    year: int
    total: KindSummary
    regular: KindSummary
    extraordinary: KindSummary

    @property
    def label(self) -> str:
        return (
            f"총 {self.total.count}회 {self.total.days}일 "
            f"(정례회 {self.regular.count}회 {self.regular.days}일 / "
            f"임시회 {self.extraordinary.count}회 {self.extraordinary.days}일)"
        )


def summarize_sessions(year: int, sessions) -> YearSummary:
    """Counts and days of the given sessions (already fetched), by kind."""
    by_kind = {Session.Kind.REGULAR: [0, 0], Session.Kind.EXTRAORDINARY: [0, 0]}
    for session in sessions:
        tally = by_kind[session.kind]
        tally[0] += 1
        tally[1] += session_days(session)
    regular = KindSummary(*by_kind[Session.Kind.REGULAR])
    extraordinary = KindSummary(*by_kind[Session.Kind.EXTRAORDINARY])
    total = KindSummary(regular.count + extraordinary.count, regular.days + extraordinary.days)
    return YearSummary(year=year, total=total, regular=regular, extraordinary=extraordinary)


def session_years(council: Council) -> list[int]:
    dates = Session.objects.filter(council=council).dates("first_day", "year")
    return [d.year for d in dates]


def today() -> datetime.date:
    return timezone.localdate()


def session_rules(council: Council):
    """The council's ordinance limits (SessionRules), or None when not recorded. One query."""
    from .models import SessionRules

    return SessionRules.objects.filter(council=council).first()


def session_covering(council: Council, day: datetime.date) -> Session | None:
    """The council's session whose days (first to last, inclusive) include `day`, or None.

    Used by the school-visit application form: a visit wished for a session day becomes a
    plenary observation (본회의 참관). One query.
    """
    return (
        Session.objects.filter(council=council, first_day__lte=day, last_day__gte=day)
        .order_by("first_day", "number")
        .first()
    )
