"""Reads of bills shared by the pages, feeds, downloads and the admin. Each owns its
select_related / prefetch_related; the status comes from the latest action by a subquery,
so a list of any length costs the same few queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import BigIntegerField, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from council.models import Committee, Council, Member, Term

from . import rules
from .models import Bill, BillAction, BillDocument, BillSponsor

PER_PAGE = 20


def with_status(bills: QuerySet[Bill]) -> QuerySet[Bill]:
    """Bills annotated with their latest action (latest_kind, latest_result, latest_date)
    and their receipt date (received_on)."""
    latest = BillAction.objects.filter(bill=OuterRef("pk")).order_by("-date", "-pk")
    receipt = BillAction.objects.filter(bill=OuterRef("pk"), kind=BillAction.Kind.RECEIPT)
    return bills.annotate(
        latest_kind=Subquery(latest.values("kind")[:1]),
        latest_result=Subquery(latest.values("result")[:1]),
        latest_date=Subquery(latest.values("date")[:1]),
        received_on=Subquery(receipt.order_by("date", "pk").values("date")[:1]),
    )


def with_committee_in_charge(bills: QuerySet[Bill]) -> QuerySet[Bill]:
    """Bills annotated with their 소관 위원회 (committee_in_charge_id, _name): the committee
    of the latest 회부, else the one the bill names (the committee that proposed it, or one
    a clerk set before any 회부 was recorded)."""
    referral = BillAction.objects.filter(
        bill=OuterRef("pk"), kind=BillAction.Kind.REFERRAL
    ).order_by("-date", "-pk")
    return bills.annotate(
        committee_in_charge_id=Coalesce(
            Subquery(referral.values("committee_id")[:1]),
            F("committee_id"),
            output_field=BigIntegerField(),
        ),
        committee_in_charge_name=Coalesce(
            Subquery(referral.values("committee__name")[:1]), F("committee__name"), Value("")
        ),
    )


def status_label(bill: Bill) -> str:
    """The status of a bill read through with_status()."""
    return rules.status_label(
        getattr(bill, "latest_kind", None), getattr(bill, "latest_result", None)
    )


def status_q(key: str) -> Q:
    """Bills (annotated by with_status) whose status is `key` (rules.STATUSES)."""
    status = rules.STATUS_BY_KEY[key]
    q = Q(latest_kind=status.kind)
    if status.results:
        q &= Q(latest_result__in=status.results)
    return q


@dataclass(frozen=True)
class BillFilters:
    term: int | None = None  # 대수 (Term.number)
    year: int | None = None  # year of receipt
    kind: str = ""
    status: str = ""
    proposer: str = ""
    committee: int | None = None  # Committee.pk

    @property
    def active(self) -> bool:
        return any((self.term, self.year, self.kind, self.status, self.proposer, self.committee))


@dataclass
class BillRow:
    bill: Bill
    status: str
    lead_sponsors: list[str]


@dataclass
class BillList:
    council: Council
    filters: BillFilters
    page: Page
    rows: list[BillRow]
    terms: list[Term]
    committees: list[Committee]
    years: list[int]
    total: int = 0
    query: str = field(default="")  # the filters as a query string (for page links)

    @property
    def label(self) -> str:
        """What the filters keep, in words ("제9대 · 2023년 접수 · 예산안"; "" when none):
        the page's title and heading name it."""
        f, words = self.filters, self.council.words
        parts = []
        if f.term:
            parts.append(f"제{f.term}대")
        if f.year:
            parts.append(f"{f.year}년 접수")
        if f.kind:
            parts.append(Bill.Kind(f.kind).label)
        if f.status:
            parts.append(rules.STATUS_BY_KEY[f.status].label)
        if f.proposer:
            proposer = Bill.Proposer(f.proposer)
            name = words.executive if proposer == Bill.Proposer.EXECUTIVE else proposer.label
            parts.append(f"{name} 제안")
        if f.committee:
            names = [c.name for c in self.committees if c.pk == f.committee]
            parts.append(names[0] if names else "다른 위원회")
        return " · ".join(parts)


def _filtered(council: Council, filters: BillFilters) -> QuerySet[Bill]:
    bills = with_committee_in_charge(with_status(Bill.objects.of(council)))
    if filters.term:
        bills = bills.filter(term__number=filters.term)
    if filters.year:
        bills = bills.filter(received_on__year=filters.year)  # type: ignore[misc]
    if filters.kind:
        bills = bills.filter(kind=filters.kind)
    if filters.proposer:
        bills = bills.filter(proposer_kind=filters.proposer)
    if filters.committee:
        bills = bills.filter(committee_in_charge_id=filters.committee)  # type: ignore[misc]
    if filters.status:
        bills = bills.filter(status_q(filters.status))
    return bills


def _rows(bills) -> list[BillRow]:
    return [
        BillRow(
            bill=bill,
            status=status_label(bill),
            lead_sponsors=[
                s.member.name for s in bill.sponsors.all() if s.role == BillSponsor.Role.LEAD
            ],
        )
        for bill in bills
    ]


