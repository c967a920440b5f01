"""Public views of the work plan: the latest published edition (frozen HTML and PDF), every
earlier edition at its own address, and for staff the live draft (builder and renditions)."""

from __future__ import annotations

import hashlib

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from common.caching import cached_page
from council.models import Council, SecretariatUnit
from council.selectors import PAGE_INFO_SCOPES, page_info

from .models import Edition, Rendition, WorkPlan
from .report.builder import ReportNotFound, build_report, report_version
from .selectors import (
    edition_body,
    edition_of_year,
    editions_of_year,
    made_rendition,
    work_plan_of_year,
    work_plan_years,
)
from .services import edition_lost, edition_pdf_request, rendition_lost, rendition_request

# The team responsible for the page (its foot's 담당): the council's team of this role.
TEAM = SecretariatUnit.Role.GENERAL_AFFAIRS

# Seconds a download that found its PDF being made is asked to wait (Retry-After).
PDF_RETRY_AFTER = 5

MIN_YEAR, MAX_YEAR = 1990, 2100  # WorkPlan.clean() allows these years only

# The models each public output reads (their data versions key its cache): the plan and
# its published editions, which hold the frozen document; the page also its foot. An edit
# of a project changes neither (a published edition never changes); staff, who see the
# live draft built from every record (builder.REPORT_SCOPES), are never served the cache.
PDF_SCOPES = (WorkPlan, Edition)
HTML_SCOPES = (Council, WorkPlan, Edition, *PAGE_INFO_SCOPES)


def sees_drafts(request) -> bool:
    """Staff signed in see drafts (with a "공개 전 미리보기" banner)."""
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_active and user.is_staff)


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404(f"주요업무계획 연도는 {MIN_YEAR}년부터 {MAX_YEAR}년 사이입니다.")


@require_safe
def latest(request):
    """/workplan/ → the latest published year (staff: the latest year, draft or not)."""
    years = work_plan_years(published_only=not sees_drafts(request))
    if not years:
        raise Http404("등록된 주요업무계획이 없습니다.")
    return redirect("workplan:html", year=years[-1])


def _other_years(request, year: int) -> list[int]:
    return [y for y in work_plan_years(published_only=not sees_drafts(request)) if y != year]


@require_safe
@cached_page(*HTML_SCOPES)
def workplan_html(request, year: int):
    """The latest published edition as it was published; for staff, the live draft when
    the plan has no edition or its records changed since the last one."""
    _check_year(year)
    editions = editions_of_year(year)
    latest_edition = editions[0] if editions else None
    if sees_drafts(request) and (
        latest_edition is None or latest_edition.version != report_version()
    ):
        return _draft_page(request, year, latest_edition, editions)
    if latest_edition is None:
        raise Http404(f"{year}년 주요업무계획이 없습니다.")
    return _edition_page(request, year, latest_edition, editions)


@require_safe
@cached_page(*HTML_SCOPES)
def edition_html(request, year: int, number: int):
    """One edition, the latest or an earlier one, as it was published."""
    _check_year(year)
    editions = editions_of_year(year)
    edition = next((e for e in editions if e.number == number), None)
    if edition is None:
        raise Http404(f"{year}년 주요업무계획 제{number}판이 없습니다.")
    return _edition_page(request, year, edition, editions)


def _edition_page(request, year: int, edition: Edition, editions: list[Edition]):
    council = edition.plan.council
    context = {
        "edition": edition,
        "editions": editions,
        "is_latest": edition.number == editions[0].number,
        # Frozen when it was published (services.work_plan_publish), from our own templates.
        "document": mark_safe(edition_body(edition)),  # noqa: S308  # nosec B308 B703: rendered from our templates at publication
        "year": year,
        "title": f"{year - 1}. 주요업무 추진실적 및 {year}. 주요업무계획",
        "other_years": _other_years(request, year),
        "breadcrumbs": [("주요업무계획", ""), (f"{year}년", "")],
        "page_info": page_info(council, TEAM, *HTML_SCOPES),
    }
    return render(request, "workplan/page.html", context)


