"""iCalendar (RFC 5545) feeds of the schedule, built with the `icalendar` package.

- every session, or one, as an all-day event: DTSTART;VALUE=DATE is the first day and DTEND
  the day after the last (DTEND is exclusive in RFC 5545), so 2. 14. ~ 2. 23. is
  DTSTART 20230214, DTEND 20230224; followed by the session's sittings;
- the sittings of one body (a committee, the plenary) as events; the standing committees
  taken together (상임위) also carry each standing committee's sittings.

A sitting with a start time (Sitting.starts_at) is a timed event in Seoul time
(DTSTART;TZID=Asia/Seoul, with the VTIMEZONE it names): DTEND is its end time, or
SITTING_LENGTH (two hours, a typical sitting) after the start when no end is recorded, so
calendar apps draw a block of a sensible size rather than a zero-length event. A sitting
without a start time is an all-day event on its day. LOCATION is the sitting's place, else
its body's usual place (Sitting.location), left out when neither is recorded.

STATUS follows the session's date status (Session.date_status): a session "예정" (planned)
and its sittings are TENTATIVE; held or with its opening day fixed (개회일 확정: it takes
place, only its last day may move) CONFIRMED.

UIDs are built from the records' natural keys and the council's calendar_uid_domain
(settings.CALENDAR_UID_DOMAIN when the council names none: session-242@…,
sitting-242-budget-1@…), never from the request's host or a database id, so a
subscriber's calendar app recognises the same event after an edit, a reload or a move.
DTSTAMP is the time the schedule's records last changed, so the feed is byte-for-byte the
same until something changes (and caches well).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from icalendar import Calendar, Event

from common import figures
from council.models import Council

from . import selectors
from .models import Body, Session, Sitting

CONTENT_TYPE = "text/calendar; charset=utf-8"
ONE_DAY = datetime.timedelta(days=1)
# DTEND of a timed sitting whose end time is not recorded: its start plus this.
SITTING_LENGTH = datetime.timedelta(hours=2)

# build_absolute_uri-like: a site path → an absolute URL ("/sessions/242/" → "https://…").
Absolute = Callable[[str], str]


def _calendar(name: str, description: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", "-//의정 포털//회기 일정//KO")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-caldesc", description)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    return cal


def _finish(cal: Calendar) -> bytes:
    # The VTIMEZONE of every TZID used (Asia/Seoul), as RFC 5545 asks.
    cal.add_missing_timezones()
    return cal.to_ical()


def event_status(session: Session) -> str:
    """STATUS of a session's events: TENTATIVE while its dates are only planned."""
    if session.date_status == Session.DateStatus.PLANNED:
        return "TENTATIVE"
    return "CONFIRMED"


def _uid(council: Council, local: str) -> str:
    return f"{local}@{council.calendar_uid_domain or settings.CALENDAR_UID_DOMAIN}"


def _agenda_lines(items) -> list[str]:
    lines = []
    for item in items:
        bodies = ", ".join(body.short_name for body in item.bodies.all())
        lines.append(f"- {item.title}" + (f" ({bodies})" if bodies else ""))
    return lines


def session_summary(council: Council, session: Session) -> str:
    """ "제242회 <의회명> 임시회"."""
    return f"제{session.number}회 {council.name} {session.get_kind_display()}"


def session_event(
    council: Council, session: Session, *, absolute: Absolute, stamp: datetime.datetime
) -> Event:
    """An all-day event for a session (fetched with its agenda: sessions_with_agenda)."""
    url = absolute(reverse("sessions_app:session", args=[session.number]))
    days = selectors.session_days(session)
    period = figures.format_period(session.first_day, session.last_day)
    description = [f"{period}, {days}일간"]
    agenda = _agenda_lines(session.agenda_items.all())
    if agenda:
        description += ["", "주요 안건", *agenda]
    description += ["", f"자세히 보기: {url}"]

    event = Event()
    event.add("uid", _uid(council, f"session-{session.number}"))
    event.add("dtstamp", stamp)
    event.add("dtstart", session.first_day)
    event.add("dtend", session.last_day + ONE_DAY)
    event.add("summary", session_summary(council, session))
    event.add("description", "\n".join(description))
    event.add("url", url)
    event.add("transp", "TRANSPARENT")  # a session does not make a citizen busy all day
    event.add("categories", [session.get_kind_display()])
    event.add("status", event_status(session))
    return event