def _sponsors_prefetch() -> Prefetch:
    return Prefetch(
        "sponsors",
        queryset=BillSponsor.objects.select_related("member").order_by("role", "member__name"),
    )


def bill_list(council: Council, filters: BillFilters, page_number: int = 1) -> BillList:
    """One page of the council's bills as filtered (newest term and number first), with the
    choices of the filter form. Seven queries whatever the number of bills."""
    bills = (
        _filtered(council, filters)
        .select_related("term")
        .prefetch_related(_sponsors_prefetch())
        .order_by("-term__number", "-number")
    )
    paginator = Paginator(bills, PER_PAGE)
    page = paginator.get_page(page_number)
    years = sorted(
        {
            d.year
            for d in BillAction.objects.filter(
                bill__term__council=council, kind=BillAction.Kind.RECEIPT
            ).dates("date", "year")
        },
        reverse=True,
    )
    return BillList(
        council=council,
        filters=filters,
        page=page,
        rows=_rows(page.object_list),
        terms=list(Term.objects.filter(council=council).order_by("-number")),
        committees=list(Committee.objects.filter(council=council).order_by("order", "name")),
        years=years,
        total=paginator.count,
    )


def bills_for_export(
    council: Council, filters: BillFilters, limit: int | None = None
) -> list[BillRow]:
    """Every bill as filtered, for the feed and the downloads. Two queries."""
    bills = (
        _filtered(council, filters)
        .select_related("term", "session")
        .prefetch_related(_sponsors_prefetch())
        .order_by("-term__number", "-number")
    )
    if limit is not None:
        bills = bills[:limit]
    return _rows(bills)


def bills_for_feed(council: Council, limit: int = 50) -> list[BillRow]:
    """The latest bills by their latest action's date (the feed's order). Two queries."""
    bills = (
        with_status(Bill.objects.of(council))
        .select_related("term", "committee")
        .prefetch_related(_sponsors_prefetch())
        .order_by("-latest_date", "-pk")[:limit]
    )
    return _rows(bills)


@dataclass
class MemberFeedEntry:
    bill: Bill
    role: str  # 대표발의 / 공동발의
    status: str


@dataclass
class MemberFeed:
    member: Member
    entries: list[MemberFeedEntry]


def member_feed(council: Council, pk: int, limit: int = 50) -> MemberFeed | None:
    """A member and the bills they sponsored (대표 or 공동), the one whose latest action is
    newest first (a bill with no action yet last), for the member's Atom feed; None if the
    council has no such member. Two queries."""
    member = Member.objects.filter(term__council=council, pk=pk).select_related("term").first()
    if member is None:
        return None
    # The role comes through the join of the filter (one sponsorship per bill and member).
    bills = (
        with_status(Bill.objects.filter(sponsors__member=member))
        .select_related("term")
        .annotate(sponsor_role=F("sponsors__role"))
        .order_by(F("latest_date").desc(nulls_last=True), "-pk")[:limit]
    )
    labels = dict(BillSponsor.Role.choices)
    return MemberFeed(
        member=member,
        entries=[
            MemberFeedEntry(bill, labels[bill.sponsor_role], status_label(bill)) for bill in bills
        ],
    )


@dataclass
class BillDetail:
    bill: Bill
    status: str
    actions: list[BillAction]
    lead: list[BillSponsor]
    co: list[BillSponsor]
    documents: list[BillDocument]
    agenda_items: list

    @property
    def received_on(self) -> datetime.date | None:
        return next((a.date for a in self.actions if a.kind == BillAction.Kind.RECEIPT), None)


def bill_detail(council: Council, pk: int) -> BillDetail | None:
    """One bill with its timeline, sponsors, documents and agenda items; None if the council
    has no such bill. Five queries."""
    bill = (
        with_committee_in_charge(with_status(Bill.objects.of(council)))
        .select_related("term", "session")
        .prefetch_related(
            Prefetch(
                "actions",
                queryset=BillAction.objects.select_related("committee").order_by("date", "pk"),
            ),
            _sponsors_prefetch(),
            Prefetch("documents", queryset=BillDocument.objects.order_by("kind", "pk")),
            "agenda_items__session",
        )
        .filter(pk=pk)
        .first()
    )
    if bill is None:
        return None
    sponsors = list(bill.sponsors.all())
    return BillDetail(
        bill=bill,
        status=status_label(bill),
        actions=list(bill.actions.all()),
        lead=[s for s in sponsors if s.role == BillSponsor.Role.LEAD],
        co=[s for s in sponsors if s.role == BillSponsor.Role.CO],
        documents=list(bill.documents.all()),
        agenda_items=list(bill.agenda_items.all()),
    )


def bill_document(council: Council, bill_pk: int, pk: int) -> BillDocument | None:
    return (
        BillDocument.objects.filter(bill__term__council=council, bill_id=bill_pk, pk=pk)
        .select_related("bill")
        .first()
    )
