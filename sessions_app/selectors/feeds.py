"""What the calendar feeds read: a body's sittings, the bodies to follow, the time of the last change."""

from __future__ import annotations

import datetime

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from common import versioning
from council.models import Council

from ..models import AgendaItem, Body, SessionQuerySet, Sitting
from .sessions import sessions_with_agenda

# ---------------------------------------------------------------- the calendar feeds


def body_sittings(council: Council, slug: str) -> tuple[Body, list[Sitting]] | None:
    """A body (by its slug, e.g. "budget") and its sittings in date order, each sitting's
    session carrying `body_agenda_items`: the session's agenda items this body handles (for a
    single standing committee, also those handed to the standing committees together).
    The standing committees taken together (상임위, Body.gathers_committees) also hold their
    committees' sittings, with every item a standing body handles.
    None for an unknown slug. Four queries, however many sittings."""
    body = Body.objects.filter(council=council, slug=slug).first()
    if body is None:
        return None
    handled = Q(bodies=body)
    held = Q(body=body)
    if body.gathers_committees:
        standing = Q(bodies__kind=Body.Kind.STANDING, bodies__council=council)
        handled |= standing
        held |= Q(body__kind=Body.Kind.STANDING, body__council=council)
    elif body.kind == Body.Kind.STANDING:
        handled |= Q(bodies__kind=Body.Kind.STANDING, bodies__committee__isnull=True)
    items = (
        AgendaItem.objects.filter(handled)
        .distinct()
        .order_by("order", "pk")
        .prefetch_related("bodies")
    )
    sittings = list(
        Sitting.objects.filter(held)
        .select_related("session", "body")
        .prefetch_related(Prefetch("session__agenda_items", items, to_attr="body_agenda_items"))
    )  # in Sitting's order: by day, then time (untimed first), body and number
    return body, sittings


def feed_sessions(council: Council) -> SessionQuerySet:
    """The council's sessions in date order for the full feed, with their agenda (and each
    item's bodies) and their sittings (with their body): four queries, however many rows."""
    sittings = Sitting.objects.select_related("body")  # in Sitting's order
    return (
        sessions_with_agenda()
        .of(council)
        .prefetch_related(Prefetch("sittings", queryset=sittings))
        .order_by("first_day", "number")
    )


def schedule_changed_at(*scopes: versioning.Scope) -> datetime.datetime:
    """When the records a feed shows (the given models) last changed, the feeds' DTSTAMP;
    now if never."""
    return versioning.last_changed(*scopes) or timezone.now()


def feed_bodies(council: Council) -> QuerySet[Body]:
    """The bodies a citizen can follow in a calendar app (?body=<slug>), in their order."""
    return Body.objects.filter(council=council).order_by("order", "name")
