"""Reads of the council itself shared by pages, the admin and the work plan report."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import F, OuterRef, Subquery

from common import request_memo, versioning
from council.models import (
    Committee,
    CommitteeMembership,
    Council,
    Member,
    SecretariatUnit,
    StaffQuota,
    StaffTable,
    Term,
)
from council.words import GENERIC_WORDS, CouncilWords

# What a council's secretariat is called while no bureau is recorded.
DEFAULT_BUREAU = "의회사무국"


def the_council() -> Council | None:
    """The council this portal serves (the one Council row), None before any is recorded.

    A deployment serves one council; another council is other data, not other code. Read
    once per request (common.request_memo; a save of a council or a secretariat unit reads
    it again): the page's view and its header (site_identity) share the one query.
    """
    return request_memo.memoized(_THE_COUNCIL, lambda: Council.objects.order_by("pk").first())


_THE_COUNCIL = "council.the_council"


def _units_key(council: Council) -> str:
    return f"council.units.{council.pk}"


def _units(council: Council) -> list[tuple]:
    """The council's secretariat units as (kind, role, name, phone, email), in their order.
    One query, read once per request: the header's bureau and the foot's team share it."""
    return request_memo.memoized(
        _units_key(council),
        lambda: list(
            SecretariatUnit.objects.filter(council=council)
            .order_by("order", "name")
            .values_list("kind", "role", "name", "phone", "email")
        ),
    )


# What page_info() reads itself: a cached page that shows it lists these among its scopes.
PAGE_INFO_SCOPES = (SecretariatUnit,)


@dataclass(frozen=True)
class PageInfo:
    """What every public page states at its foot: who is responsible, how fresh it is."""

    team: str
    changed_at: datetime.datetime | None


def page_info(council: Council, role: str | None, *scopes: versioning.Scope) -> PageInfo:
    """The responsible team (the council's team of that SecretariatUnit.Role, named as the
    secretariat calls it; the bureau when no team has the role or for None) and the time the
    records the page shows (the given models) last changed. Two queries."""
    return PageInfo(team=contact(council, role).team, changed_at=versioning.last_changed(*scopes))


@dataclass(frozen=True)
class Contact:
    """Whom a citizen asks about a page or a form: a team (or the bureau) and a number."""

    bureau: str  # the bureau's name (DEFAULT_BUREAU while none is recorded)
    team: str  # the team of the role asked for; the bureau when no team has it
    phone: str  # the team's number, else the council's; "" when neither is recorded
    email: str = ""  # the team's address, else the bureau's; "" when neither is recorded

    @property
    def label(self) -> str:
        """ "의회사무국 의사팀", or the bureau alone."""
        return self.bureau if self.team == self.bureau else f"{self.bureau} {self.team}"


def contact(council: Council, role: str | None) -> Contact:
    """The council's team of a role (SecretariatUnit.Role value; None for the secretariat as
    a whole) with its bureau, phone number and e-mail address. One query (the units, read
    once per request)."""
    units = _units(council)
    bureau = next((u for u in units if u[0] == SecretariatUnit.Kind.BUREAU), None)
    team = next((u for u in units if role and u[1] == role), None) or bureau
    bureau_name = bureau[2] if bureau else DEFAULT_BUREAU
    return Contact(
        bureau=bureau_name,
        team=team[2] if team else bureau_name,
        phone=(team[3] if team else "") or council.phone,
        email=(team[4] if team else "") or (bureau[4] if bureau else ""),
    )


# ---------------------------------------------------------------- whose portal this is


@dataclass(frozen=True)
class SiteIdentity:
    """What every page says about whose portal it is: title, header, footer, error pages."""

    council: Council | None
    portal_name: str  # "<의회명> 의정 포털" unless the council records its own
    council_name: str  # "" before a council is recorded
    bureau: str  # the secretariat's name (DEFAULT_BUREAU while none is recorded)
    address: str
    phone: str
    words: CouncilWords


# Before a council is recorded, or when the database cannot be read (the 500 page).
GENERIC_SITE = SiteIdentity(
    council=None,
    portal_name="의정 포털",
    council_name="",
    bureau=DEFAULT_BUREAU,
    address="",
    phone="",
    words=GENERIC_WORDS,
)


def site_identity() -> SiteIdentity:
    """The portal's council (the_council()) with its bureau's name, or GENERIC_SITE before
    any council is recorded. One query, none when the request has read the council and
    its units already (the view's council, the foot's team)."""
    if request_memo.known(_THE_COUNCIL):
        council = the_council()
        if council is None:
            return GENERIC_SITE
        # The foot's team (page_info) has read the units already, on most pages.
        units = _units(council)
        bureau = next((u[2] for u in units if u[0] == SecretariatUnit.Kind.BUREAU), "")
    else:
        # Nothing read yet (the admin's header): the council and its bureau's name at once.
        first_bureau = (
            SecretariatUnit.objects.filter(council=OuterRef("pk"), kind=SecretariatUnit.Kind.BUREAU)
            .order_by("order", "name")
            .values("name")[:1]
        )
        annotated = Council.objects.annotate(bureau_name=Subquery(first_bureau))
        row = annotated.order_by("pk").first()
        request_memo.remember(_THE_COUNCIL, row)
        if row is None:
            return GENERIC_SITE
        council, bureau = row, row.bureau_name
    return SiteIdentity(
        council=council,
        portal_name=council.portal_title,
        council_name=council.name,
        bureau=bureau or DEFAULT_BUREAU,
        address=council.address,
        phone=council.phone,
        words=council.words,
    )


# ---------------------------------------------------------------- the council's organisation


@dataclass(frozen=True)
class CommitteeSeat:
    """A member's place on a committee (위원장, 부위원장, 위원)."""

    committee: Committee
    member: Member
    role_label: str


