"""Public page /council/: the term and its seats, members, committees, the secretariat and
the staff table."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_safe

from common.caching import cached_page
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
# are among page_info's.
SCOPES = (
    Council,
    Term,
    Member,
    Committee,
    CommitteeMembership,
    StaffTable,
    StaffQuota,
    *PAGE_INFO_SCOPES,
)


@require_safe
@cached_page(*SCOPES)
def overview(request):
    council = council_or_404()
    return render(
        request,
        "council/overview.html",
        {
            "overview": council_overview(council),
            "staff": staff_table(council),
            "breadcrumbs": [("의회 소개", "")],
            "page_info": page_info(council, TEAM, *SCOPES),
        },
    )
