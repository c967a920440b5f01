"""iCalendar (RFC 5545) feeds of the schedule.

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

The feed is written as text here, line by line, as the `icalendar` package writes it
(the same properties in the same order, TEXT escaped and lines folded at 75 octets the
same way; tests/sessions_app/test_ical.py parses it back with the package): building one
icalendar object per property made the full feed of twenty years take seconds. The one
part still made by the package is the VTIMEZONE of Asia/Seoul, once per process.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from icalendar import Timezone
from icalendar.parser import escape_char

from common import figures
from council.models import Council
from council.shortcuts import council_or_404

from . import selectors
from .models import Body, Session, Sitting
from .selectors import FeedBody, FeedItem, FeedSession, FeedSitting, minutes_published

CONTENT_TYPE = "text/calendar; charset=utf-8"
ONE_DAY = datetime.timedelta(days=1)
# DTEND of a timed sitting whose end time is not recorded: its start plus this.
SITTING_LENGTH = datetime.timedelta(hours=2)

# build_absolute_uri-like: a site path → an absolute URL ("/sessions/242/" → "https://…").
Absolute = Callable[[str], str]

# ---------------------------------------------------------------- content lines

CRLF = b"\r\n"
FOLD = b"\r\n "
LINE_OCTETS = 74  # RFC 5545: at most 75 octets a line; icalendar folds before the 75th


def _fold(line: str) -> bytes:
    """A content line in UTF-8, folded as icalendar folds it: each piece as many whole
    characters as fit in 74 octets, the next piece on a new line after one space."""
    data = line.encode()
    if len(data) <= LINE_OCTETS:
        return data
    pieces = []
    start = 0
    while len(data) - start > LINE_OCTETS:
        cut = start + LINE_OCTETS
        while 0x80 <= data[cut] < 0xC0:  # never inside a character: back to its first byte
            cut -= 1
        pieces.append(data[start:cut])
        start = cut
    pieces.append(data[start:])
    return FOLD.join(pieces)


def _text(name: str, value: str) -> bytes:
    """A TEXT property (SUMMARY, DESCRIPTION …), escaped."""
    return _fold(f"{name}:{escape_char(value)}")


def _stamp(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _when_value(name: str, value: datetime.date | datetime.datetime) -> bytes:
    """DTSTART / DTEND: a day (VALUE=DATE) or a local time with its TZID."""
    if isinstance(value, datetime.datetime):
        zone = str(value.tzinfo)
        return f"{name};TZID={zone}:{value:%Y%m%dT%H%M%S}".encode()
    return f"{name};VALUE=DATE:{value:%Y%m%d}".encode()


@functools.cache
def _vtimezone(tzid: str) -> bytes:
    """The VTIMEZONE of a zone, as icalendar makes it (made once per process)."""
    return Timezone.from_tzid(tzid).to_ical().rstrip(CRLF)


def _calendar(name: str, description: str, events: list[bytes], *, timed: bool) -> bytes:
    """The VCALENDAR around the events, with the VTIMEZONE of Seoul when an event names
    it (RFC 5545 asks for the definition of every TZID used)."""
    lines = [
        b"BEGIN:VCALENDAR",
        b"VERSION:2.0",
        _text("PRODID", "-//의정 포털//회기 일정//KO"),
        b"CALSCALE:GREGORIAN",
        b"METHOD:PUBLISH",
        _text("X-WR-CALDESC", description),
        _text("X-WR-CALNAME", name),
        _text("X-WR-TIMEZONE", settings.TIME_ZONE),
        *events,
    ]
    if timed:
        lines.append(_vtimezone(settings.TIME_ZONE))
    lines.append(b"END:VCALENDAR")
    return CRLF.join(lines) + CRLF


def _event(
    *,
    summary: str,
    start: datetime.date | datetime.datetime,
    end: datetime.date | datetime.datetime,
    stamp: str,
    uid: str,
    category: str,
    description: str,
    location: str,
    status: str,
    url: str,
) -> bytes:
    """One VEVENT, its properties in icalendar's order (SUMMARY, DTSTART, DTEND, DTSTAMP,
    UID, then the others alphabetically)."""
    lines = [
        b"BEGIN:VEVENT",
        _text("SUMMARY", summary),
        _when_value("DTSTART", start),
        _when_value("DTEND", end),
        f"DTSTAMP:{stamp}".encode(),
        _text("UID", uid),
        _text("CATEGORIES", category),
        _text("DESCRIPTION", description),
    ]
    if location:
        lines.append(_text("LOCATION", location))
    lines += [
        f"STATUS:{status}".encode(),
        b"TRANSP:TRANSPARENT",  # a session or sitting does not make a citizen busy
        _fold(f"URL:{url}"),
        b"END:VEVENT",
    ]
    return CRLF.join(lines)


# ---------------------------------------------------------------- events of the schedule


def event_status(session: Session | FeedSession) -> str:
    """STATUS of a session's events: TENTATIVE while its dates are only planned."""
    if session.date_status == Session.DateStatus.PLANNED:
        return "TENTATIVE"
    return "CONFIRMED"


