"""Reads of sessions shared by the schedule pages, the calendar feeds, the admin and the
work plan report. Day counts and summaries are computed here, never stored."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from django.db import models
from django.db.models import Max, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from council import figures, versioning
from council.models import Council

from .models import AgendaItem, Body, Session, SessionRules, Sitting


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
    """The years the schedule can show: every year with a session, and the current year
    (a citizen's default view, even before its sessions are entered)."""
    return sorted({*session_years(council), on.year})


def is_schedule_year(years: list[int], year: int, *, on: datetime.date) -> bool:
    """A year the schedule answers for, given schedule_years(): from the first year with a
    session to the later of the last one and next year (sessions are planned a year ahead);
    anything else is a 404."""
    return years[0] <= year <= max(years[-1], on.year + 1)


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
    qs = Session.objects.filter(council=council)
    if excluding is not None and excluding.pk:
        qs = qs.exclude(pk=excluding.pk)
    highest = qs.aggregate(highest=Max("number"))["highest"]
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
        f"{skipped}를 건너뜁니다. 번호가 맞는지 확인해 주세요."
    )


# ---------------------------------------------------------------- one session, the home page


def session_detail(council: Council, number: int) -> Session:
    """One session with its agenda (and each item's bodies) and its sittings (with their body),
    in four queries; Http404 when the council has no session of that number."""
    queryset = sessions_with_agenda().prefetch_related(
        Prefetch("sittings", queryset=Sitting.objects.select_related("body"))
    )
    return get_object_or_404(queryset, council=council, number=number)


def featured_session(council: Council, *, on: datetime.date) -> ScheduleEntry | None:
    """For the home page: the session in progress on the day, else the next one, else the
    latest. Sessions never overlap, so the first session not yet ended is the one in progress
    or the next."""
    base = sessions_with_agenda().filter(council=council)
    session = base.filter(last_day__gte=on).order_by("first_day", "number").first()
    if session is None:
        session = base.order_by("-first_day", "-number").first()
    return schedule_entry(session, on=on) if session else None


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


# ---------------------------------------------------------------- minutes publication
#
# How days are counted (the ordinance: "본회의 2일 이내, 위원회 5일 이내"): calendar days after
# the sitting, weekends and holidays included. A sitting's minutes are due on the sitting date
# plus the body's deadline (plenary: SessionRules.plenary_minutes_days, every other body:
# committee_minutes_days); minutes published on or before that day are on time. "Days taken"
# is the publication date minus the sitting date: published the same day is 0 days, the next
# day 1 day. Minutes count as published from their publication date on (a date entered ahead
# does not count until it comes).


class MinutesStatus(models.TextChoices):
    ON_TIME = "on_time", "기한 내 공개"
    LATE = "late", "기한 후 공개"
    OVERDUE = "overdue", "기한 경과(미공개)"
    NOT_DUE = "not_due", "공개 기한 전"


@dataclass(frozen=True)
class MinutesCompliance:
    sitting: Sitting
    deadline_days: int
    due_on: datetime.date
    status: MinutesStatus
    days_taken: int | None  # publication date − sitting date; None while unpublished
    days_elapsed: int  # days since the sitting on the day asked about (or until publication)

    @property
    def status_label(self) -> str:
        return self.status.label

    @property
    def is_published(self) -> bool:
        return self.days_taken is not None

    @property
    def days_over(self) -> int:
        """Days past the deadline (late or overdue); 0 when within it."""
        return max(0, self.days_elapsed - self.deadline_days)


def minutes_deadline_days(rules: SessionRules, body: Body) -> int:
    return rules.plenary_minutes_days if body.is_plenary else rules.committee_minutes_days


def minutes_published(sitting: Sitting, *, on: datetime.date) -> bool:
    return sitting.minutes_published_on is not None and sitting.minutes_published_on <= on


def minutes_compliance(
    sitting: Sitting, *, rules: SessionRules, on: datetime.date
) -> MinutesCompliance:
    deadline = minutes_deadline_days(rules, sitting.body)
    due_on = sitting.date + datetime.timedelta(days=deadline)
    if minutes_published(sitting, on=on):
        taken = (sitting.minutes_published_on - sitting.date).days
        status = MinutesStatus.ON_TIME if taken <= deadline else MinutesStatus.LATE
        elapsed = taken
    else:
        taken = None
        elapsed = max(0, (on - sitting.date).days)
        status = MinutesStatus.OVERDUE if on > due_on else MinutesStatus.NOT_DUE
    return MinutesCompliance(
        sitting=sitting,
        deadline_days=deadline,
        due_on=due_on,
        status=status,
        days_taken=taken,
        days_elapsed=elapsed,
    )