def _draft_page(request, year: int, latest_edition: Edition | None, editions: list[Edition]):
    try:
        report = build_report(year)
    except ReportNotFound as missing:
        raise Http404(str(missing)) from None
    context = {
        "report": report,
        "for_print": False,
        "preview": True,
        "edition": latest_edition,
        "editions": editions,
        "year": year,
        "title": report.title,
        "other_years": _other_years(request, year),
        "breadcrumbs": [("주요업무계획", ""), (f"{year}년", "")],
        "page_info": page_info(report.council, TEAM, *HTML_SCOPES),
    }
    return render(request, "workplan/page.html", context)


def _etag(*parts) -> str:
    return '"' + hashlib.sha256(":".join(map(str, parts)).encode()).hexdigest()[:32] + '"'


@require_safe
def workplan_pdf_view(request, year: int):
    """The latest published edition's PDF, unchanged whatever changes later; for staff, the
    live draft's PDF when the plan has no edition or changed since (a worker makes it: while
    it is being made, a page that says so: 202 Accepted, Retry-After)."""
    _check_year(year)
    edition = edition_of_year(year)
    if sees_drafts(request):
        version = report_version()
        if edition is None or edition.version != version:
            return _draft_pdf(request, year, version)
    if edition is None:
        raise Http404(f"{year}년 주요업무계획이 없습니다.")
    return _edition_pdf(request, year, edition)


@require_safe
def edition_pdf_view(request, year: int, number: int):
    """An edition's PDF at its own stable address: /workplan/<year>/editions/<n>.pdf."""
    _check_year(year)
    edition = edition_of_year(year, number)
    if edition is None:
        raise Http404(f"{year}년 주요업무계획 제{number}판이 없습니다.")
    return _edition_pdf(request, year, edition)


def _edition_pdf(request, year: int, edition: Edition):
    # An edition's file never changes once made: its ETag is the edition itself.
    etag = _etag("edition", edition.pk, edition.number, edition.file.name)
    if edition.status != Edition.Status.DONE:
        edition = edition_pdf_request(edition=edition)  # a failed or stalled one again
        if edition.status != Edition.Status.DONE:
            return _pdf_pending(request, year, edition.status == Edition.Status.FAILED)
        etag = _etag("edition", edition.pk, edition.number, edition.file.name)
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponse(status=304)
    else:
        try:
            content = edition.file.open("rb")
        except FileNotFoundError:
            edition = edition_lost(edition=edition)  # made again from its kept HTML
            return _pdf_pending(request, year, edition.status == Edition.Status.FAILED)
        response = FileResponse(
            content,
            content_type="application/pdf",
            as_attachment=request.GET.get("inline") != "1",
            filename=edition.filename,
        )
        response["X-Workplan-Cache"] = "edition"
    response["ETag"] = etag
    response["Cache-Control"] = "public, no-cache"
    return response


def _draft_pdf(request, year: int, version: str):
    """The PDF a worker made from the records' current version (staff's preview)."""
    etag = _etag(year, version)
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
            return _pdf_pending(request, year, rendition.status == Rendition.Status.FAILED)
        try:
            content = rendition.file.open("rb")
        except FileNotFoundError:
            # The stored file went missing (a volume not mounted, a restore without media):
            # make it again rather than fail.
            rendition = rendition_lost(rendition=rendition)
            return _pdf_pending(request, year, rendition.status == Rendition.Status.FAILED)
        response = FileResponse(
            content,
            content_type="application/pdf",
            as_attachment=request.GET.get("inline") != "1",
            filename=rendition.filename,
        )
        # "hit": made before this request; "miss": made for it (tasks run in the request).
        response["X-Workplan-Cache"] = "hit" if made_before else "miss"
    response["ETag"] = etag
    # A draft changes with every edit: never kept by a shared cache.
    response["Cache-Control"] = "private, no-cache"
    return response


def _pdf_pending(request, year: int, failed: bool):
    context = {"year": year, "failed": failed}
    response = render(request, "workplan/pdf_pending.html", context, status=202)
    response["Retry-After"] = str(PDF_RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response
