"""School-visit applications (지방의회 체험 신청): the public form's views, the rate limit,
and the services that staff's admin actions and the purge command call.

Flow: a school fills in /outreach/visits/apply/ → ``submit_visit_application`` saves it as
접수 (a wished day inside a session is recorded as 본회의 참관) → the confirmation page
(POST-redirect-GET, addressed by a signed reference, never showing personal data) → staff
approve or reject it in the admin (``decide_visit_application`` records who and when) and an
approved one can become a SchoolVisit record → ``purge_visit_applications`` erases
applications (and their history rows) after the retention period.
"""

from __future__ import annotations

import calendar
import datetime

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from council.models import Council, SecretariatUnit
from council.selectors import Contact, contact, the_council
from council.shortcuts import council_or_404
from outreach.forms import VisitApplicationForm
from outreach.models import SchoolVisit, VisitApplication, VisitProgramSettings
from outreach.selectors import visit_intro
from sessions_app.selectors import session_covering

# The team that reads the applications (the council's team of this role, by its name).
RESPONSIBLE_ROLE = SecretariatUnit.Role.PROCEEDINGS

REFERENCE_SALT = "outreach.visit-application"
REFERENCE_MAX_AGE = 7 * 24 * 60 * 60  # the confirmation link works for a week


# ---------------------------------------------------------------- reads


def visit_program_settings(council: Council) -> VisitProgramSettings:
    """The council's form rules; the defaults (7 days ahead, 1–40 pupils, 1–5 teachers,
    kept 12 months) until staff change them in the admin."""
    rules, _ = VisitProgramSettings.objects.get_or_create(council=council)
    return rules


def responsible_contact(council: Council | None) -> Contact | None:
    """The team that reads the applications, with its number (None without a council)."""
    return contact(council, RESPONSIBLE_ROLE) if council is not None else None


def program_for(council: Council, day: datetime.date) -> VisitApplication.Program:
    """본회의 참관 on a session day (the programme is replaced while the council sits),
    otherwise the 지방의회 체험 programme."""
    if session_covering(council, day) is not None:
        return VisitApplication.Program.OBSERVATION
    return VisitApplication.Program.EXPERIENCE


# ---------------------------------------------------------------- writes


def submit_visit_application(
    *,
    council: Council,
    school: str,
    level: str,
    contact_name: str,
    phone: str,
    email: str,
    wished_date: datetime.date,
    pupils: int,
    teachers: int,
    message: str = "",
) -> VisitApplication:
    application = VisitApplication(
        council=council,
        school=school,
        level=level,
        contact_name=contact_name,
        phone=phone,
        email=email,
        wished_date=wished_date,
        program=program_for(council, wished_date),
        pupils=pupils,
        teachers=teachers,
        message=message,
    )
    application.full_clean()
    with transaction.atomic():
        application.save()
    return application


def decide_visit_application(
    *,
    application: VisitApplication,
    status: VisitApplication.Status,
    decided_by,
    note: str = "",
    now: datetime.datetime | None = None,
) -> VisitApplication:
    """Approve (승인) or reject (반려) an application, recording who decided and when."""
    if status not in (VisitApplication.Status.APPROVED, VisitApplication.Status.REJECTED):
        raise ValueError("승인 또는 반려만 처리할 수 있습니다.")
    with transaction.atomic():
        application = VisitApplication.objects.select_for_update().get(pk=application.pk)
        if application.school_visit_id and status == VisitApplication.Status.REJECTED:
            raise ValueError("체험 실적을 만든 신청은 반려할 수 없습니다.")
        application.status = status
        application.decided_by = decided_by
        application.decided_at = now or timezone.now()
        if note:
            application.decision_note = note
        application.full_clean()
        application._history_user = decided_by
        application.save()
    return application


