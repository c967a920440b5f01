"""Public views of the work plan: thin wrappers around the builder and the PDF cache."""

from __future__ import annotations

import hashlib

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from common.caching import cached_page
from council.models import SecretariatUnit
from council.selectors import PAGE_INFO_SCOPES, page_info

from .models import Rendition
from .report.builder import REPORT_SCOPES, ReportNotFound, build_report, report_version
from .selectors import made_rendition, work_plan_of_year, work_plan_years
from .services import rendition_lost, rendition_request

# The team responsible for the page (its foot's 담당): the council's team of this role.
TEAM = SecretariatUnit.Role.GENERAL_AFFAIRS

# Seconds a download that found its PDF being made is asked to wait (Retry-After).
PDF_RETRY_AFTER = 5

MIN_YEAR, MAX_YEAR = 1990, 2100  # WorkPlan.clean() allows these years only

# The models each output reads (their data versions key its cache): the report's records;
# the page also its foot. A visit application, for one, is none of them.
PDF_SCOPES = REPORT_SCOPES
HTML_SCOPES = (*REPORT_SCOPES, *PAGE_INFO_SCOPES)


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404(f"주요업무계획 연도는 {MIN_YEAR}년부터 {MAX_YEAR}년 사이입니다.")


@require_safe
def latest(request):
    """/workplan/ → the latest year that has a work plan."""
    years = work_plan_years()
    if not years:
        raise Http404("등록된 주요업무계획이 없습니다.")
    return redirect("workplan:html", year=years[-1])


@require_safe
@cached_page(*HTML_SCOPES)
def workplan_html(request, year: int):
    _check_year(year)
    try:
        report = build_report(year)
    except ReportNotFound as missing:
        raise Http404(str(missing)) from None
    context = {
        "report": report,
        "for_print": False,
        "other_years": [y for y in work_plan_years() if y != year],
        "breadcrumbs": [("주요업무계획", ""), (f"{year}년", "")],
        "page_info": page_info(report.council, TEAM, *HTML_SCOPES),
    }
    return render(request, "workplan/page.html", context)


@require_safe
def workplan_pdf_view(request, year: int):
    """The PDF a worker made from the records' current version; while it is being made
    (the first download after an edit), a page that says so: 202 Accepted, Retry-After."""
    _check_year(year)
    # The version first: a made PDF then costs this query, the rendition's and the file.
    version = report_version()  # the version of PDF_SCOPES
    etag = '"' + hashlib.sha256(f"{year}:{version}".encode()).hexdigest()[:32] + '"'
    rendition = made_rendition(year, version)
    made_before = rendition is not None
    if rendition is not None and etag in request.headers.get("If-None-Match", ""):
        # Only a PDF of this year at this version was ever given this ETag.
        response = HttpResponse(status=304)
    else:
        if rendition is None:
            plan = work_plan_of_year(year)
            if plan is None:
                raise Http404(f"{year}년 주요업무계획이 없습니다.")
            rendition = rendition_request(work_plan=plan, version=version)
        if rendition.status != Rendition.Status.DONE:
            return _pdf_pending(request, year, rendition)
        try:
            content = rendition.file.open("rb")
        except FileNotFoundError:
            # The stored file went missing (a volume not mounted, a restore without media):
            # make it again rather than fail.
            rendition = rendition_lost(rendition=rendition)
            return _pdf_pending(request, year, rendition)
        response = FileResponse(
            content,
            content_type="application/pdf",
            as_attachment=request.GET.get("inline") != "1",
            filename=rendition.filename,
        )
        # "hit": made before this request; "miss": made for it (tasks run in the request).
        response["X-Workplan-Cache"] = "hit" if made_before else "miss"
    response["ETag"] = etag
    # Browsers and proxies may keep it, but must ask again: an edit changes the ETag.
    response["Cache-Control"] = "public, no-cache"
    return response


def _pdf_pending(request, year: int, rendition: Rendition):
    context = {"year": year, "failed": rendition.status == Rendition.Status.FAILED}
    response = render(request, "workplan/pdf_pending.html", context, status=202)
    response["Retry-After"] = str(PDF_RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response
