"""Public page /council/: the term and its seats, members, committees, the secretariat and
the staff table."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_safe

from common.caching import cached_page
from common.spreadsheets import SheetData, xlsx_response
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
from council.selectors import PAGE_INFO_SCOPES, council_overview, page_info, staff_table
from council.shortcuts import council_or_404

# The team responsible for the page (its foot's 담당): the council's team of this role.
TEAM = SecretariatUnit.Role.GENERAL_AFFAIRS
# The models the page reads (their data versions key its cache); the secretariat's units
# are among page_info's. Each committee links its body's page and feed (the sessions app's
# bodies, named by label: council imports no app above it).
SCOPES = (
    Council,
    Term,
    Member,
    Committee,
    CommitteeMembership,
    StaffTable,
    StaffQuota,
    "sessions_app.body",
    *PAGE_INFO_SCOPES,
)
# The members' spreadsheet reads the overview (members, their committees, the secretariat).
MEMBERS_XLSX_SCOPES = (Council, Term, Member, Committee, CommitteeMembership, SecretariatUnit)


@require_safe
@cached_page(*SCOPES)
def overview(request):
    council = council_or_404()
    return render(
        request,
        "council/overview.html",
        {
            "overview": council_overview(council, bodies=True),
            "staff": staff_table(council),
            "breadcrumbs": [("의회 소개", "")],
            "page_info": page_info(council, TEAM, *SCOPES),
        },
    )


@require_safe
@cached_page(*MEMBERS_XLSX_SCOPES)
def members_xlsx(request):
    """The latest term's members as the page lists them: one row a member."""
    council = council_or_404()
    overview = council_overview(council)
    title = f"{council.name} 제{overview.term.number}대 의원" if overview.term else council.name
    rows: list[list] = [[title], ["이름", "직위", "정당", "선거구", "소속 위원회"]]
    for row in overview.members:
        seats = ", ".join(
            seat.committee.name + ("" if seat.role_label == "위원" else f" {seat.role_label}")
            for seat in row.seats
        )
        member = row.member
        rows.append(
            [member.name, member.get_role_display(), member.party, member.constituency, seats]
        )
    sheet = SheetData(name="의원", rows=rows, header_row=2, widths=(12, 10, 16, 24, 50))
    return xlsx_response([sheet], "council-members.xlsx")
