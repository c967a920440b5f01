"""Public pages and feeds of the schedule. Views only read the request, call the selectors
and render; every figure is computed in sessions_app/selectors.py.

Pages are cached until a record they read changes (their SCOPES), and per day: a session's
status (예정 / 진행 중 / 종료) depends on today. Absolute links (feeds, the webcal:// link)
depend on the host, so that is part of the key too.
"""

from __future__ import annotations

import json

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from common.caching import by_host, cached_page
from common.spreadsheets import SheetData, xlsx_response
from council.models import Council, Member, SecretariatUnit, Term
from council.selectors import PAGE_INFO_SCOPES, page_info
from council.shortcuts import council_or_404

from . import exports, feeds, selectors
from .forms import MinutesReportQueryForm, OpenDataQueryForm, ScheduleQueryForm
from .models import (
    AgendaItem,
    Attendance,
    Ballot,
    Body,
    Session,
    SessionRules,
    Sitting,
    Speech,
    VideoMark,
    Vote,
)

# The team responsible for the page (its foot's 담당): the council's team of this role.
RESPONSIBLE_TEAM = SecretariatUnit.Role.PROCEEDINGS
# The models each page reads (their data versions key its cache) and the query parameters.
# The calendar shows sessions, their agenda titles and limits; the list adds a feed link per
# body (feed_bodies).
CALENDAR_SCOPES = (Council, Session, SessionRules, AgendaItem, *PAGE_INFO_SCOPES)
SCHEDULE_SCOPES = (*CALENDAR_SCOPES, Body)
# The session page links each sitting's minutes text and each agenda item's bills (the
# minutes and legislation apps, named by label: sessions_app imports neither; bills are
# ordered by their term's number).
SESSION_SCOPES = (*SCHEDULE_SCOPES, Sitting, Term, "minutes.minutes", "legislation.bill")
FEED_SCOPES = (Council, Session, AgendaItem, Body, Sitting)
SCHEDULE_PARAMS = tuple(ScheduleQueryForm.base_fields)  # year, kind
# The schedule's spreadsheet: the list's figures, without the page's foot and feed links.
SCHEDULE_XLSX_SCOPES = (Council, Session, SessionRules, AgendaItem)


def _today_and_host(request) -> str:
    return f"{selectors.today().isoformat()}|{request.get_host()}"


def _year_schedule(request):
    """The council, today, and the schedule the query string asks for (404 if malformed)."""
    council = council_or_404()
    on = selectors.today()
    form = ScheduleQueryForm(request.GET)
    if not form.is_valid():
        raise Http404("연도 또는 회기 구분이 올바르지 않습니다.")
    year = form.cleaned_data["year"]
    schedule = selectors.year_schedule(council, year, on=on, kind=form.cleaned_data["kind"])
    if schedule is None:
        raise Http404(f"{year}년 회기 일정은 없습니다.")
    return council, on, schedule


def _session_or_404(council, number: int):
    session = selectors.session_detail(council, number)
    if session is None:
        raise Http404(f"제{number}회 회기는 없습니다.")
    return session


def _feed_links(request) -> dict[str, str]:
    feed = request.build_absolute_uri(reverse("sessions_app:calendar_feed"))
    return {"feed_url": feed, "webcal_url": "webcal://" + feed.split("://", 1)[1]}


@require_safe
@cached_page(*SCHEDULE_SCOPES, params=SCHEDULE_PARAMS, vary=_today_and_host)
def schedule(request):
    council, on, year_schedule = _year_schedule(request)
    return render(
        request,
        "sessions_app/schedule.html",
        {
            "schedule": year_schedule,
            "bodies": selectors.feed_bodies(council),
            "today": on,
            "atom_links": _schedule_atom_links(council),
            "breadcrumbs": [("회기 일정", "")],
            "page_info": page_info(council, RESPONSIBLE_TEAM, *SCHEDULE_SCOPES),
            **_feed_links(request),
        },
    )


@require_safe
@cached_page(*SCHEDULE_XLSX_SCOPES, params=SCHEDULE_PARAMS, vary=_today_and_host)
def schedule_xlsx(request):
    """The year's schedule (?year=, ?kind= as the list) as a spreadsheet: one row a session."""
    council, on, year_schedule = _year_schedule(request)
    rows: list[list] = [
        [f"{council.name} {year_schedule.year}년 회기 일정"],
        [year_schedule.summary.label],
        ["회기", "구분", "개회일", "폐회일", "일수", "주요 안건", "상태"],
    ]
    for entry in year_schedule.entries:
        session = entry.session
        status = entry.status_label + (f" ({entry.date_note})" if entry.date_note else "")
        rows.append(
            [
                f"제{session.number}회",
                session.get_kind_display(),
                session.first_day,
                session.last_day,
                entry.days,
                "\n".join(item.title for item in session.agenda_items.all()),
                status,
            ]
        )
    sheet = SheetData(name="회기 일정", rows=rows, header_row=3, widths=(10, 10, 12, 12, 6, 60, 14))
    return xlsx_response([sheet], f"sessions-{year_schedule.year}.xlsx")