def create_school_visit(*, application: VisitApplication, decided_by=None) -> SchoolVisit:
    """The SchoolVisit record (체험 실적) of an approved application; made once."""
    with transaction.atomic():
        application = VisitApplication.objects.select_for_update().get(pk=application.pk)
        if application.status != VisitApplication.Status.APPROVED:
            raise ValueError("승인한 신청만 체험 실적으로 만들 수 있습니다.")
        if application.school_visit_id:
            return application.school_visit
        visit = SchoolVisit(
            council_id=application.council_id,
            school=application.school,
            level=application.level,
            starts_on=application.wished_date,
            pupils=application.pupils,
            teachers=application.teachers,
            description=application.get_program_display(),
        )
        visit.full_clean()
        visit._history_user = decided_by
        visit.save()
        application.school_visit = visit
        application._history_user = decided_by
        application.save(update_fields=["school_visit"])
    return visit


def purge_visit_applications(*, now: datetime.datetime | None = None) -> int:
    """Erase applications older than their council's retention period, with every history
    row that holds their personal data. Returns how many applications were erased."""
    now = now or timezone.now()
    purged = 0
    for council in Council.objects.filter(visit_applications__isnull=False).distinct():
        rules = visit_program_settings(council)
        cutoff = _months_before(now, rules.retention_months)
        old = VisitApplication.objects.filter(council=council, submitted_at__lt=cutoff)
        ids = list(old.values_list("pk", flat=True))
        if not ids:
            continue
        with transaction.atomic():
            old.delete()
            # Deleting records a last history row too: erase the whole history of each.
            VisitApplication.history.filter(id__in=ids).delete()
        purged += len(ids)
    return purged


def _months_before(moment: datetime.datetime, months: int) -> datetime.datetime:
    """The same day and time `months` earlier (the month's last day if it is shorter)."""
    year, month = divmod(moment.year * 12 + moment.month - 1 - months, 12)
    month += 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


# ---------------------------------------------------------------- rate limit


def _rate() -> tuple[int, int]:
    """settings.VISIT_APPLY_RATE "5/3600" → (5 submissions, per 3600 seconds)."""
    count, seconds = str(settings.VISIT_APPLY_RATE).split("/")
    return int(count), int(seconds)


def _rate_key(request) -> str:
    return f"visit-apply:{get_client_ip_address(request) or 'unknown'}"


def rate_limited(request) -> bool:
    limit, _ = _rate()
    return (cache.get(_rate_key(request)) or 0) >= limit


def count_submission(request) -> None:
    _, seconds = _rate()
    key = _rate_key(request)
    if not cache.add(key, 1, seconds):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, seconds)


def too_many_requests(request, council: Council | None = None):
    _, seconds = _rate()
    response = render(
        request,
        "429.html",
        {"retry_minutes": max(1, seconds // 60), "contact": responsible_contact(council)},
        status=429,
    )
    response["Retry-After"] = str(seconds)
    return response


# ---------------------------------------------------------------- views


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def apply(request):
    council = council_or_404()
    rules = visit_program_settings(council)
    today = timezone.localdate()
    team = responsible_contact(council)
    page = {"council": council, "contact": team, "intro": visit_intro(rules, council.words)}
    if not rules.accepting:
        return render(request, "outreach/apply_closed.html", page)
    if request.method == "POST":
        if rate_limited(request):
            return too_many_requests(request, council)
        form = VisitApplicationForm(request.POST, rules=rules, today=today, team=team.team)
        if form.is_bot:
            count_submission(request)
            return redirect("outreach:visit_apply_done")
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "homepage"}
            application = submit_visit_application(council=council, **data)
            count_submission(request)
            reference = signing.dumps(application.pk, salt=REFERENCE_SALT)
            return redirect(f"{_done_url()}?ref={reference}")
    else:
        form = VisitApplicationForm(rules=rules, today=today, team=team.team)
    return render(
        request,
        "outreach/apply.html",
        {**page, "form": form, "rules": rules},
        status=400 if form.is_bound else 200,
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
        session_covering(application.council, application.wished_date) if application else None
    )
    council = application.council if application else the_council()
    return render(
        request,
        "outreach/apply_done.html",
        {"application": application, "session": session, "contact": responsible_contact(council)},
    )


urlpatterns = [
    path("", apply, name="visit_apply"),
    path("done/", apply_done, name="visit_apply_done"),
]
