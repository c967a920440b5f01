"""Writes of sessions and the ordinance's checks on them.

Session.clean() checks one record (its dates); the rules across sessions (overlaps, the
ordinance's day limits) are the pure functions of sessions_app/rules.py, which the admin's
SessionForm and `session_create` below both call through `check_session_against_ordinance`.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction

from council.models import Committee, Council

from . import rules, selectors
from .models import AgendaItem, Attendance, Ballot, Body, Session, Vote


def session_ordinance_errors(session: Session) -> dict[str, list[str]]:
    """The ordinance's rules (rules.ordinance_errors) for a candidate session, with the
    council's other sessions and limits fetched here. Two queries; none without a council."""
    if not session.council_id:
        return {}
    others = selectors.council_sessions(session.council_id, excluding=session)
    return rules.ordinance_errors(
        session, others=others, rules=selectors.session_rules(session.council)
    )


def check_session_against_ordinance(session: Session) -> None:
    """Raise a ValidationError naming each broken limit (see rules.ordinance_errors)."""
    errors = session_ordinance_errors(session)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def session_create(
    *,
    council: Council,
    number: int,
    kind: str,
    first_day: datetime.date,
    last_day: datetime.date,
    date_status: str = Session.DateStatus.HELD,
    agenda: Sequence[str] = (),
) -> Session:
    """Create a session (and its main agenda items, in order) after every check the admin
    runs: field validation, the dates, the unique number and the ordinance's limits."""
    session = Session(
        council=council,
        number=number,
        kind=kind,
        first_day=first_day,
        last_day=last_day,
        date_status=date_status,
    )
    session.full_clean()
    check_session_against_ordinance(session)
    session.save()
    for position, title in enumerate(agenda, start=1):
        item = AgendaItem(session=session, title=title, order=position * 10)
        item.full_clean()
        item.save()
    return session


@transaction.atomic
def body_for_committee(*, committee: Committee, slug: str = "", place: str = "") -> Body:
    """The body (회의체) through which a committee handles agenda items and holds sittings,
    named, ordered and kinded after the committee. The slug is made from the name when left
    blank (Body.clean)."""
    body = Body(
        council=committee.council,
        committee=committee,
        name=committee.name,
        short_name=committee.short_name,
        kind=Body.Kind(committee.kind),
        order=committee.order,
        slug=slug,
        place=place,
    )
    body.full_clean()
    body.save()
    return body


@transaction.atomic
def ballots_fill_present(*, vote: Vote, choice: str = Ballot.Choice.YES) -> int:
    """Record `choice` (찬성 by default) for every member present (출석) at the vote's sitting
    who has no ballot in that vote yet, each checked by Ballot.full_clean(); the ballots
    already entered are kept. Returns how many were added: a clerk then changes the few who
    voted otherwise."""
    present = Attendance.objects.filter(
        sitting=vote.sitting_id, status=Attendance.Status.PRESENT
    ).exclude(member__ballots__vote=vote)
    added = 0
    for attendance in present.select_related("member__term"):
        ballot = Ballot(vote=vote, member=attendance.member, choice=choice)
        ballot.full_clean()
        ballot.save()
        added += 1
    return added