def minutes_compliance_list(
    council: Council,
    *,
    on: datetime.date,
    year: int | None = None,
    status: MinutesStatus | str | None = None,
) -> list[MinutesCompliance]:
    """Every sitting of the council held up to the day (of a year, if given), newest first,
    with its minutes' compliance; optionally only those of one status. Two queries."""
    rules = session_rules(council)
    if rules is None:
        return []
    sittings = (
        Sitting.objects.filter(session__council=council, date__lte=on)
        .select_related("session", "body")
        .order_by("-date", "body__order", "number")
    )
    if year is not None:
        sittings = sittings.filter(date__year=year)
    rows = [minutes_compliance(sitting, rules=rules, on=on) for sitting in sittings]
    if status:
        rows = [row for row in rows if row.status == status]
    return rows


def count_by_status(rows: list[MinutesCompliance]) -> dict[str, int]:
    """{status value: number of sittings}, every status present (0 if none)."""
    counts = {value: 0 for value in MinutesStatus.values}
    for row in rows:
        counts[row.status] += 1
    return counts


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
    council: Council, year: int, *, on: datetime.date, kind: str = ""
) -> YearSchedule:
    """A year's sessions with their agenda, status on the day, the year's summary and its use
    of each ordinance limit. Five queries, whatever the number of sessions or years; Http404
    for a year outside the schedule (is_schedule_year)."""
    years = schedule_years(council, on=on)
    if not is_schedule_year(years, year, on=on):
        raise Http404(f"{year}년 회기 일정은 없습니다.")
    sessions = list(sessions_in_year(council, year))
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


# ---------------------------------------------------------------- the calendar feeds


def body_sittings(council: Council, slug: str) -> tuple[Body, list[Sitting]]:
    """A body (by its slug, e.g. "budget") and its sittings in date order, each sitting's
    session carrying `body_agenda_items`: the session's agenda items this body handles (for a
    single standing committee, also those handed to the standing committees together).
    Http404 for an unknown slug. Four queries."""
    body = get_object_or_404(Body, council=council, slug=slug)
    handled = Q(bodies=body)
    if body.kind == Body.Kind.STANDING and body.committee_id is not None:
        handled |= Q(bodies__kind=Body.Kind.STANDING, bodies__committee__isnull=True)
    items = (
        AgendaItem.objects.filter(handled)
        .distinct()
        .order_by("order", "pk")
        .prefetch_related("bodies")
    )
    sittings = list(
        Sitting.objects.filter(body=body)
        .select_related("session", "body")
        .prefetch_related(Prefetch("session__agenda_items", items, to_attr="body_agenda_items"))
        .order_by("date", "number")
    )
    return body, sittings


def schedule_changed_at() -> datetime.datetime:
    """When the schedule's records last changed (the feeds' DTSTAMP); now if never."""
    return versioning.last_changed("sessions_app") or timezone.now()


@dataclass(frozen=True)
class SittingRow:
    """A sitting as the session page shows it: its minutes' link once published."""

    sitting: Sitting
    published: bool
    compliance: MinutesCompliance | None  # None when the council has no rules recorded


def session_sittings(
    session: Session, *, rules: SessionRules | None, on: datetime.date
) -> list[SittingRow]:
    """The sittings of a session fetched with session_detail (no further query)."""
    return [
        SittingRow(
            sitting=sitting,
            published=minutes_published(sitting, on=on),
            compliance=minutes_compliance(sitting, rules=rules, on=on) if rules else None,
        )
        for sitting in session.sittings.all()
    ]


def feed_bodies(council: Council) -> QuerySet[Body]:
    """The bodies a citizen can follow in a calendar app (?body=<slug>), in their order."""
    return Body.objects.filter(council=council).order_by("order", "name")


@dataclass(frozen=True)
class MinutesReport:
    """The staff's "회의록 공개 현황": sittings up to a day with their minutes' compliance."""

    on: datetime.date
    year: int | None
    status: str  # "" for every status
    rows: list[MinutesCompliance]  # of the status asked for
    counts: dict[str, int]  # every status, over the whole period
    rules: SessionRules | None

    @property
    def status_counts(self) -> list[tuple[str, str, int]]:
        """(value, label, count) of each status, in MinutesStatus order."""
        return [(s.value, s.label, self.counts[s.value]) for s in MinutesStatus]


def minutes_report(
    council: Council, *, on: datetime.date, year: int | None = None, status: str = ""
) -> MinutesReport:
    rows = minutes_compliance_list(council, on=on, year=year)
    return MinutesReport(
        on=on,
        year=year,
        status=status,
        rows=[row for row in rows if not status or row.status == status],
        counts=count_by_status(rows),
        rules=session_rules(council),
    )


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
