"""What the calendar feeds read: every session or one with its sittings and agenda, a body's
sittings, the bodies to follow, the time of the last change."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import F, Q, QuerySet
from django.db.models.expressions import OrderBy
from django.utils import timezone

from common import versioning
from council.models import Council

from ..models import AgendaItem, Body, Session, Sitting

# ---------------------------------------------------------------- the calendar feeds
#
# The feeds read plain rows (values_list) into the small records below rather than model
# instances: the full feed holds every session of every year with its sittings and agenda,
# and building thousands of model instances (with their prefetch caches) took most of its
# time. The records carry what sessions_app/feeds.py writes, with the models' own names.


@dataclass(slots=True)
class FeedBody:
    pk: int
    name: str
    short_name: str
    slug: str
    place: str
    kind: str
    committee_id: int | None

    @property
    def gathers_committees(self) -> bool:
        return self.kind == Body.Kind.STANDING and self.committee_id is None


@dataclass(slots=True)
class FeedItem:
    title: str
    bodies: list[str]  # short names of the bodies handling it, in the bodies' order


@dataclass(slots=True)
class FeedSession:
    pk: int
    number: int
    kind: str
    first_day: datetime.date
    last_day: datetime.date
    date_status: str
    agenda: list[FeedItem] = field(default_factory=list)
    sittings: list[FeedSitting] = field(default_factory=list)

    def get_kind_display(self) -> str:
        return str(Session.Kind(self.kind).label)


@dataclass(slots=True)
class FeedSitting:
    session: FeedSession
    body: FeedBody
    number: int
    date: datetime.date
    starts_at: datetime.time | None
    ends_at: datetime.time | None
    place: str
    minutes_url: str
    agenda: list[FeedItem]  # in a body's feed: the session's items this body handles

    @property
    def location(self) -> str:
        """As Sitting.location: its own place, else its body's usual place."""
        return self.place or self.body.place


_SITTING_ORDER: list[str | OrderBy] = [
    "date",
    F("starts_at").asc(nulls_first=True),
    "body__order",
    "number",
]


def _feed_bodies(council: Council) -> dict[int, FeedBody]:
    rows = (
        Body.objects.filter(council=council)
        .order_by("order", "name")
        .values_list("pk", "name", "short_name", "slug", "place", "kind", "committee_id")
    )
    return {row[0]: FeedBody(*row) for row in rows}


def _agenda(items: QuerySet[AgendaItem], bodies: dict[int, FeedBody]) -> dict[int, list]:
    """Each session's agenda items (in their order) with the bodies handling each (in the
    bodies' order), keyed by session id. Two queries."""
    rank = {pk: index for index, pk in enumerate(bodies)}  # bodies come in their order
    handled: defaultdict[int, list[int]] = defaultdict(list)
    links = AgendaItem.bodies.through.objects.filter(agendaitem__in=items.values("pk"))
    for item_id, body_id in links.values_list("agendaitem_id", "body_id"):
        handled[item_id].append(body_id)
    agenda: defaultdict[int, list[FeedItem]] = defaultdict(list)
    for pk, session_id, title in items.order_by("order", "pk").values_list(
        "pk", "session_id", "title"
    ):
        names = [bodies[b].short_name for b in sorted(handled[pk], key=rank.__getitem__)]
        agenda[session_id].append(FeedItem(title, names))
    return agenda


def _feed_sessions(sessions: QuerySet[Session]) -> dict[int, FeedSession]:
    rows = sessions.order_by("first_day", "number").values_list(
        "pk", "number", "kind", "first_day", "last_day", "date_status"
    )
    return {row[0]: FeedSession(*row) for row in rows}