@dataclass
class CommitteeRow:
    committee: Committee
    seats: list[CommitteeSeat]  # chair first, then vice chair, then members by name
    # The slug of the committee's body (its sittings' page and feed), when read and recorded.
    body_slug: str = ""


@dataclass
class MemberRow:
    member: Member
    seats: list[CommitteeSeat]  # the committees this member sits on


@dataclass
class SecretariatKind:
    kind: str
    label: str  # 국, 전문위원, 팀
    units: list[SecretariatUnit]

    @property
    def count(self) -> int:
        return len(self.units)


@dataclass
class CouncilOverview:
    council: Council
    term: Term | None  # the latest term
    members: list[MemberRow]  # chair, vice chairs, then members by name
    standing: list[CommitteeRow]
    special: list[CommitteeRow]
    secretariat: list[SecretariatKind]  # 국, 전문위원, 팀 (kinds with no unit left out)

    @property
    def seats(self) -> int | None:
        return self.term.seats if self.term else None

    @property
    def vacant_seats(self) -> int | None:
        """Seats with no member registered (the whole term while no names are entered)."""
        if self.term is None:
            return None
        return max(self.term.seats - len(self.members), 0)

    @property
    def bureau_name(self) -> str:
        """The secretariat's name as the council records it (its bureau)."""
        bureaus = next((k.units for k in self.secretariat if k.kind == "bureau"), [])
        return bureaus[0].name if bureaus else DEFAULT_BUREAU

    @property
    def secretariat_label(self) -> str:
        """ "1국, 3전문위원, 3팀", counted from the units."""
        return ", ".join(f"{k.count}{k.label}" for k in self.secretariat)


_ROLE_ORDER = {"chair": 0, "vice_chair": 1, "member": 2}


