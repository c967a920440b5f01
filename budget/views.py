"""Public budget pages: /budget/ (the latest year), /budget/<year>/ and its CSV, JSON and
XLSX."""

from __future__ import annotations

import json

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from common.caching import cached_page
from common.spreadsheets import xlsx_response
from council.models import Council, SecretariatUnit
from council.selectors import PAGE_INFO_SCOPES, page_info
from council.shortcuts import council_or_404

from . import exports
from .models import BudgetAmount, BudgetItem, BudgetYear
from .selectors import budget_charts, budget_comparison, budget_year_state, budget_years

# The team responsible for the page (its foot's 담당): the council's team of this role.
TEAM = SecretariatUnit.Role.GENERAL_AFFAIRS
# The models each view reads (their data versions key its cache): the tree and amounts, and
# the page also its foot; which years are published (drafts are for staff only).
EXPORT_SCOPES = (Council, BudgetItem, BudgetAmount, BudgetYear)
PAGE_SCOPES = (*EXPORT_SCOPES, *PAGE_INFO_SCOPES)
UNITS = ("백만원", "천원")
DEFAULT_UNIT = "백만원"


def sees_drafts(request) -> bool:
    """Staff signed in see draft years (with a "공개 전 미리보기" banner); their pages are
    never cached (common.caching skips a valid staff session)."""
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_active and user.is_staff)


def _comparison_or_404(request, council, year: int):
    """The year's comparison; a draft year (not published) is a 404 for the public."""
    comparison = budget_comparison(council, year, published_only=not sees_drafts(request))
    if comparison is None:
        raise Http404(f"{year}년 예산 자료가 없습니다.")
    return comparison


@require_safe
def latest(request):
    """/budget/ → the latest published year (staff: the latest year, draft or not)."""
    years = budget_years(council_or_404(), published_only=not sees_drafts(request))
    if not years:
        raise Http404("등록된 예산 자료가 없습니다.")
    return redirect("budget:year", year=years[-1])


@require_safe
@cached_page(*PAGE_SCOPES, params=("unit",))
def year_page(request, year: int):
    council = council_or_404()
    comparison = _comparison_or_404(request, council, year)
    drafts = sees_drafts(request)
    state = budget_year_state(council, year) if drafts else None
    unit = request.GET.get("unit")
    unit = unit if unit in UNITS else DEFAULT_UNIT  # an unknown unit falls back, never a 500
    base = reverse("budget:year", kwargs={"year": year})
    return render(
        request,
        "budget/year.html",
        {
            "comparison": comparison,
            "unit": unit,
            "units": [(u, base if u == DEFAULT_UNIT else f"{base}?unit={u}") for u in UNITS],
            "unit_query": "" if unit == DEFAULT_UNIT else f"?unit={unit}",
            "years": budget_years(council, published_only=not drafts),
            # Staff only: a draft year's page is a preview of what publishing would show.
            "preview": drafts and not (state and state.is_published),
            "charts": budget_charts(comparison, unit),
            "field_docs": exports.FIELD_DOCS,
            "breadcrumbs": [("예산", reverse("budget:latest")), (f"{year}년 예산", "")],
            "page_info": page_info(council, TEAM, *PAGE_SCOPES),
        },
    )


@require_safe
@cached_page(*EXPORT_SCOPES)
def year_csv(request, year: int):
    comparison = _comparison_or_404(request, council_or_404(), year)
    response = HttpResponse(exports.budget_csv(comparison), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="budget-{year}.csv"'
    return response


@require_safe
@cached_page(*EXPORT_SCOPES)
def year_json(request, year: int):
    council = council_or_404()
    comparison = _comparison_or_404(request, council, year)
    data = exports.budget_json(comparison, council_name=council.name)
    return HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=1),
        content_type="application/json; charset=utf-8",
    )


@require_safe
@cached_page(*EXPORT_SCOPES)
def year_xlsx(request, year: int):
    """The year in the layout a clerk fills in and the admin's 엑셀 가져오기 reads back."""
    council = council_or_404()
    comparison = _comparison_or_404(request, council, year)
    sheet = exports.budget_sheet(comparison, council_name=council.name)
    return xlsx_response([sheet], f"budget-{year}.xlsx")
