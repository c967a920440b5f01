"""Public page /outreach/: PR figures, targets, citizen monitors, school visits, community
activities, seminars and training."""

from __future__ import annotations

from django.shortcuts import render

from common.caching import cached_page
from council.models import Council, Member, SecretariatUnit
from council.selectors import PAGE_INFO_SCOPES, page_info
from council.shortcuts import council_or_404

from . import models, selectors

# The team responsible for the page (its foot's 담당): the council's team of this role.
TEAM = SecretariatUnit.Role.PUBLIC_RELATIONS
# The models the page reads (their data versions key its cache). Not visit applications:
# a citizen's application changes nothing shown here until it becomes a school visit.
SCOPES = (
    Council,
    models.PRYear,
    models.PRChannel,
    models.PRFigure,
    models.PressCoverage,
    models.PRTarget,
    models.MonitorCohort,
    models.Monitor,
    Member,  # who recommended a monitor
    models.MonitorActivity,
    models.SchoolVisit,
    models.CommunityActivity,
    models.StudyEvent,
    *PAGE_INFO_SCOPES,
)


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