@require_safe
@cached_page(*CALENDAR_SCOPES, params=SCHEDULE_PARAMS, vary=_today_and_host)
def schedule_calendar(request):
    council, on, year_schedule = _year_schedule(request)
    months = selectors.year_calendar(
        year_schedule.year, [entry.session for entry in year_schedule.entries], on=on
    )
    return render(
        request,
        "sessions_app/calendar.html",
        {
            "schedule": year_schedule,
            "months": months,
            "weekdays": selectors.CALENDAR_WEEKDAYS,
            "today": on,
            "breadcrumbs": [
                ("회기 일정", reverse("sessions_app:schedule")),
                (f"{year_schedule.year}년 달력", ""),
            ],
            "page_info": page_info(council, RESPONSIBLE_TEAM, *CALENDAR_SCOPES),
            **_feed_links(request),
        },
    )


@require_safe
@cached_page(*SESSION_SCOPES, vary=_today_and_host)
def session_page(request, number: int):
    council = council_or_404()
    on = selectors.today()
    session = _session_or_404(council, number)
    sittings = selectors.session_sittings(session, rules=selectors.session_rules(council), on=on)
    year = session.first_day.year
    return render(
        request,
        "sessions_app/session_detail.html",
        {
            "entry": selectors.schedule_entry(session, on=on),
            "session": session,
            "sittings": sittings,
            "today": on,
            "atom_links": _schedule_atom_links(council),
            "breadcrumbs": [
                ("회기 일정", reverse("sessions_app:schedule")),
                (f"{year}년", f"{reverse('sessions_app:schedule')}?year={year}"),
                (str(session), ""),
            ],
            "page_info": page_info(council, RESPONSIBLE_TEAM, *SESSION_SCOPES),
            "feed_url": reverse("sessions_app:session_feed", args=[session.number]),
        },
    )


# ---------------------------------------------------------------- the sittings' record

BODY_SCOPES = (Council, Body, Sitting, Session, SessionRules, *PAGE_INFO_SCOPES)
# The attendance's, votes' and speeches' sections name members (council's Member).
SITTING_SCOPES = (*BODY_SCOPES, AgendaItem, VideoMark, Attendance, Vote, Ballot, Speech, Member)


def _atom_link(title: str, url: str) -> dict[str, str]:
    """An Atom feed a page announces (<link rel="alternate"> in its head)."""
    return {"title": title, "url": url}


def _schedule_atom_links(council) -> list[dict[str, str]]:
    return [
        _atom_link(f"{council.name} 회기 (Atom)", reverse("sessions_app:sessions_atom")),
        _atom_link(f"{council.name} 회의(차수) (Atom)", reverse("sessions_app:sittings_atom")),
        _atom_link(f"{council.name} 회의록 공개 (Atom)", reverse("sessions_app:minutes_atom")),
    ]


@require_safe
@cached_page(*BODY_SCOPES, vary=_today_and_host)
def body_page(request, slug: str):
    """/sessions/bodies/<slug>/: every sitting of a body by year, with its feeds."""
    council = council_or_404()
    body = selectors.body_by_slug(council, slug)
    if body is None:
        raise Http404("그런 회의체는 없습니다.")
    feed = reverse("sessions_app:body_atom", args=[body.slug])
    return render(
        request,
        "sessions_app/body.html",
        {
            "body": body,
            "years": selectors.body_record(council, body, on=selectors.today()),
            "feed_url": feed,
            "calendar_url": f"{reverse('sessions_app:calendar_feed')}?body={body.slug}",
            "atom_links": [_atom_link(f"{council.name} {body.name} 회의 (Atom)", feed)],
            "breadcrumbs": [("회기 일정", reverse("sessions_app:schedule")), (body.name, "")],
            "page_info": page_info(council, RESPONSIBLE_TEAM, *BODY_SCOPES),
        },
    )