def _uid(council: Council, local: str) -> str:
    return f"{local}@{council.calendar_domain}"


def _agenda_lines(items: Iterable[FeedItem]) -> list[str]:
    lines = []
    for item in items:
        bodies = ", ".join(item.bodies)
        lines.append(f"- {item.title}" + (f" ({bodies})" if bodies else ""))
    return lines


def session_summary(council: Council, session: Session | FeedSession) -> str:
    """ "제242회 <의회명> 임시회"."""
    return f"제{session.number}회 {council.name} {session.get_kind_display()}"


class _Sessions:
    """What every event of a session shares (its page's address, summary and status),
    worked out once per session however many sittings it has."""

    def __init__(self, council: Council, absolute: Absolute):
        self.council = council
        self.absolute = absolute
        self.base = reverse("sessions_app:session", args=[0]).removesuffix("0/")
        self._known: dict[int, tuple[str, str, str]] = {}

    def of(self, session: FeedSession) -> tuple[str, str, str]:
        """(url, summary, status) of a session."""
        known = self._known.get(session.pk)
        if known is None:
            url = self.absolute(f"{self.base}{session.number}/")
            known = (url, session_summary(self.council, session), event_status(session))
            self._known[session.pk] = known
        return known


def _session_event(shared: _Sessions, session: FeedSession, stamp: str) -> bytes:
    """An all-day event for a session."""
    url, summary, status = shared.of(session)
    days = figures.days_inclusive(session.first_day, session.last_day)
    period = figures.format_period(session.first_day, session.last_day)
    description = [f"{period}, {days}일간"]
    agenda = _agenda_lines(session.agenda)
    if agenda:
        description += ["", "주요 안건", *agenda]
    description += ["", f"자세히 보기: {url}"]
    return _event(
        summary=summary,
        start=session.first_day,
        end=session.last_day + ONE_DAY,
        stamp=stamp,
        uid=_uid(shared.council, f"session-{session.number}"),
        category=session.get_kind_display(),
        description="\n".join(description),
        location="",
        status=status,
        url=url,
    )


def sessions_calendar(
    council: Council,
    sessions: Iterable[FeedSession],
    *,
    absolute: Absolute,
    stamp: datetime.datetime,
    name: str | None = None,
) -> bytes:
    """Each session (selectors.feed_sessions) followed by its sittings."""
    shared = _Sessions(council, absolute)
    when = _stamp(stamp)
    events = []
    timed = False
    for session in sessions:
        events.append(_session_event(shared, session, when))
        for sitting in session.sittings:
            events.append(_sitting_event(shared, sitting, when))
            timed = timed or sitting.starts_at is not None
    return _calendar(
        name or f"{council.name} 회기 일정",
        f"{council.name}의 정례회·임시회 일정과 주요 안건",
        events,
        timed=timed,
    )


def sitting_summary(council: Council, sitting: Sitting | FeedSitting) -> str:
    """ "제242회 <의회명> 임시회 예산결산특별위원회 제1차"."""
    return f"{session_summary(council, sitting.session)} {sitting.body.name} 제{sitting.number}차"


def sitting_time(sitting: Sitting | FeedSitting) -> tuple[datetime.date | datetime.datetime, ...]:
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


def _when(sitting: Sitting | FeedSitting) -> str:
    """ "2023. 3. 22.(수) 10:00~12:00" (an end time only when recorded)."""
    text = figures.format_day(sitting.date)
    if sitting.starts_at is not None:
        text += f" {sitting.starts_at:%H:%M}"
        if sitting.ends_at is not None:
            text += f"~{sitting.ends_at:%H:%M}"
    return text


