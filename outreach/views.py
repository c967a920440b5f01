"""Public page /outreach/: PR figures, targets, citizen monitors, school visits, community
activities, seminars and training."""

from __future__ import annotations

from django.shortcuts import render

from common.caching import cached_page
from council.selectors import page_info
from council.shortcuts import council_or_404

from . import selectors

TEAM = "의회홍보팀"
SCOPES = ("outreach", "council")


@cached_page(*SCOPES)
def overview(request):
    council = council_or_404()
    table = selectors.pr_table(council)
    target_years = selectors.pr_target_years(council)
    target_year = target_years[-1] if target_years else None
    return render(
        request,
        "outreach/overview.html",
        {
            "table": table,
            "year_labels": [selectors.pr_year_label(y) for y in table.years],
            "channel_lines": selectors.pr_lines(table, table.rows),
            "coverage_lines": selectors.pr_lines(table, [*table.coverage, table.coverage_total]),
            "charts": selectors.pr_charts(table),
            "press": selectors.press_summary(table),
            "target_year": target_year,
            "targets": selectors.pr_targets(council, target_year) if target_year else [],
            "monitors": selectors.monitor_overview(council),
            "visits": selectors.school_visits(council),
            "community": selectors.community_activities(council),
            "study_groups": selectors.study_events_by_kind(council),
            "breadcrumbs": [("의정 홍보", "")],
            "page_info": page_info(council, TEAM, *SCOPES),
        },
    )
