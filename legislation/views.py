"""Public pages of bills and members, their feed and downloads. Views read the request,
call the selectors and render; every figure is computed in selectors.py and activity.py."""

from __future__ import annotations

import datetime
import json
import mimetypes
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.http import require_safe

from common.caching import by_host, cached_page
from council.models import (
    Committee,
    CommitteeMembership,
    Council,
    Member,
    Person,
    SecretariatUnit,
    Term,
)
from council.selectors import PAGE_INFO_SCOPES, page_info, the_council
from council.shortcuts import council_or_404
from sessions_app.models import (
    AgendaItem,
    Attendance,
    Ballot,
    Body,
    Session,
    Sitting,
    Speech,
    Vote,
)

from . import activity, exports, selectors
from .forms import BillQueryForm, MemberQueryForm
from .models import Bill, BillAction, BillDocument, BillSponsor

BILLS_TEAM = SecretariatUnit.Role.PROCEEDINGS
MEMBERS_TEAM = SecretariatUnit.Role.GENERAL_AFFAIRS
# The models each page reads (their data versions key its cache) and its query parameters.
BILL_LIST_SCOPES = (
    Council,
    Term,
    Committee,
    Member,
    Bill,
    BillSponsor,
    BillAction,
    *PAGE_INFO_SCOPES,
)
BILL_SCOPES = (*BILL_LIST_SCOPES, BillDocument, Session, AgendaItem)
BILL_PARAMS = (*BillQueryForm.base_fields, "page")
MEMBER_LIST_SCOPES = (
    Council,
    Term,
    Member,
    Person,
    Committee,
    CommitteeMembership,
    *PAGE_INFO_SCOPES,
)
MEMBER_SCOPES = (
    *MEMBER_LIST_SCOPES,
    Attendance,
    Sitting,
    Body,
    Bill,
    BillSponsor,
    BillAction,
    # The ballots and speeches name their sittings (by session number) and votes.
    Session,
    Vote,
    Ballot,
    Speech,
)
FEED_SCOPES = (Council, Term, Committee, Member, Bill, BillSponsor, BillAction)
MEMBER_FEED_SCOPES = (Council, Term, Member, Bill, BillSponsor, BillAction)
EXPORT_BILL_SCOPES = (Council, Term, Committee, Member, Bill, BillSponsor, BillAction, Session)
EXPORT_MEMBER_SCOPES = (Council, Term, Member, Person, Committee, CommitteeMembership)


# ---------------------------------------------------------------- bills


@require_safe
@cached_page(*BILL_LIST_SCOPES, params=BILL_PARAMS)
def bill_list(request):
    council = council_or_404()
    form = BillQueryForm(request.GET)
    filters = form.filters()
    listing = selectors.bill_list(council, filters, request.GET.get("page") or 1)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "legislation/bill_list.html",
        {
            "listing": listing,
            "form": form,
            "page_query": query.urlencode(),
            "words": council.words,
            "breadcrumbs": [("의안", "")],
            "page_info": page_info(council, BILLS_TEAM, *BILL_LIST_SCOPES),
        },
    )


@require_safe
@cached_page(*BILL_SCOPES)
def bill_detail(request, pk: int):
    council = council_or_404()
    detail = selectors.bill_detail(council, pk)
    if detail is None:
        raise Http404("그런 의안은 없습니다.")
    return render(
        request,
        "legislation/bill_detail.html",
        {
            "detail": detail,
            "proposer": detail.bill.proposer_label(council.words),
            "breadcrumbs": [("의안", reverse("legislation:bills")), (detail.bill.title, "")],
            "page_info": page_info(council, BILLS_TEAM, *BILL_SCOPES),
        },
    )


@require_safe
def bill_document(request, bill_pk: int, pk: int):
    """A bill's PDF from the storage, as a PDF, under a name made here."""
    council = council_or_404()
    document = selectors.bill_document(council, bill_pk, pk)
    if document is None or not document.file:
        raise Http404("그런 의안 문서는 없습니다.")
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as error:
        raise Http404("문서 파일을 찾을 수 없습니다.") from error
    name = f"bill-{document.bill.number}-{document.kind}.pdf"
    return FileResponse(handle, content_type="application/pdf", filename=name)


