"""Sessions of a year, their day counts and summaries, their status on a day, one session, the home page's featured session."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import models
from django.db.models import Prefetch
from django.utils import timezone

from common import figures
from council.models import Council

from ..models import AgendaItem, Session, SessionQuerySet, SessionRules, Sitting

# ---------------------------------------------------------------- sessions and their days


def session_days(session: Session) -> int:
    return figures.days_inclusive(session.first_day, session.last_day)


def sessions_with_agenda(*, bodies: bool = True, bills: bool = False) -> SessionQuerySet:
    """Sessions with their agenda items and each item's bodies in three queries in all; with
    bodies=False, the items' titles alone in two (prefetching the bodies of a many-to-many
    costs more than the rest of the schedule's reads together). With bills=True, each item's
    bills too, in one more query (`item.bills.all()`: the legislation app's reverse relation
    of Bill.agenda_items, named as a string: sessions_app imports nothing above it)."""
    items = AgendaItem.objects.order_by("order", "pk")
    items = items.prefetch_related("bodies") if bodies else items.only("session_id", "title")
    if bills:
        items = items.prefetch_related("bills")
    # django-stubs cannot match a Prefetch against a custom QuerySet's manager
    # (SessionQuerySet.as_manager()); the call itself is plain Django.
    agenda = Prefetch("agenda_items", queryset=items)
    return Session.objects.prefetch_related(agenda)  # type: ignore[arg-type]


def sessions_in_year(council: Council, year: int, *, bodies: bool = True) -> SessionQuerySet:
    """A year's sessions (a session belongs to the year of its first day), in date order,
    with their agenda (sessions_with_agenda)."""
    return sessions_with_agenda(bodies=bodies).of(council).in_year(year).in_date_order()


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


def council_sessions(council_id: int, *, excluding: Session | None = None) -> list[Session]:
    """Every session of a council (one left out, e.g. the one being edited). One query."""
    sessions = Session.objects.filter(council_id=council_id).other_than(excluding)
    return list(sessions.order_by("first_day"))


def session_years(council: Council) -> list[int]:
    dates = Session.objects.of(council).dates("first_day", "year")
    return [d.year for d in dates]


def today() -> datetime.date:
    return timezone.localdate()


def session_rules(council: Council) -> SessionRules | None:
    """The council's ordinance limits (SessionRules), or None when not recorded. One query."""
    return SessionRules.objects.filter(council=council).first()


# ---------------------------------------------------------------- status relative to a day


class SessionStatus(models.TextChoices):
    """Where a session stands on a given day (the schedule, the home page)."""

    UPCOMING = "upcoming", "예정"
    IN_PROGRESS = "in_progress", "진행 중"
    ENDED = "ended", "종료"


def session_status(session: Session, *, on: datetime.date) -> SessionStatus:
    if on < session.first_day:
        return SessionStatus.UPCOMING
    if on > session.last_day:
        return SessionStatus.ENDED
    return SessionStatus.IN_PROGRESS


@dataclass(frozen=True)
class ScheduleEntry:
    """A session as the schedule, the home page and the feeds show it: its computed length
    and its status on the day asked about."""

    session: Session
    days: int
    status: SessionStatus

    @property
    def status_label(self) -> str:
        return self.status.label

    @property
    def date_note(self) -> str:
        """How firm the dates are ("예정", "개회일 확정"), while the session is still ahead or
        in progress; nothing once it has ended or when the dates are final."""
        if self.status == SessionStatus.ENDED or not self.session.date_status:
            return ""
        return self.session.get_date_status_display()


def schedule_entry(session: Session, *, on: datetime.date) -> ScheduleEntry:
    return ScheduleEntry(
        session=session, days=session_days(session), status=session_status(session, on=on)
    )


def schedule_entries(sessions, *, on: datetime.date) -> list[ScheduleEntry]:
    return [schedule_entry(session, on=on) for session in sessions]


# ---------------------------------------------------------------- years shown on the schedule


def schedule_years(council: Council, *, on: datetime.date) -> list[int]:
    """The years the schedule's year switcher lists: every year with a session; the current
    year alone while none is recorded (so a new council's schedule is an empty year, not a
    404)."""
    return session_years(council) or [on.year]


def default_schedule_year(years: list[int], *, on: datetime.date) -> int:
    """The year /sessions/ opens on, given schedule_years(): this year when it has sessions,
    else the latest year before it that has, else the first year after it."""
    if on.year in years:
        return on.year
    earlier = [year for year in years if year < on.year]
    return earlier[-1] if earlier else years[0]


def is_schedule_year(years: list[int], year: int, *, on: datetime.date) -> bool:
    """A year the schedule answers for, given schedule_years(): from the first year with a
    session to the later of the last one and next year (sessions are planned a year ahead);
    anything else is a 404."""
    return years[0] <= year <= max(years[-1], on.year + 1)


# ---------------------------------------------------------------- one session, the home page


def session_detail(council: Council, number: int) -> Session | None:
    """One session with its agenda (each item's bodies and bills) and its sittings (with
    their body), in five queries; None when the council has no session of that number.

    Each sitting carries `minutes_pk`, the id of its minutes text (the minutes app's reverse
    relation `sitting.minutes`, joined by name: sessions_app imports nothing above it), or
    None, so the page links the minutes without a query per sitting."""
    sittings = Sitting.objects.select_related("body").annotate(minutes_pk=models.F("minutes__pk"))
    queryset = sessions_with_agenda(bills=True).prefetch_related(
        Prefetch("sittings", queryset=sittings)
    )
    return queryset.of(council).filter(number=number).first()


def featured_session(council: Council, *, on: datetime.date) -> ScheduleEntry | None:
    """For the home page: the session in progress on the day, else the next one, else the
    latest. Sessions never overlap, so the first session not yet ended is the one in progress
    or the next."""
    base = sessions_with_agenda().of(council)
    session = base.not_ended_on(on).in_date_order().first()
    if session is None:
        session = base.order_by("-first_day", "-number").first()
    return schedule_entry(session, on=on) if session else None


def session_covering(council: Council, day: datetime.date) -> Session | None:
    """The council's session whose days (first to last, inclusive) include `day`, or None.

    Used by the school-visit application form: a visit wished for a session day becomes a
    plenary observation (본회의 참관). One query.
    """
    return Session.objects.of(council).covering(day).in_date_order().first()