def _sitting_event(
    shared: _Sessions, sitting: FeedSitting, stamp: str, agenda_items: Iterable[FeedItem] = ()
) -> bytes:
    session = sitting.session
    body = sitting.body
    url, session_title, status = shared.of(session)
    description = [f"{_when(sitting)} {body.name} 제{sitting.number}차"]
    location = sitting.location
    if location:
        description.append(f"장소: {location}")
    agenda = _agenda_lines(agenda_items)
    if agenda:
        description += ["", "이 회의체가 다루는 주요 안건", *agenda]
    if sitting.minutes_url:
        description += ["", f"회의록: {sitting.minutes_url}"]
    description += ["", f"회기 자세히 보기: {url}"]
    start, end = sitting_time(sitting)
    return _event(
        summary=f"{session_title} {body.name} 제{sitting.number}차",
        start=start,
        end=end,
        stamp=stamp,
        uid=_uid(shared.council, f"sitting-{session.number}-{body.slug}-{sitting.number}"),
        category=body.short_name,
        description="\n".join(description),
        location=location,
        status=status,
        url=url,
    )


def body_calendar(
    council: Council,
    body: FeedBody,
    sittings: Iterable[FeedSitting],
    *,
    absolute: Absolute,
    stamp: datetime.datetime,
) -> bytes:
    """The sittings of one body (fetched with selectors.body_sittings)."""
    whose = f"{body.name}(각 상임위원회 포함)" if body.gathers_committees else body.name
    shared = _Sessions(council, absolute)
    when = _stamp(stamp)
    events = []
    timed = False
    for sitting in sittings:
        events.append(_sitting_event(shared, sitting, when, agenda_items=sitting.agenda))
        timed = timed or sitting.starts_at is not None
    return _calendar(
        f"{council.name} {body.name} 회의 일정",
        f"{council.name} {whose}의 회의(차수) 일정",
        events,
        timed=timed,
    )


# ---------------------------------------------------------------- Atom feeds
#
# Django's syndication framework (Atom 1.0): the sessions, the sittings, one body's sittings
# and the minutes as they are published, each announced by <link rel="alternate"> on the page
# it follows. Entries are read by the selectors of sessions_app/selectors/record.py in a fixed
# number of queries (the newest FEED_ENTRIES). Nothing that is not public shows: a session
# whose dates are only planned says so, and minutes count from their publication day (a date
# entered ahead does not), as on the pages.

ATOM_CONTENT_TYPE = "application/atom+xml; charset=utf-8"


def _moment(day: datetime.date, at: datetime.time | None = None) -> datetime.datetime:
    """A day (at a time, else its start) in Seoul time, as an entry's date."""
    return datetime.datetime.combine(
        day, at or datetime.time(0), tzinfo=ZoneInfo(settings.TIME_ZONE)
    )


def _html_lines(lines: Iterable[str]) -> str:
    """Plain lines as the HTML of an entry's summary (each escaped)."""
    return "<br>".join(escape(line) for line in lines if line)


def sitting_when(sitting: Sitting) -> str:
    """ "2023. 3. 22.(수) 10:00~12:00" (an end time only when recorded)."""
    return _when(sitting)


def sitting_lines(sitting: Sitting, *, on: datetime.date) -> list[str]:
    """What an entry says of a sitting: when, which body, where, its minutes once public."""
    lines = [f"{sitting_when(sitting)} {sitting.body.name} 제{sitting.number}차"]
    if sitting.location:
        lines.append(f"장소: {sitting.location}")
    if minutes_published(sitting, on=on):
        published = figures.format_day(sitting.minutes_published_on)
        lines.append(f"회의록 공개: {published}")
        if sitting.minutes_url:
            lines.append(f"회의록: {sitting.minutes_url}")
    return lines


@dataclass(frozen=True)
class FeedSubject:
    """What a feed is of: the council, and one of its bodies for a body's feed. (The feed
    object is shared by every request: nothing of one request is kept on it.)"""

    council: Council
    body: Body | None = None


class _CouncilFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, *args, **kwargs):
        return FeedSubject(council_or_404())

    def author_name(self, subject):
        return subject.council.name

    def item_updateddate(self, item):
        # Atom requires an entry's <updated>; the framework writes it only from this.
        return self.item_pubdate(item)

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        # Each feed's id is its own address (the framework's default, the page it follows,
        # would give the sessions' and the sittings' feeds one id).
        feed.feed["id"] = feed.feed["feed_url"]
        return feed