def _sittings(
    sittings: QuerySet[Sitting],
    sessions: dict[int, FeedSession],
    bodies: dict[int, FeedBody],
    agenda: dict[int, list[FeedItem]] | None = None,
) -> list[FeedSitting]:
    """The sittings in Sitting's order (by day, then time with untimed first, body and
    number), each added to its session's `sittings`."""
    found = []
    rows = sittings.order_by(*_SITTING_ORDER).values_list(
        "session_id", "body_id", "number", "date", "starts_at", "ends_at", "place", "minutes_url"
    )
    for session_id, body_id, number, date, starts_at, ends_at, place, minutes_url in rows:
        session = sessions[session_id]
        sitting = FeedSitting(
            session=session,
            body=bodies[body_id],
            number=number,
            date=date,
            starts_at=starts_at,
            ends_at=ends_at,
            place=place,
            minutes_url=minutes_url,
            agenda=agenda.get(session_id, []) if agenda is not None else [],
        )
        session.sittings.append(sitting)
        found.append(sitting)
    return found


def feed_sessions(council: Council, *, number: int | None = None) -> list[FeedSession]:
    """The council's sessions in date order for the full feed (or the one of that number),
    with their agenda (each item with its bodies) and their sittings (with their body).
    Five queries, however many sessions, years or sittings."""
    bodies = _feed_bodies(council)
    chosen = Session.objects.of(council)
    if number is not None:
        chosen = chosen.filter(number=number)
    sessions = _feed_sessions(chosen)
    if not sessions:
        return []
    for session_id, items in _agenda(
        AgendaItem.objects.filter(session__in=chosen.values("pk")), bodies
    ).items():
        sessions[session_id].agenda = items
    _sittings(Sitting.objects.filter(session__in=chosen.values("pk")), sessions, bodies)
    return list(sessions.values())


def held_by(body: Body | FeedBody, council: Council) -> Q:
    """The sittings a body's record shows: its own; the standing committees taken together
    (상임위, Body.gathers_committees) also hold each standing committee's sittings. The
    calendar feed of a body, its Atom feed and its page alike."""
    held = Q(body=body.pk)
    if body.gathers_committees:
        held |= Q(body__kind=Body.Kind.STANDING, body__council=council)
    return held


def handled_by(body: Body | FeedBody, council: Council) -> Q:
    """The agenda items a body handles: those handed to it; a single standing committee also
    those handed to the standing committees together; the standing committees together
    every item of a standing body."""
    handled = Q(bodies=body.pk)
    if body.gathers_committees:
        handled |= Q(bodies__kind=Body.Kind.STANDING, bodies__council=council)
    elif body.kind == Body.Kind.STANDING:
        handled |= Q(bodies__kind=Body.Kind.STANDING, bodies__committee__isnull=True)
    return handled


def body_sittings(council: Council, slug: str) -> tuple[FeedBody, list[FeedSitting]] | None:
    """A body (by its slug, e.g. "budget") and its sittings in date order, each sitting
    carrying `agenda`: its session's agenda items this body handles (for a single standing
    committee, also those handed to the standing committees together). The standing
    committees taken together (상임위, Body.gathers_committees) also hold their committees'
    sittings, with every item a standing body handles.
    None for an unknown slug. Five queries, however many sittings."""
    bodies = _feed_bodies(council)
    body = next((b for b in bodies.values() if b.slug == slug), None)
    if body is None:
        return None
    handled = handled_by(body, council)
    sittings = Sitting.objects.filter(held_by(body, council), session__council=council)
    chosen = Session.objects.filter(pk__in=sittings.values("session_id"))
    sessions = _feed_sessions(chosen)
    items = AgendaItem.objects.filter(
        pk__in=AgendaItem.objects.filter(handled, session__in=chosen.values("pk")).values("pk")
    )
    return body, _sittings(sittings, sessions, bodies, _agenda(items, bodies))


def schedule_changed_at(*scopes: versioning.Scope) -> datetime.datetime:
    """When the records a feed shows (the given models) last changed, the feeds' DTSTAMP;
    now if never."""
    return versioning.last_changed(*scopes) or timezone.now()


def feed_bodies(council: Council) -> QuerySet[Body]:
    """The bodies a citizen can follow in a calendar app (?body=<slug>), in their order."""
    return Body.objects.filter(council=council).order_by("order", "name")