class BillFeed(Feed):
    """Atom feed of the latest bills, newest action first."""

    feed_type = Atom1Feed
    description_template = None

    def __call__(self, request, *args, **kwargs):
        self.council = council_or_404()
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return f"{self.council.name} 의안"

    def link(self):
        return reverse("legislation:bills")

    def subtitle(self):
        return f"{self.council.name}에 접수된 의안과 처리 경과"

    def items(self):
        return selectors.bills_for_feed(self.council)

    def item_title(self, item):
        return f"[{item.bill.number}] {item.bill.title} ({item.status})"

    def item_description(self, item):
        bill = item.bill
        parts = [f"제{bill.term.number}대", bill.get_kind_display(), item.status]
        if item.lead_sponsors:
            parts.append("대표발의 " + ", ".join(item.lead_sponsors))
        return " · ".join(parts)

    def item_link(self, item):
        return reverse("legislation:bill", kwargs={"pk": item.bill.pk})

    def item_updateddate(self, item):
        day = item.bill.latest_date
        return datetime.datetime.combine(day, datetime.time()) if day else None


bill_feed = require_safe(cached_page(*FEED_SCOPES, vary=by_host)(BillFeed()))


def _download(content: str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _bill_records(request):
    council = council_or_404()
    filters = BillQueryForm(request.GET).filters()
    rows = selectors.bills_for_export(council, filters)
    return council, exports.bill_records(rows, council.words.executive)


@require_safe
@cached_page(*EXPORT_BILL_SCOPES, params=tuple(BillQueryForm.base_fields))
def bills_csv(request):
    _council, records = _bill_records(request)
    return _download(
        exports.csv_text(records, exports.BILL_FIELDS), "text/csv; charset=utf-8", "bills.csv"
    )


@require_safe
@cached_page(*EXPORT_BILL_SCOPES, params=tuple(BillQueryForm.base_fields))
def bills_json(request):
    council, records = _bill_records(request)
    data = exports.json_document(
        records, exports.BILL_FIELDS, council=council.name, title=f"{council.name} 의안"
    )
    return _download(
        json.dumps(data, ensure_ascii=False, indent=1),
        "application/json; charset=utf-8",
        "bills.json",
    )


# ---------------------------------------------------------------- members


def _term_or_error(request, council):
    """The term ?term= asks for (the latest by default): 400 if malformed, 404 if unknown."""
    form = MemberQueryForm(request.GET)
    if not form.is_valid():
        return None, HttpResponseBadRequest(
            "대수(term)는 1 이상의 숫자로 적어 주세요.".encode(),
            content_type="text/plain; charset=utf-8",
        )
    number = form.cleaned_data["term"]
    term = activity.term_of(council, number)
    if term is None and number is not None:
        raise Http404(f"제{number}대 의원 정보는 없습니다.")
    return term, None


@require_safe
@cached_page(*MEMBER_LIST_SCOPES, params=("term",))
def member_list(request):
    council = council_or_404()
    term, error = _term_or_error(request, council)
    if error is not None:
        return error
    return render(
        request,
        "legislation/member_list.html",
        {
            "listing": activity.member_list(council, term),
            "breadcrumbs": [("의원", "")],
            "page_info": page_info(council, MEMBERS_TEAM, *MEMBER_LIST_SCOPES),
        },
    )


@require_safe
@cached_page(*MEMBER_SCOPES)
def member_detail(request, pk: int):
    council = council_or_404()
    found = activity.member_activity(council, pk)
    if found is None:
        raise Http404("그런 의원은 없습니다.")
    return render(
        request,
        "legislation/member_detail.html",
        {
            "activity": found,
            "member": found.member,
            "breadcrumbs": [("의원", reverse("legislation:members")), (found.member.name, "")],
            "page_info": page_info(council, MEMBERS_TEAM, *MEMBER_SCOPES),
        },
    )


def _moment(day: datetime.date) -> datetime.datetime:
    """A day as an entry's date: its start in the site's time zone (Seoul)."""
    return datetime.datetime.combine(day, datetime.time(), tzinfo=ZoneInfo(settings.TIME_ZONE))


@dataclass(frozen=True)
class _MemberFeedSubject:
    """What one request's member feed is of (the feed object is shared by every request:
    nothing of one request is kept on it)."""

    council: Council
    feed: selectors.MemberFeed


class MemberAtomFeed(Feed):
    """/members/<id>/feed/: the bills a member sponsored (대표발의, 공동발의), each entry
    updated on its latest action's day, so a subscriber hears of each step (접수, 회부,
    의결 …) as it is recorded."""

    feed_type = Atom1Feed
    description_template = None

    def get_object(self, request, pk: int):
        council = council_or_404()
        found = selectors.member_feed(council, pk)
        if found is None:
            raise Http404("그런 의원은 없습니다.")
        return _MemberFeedSubject(council, found)

    def title(self, subject):
        member = subject.feed.member
        return f"{subject.council.name} {member.name} 의원 (제{member.term.number}대) 발의 의안"

    def subtitle(self, subject):
        return f"{subject.feed.member.name} 의원이 대표발의·공동발의한 의안과 최근 처리 경과"

    def link(self, subject):
        return reverse("legislation:member", kwargs={"pk": subject.feed.member.pk})

    def feed_url(self, subject):
        return reverse("legislation:member_feed", kwargs={"pk": subject.feed.member.pk})

    def author_name(self, subject):
        return subject.council.name

    def items(self, subject):
        return subject.feed.entries

    def item_title(self, entry):
        return f"[{entry.bill.number}] {entry.bill.title} ({entry.status})"

    def item_description(self, entry):
        bill = entry.bill
        parts = [entry.role, bill.get_kind_display(), entry.status]
        if bill.latest_date:
            parts.append(f"최근 처리일 {bill.latest_date:%Y. %-m. %-d.}")
        return " · ".join(parts)

    def item_link(self, entry):
        return reverse("legislation:bill", kwargs={"pk": entry.bill.pk})

    def item_pubdate(self, entry):
        received = entry.bill.received_on
        return _moment(received) if received else None

    def item_updateddate(self, entry):
        # Atom requires an entry's <updated>: the latest action's day; a bill with no action
        # recorded yet is dated by its term's first day (a fixed date, not the download's).
        bill = entry.bill
        return _moment(bill.latest_date or bill.term.starts_on)

    def item_categories(self, entry):
        return [entry.role]

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        # The feed's id is its own address (the default, the member's page, is not a feed).
        feed.feed["id"] = feed.feed["feed_url"]
        return feed


member_feed = require_safe(cached_page(*MEMBER_FEED_SCOPES, vary=by_host)(MemberAtomFeed()))


@require_safe
def member_photo(request, pk: int):
    """A member's photo from the storage, with the content type of its (checked) format."""
    council = the_council()
    member = Member.objects.filter(term__council=council, pk=pk).first() if council else None
    if member is None or not member.photo:
        raise Http404("사진이 없습니다.")
    content_type = mimetypes.guess_type(member.photo.name)[0] or "application/octet-stream"
    if not content_type.startswith("image/"):
        raise Http404("사진이 없습니다.")
    try:
        handle = member.photo.open("rb")
    except FileNotFoundError as error:
        raise Http404("사진 파일을 찾을 수 없습니다.") from error
    return FileResponse(handle, content_type=content_type)


def _member_records(request):
    council = council_or_404()
    term, error = _term_or_error(request, council)
    if error is not None:
        return council, None, error
    listing = activity.member_list(council, term)
    return council, listing, None


@require_safe
@cached_page(*EXPORT_MEMBER_SCOPES, params=("term",))
def members_csv(request):
    _council, listing, error = _member_records(request)
    if error is not None:
        return error
    return _download(
        exports.csv_text(exports.member_records(listing), exports.MEMBER_FIELDS),
        "text/csv; charset=utf-8",
        "members.csv",
    )


@require_safe
@cached_page(*EXPORT_MEMBER_SCOPES, params=("term",))
def members_json(request):
    council, listing, error = _member_records(request)
    if error is not None:
        return error
    data = exports.json_document(
        exports.member_records(listing),
        exports.MEMBER_FIELDS,
        council=council.name,
        title=f"{council.name} 의원" + (f" (제{listing.term.number}대)" if listing.term else ""),
    )
    return _download(
        json.dumps(data, ensure_ascii=False, indent=1),
        "application/json; charset=utf-8",
        "members.json",
    )