class SessionsAtomFeed(_CouncilFeed):
    """/sessions/feed/: the newest sessions, dated by their first day."""

    def title(self, subject):
        return f"{subject.council.name} 회기"

    def subtitle(self, subject):
        return f"{subject.council.name}의 회기(정례회·임시회) 일정과 주요 안건"

    def link(self):
        return reverse("sessions_app:schedule")

    def feed_url(self):
        return reverse("sessions_app:sessions_atom")

    def items(self, subject):
        return selectors.feed_session_entries(subject.council)

    def item_title(self, session):
        note = f" [{session.get_date_status_display()}]" if session.date_status else ""
        return f"{session}{note} ({figures.format_period(session.first_day, session.last_day)})"

    def item_description(self, session):
        days = figures.days_inclusive(session.first_day, session.last_day)
        lines = [f"{figures.format_period(session.first_day, session.last_day)} ({days}일)"]
        lines += [f"· {item.title}" for item in session.agenda_items.all()]
        return _html_lines(lines)

    def item_link(self, session):
        return reverse("sessions_app:session", args=[session.number])

    def item_pubdate(self, session):
        return _moment(session.first_day)


class SittingsAtomFeed(_CouncilFeed):
    """/sessions/sittings/feed/: the newest sittings (those ahead first), dated by their day
    and start time."""

    def title(self, subject):
        return f"{subject.council.name} 회의(차수)"

    def subtitle(self, subject):
        return f"{subject.council.name}의 본회의·위원회 회의 일시, 장소와 회의록"

    def link(self):
        return reverse("sessions_app:schedule")

    def feed_url(self):
        return reverse("sessions_app:sittings_atom")

    def items(self, subject):
        return selectors.feed_sitting_entries(subject.council)

    def item_title(self, sitting):
        return (
            f"{sitting.session} {sitting.body.name} 제{sitting.number}차 ({sitting_when(sitting)})"
        )

    def item_description(self, sitting):
        return _html_lines(sitting_lines(sitting, on=selectors.today()))

    def item_link(self, sitting):
        return reverse("sessions_app:sitting", args=[sitting.session.number, sitting.pk])

    def item_pubdate(self, sitting):
        return _moment(sitting.date, sitting.starts_at)

    def item_categories(self, sitting):
        return [sitting.body.short_name]


class BodyAtomFeed(SittingsAtomFeed):
    """/sessions/bodies/<slug>/feed/: one body's sittings (the standing committees together
    also carry each standing committee's)."""

    def get_object(self, request, slug):
        council = council_or_404()
        body = selectors.body_by_slug(council, slug)
        if body is None:
            raise Http404("구독할 수 있는 회의체가 아닙니다.")
        return FeedSubject(council, body)

    def title(self, subject):
        return f"{subject.council.name} {subject.body.name} 회의"

    def subtitle(self, subject):
        return f"{subject.council.name} {subject.body.name}의 회의(차수) 일시, 장소와 회의록"

    def link(self, subject):
        return reverse("sessions_app:body", args=[subject.body.slug])

    def feed_url(self, subject):
        return reverse("sessions_app:body_atom", args=[subject.body.slug])

    def items(self, subject):
        return selectors.feed_sitting_entries(subject.council, body=subject.body)


class MinutesAtomFeed(_CouncilFeed):
    """/sessions/minutes/feed/: sittings whose minutes are published, the latest first, each
    dated by its publication day."""

    def title(self, subject):
        return f"{subject.council.name} 회의록 공개"

    def subtitle(self, subject):
        return f"{subject.council.name}의 공개된 회의록 (최근 공개일 순)"

    def link(self):
        return reverse("sessions_app:minutes")

    def feed_url(self):
        return reverse("sessions_app:minutes_atom")

    def items(self, subject):
        return selectors.feed_minutes_entries(subject.council, on=selectors.today())

    def item_title(self, sitting):
        return f"[회의록] {sitting.session} {sitting.body.name} 제{sitting.number}차"

    def item_description(self, sitting):
        return _html_lines(sitting_lines(sitting, on=selectors.today()))

    def item_link(self, sitting):
        # The minutes' place on the sitting's page: an entry apart from the sitting's own in
        # the sittings' feed (its id is its link), so a reader merging the feeds keeps both.
        page = reverse("sessions_app:sitting", args=[sitting.session.number, sitting.pk])
        return f"{page}#minutes"

    def item_pubdate(self, sitting):
        return _moment(sitting.minutes_published_on)

    def item_categories(self, sitting):
        return [sitting.body.short_name]
