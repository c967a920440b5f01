"""Public pages of outreach: /outreach/ (PR figures, targets, citizen monitors, school visits,
community activities, seminars and training) and the school-visit application form
/outreach/visits/apply/ (POST-redirect-GET to a confirmation addressed by a signed
reference, never showing personal data)."""

from __future__ import annotations

from django.core import signing
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from common.caching import cached_page
from common.spreadsheets import SheetData, xlsx_response
from council.models import Council, Member, SecretariatUnit
from council.selectors import PAGE_INFO_SCOPES, page_info, the_council
from council.shortcuts import council_or_404

from . import models, ratelimit, selectors, services
from .forms import VisitApplicationForm
from .models import VisitApplication

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
# The PR figures' spreadsheet: the table of PR figures and press coverage only.
PR_XLSX_SCOPES = (Council, models.PRYear, models.PRChannel, models.PRFigure, models.PressCoverage)


@require_safe
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


@require_safe
@cached_page(*PR_XLSX_SCOPES)
def pr_xlsx(request):
    """The page's PR figures (매체별 실적, 언론보도): counts and costs in won per year."""
    council = council_or_404()
    table = selectors.pr_table(council)
    labels = [selectors.pr_year_label(y) for y in table.years]
    header = ["구분", "단위"]
    for label in labels:
        header += [f"{label} 건수", f"{label} 비용(원)"]
    rows: list[list] = [[f"{council.name} 주요 홍보 실적"], ["(비용 단위: 원)"], header + ["비고"]]
    for row in table.rows:
        cells: list = []
        for cell in row.cells:
            cells += [cell.count, cell.cost]
        rows.append([row.label, row.unit, *cells, row.remark])
    rows.append([])
    rows.append(["언론보도 (보도실적)"])
    coverage_start = len(rows) + 1
    for row in [*table.coverage, table.coverage_total]:
        label = "계" if row is table.coverage_total else row.label
        cells = []
        for cell in row.cells:
            cells += [cell.count, None]
        rows.append([label, "건", *cells])
    sheet = SheetData(
        name="홍보 실적",
        rows=rows,
        header_row=3,
        bold_rows=frozenset({coverage_start - 1, len(rows)}),
        widths=(24, 8, *([12, 14] * len(labels)), 30),
    )
    return xlsx_response([sheet], "outreach-pr.xlsx")


# ---------------------------------------------------------------- the school-visit application form

REFERENCE_SALT = "outreach.visit-application"
REFERENCE_MAX_AGE = 7 * 24 * 60 * 60  # the confirmation link works for a week


def too_many_requests(request, council: Council | None = None, retry_after: int | None = None):
    _, seconds = ratelimit.rate()
    retry_after = retry_after or seconds
    response = render(
        request,
        "429.html",
        {
            "retry_minutes": max(1, -(-retry_after // 60)),
            "contact": selectors.responsible_contact(council),
        },
        status=429,
    )
    response["Retry-After"] = str(retry_after)
    return response


# ---------------------------------------------------------------- views


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def apply(request):
    council = council_or_404()
    rules = services.visit_program_settings(council)
    today = timezone.localdate()
    team = selectors.responsible_contact(council)
    page = {
        "council": council,
        "contact": team,
        "intro": selectors.visit_intro(rules, council.words),
    }
    if not rules.accepting:
        return render(request, "outreach/apply_closed.html", page)
    duplicate = None
    if request.method == "POST":
        address = ratelimit.client_address(request)
        wait = ratelimit.wait(address)
        if wait:
            return too_many_requests(request, council, wait)
        form = VisitApplicationForm(request.POST, rules=rules, today=today, team=team.team)
        if form.is_bot:
            try:
                ratelimit.take(address)  # a bot's post looks accepted, so it counts too
            except ratelimit.RateLimitExceeded as limited:
                return too_many_requests(request, council, limited.retry_after)
            return redirect("outreach:visit_apply_done")
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "homepage"}
            try:
                application = services.submit_visit_application(
                    council=council, client_address=address, **data
                )
            except ratelimit.RateLimitExceeded as limited:
                return too_many_requests(request, council, limited.retry_after)
            except services.DuplicateApplication as copy:
                duplicate = copy.existing
            else:
                reference = signing.dumps(application.pk, salt=REFERENCE_SALT)
                return redirect(f"{_done_url()}?ref={reference}")
    else:
        form = VisitApplicationForm(rules=rules, today=today, team=team.team)
    if duplicate is not None:
        status = 409  # the same application is already there: nothing to correct
    else:
        status = 400 if form.is_bound else 200
    return render(
        request,
        "outreach/apply.html",
        {
            **page,
            "form": form,
            "rules": rules,
            "duplicate": duplicate,
            # Every error with a link to its field, for the summary that takes the focus.
            "error_summary": form.error_summary() if form.is_bound else [],
        },
        status=status,
    )


def _done_url() -> str:
    return reverse("outreach:visit_apply_done")


@never_cache
@require_http_methods(["GET", "HEAD"])
def apply_done(request):
    """The confirmation: what was asked for and what happens next, no personal data."""
    application = None
    reference = request.GET.get("ref", "")
    if reference:
        try:
            pk = signing.loads(reference[:200], salt=REFERENCE_SALT, max_age=REFERENCE_MAX_AGE)
            application = VisitApplication.objects.get(pk=int(pk))
        except (signing.BadSignature, VisitApplication.DoesNotExist, TypeError, ValueError):
            raise Http404("신청 확인 주소가 올바르지 않거나 기간이 지났습니다.") from None
    session = (
        selectors.session_on(application.council, application.wished_date) if application else None
    )
    council = application.council if application else the_council()
    return render(
        request,
        "outreach/apply_done.html",
        {
            "application": application,
            "session": session,
            "contact": selectors.responsible_contact(council),
        },
    )