def council_overview(council: Council, *, bodies: bool = False) -> CouncilOverview:
    """The council's term, seats, members with their committees, committees (standing and
    special) with their members, and the secretariat counted by kind. Five queries.

    With bodies=True each committee row carries its body's slug (the sessions app's reverse
    relation `committee.body`, joined by name: council imports no app above it), so the
    page links each committee's sittings and feed without a query per committee."""
    term = Term.objects.filter(council=council).order_by("-number").first()
    memberships = list(
        CommitteeMembership.objects.filter(committee__council=council)
        .select_related("committee", "member")
        .order_by("committee__order", "committee__name", "member__name")
    )
    seats_by_committee: dict[int, list[CommitteeSeat]] = {}
    seats_by_member: dict[int, list[CommitteeSeat]] = {}
    for m in sorted(memberships, key=lambda m: (_ROLE_ORDER.get(m.role, 9), m.member.name)):
        if term is not None and m.member.term_id != term.pk:
            continue
        seat = CommitteeSeat(m.committee, m.member, m.get_role_display())
        seats_by_committee.setdefault(m.committee_id, []).append(seat)
    for seats in seats_by_committee.values():
        for seat in seats:
            seats_by_member.setdefault(seat.member.pk, []).append(seat)
    for seats in seats_by_member.values():
        seats.sort(key=lambda s: (s.committee.order, s.committee.name))

    members = []
    if term is not None:
        found = sorted(
            Member.objects.filter(term=term),
            key=lambda m: (_ROLE_ORDER.get(m.role, 9), m.name),
        )
        members = [MemberRow(m, seats_by_member.get(m.pk, [])) for m in found]

    standing: list[CommitteeRow] = []
    special: list[CommitteeRow] = []
    committees = Committee.objects.filter(council=council).order_by("order", "name")
    if bodies:
        committees = committees.annotate(body_slug=F("body__slug"))
    for committee in committees:
        row = CommitteeRow(
            committee,
            seats_by_committee.get(committee.pk, []),
            getattr(committee, "body_slug", None) or "",
        )
        (standing if committee.kind == Committee.Kind.STANDING else special).append(row)

    by_kind: dict[str, list[SecretariatUnit]] = {}
    for unit in SecretariatUnit.objects.filter(council=council).order_by("order", "name"):
        by_kind.setdefault(unit.kind, []).append(unit)
    secretariat = [
        SecretariatKind(kind, label, by_kind[kind])
        for kind, label in SecretariatUnit.Kind.choices
        if kind in by_kind
    ]
    return CouncilOverview(
        council=council,
        term=term,
        members=members,
        standing=standing,
        special=special,
        secretariat=secretariat,
    )


# ---------------------------------------------------------------- staff table (정원/현원)


@dataclass(frozen=True)
class QuotaRow:
    category: str
    category_label: str
    grade: int
    authorised: int
    current: int

    @property
    def difference(self) -> int:
        """현원 - 정원: positive when over-filled (초과), negative when under-filled (결원)."""
        return self.current - self.authorised

    @property
    def status(self) -> str:
        """ "over", "under" or "full"."""
        if self.current > self.authorised:
            return "over"
        if self.current < self.authorised:
            return "under"
        return "full"

    @property
    def status_label(self) -> str:
        if self.status == "over":
            return f"초과 {self.difference}"
        if self.status == "under":
            return f"결원 {-self.difference}"
        return "충원"

    @property
    def grade_label(self) -> str:
        return f"{self.grade}급"


@dataclass
class QuotaCategory:
    category: str
    label: str  # 일반직, 임기제, 별정직
    rows: list[QuotaRow]

    @property
    def authorised(self) -> int:
        return sum(r.authorised for r in self.rows)

    @property
    def current(self) -> int:
        return sum(r.current for r in self.rows)

    @property
    def difference(self) -> int:
        return self.current - self.authorised


@dataclass
class StaffOverview:
    table: StaffTable
    categories: list[QuotaCategory]

    @property
    def basis_date(self) -> datetime.date:
        return self.table.basis_date

    @property
    def rows(self) -> list[QuotaRow]:
        return [row for category in self.categories for row in category.rows]

    @property
    def authorised(self) -> int:
        return sum(c.authorised for c in self.categories)

    @property
    def current(self) -> int:
        return sum(c.current for c in self.categories)

    @property
    def difference(self) -> int:
        return self.current - self.authorised

    @property
    def over(self) -> list[QuotaRow]:
        return [r for r in self.rows if r.status == "over"]

    @property
    def under(self) -> list[QuotaRow]:
        return [r for r in self.rows if r.status == "under"]


def staff_table(council: Council, basis: datetime.date | None = None) -> StaffOverview | None:
    """The staff table in force on `basis` (the latest one by default): 정원/현원 by category
    and grade, totals per category and overall, over- and under-filled grades. None when no
    table is recorded. Two queries."""
    tables = StaffTable.objects.filter(council=council)
    if basis is not None:
        tables = tables.filter(basis_date__lte=basis)
    table = tables.order_by("-basis_date").first()
    if table is None:
        return None
    labels = dict(StaffQuota.Category.choices)
    order: dict[str, int] = {c: i for i, c in enumerate(StaffQuota.CATEGORY_ORDER)}
    quotas = sorted(table.quotas.all(), key=lambda q: (order.get(q.category, len(order)), q.grade))
    categories: dict[str, QuotaCategory] = {}
    for q in quotas:
        block = categories.setdefault(
            q.category, QuotaCategory(q.category, labels.get(q.category, q.category), [])
        )
        block.rows.append(QuotaRow(q.category, block.label, q.grade, q.authorised, q.current))
    return StaffOverview(table=table, categories=list(categories.values()))
