"""What the calendar feeds read: a body's sittings, the bodies to follow, the time of the last change."""

from __future__ import annotations

import datetime

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from common import versioning
from council.models import Council

from ..models import AgendaItem, Body, Sitting

# ---------------------------------------------------------------- the calendar feeds


def body_sittings(council: Council, slug: str) -> tuple[Body, list[Sitting]] | None:
    """A body (by its slug, e.g. "budget") and its sittings in date order, each sitting's
    session carrying `body_agenda_items`: the session's agenda items this body handles (for a
    single standing committee, also those handed to the standing committees together).
    None for an unknown slug. Four queries."""
    body = Body.objects.filter(council=council, slug=slug).first()
    if body is None:
        return None
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


def schedule_changed_at(*scopes: versioning.Scope) -> datetime.datetime:
    """When the records a feed shows (the given models) last changed, the feeds' DTSTAMP;
    now if never."""
    return versioning.last_changed(*scopes) or timezone.now()


def feed_bodies(council: Council) -> QuerySet[Body]:
    """The bodies a citizen can follow in a calendar app (?body=<slug>), in their order."""
    return Body.objects.filter(council=council).order_by("order", "name")
