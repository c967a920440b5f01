"""What the open data (CSV and JSON) of sessions, sittings and attendance carry, with
CLIK-like fields: the council's code, 대수 (term), 회기, 차수, body, day, times, place,
minutes; per member and sitting, the member's party, constituency and attendance."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Count

from council.models import Council, Term

from ..models import Attendance, Session, Sitting
from .minutes import MinutesStatus, minutes_compliance, minutes_published
from .sessions import session_days, session_rules


def _term_of(terms: list[Term], day: datetime.date) -> int | None:
    """The number of the term (대수) whose days include the day; None outside every term."""
    return next((t.number for t in terms if t.starts_on <= day <= t.ends_on), None)


def _terms(council: Council) -> list[Term]:
    return list(Term.objects.filter(council=council).order_by("starts_on"))


@dataclass(frozen=True)
class OpenSession:
    council_code: str
    term: int | None
    session: int
    kind: str
    kind_name: str
    first_day: datetime.date
    last_day: datetime.date
    days: int
    date_status: str
    sittings: int


@dataclass(frozen=True)
class OpenSitting:
    council_code: str
    term: int | None
    session: int
    session_kind: str
    sitting: int
    body: str
    body_kind: str
    date: datetime.date
    starts_at: datetime.time | None
    ends_at: datetime.time | None
    place: str
    minutes_published_on: datetime.date | None  # only once the day has come
    minutes_deadline: datetime.date | None  # None when the council has no rules recorded
    minutes_on_time: bool | None  # None while not yet due (or without rules)
    minutes_url: str


def open_sessions(council: Council) -> list[OpenSession]:
    """Every session in date order with its term and its number of sittings. Two queries."""
    terms = _terms(council)
    sessions = Session.objects.of(council).annotate(sitting_count=Count("sittings"))
    return [
        OpenSession(
            council_code=council.code,
            term=_term_of(terms, session.first_day),
            session=session.number,
            kind=session.kind,
            kind_name=session.get_kind_display(),
            first_day=session.first_day,
            last_day=session.last_day,
            days=session_days(session),
            date_status=session.get_date_status_display(),
            sittings=session.sitting_count,
        )
        for session in sessions.order_by("first_day", "number")
    ]


def open_sittings(council: Council, *, on: datetime.date) -> list[OpenSitting]:
    """Every sitting in date order with its term, its session and its minutes: published
    (from the publication day on), their deadline and whether they met it, by the same
    rules as the staff's compliance report (minutes_compliance). Three queries."""
    terms = _terms(council)
    rules = session_rules(council)
    sittings = Sitting.objects.of(council).select_related("session", "body")
    rows = []
    for sitting in sittings:
        compliance = minutes_compliance(sitting, rules=rules, on=on) if rules else None
        on_time = None
        if compliance is not None and compliance.status != MinutesStatus.NOT_DUE:
            on_time = compliance.status == MinutesStatus.ON_TIME
        published = minutes_published(sitting, on=on)
        rows.append(
            OpenSitting(
                council_code=council.code,
                term=_term_of(terms, sitting.date),
                session=sitting.session.number,
                session_kind=sitting.session.get_kind_display(),
                sitting=sitting.number,
                body=sitting.body.name,
                body_kind=sitting.body.get_kind_display(),
                date=sitting.date,
                starts_at=sitting.starts_at,
                ends_at=sitting.ends_at,
                place=sitting.location,
                minutes_published_on=sitting.minutes_published_on if published else None,
                minutes_deadline=compliance.due_on if compliance else None,
                minutes_on_time=on_time,
                minutes_url=sitting.minutes_url if published else "",
            )
        )
    return rows


@dataclass(frozen=True)
class OpenAttendance:
    council_code: str
    term: int  # the member's term (대수)
    session: int
    body: str
    sitting: int
    date: datetime.date
    member: str
    party: str
    constituency: str
    status: str  # 출석, 청가, 결석, 출장


# Read a chunk of rows at a time (a server-side cursor on PostgreSQL), never all at once.
ATTENDANCE_CHUNK = 2000


def open_attendance(council: Council, *, year: int | None = None) -> Iterator[OpenAttendance]:
    """Every attendance record (one member at one sitting) in the order of the sittings
    (day, body, 차수) and then of the members' names; of one year's sittings with `year`.

    A generator over one query read ATTENDANCE_CHUNK rows at a time, so a download of
    every year streams without holding its rows in memory. The query runs when the first
    row is asked for."""
    records = Attendance.objects.filter(sitting__session__council=council)
    if year is not None:
        records = records.filter(sitting__date__year=year)
    labels = dict(Attendance.Status.choices)
    rows = records.order_by(
        "sitting__date", "sitting__body__order", "sitting__body__name", "sitting__number",
        "member__name", "pk",
    ).values_list(
        "member__term__number", "sitting__session__number", "sitting__body__name",
        "sitting__number", "sitting__date", "member__name", "member__party",
        "member__constituency", "status",
    )  # fmt: skip
    for term, session, body, sitting, date, member, party, constituency, status in rows.iterator(
        chunk_size=ATTENDANCE_CHUNK
    ):
        yield OpenAttendance(
            council_code=council.code,
            term=term,
            session=session,
            body=body,
            sitting=sitting,
            date=date,
            member=member,
            party=party,
            constituency=constituency,
            status=labels.get(status, status),
        )