@require_safe
@cached_page(*SITTING_SCOPES, vary=_today_and_host)
def sitting_page(request, number: int, pk: int):
    """/sessions/<number>/sittings/<id>/: one sitting's day, times, place, agenda, recorded
    votes, members' speeches and minutes."""
    council = council_or_404()
    page = selectors.sitting_detail(council, number, pk, on=selectors.today())
    if page is None:
        raise Http404("그런 회의(차수)는 없습니다.")
    sitting = page.sitting
    session = sitting.session
    return render(
        request,
        "sessions_app/sitting_detail.html",
        {
            "page": page,
            "sitting": sitting,
            "session": session,
            "votes": selectors.sitting_votes(sitting),
            "speeches": selectors.sitting_speeches(sitting, council.words),
            "words": council.words,
            "breadcrumbs": [
                ("회기 일정", reverse("sessions_app:schedule")),
                (str(session), reverse("sessions_app:session", args=[session.number])),
                (f"{sitting.body.name} 제{sitting.number}차", ""),
            ],
            "page_info": page_info(council, RESPONSIBLE_TEAM, *SITTING_SCOPES),
        },
    )


MINUTES_SCOPES = (Council, Session, Sitting, Body, SessionRules, *PAGE_INFO_SCOPES)


@require_safe
@cached_page(*MINUTES_SCOPES, vary=_today_and_host)
def minutes_page(request):
    """/sessions/minutes/: per body and year, the share of sittings whose minutes met the
    ordinance's deadline."""
    council = council_or_404()
    on = selectors.today()
    rules = selectors.session_rules(council)
    return render(
        request,
        "sessions_app/minutes.html",
        {
            "shares": selectors.minutes_on_time_shares(council, rules=rules, on=on),
            "rules": rules,
            "today": on,
            "atom_links": [
                _atom_link(
                    f"{council.name} 회의록 공개 (Atom)", reverse("sessions_app:minutes_atom")
                )
            ],
            "breadcrumbs": [
                ("회기 일정", reverse("sessions_app:schedule")),
                ("회의록 공개 기한 준수", ""),
            ],
            "page_info": page_info(council, RESPONSIBLE_TEAM, *MINUTES_SCOPES),
        },
    )


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=feeds.CONTENT_TYPE)
    # A body's slug may be Korean ("본회의"): the header carries it RFC 6266-encoded.
    response["Content-Disposition"] = content_disposition_header(False, filename)
    return response


@require_safe
@cached_page(*FEED_SCOPES, params=("body",), vary=by_host)
def calendar_feed(request):
    """Every session with its sittings; with ?body=<slug>, the sittings of that body
    instead."""
    council = council_or_404()
    stamp = selectors.schedule_changed_at(*FEED_SCOPES)
    slug = request.GET.get("body")
    if slug is not None:
        found = selectors.body_sittings(council, slug)
        if found is None:
            raise Http404("구독할 수 있는 회의체가 아닙니다.")
        body, sittings = found
        content = feeds.body_calendar(
            council, body, sittings, absolute=request.build_absolute_uri, stamp=stamp
        )
        return _ics_response(content, f"sessions-{body.slug}.ics")
    sessions = selectors.feed_sessions(council)
    content = feeds.sessions_calendar(
        council, sessions, absolute=request.build_absolute_uri, stamp=stamp
    )
    return _ics_response(content, "sessions.ics")


@require_safe
@cached_page(*FEED_SCOPES, vary=by_host)
def session_feed(request, number: int):
    council = council_or_404()
    found = selectors.feed_sessions(council, number=number)
    if not found:
        raise Http404(f"제{number}회 회기는 없습니다.")
    (session,) = found
    content = feeds.sessions_calendar(
        council,
        found,
        absolute=request.build_absolute_uri,
        stamp=selectors.schedule_changed_at(*FEED_SCOPES),
        name=f"{council.name} 제{session.number}회 {session.get_kind_display()}",
    )
    return _ics_response(content, f"session-{session.number}.ics")


# ---------------------------------------------------------------- staff: minutes compliance


def minutes_compliance_admin(request, model_admin):
    """The admin's "회의록 공개 현황" (wired in SittingAdmin.get_urls, behind admin_view):
    every sitting held so far with its minutes against the deadline."""
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    form = MinutesReportQueryForm(request.GET)
    if not form.is_valid():
        form = MinutesReportQueryForm({})
        form.is_valid()
    council = council_or_404()
    report = selectors.minutes_report(
        council,
        on=selectors.today(),
        year=form.cleaned_data["year"],
        status=form.cleaned_data["status"],
    )
    return TemplateResponse(
        request,
        "admin/sessions_app/sitting/minutes_compliance.html",
        {
            **model_admin.admin_site.each_context(request),
            "opts": model_admin.model._meta,
            "title": "회의록 공개 현황",
            "report": report,
            "years": selectors.session_years(council),
            "form": form,
        },
    )


