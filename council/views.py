"""Public page /council/: the term and its seats, members, committees, the secretariat and
the staff table."""

from __future__ import annotations

from django.shortcuts import render

from common.caching import cached_page
from council.selectors import council_overview, page_info, staff_table
from council.shortcuts import council_or_404

TEAM = "의정팀"
SCOPES = ("council",)


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