def sessions_calendar(
    council: Council,
    sessions: Iterable[Session],
    *,
    absolute: Absolute,
    stamp: datetime.datetime,
    name: str | None = None,
) -> bytes:
    cal = _calendar(
        name or f"{council.name} 회기 일정",
        f"{council.name}의 정례회·임시회 일정과 주요 안건",
    )
    for session in sessions:
        cal.add_component(session_event(council, session, absolute=absolute, stamp=stamp))
        for sitting in session.sittings.all():
            cal.add_component(sitting_event(council, sitting, absolute=absolute, stamp=stamp))
    return _finish(cal)


def sitting_summary(council: Council, sitting: Sitting) -> str:
    """ "제242회 <의회명> 임시회 예산결산특별위원회 제1차"."""
    return f"{session_summary(council, sitting.session)} {sitting.body.name} 제{sitting.number}차"


def sitting_time(sitting: Sitting) -> tuple[datetime.date | datetime.datetime, ...]:
    """DTSTART and DTEND of a sitting: Seoul times when it has a start time, else its day
    and the next (all day)."""
    if sitting.starts_at is None:
        return sitting.date, sitting.date + ONE_DAY
    zone = ZoneInfo(settings.TIME_ZONE)
    start = datetime.datetime.combine(sitting.date, sitting.starts_at, tzinfo=zone)
    if sitting.ends_at is not None:
        end = datetime.datetime.combine(sitting.date, sitting.ends_at, tzinfo=zone)
    else:
        end = start + SITTING_LENGTH
    return start, end


def _when(sitting: Sitting) -> str:
    """ "2023. 3. 22.(수) 10:00~12:00" (an end time only when recorded)."""
    text = figures.format_day(sitting.date)
    if sitting.starts_at is not None:
        text += f" {sitting.starts_at:%H:%M}"
        if sitting.ends_at is not None:
            text += f"~{sitting.ends_at:%H:%M}"
    return text


def sitting_event(
    council: Council,
    sitting: Sitting,
    *,
    absolute: Absolute,
    stamp: datetime.datetime,
    agenda_items: Iterable = (),
) -> Event:
    session = sitting.session
    url = absolute(reverse("sessions_app:session", args=[session.number]))
    description = [f"{_when(sitting)} {sitting.body.name} 제{sitting.number}차"]
    location = sitting.location
    if location:
        description.append(f"장소: {location}")
    agenda = _agenda_lines(agenda_items)
    if agenda:
        description += ["", "이 회의체가 다루는 주요 안건", *agenda]
    if sitting.minutes_url:
        description += ["", f"회의록: {sitting.minutes_url}"]
    description += ["", f"회기 자세히 보기: {url}"]

    event = Event()
    event.add(
        "uid", _uid(council, f"sitting-{session.number}-{sitting.body.slug}-{sitting.number}")
    )
    event.add("dtstamp", stamp)
    start, end = sitting_time(sitting)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", sitting_summary(council, sitting))
    event.add("description", "\n".join(description))
    if location:
        event.add("location", location)
    event.add("url", url)
    event.add("transp", "TRANSPARENT")
    event.add("categories", [sitting.body.short_name])
    event.add("status", event_status(session))
    return event


def body_calendar(
    council: Council,
    body: Body,
    sittings: Iterable[Sitting],
    *,
    absolute: Absolute,
    stamp: datetime.datetime,
) -> bytes:
    """The sittings of one body (fetched with selectors.body_sittings)."""
    whose = f"{body.name}(각 상임위원회 포함)" if body.gathers_committees else body.name
    cal = _calendar(
        f"{council.name} {body.name} 회의 일정",
        f"{council.name} {whose}의 회의(차수) 일정",
    )
    for sitting in sittings:
        cal.add_component(
            sitting_event(
                council,
                sitting,
                absolute=absolute,
                stamp=stamp,
                agenda_items=sitting.session.body_agenda_items,
            )
        )
    return _finish(cal)