# ---------------------------------------------------------------- Atom feeds
# Cached as the pages are: until a record they read changes, per host (absolute links) and
# per day (minutes count from their publication day). require_safe: a feed answers GET/HEAD.

ATOM_SITTING_SCOPES = (Council, Sitting, Session, Body)

sessions_atom = require_safe(
    cached_page(Council, Session, AgendaItem, vary=_today_and_host)(feeds.SessionsAtomFeed())
)
sittings_atom = require_safe(
    cached_page(*ATOM_SITTING_SCOPES, vary=_today_and_host)(feeds.SittingsAtomFeed())
)
body_atom = require_safe(
    cached_page(*ATOM_SITTING_SCOPES, vary=_today_and_host)(feeds.BodyAtomFeed())
)
minutes_atom = require_safe(
    cached_page(*ATOM_SITTING_SCOPES, vary=_today_and_host)(feeds.MinutesAtomFeed())
)


# ---------------------------------------------------------------- open data (CSV, JSON)
# Per day: whether minutes met their deadline (or are not yet due) depends on today.

OPEN_SESSIONS_SCOPES = (Council, Term, Session, Sitting)
OPEN_SITTINGS_SCOPES = (Council, Term, Session, Sitting, Body, SessionRules)


def _today(request) -> str:
    return selectors.today().isoformat()


def _csv_response(text: str, filename: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def _json_response(data: dict) -> HttpResponse:
    return HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=1),
        content_type="application/json; charset=utf-8",
    )


@require_safe
@cached_page(*OPEN_SESSIONS_SCOPES)
def sessions_csv(request):
    rows = selectors.open_sessions(council_or_404())
    return _csv_response(exports.as_csv(rows, exports.SESSION_FIELDS), "sessions.csv")


@require_safe
@cached_page(*OPEN_SESSIONS_SCOPES)
def sessions_json(request):
    council = council_or_404()
    rows = selectors.open_sessions(council)
    title = f"{council.name} 회기"
    return _json_response(
        exports.as_json(rows, exports.SESSION_FIELDS, council=council, title=title)
    )


@require_safe
@cached_page(*OPEN_SITTINGS_SCOPES, vary=_today)
def sittings_csv(request):
    rows = selectors.open_sittings(council_or_404(), on=selectors.today())
    return _csv_response(exports.as_csv(rows, exports.SITTING_FIELDS), "sittings.csv")


@require_safe
@cached_page(*OPEN_SITTINGS_SCOPES, vary=_today)
def sittings_json(request):
    council = council_or_404()
    rows = selectors.open_sittings(council, on=selectors.today())
    title = f"{council.name} 회의(차수)와 회의록 ({selectors.today().isoformat()} 기준)"
    return _json_response(
        exports.as_json(rows, exports.SITTING_FIELDS, council=council, title=title)
    )


# The attendance: one row per member and sitting, every year by default (?year= for one
# year's sittings). Streamed as its rows are read (selectors.open_attendance), so it is not
# held in memory and not kept in the page cache (which stores whole responses): each download
# costs the council's query and one query over the rows, read in chunks.


def _attendance_year(request) -> int | None | HttpResponse:
    """The year ?year= asks for (None: every year), or a 400 response when malformed."""
    form = OpenDataQueryForm(request.GET)
    if not form.is_valid():
        return HttpResponseBadRequest(
            "연도(year)는 2023처럼 네 자리 이하의 숫자로 적어 주세요.".encode(),
            content_type="text/plain; charset=utf-8",
        )
    return form.cleaned_data["year"]


@require_safe
def attendance_csv(request):
    council = council_or_404()
    year = _attendance_year(request)
    if isinstance(year, HttpResponse):
        return year
    rows = selectors.open_attendance(council, year=year)
    response = StreamingHttpResponse(
        exports.csv_chunks(rows, exports.ATTENDANCE_FIELDS),
        content_type="text/csv; charset=utf-8",
    )
    name = f"attendance-{year}.csv" if year else "attendance.csv"
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


@require_safe
def attendance_json(request):
    council = council_or_404()
    year = _attendance_year(request)
    if isinstance(year, HttpResponse):
        return year
    rows = selectors.open_attendance(council, year=year)
    title = f"{council.name} 회의별 의원 출결" + (f" ({year}년)" if year else "")
    return StreamingHttpResponse(
        exports.json_chunks(rows, exports.ATTENDANCE_FIELDS, council=council, title=title),
        content_type="application/json; charset=utf-8",
    )
