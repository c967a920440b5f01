"""Reads of the members' pages: a term's members, and one member's profile and activity
(attendance per kind of sitting and status, bills sponsored with their status, committee
seats with dates, the terms the person served, ballots in recorded votes, questions to the
executive and five-minute speeches), all counted from the records."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch

from council.models import CommitteeMembership, Council, Member, Term
from sessions_app import selectors as sittings
from sessions_app.models import Attendance, Body

from . import selectors
from .models import Bill, BillSponsor

_ROLE_ORDER = {"chair": 0, "vice_chair": 1, "member": 2}
# The kinds of sitting a member's attendance is counted by.
PLENARY = "plenary"
COMMITTEE = "committee"
SITTING_KINDS = ((PLENARY, "본회의"), (COMMITTEE, "위원회"))


def term_of(council: Council, number: int | None) -> Term | None:
    """The council's term `number`, else its latest; None when there is no such term."""
    terms = Term.objects.filter(council=council)
    if number is not None:
        return terms.filter(number=number).first()
    return terms.order_by("-number").first()


@dataclass
class MemberListRow:
    member: Member
    terms_served: int
    seats: list[CommitteeMembership]


@dataclass
class MemberList:
    council: Council
    term: Term | None
    terms: list[Term]
    rows: list[MemberListRow]


def _memberships_prefetch() -> Prefetch:
    return Prefetch(
        "memberships",
        queryset=CommitteeMembership.objects.select_related("committee").order_by(
            "committee__order", "committee__name"
        ),
    )


def member_list(council: Council, term: Term | None) -> MemberList:
    """The term's members (chair, vice chairs, then by name) with their committees and the
    number of terms each person served. Four queries."""
    rows: list[MemberListRow] = []
    if term is not None:
        members = (
            Member.objects.filter(term=term)
            .select_related("person")
            .annotate(_terms=Count("person__members", distinct=True))
            .prefetch_related(_memberships_prefetch())
        )
        for member in sorted(members, key=lambda m: (_ROLE_ORDER.get(m.role, 9), m.name)):
            rows.append(MemberListRow(member, member._terms or 1, list(member.memberships.all())))
    return MemberList(
        council=council,
        term=term,
        terms=list(Term.objects.filter(council=council).order_by("-number")),
        rows=rows,
    )


@dataclass(frozen=True)
class AttendanceCount:
    kind: str  # plenary / committee
    label: str  # 본회의 / 위원회
    counts: dict[str, int]  # status → sittings

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def cells(self) -> list[int]:
        """Counts in the order of Attendance.Status (출석, 청가, 결석, 출장)."""
        return [self.counts.get(status, 0) for status in Attendance.Status.values]


@dataclass
class SponsoredBill:
    bill: Bill
    role: str  # 대표발의 / 공동발의
    status: str


@dataclass
class MemberActivity:
    member: Member
    terms_served: list[Member]  # the person's members, one per term, oldest first
    attendance: list[AttendanceCount]
    sponsored: list[SponsoredBill]
    seats: list[CommitteeMembership]
    record: sittings.MemberRecord  # ballots (the newest, with the tally of all) and speeches

    @property
    def status_labels(self) -> list[str]:
        return list(Attendance.Status.labels)

    @property
    def lead_count(self) -> int:
        return sum(1 for s in self.sponsored if s.role == BillSponsor.Role.LEAD.label)

    @property
    def co_count(self) -> int:
        return sum(1 for s in self.sponsored if s.role == BillSponsor.Role.CO.label)


def member_activity(council: Council, pk: int) -> MemberActivity | None:
    """One member's profile and activity; None if the council has no such member. Nine
    queries whatever the number of sittings, bills, ballots and speeches."""
    member = (
        Member.objects.filter(term__council=council, pk=pk)
        .select_related("term", "person")
        .prefetch_related(_memberships_prefetch())
        .first()
    )
    if member is None:
        return None
    if member.person_id:
        terms_served = list(
            Member.objects.filter(person_id=member.person_id)
            .select_related("term")
            .order_by("term__number")
        )
    else:
        terms_served = [member]

    counted = (
        Attendance.objects.filter(member=member)
        .values("sitting__body__kind", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_kind: dict[str, dict[str, int]] = {PLENARY: {}, COMMITTEE: {}}
    for row in counted:
        kind = PLENARY if row["sitting__body__kind"] == Body.Kind.PLENARY else COMMITTEE
        by_kind[kind][row["status"]] = by_kind[kind].get(row["status"], 0) + row["n"]
    attendance = [AttendanceCount(kind, label, by_kind[kind]) for kind, label in SITTING_KINDS]

    roles = dict(BillSponsor.objects.filter(member=member).values_list("bill_id", "role"))
    bills = (
        selectors.with_status(Bill.objects.filter(pk__in=roles))
        .select_related("term")
        .order_by("-term__number", "-number")
    )
    labels = dict(BillSponsor.Role.choices)
    sponsored = [
        SponsoredBill(bill, labels[roles[bill.pk]], selectors.status_label(bill)) for bill in bills
    ]
    return MemberActivity(
        member=member,
        terms_served=terms_served,
        attendance=attendance,
        sponsored=sponsored,
        seats=list(member.memberships.all()),
        record=sittings.member_record(member, council.words),
    )
