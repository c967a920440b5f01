"""The sittings' public record: the Atom feeds' entries, a body's page, one sitting's page."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import F

from council.models import Council

from ..models import (
    AgendaItem,
    Attendance,
    Body,
    Session,
    SessionRules,
    Sitting,
    VideoMark,
    video_at,
)
from .feeds import handled_by, held_by
from .minutes import MinutesCompliance, minutes_compliance, minutes_published
from .sessions import session_rules, sessions_with_agenda

# How many entries an Atom feed carries: the newest, as feed readers poll and keep what they
# have seen. The full history is on the pages and in the open data (CSV / JSON).
FEED_ENTRIES = 50


# ---------------------------------------------------------------- the Atom feeds' entries


def feed_session_entries(council: Council, *, limit: int = FEED_ENTRIES) -> list[Session]:
    """The newest sessions (by first day), with their agenda titles. Two queries."""
    sessions = sessions_with_agenda(bodies=False).of(council)
    return list(sessions.order_by("-first_day", "-number")[:limit])


def _newest_first(sittings):
    return sittings.select_related("session", "body").order_by(
        "-date", F("starts_at").desc(nulls_last=True), "body__order", "-number"
    )


def feed_sitting_entries(
    council: Council, *, body: Body | None = None, limit: int = FEED_ENTRIES
) -> list[Sitting]:
    """The newest sittings (those ahead first), of a body if given, with their session and
    body. One query."""
    sittings = Sitting.objects.of(council)
    if body is not None:
        sittings = sittings.filter(held_by(body, council))
    return list(_newest_first(sittings)[:limit])


def feed_minutes_entries(
    council: Council, *, on: datetime.date, limit: int = FEED_ENTRIES
) -> list[Sitting]:
    """Sittings whose minutes are published by the day (a publication date entered ahead
    does not count until it comes), the latest published first. One query."""
    sittings = Sitting.objects.of(council).filter(minutes_published_on__lte=on)
    sittings = sittings.select_related("session", "body").order_by(
        "-minutes_published_on", "-date", "body__order", "-number"
    )
    return list(sittings[:limit])


def body_by_slug(council: Council, slug: str) -> Body | None:
    return Body.objects.filter(council=council, slug=slug).first()


# ---------------------------------------------------------------- a body's page


@dataclass(frozen=True)
class RecordRow:
    """A sitting as the public record shows it: its minutes' link once published, and the
    deadline while not (no deadline when the council has no rules recorded)."""

    sitting: Sitting
    published: bool
    compliance: MinutesCompliance | None


@dataclass(frozen=True)
class YearOfSittings:
    year: int
    rows: list[RecordRow]


def _rows(sittings, *, rules: SessionRules | None, on: datetime.date) -> list[RecordRow]:
    return [
        RecordRow(
            sitting=sitting,
            published=minutes_published(sitting, on=on),
            compliance=minutes_compliance(sitting, rules=rules, on=on) if rules else None,
        )
        for sitting in sittings
    ]


def body_record(council: Council, body: Body, *, on: datetime.date) -> list[YearOfSittings]:
    """Every sitting of a body (held_by), by year, the latest year first and each year in
    date order. Two queries, however many sittings."""
    rules = session_rules(council)
    sittings = Sitting.objects.filter(held_by(body, council)).select_related("session", "body")
    years: dict[int, list[RecordRow]] = {}
    for row in _rows(sittings, rules=rules, on=on):
        years.setdefault(row.sitting.date.year, []).append(row)
    return [YearOfSittings(year, rows) for year, rows in sorted(years.items(), reverse=True)]


# ---------------------------------------------------------------- one sitting


@dataclass(frozen=True)
class VideoLink:
    """A place in the recording and the address that plays from it."""

    mark: VideoMark
    url: str


@dataclass(frozen=True)
class AttendanceTally:
    status: str
    label: str  # 출석 / 청가 / 결석 / 출장
    count: int


@dataclass(frozen=True)
class SittingPage:
    row: RecordRow
    agenda: list[AgendaItem]  # the session's items this sitting's body handles
    marks: list[VideoLink]  # in order of time; empty without a recording
    live_url: str  # the live stream, on the sitting's day only ("" on any other)
    attendance: list[Attendance]  # each member's, by name, with the member loaded
    tallies: list[AttendanceTally]  # counted from `attendance`, in the statuses' order

    @property
    def sitting(self) -> Sitting:
        return self.row.sitting


def sitting_detail(
    council: Council, session_number: int, pk: int, *, on: datetime.date
) -> SittingPage | None:
    """One sitting of a session (by the session's number and the sitting's id), with its
    session and body, its minutes' state, the agenda its body handles, the recording's marks
    and the live stream on its day, each member's attendance with its counts; None when the
    council has no such sitting in that session. Five queries."""
    sitting = (
        Sitting.objects.of(council)
        .filter(session__number=session_number, pk=pk)
        .select_related("session", "body")
        .first()
    )
    if sitting is None:
        return None
    rules = session_rules(council)
    items = AgendaItem.objects.filter(
        pk__in=AgendaItem.objects.filter(
            handled_by(sitting.body, council), session=sitting.session_id
        ).values("pk")
    ).order_by("order", "pk")
    (row,) = _rows([sitting], rules=rules, on=on)
    marks = VideoMark.objects.filter(sitting=sitting).select_related("agenda_item")
    links = [VideoLink(m, video_at(sitting.video_url, m.offset_seconds)) for m in marks]
    attendance = list(
        Attendance.objects.filter(sitting=sitting)
        .select_related("member")
        .order_by("member__name", "member__pk")
    )
    tallies = [
        AttendanceTally(status, label, sum(1 for a in attendance if a.status == status))
        for status, label in Attendance.Status.choices
    ]
    return SittingPage(
        row=row,
        agenda=list(items),
        marks=links if sitting.video_url else [],
        live_url=sitting.live_url if sitting.date == on else "",
        attendance=attendance,
        tallies=tallies,
    )
