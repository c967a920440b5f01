"""Writes of bills: keyword-only, in a transaction, each record checked with full_clean()."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction

from council.models import Committee, Member, Term
from sessions_app.models import AgendaItem, Session

from .models import Bill, BillAction, BillSponsor


@transaction.atomic
def bill_create(
    *,
    term: Term,
    number: int,
    title: str,
    kind: str,
    proposer_kind: str,
    committee: Committee | None = None,
    session: Session | None = None,
    agenda_items: Iterable[AgendaItem] = (),
    summary: str = "",
) -> Bill:
    bill = Bill(
        term=term,
        number=number,
        title=title,
        kind=kind,
        proposer_kind=proposer_kind,
        committee=committee,
        session=session,
        summary=summary,
    )
    bill.full_clean()
    bill.save()
    items = list(agenda_items)
    if items:
        bill.agenda_items.set(items)
    return bill


@transaction.atomic
def bill_sponsor_add(*, bill: Bill, member: Member, role: str = BillSponsor.Role.CO) -> BillSponsor:
    sponsor = BillSponsor(bill=bill, member=member, role=role)
    sponsor.full_clean()
    sponsor.save()
    return sponsor


@transaction.atomic
def bill_action_record(
    *,
    bill: Bill,
    date: datetime.date,
    kind: str,
    result: str = "",
    committee: Committee | None = None,
    promulgation_number: str = "",
    note: str = "",
) -> BillAction:
    """Record one step of the bill's way (접수, 회부, 심사, 상정, 의결, 이송, 공포); the
    bill's status follows from the latest."""
    action = BillAction(
        bill=bill,
        date=date,
        kind=kind,
        result=result,
        committee=committee,
        promulgation_number=promulgation_number,
        note=note,
    )
    action.full_clean()
    action.save()
    return action
