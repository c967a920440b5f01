"""What the search finds: each app's records as documents, by a registry of providers.

A provider is one function `documents(ids)` giving the `Document`s of the records of those
ids (every record for None), registered with `@provider(kind, watches=...)`; `watches` maps a
model whose save or delete changes the documents to the ids it touches, so search/signals.py
queues their reindexing.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q
from django.urls import reverse

from council.models import Member, Term
from legislation.models import Bill, BillAction, BillSponsor
from legislation.selectors import status_label, with_committee_in_charge, with_status
from minutes.models import Minutes, paragraphs
from sessions_app.models import AgendaItem, Session, Sitting, Speech, Vote


@dataclass(frozen=True)
class Document:
    kind: str
    object_id: int
    title: str
    body: str
    url: str
    part: int = 0
    term_number: int | None = None
    session_number: int | None = None
    body_name: str = ""
    year: int | None = None
    kind_label: str = ""
    sort_key: str = ""


Provider = Callable[[list[int] | None], Iterator[Document]]


@dataclass(frozen=True)
class Registration:
    kind: str
    documents: Provider
    watches: dict[type, Callable[[Any], list[int]]]


REGISTRY: dict[str, Registration] = {}


def provider(kind: str, *, watches: dict[type, Callable[[Any], list[int]]]):
    def register(function: Provider) -> Provider:
        REGISTRY[kind] = Registration(kind=kind, documents=function, watches=watches)
        return function

    return register


class _Terms:
    """The term (대수) of a council on a day, from its terms read once."""

    def __init__(self):
        self._by_council: dict[int, tuple[list, list[Term]]] = {}
        for term in Term.objects.order_by("council_id", "starts_on"):
            starts, terms = self._by_council.setdefault(term.council_id, ([], []))
            starts.append(term.starts_on)
            terms.append(term)

    def number(self, council_id: int, day) -> int | None:
        starts, terms = self._by_council.get(council_id, ([], []))
        at = bisect.bisect_right(starts, day) - 1
        if at >= 0 and terms[at].starts_on <= day <= terms[at].ends_on:
            return terms[at].number
        return None


def _ids(queryset, ids: list[int] | None, field: str = "pk"):
    return queryset if ids is None else queryset.filter(**{f"{field}__in": ids})


def _sitting_facets(terms: _Terms, sitting, kind_label: str) -> dict[str, Any]:
    """The facets of a document about a sitting (its minutes, its votes and speeches)."""
    return {
        "term_number": terms.number(sitting.session.council_id, sitting.date),
        "session_number": sitting.session.number,
        "body_name": sitting.body.name,
        "year": sitting.date.year,
        "kind_label": kind_label,
    }


# ---------------------------------------------------------------- minutes: one per paragraph


@provider("minutes", watches={Minutes: lambda minutes: [minutes.pk]})
def minutes_documents(ids: list[int] | None) -> Iterator[Document]:
    terms = _Terms()
    queryset = _ids(
        Minutes.objects.select_related("sitting__session", "sitting__body").order_by("pk"), ids
    )
    for minutes in queryset.iterator(chunk_size=200):
        sitting = minutes.sitting
        session = sitting.session
        title = f"제{session.number}회 {sitting.body.name} 제{sitting.number}차 회의록"
        url = reverse("minutes:detail", args=[sitting.pk])
        facets = _sitting_facets(terms, sitting, "회의록")
        for number, paragraph in enumerate(paragraphs(minutes.text), start=1):
            yield Document(
                kind="minutes",
                object_id=minutes.pk,
                part=number,
                title=title,
                body=paragraph,
                url=f"{url}#p-{number}",
                sort_key=f"{sitting.date.isoformat()}-{sitting.pk:08d}-{number:06d}",
                **facets,
            )


# ---------------------------------------------------------------- sessions


@provider(
    "session",
    watches={
        Session: lambda session: [session.pk],
        AgendaItem: lambda item: [item.session_id],
    },
)
def session_documents(ids: list[int] | None) -> Iterator[Document]:
    terms = _Terms()
    queryset = _ids(Session.objects.prefetch_related("agenda_items").order_by("pk"), ids)
    for session in queryset.iterator(chunk_size=200):
        agenda = " · ".join(item.title for item in session.agenda_items.all())
        yield Document(
            kind="session",
            object_id=session.pk,
            title=f"제{session.number}회 {session.get_kind_display()}",
            body=f"{session.first_day} ~ {session.last_day}. {agenda}".strip(),
            url=reverse("sessions_app:session", args=[session.number]),
            term_number=terms.number(session.council_id, session.first_day),
            session_number=session.number,
            year=session.first_day.year,
            kind_label=session.get_kind_display(),
            sort_key=session.first_day.isoformat(),
        )


# ---------------------------------------------------------------- sittings: votes, speeches


@provider(
    "sitting",
    watches={
        Sitting: lambda sitting: [sitting.pk],
        Vote: lambda vote: [vote.sitting_id],
        Speech: lambda speech: [speech.sitting_id],
    },
)
def sitting_documents(ids: list[int] | None) -> Iterator[Document]:
    """A sitting with a recorded vote or a member's speech, as one document: what was put to
    the vote and who spoke on what (구정질문 in the council's words, 5분 자유발언), so a
    word of either finds the sitting's page. Sittings with neither are left out: their
    dates are on the session's document and their words in the minutes."""
    terms = _Terms()
    queryset = _ids(
        Sitting.objects.filter(Q(votes__isnull=False) | Q(speeches__isnull=False))
        .distinct()
        .select_related("session__council", "body")
        .prefetch_related(
            Prefetch("votes", queryset=Vote.objects.order_by("order", "pk")),
            Prefetch(
                "speeches", queryset=Speech.objects.select_related("member").order_by("order", "pk")
            ),
        )
        .order_by("pk"),
        ids,
    )
    for sitting in queryset.iterator(chunk_size=200):
        session = sitting.session
        words = session.council.words
        votes = [
            f"표결: {vote.title}" + (f" ({vote.note})" if vote.note else "")
            for vote in sitting.votes.all()
        ]
        speeches = [
            f"{speech.kind_label(words)}: {speech.member.name} 의원, {speech.title}"
            for speech in sitting.speeches.all()
        ]
        yield Document(
            kind="sitting",
            object_id=sitting.pk,
            title=f"제{session.number}회 {sitting.body.name} 제{sitting.number}차 회의",
            body=" · ".join([*votes, *speeches]),
            url=reverse("sessions_app:sitting", args=[session.number, sitting.pk]),
            sort_key=f"{sitting.date.isoformat()}-{sitting.pk:08d}",
            **_sitting_facets(terms, sitting, "회의"),
        )


# ---------------------------------------------------------------- members


@provider("member", watches={Member: lambda member: [member.pk]})
def member_documents(ids: list[int] | None) -> Iterator[Document]:
    queryset = _ids(Member.objects.select_related("term").order_by("pk"), ids)
    for member in queryset.iterator(chunk_size=200):
        facts = [member.get_role_display(), member.party, member.constituency]
        yield Document(
            kind="member",
            object_id=member.pk,
            title=f"{member.name} 의원 (제{member.term.number}대)",
            body=" · ".join(fact for fact in facts if fact),
            url=reverse("legislation:member", kwargs={"pk": member.pk}),
            term_number=member.term.number,
            kind_label="의원",
            sort_key=member.name,
        )


# ---------------------------------------------------------------- bills


@provider(
    "bill",
    watches={
        Bill: lambda bill: [bill.pk],
        BillAction: lambda action: [action.bill_id],
        BillSponsor: lambda sponsor: [sponsor.bill_id],
    },
)
def bill_documents(ids: list[int] | None) -> Iterator[Document]:
    """A bill as one document: its number and title, kind, proposer and sponsors, summary and
    the actions of its timeline, so that a word of any of them finds it."""
    queryset = _ids(
        with_committee_in_charge(with_status(Bill.objects.select_related("term", "session")))
        .prefetch_related("sponsors__member", "actions")
        .order_by("pk"),
        ids,
    )
    for bill in queryset.iterator(chunk_size=200):
        actions = list(bill.actions.all())
        sponsors = [sponsor.member.name for sponsor in bill.sponsors.all()]
        first_day = min((action.date for action in actions), default=None)
        if first_day is None and bill.session is not None:
            first_day = bill.session.first_day
        facts = [
            bill.get_kind_display(),
            bill.get_proposer_kind_display(),
            " ".join(sponsors),
            status_label(bill),
            bill.summary,
            " ".join(action.get_kind_display() for action in actions),
        ]
        yield Document(
            kind="bill",
            object_id=bill.pk,
            title=f"[의안번호 {bill.number}] {bill.title}",
            body=" · ".join(fact for fact in facts if fact),
            url=reverse("legislation:bill", kwargs={"pk": bill.pk}),
            term_number=bill.term.number,
            session_number=bill.session.number if bill.session else None,
            body_name=bill.committee_in_charge_name,
            year=first_day.year if first_day else None,
            kind_label="의안",
            sort_key=f"{first_day.isoformat() if first_day else ''}-{bill.number:08d}",
        )


def all_documents(kinds: Iterable[str] | None = None) -> Iterator[Document]:
    for kind in kinds or REGISTRY:
        yield from REGISTRY[kind].documents(None)
