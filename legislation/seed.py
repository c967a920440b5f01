"""Bills named by a session's agenda (load_seed): where an agenda item's title names a bill
(예산안, 추가경정예산안, 결산안, a committee's 구성 (결의안), a 계획안 승인), it is stored as
one, linked to its session and agenda item.

Nothing is invented: the title is the agenda's (without its trailing "심사, 구정질문 등"),
the kind and proposer follow from it, the committee is the committee body that handles the
item, and the only action is 접수 on the session's first day where the seed gives that day
(a held session, or one whose opening is fixed); results are not in the seed. Agenda items
of sessions outside every recorded term get no bill (a bill belongs to a term).
"""

from __future__ import annotations

import re

from django.db import transaction

from council.models import Council, Term
from sessions_app.models import AgendaItem, Body, Session

from .models import Bill, BillAction
from .services import bill_action_record, bill_create

# (pattern on the agenda title, kind, proposer): the first that matches decides.
_KINDS: tuple[tuple[str, str, str], ...] = (
    (r"추가경정예산안", Bill.Kind.SUPPLEMENTARY_BUDGET, Bill.Proposer.EXECUTIVE),
    (r"위원회 구성$", Bill.Kind.RESOLUTION, Bill.Proposer.MEMBERS),
    (r"예산안", Bill.Kind.BUDGET, Bill.Proposer.EXECUTIVE),
    (r"결산안|결산 승인", Bill.Kind.SETTLEMENT, Bill.Proposer.EXECUTIVE),
    (r"계획안 승인$", Bill.Kind.OTHER, Bill.Proposer.COMMITTEE),
    (r"지출 승인의 건$", Bill.Kind.CONSENT, Bill.Proposer.EXECUTIVE),
    (r"조례안$", Bill.Kind.ORDINANCE, Bill.Proposer.MEMBERS),
)
_TRAILING = re.compile(r"(\s*심사)?(,\s*구정질문\s*등)?$")


def bill_kind(title: str) -> tuple[str, str] | None:
    """(kind, proposer) of an agenda title that names a bill, else None. Pure."""
    for pattern, kind, proposer in _KINDS:
        if re.search(pattern, _TRAILING.sub("", title)):
            return kind, proposer
    return None


def bill_title(title: str) -> str:
    """The agenda's title without what is not the bill ("…결산안 심사, 구정질문 등")."""
    title = _TRAILING.sub("", title)
    return f"{title} 결의안" if title.endswith("위원회 구성") else title


@transaction.atomic
def bills_from_agenda(council: Council) -> int:
    """Create the bills the council's agenda names and that are not yet stored; the number
    created. Idempotent: an agenda item with a bill is left alone."""
    terms = list(Term.objects.filter(council=council).order_by("number"))
    items = (
        AgendaItem.objects.filter(session__council=council, bills__isnull=True)
        .select_related("session")
        .prefetch_related("bodies__committee")
        .order_by("session__first_day", "order", "pk")
    )
    created = 0
    for item in items:
        found = bill_kind(item.title)
        session = item.session
        term = next((t for t in terms if t.starts_on <= session.first_day <= t.ends_on), None)
        if found is None or term is None:
            continue
        kind, proposer = found
        committees = [
            body.committee
            for body in item.bodies.all()
            if body.kind != Body.Kind.PLENARY and body.committee is not None
        ]
        committee = committees[0] if committees else None
        if proposer == Bill.Proposer.COMMITTEE and committee is None:
            proposer = Bill.Proposer.MEMBERS
        last = Bill.objects.filter(term=term).order_by("-number").first()
        bill = bill_create(
            term=term,
            number=(last.number + 1) if last else 1,
            title=bill_title(item.title),
            kind=kind,
            proposer_kind=proposer,
            committee=committee,
            session=session,
            agenda_items=[item],
        )
        if session.date_status in (Session.DateStatus.HELD, Session.DateStatus.OPENING_FIXED):
            bill_action_record(
                bill=bill,
                date=session.first_day,
                kind=BillAction.Kind.RECEIPT,
                note="회기 첫날 (시드 문서에 접수일이 따로 없음)",
            )
        created += 1
    return created
