"""Writes of outreach records: citizen monitors (with the per-member rule of
outreach/rules.py) and school-visit applications.

Applications: a school fills in /outreach/visits/apply/ → ``submit_visit_application`` saves
it as 접수 (a wished day inside a session is recorded as 본회의 참관) → staff approve or
reject it in the admin (``decide_visit_application`` records who and when) and an approved
one can become a SchoolVisit record → ``purge_visit_applications`` erases applications (and
their history rows) after the retention period.

E-mail (outreach/mail.py) goes by tasks (outreach.tasks.send_visit_mail), queued in the
transaction that saves the application or its decision: the new application to the
responsible team and a confirmation to the applicant; the decision to the applicant. A mail
server that fails fails the task (recorded in the admin's task list), never the save.
"""

from __future__ import annotations

import calendar
import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_q.tasks import async_task

from council.models import Council, Member

from . import mail, ratelimit, rules
from .models import Monitor, MonitorCohort, SchoolVisit, VisitApplication, VisitProgramSettings
from .selectors import program_for


def monitor_quota_error(monitor: Monitor) -> str | None:
    """The cohort's per-member limit for a candidate monitor, counting the member's other
    monitors already saved in the cohort. One query; none without a cohort and member."""
    if not (monitor.cohort_id and monitor.recommended_by_id):
        return None
    already = (
        Monitor.objects.filter(
            cohort_id=monitor.cohort_id, recommended_by_id=monitor.recommended_by_id
        )
        .exclude(pk=monitor.pk)
        .count()
    )
    return rules.recommendation_limit_error(limit=monitor.cohort.max_per_member, already=already)


def check_monitor_quota(monitor: Monitor) -> None:
    error = monitor_quota_error(monitor)
    if error:
        raise ValidationError({"recommended_by": [error]})


@transaction.atomic
def monitor_create(
    *,
    cohort: MonitorCohort,
    name: str,
    recommended_by: Member,
    recommended_on: datetime.date,
    resident_since: datetime.date,
    opinions_submitted: int = 0,
) -> Monitor:
    """Register a citizen monitor after every check the admin runs: the record itself
    (residency, Monitor.clean) and the member's limit in the cohort."""
    monitor = Monitor(
        cohort=cohort,
        name=name,
        recommended_by=recommended_by,
        recommended_on=recommended_on,
        resident_since=resident_since,
        opinions_submitted=opinions_submitted,
    )
    monitor.full_clean()
    check_monitor_quota(monitor)
    monitor.save()
    return monitor


# ---------------------------------------------------------------- school visits


def visit_program_settings(council: Council) -> VisitProgramSettings:
    """The council's form rules; the defaults (7 days ahead, 1–40 pupils, 1–5 teachers,
    kept 12 months) until staff change them in the admin."""
    rules, _ = VisitProgramSettings.objects.get_or_create(council=council)
    return rules


class DuplicateApplication(Exception):
    """The same school already asked for the same day from the same phone number, and that
    application is still open (접수) or was approved: a second one would only be a copy."""

    def __init__(self, existing: VisitApplication):
        super().__init__(f"duplicate of visit application {existing.pk}")
        self.existing = existing


def duplicate_of(application: VisitApplication) -> VisitApplication | None:
    """The earlier application a clerk would call the same one: same council, school (case
    aside), wished day and phone number, not rejected. A rejected one may be asked again."""
    return (
        VisitApplication.objects.filter(
            council_id=application.council_id,
            school__iexact=application.school,
            wished_date=application.wished_date,
            phone=application.phone,
        )
        .exclude(status=VisitApplication.Status.REJECTED)
        .order_by("submitted_at")
        .first()
    )


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
    client_address: str | None = None,
) -> VisitApplication:
    """Save an application as 접수.

    With `client_address` (the public form's), one submission is counted against the
    address's rate limit in the same transaction as the save (outreach/ratelimit.py): raises
    ratelimit.RateLimitExceeded when it is used up, and a refused or failed save counts
    nothing. Raises DuplicateApplication when the same application is already there.
    """
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
        if client_address is not None:
            # First: the address's counter row is locked until this transaction ends, so
            # the same sender's concurrent posts (a double click included) take turns.
            ratelimit.take(client_address)
        existing = duplicate_of(application)
        if existing is not None:
            raise DuplicateApplication(existing)
        application.save()
        _queue_mail(application, mail.TEAM, mail.RECEIVED)
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
        changed = application.status != status
        application.status = status
        application.decided_by = decided_by
        application.decided_at = now or timezone.now()
        if note:
            application.decision_note = note
        application.full_clean()
        _changed_by(application, decided_by)
        application.save()
        if changed:  # the applicant hears of each decision once, not of a repeated click
            _queue_mail(application, status)
    return application


# ---------------------------------------------------------------- e-mail

MAIL_TASK = "outreach.tasks.send_visit_mail"


def _queue_mail(application: VisitApplication, *kinds: str) -> None:
    """Queue the application's e-mails (mail.TEAM, mail.RECEIVED, a decision), one task
    each, in the caller's transaction: the queue is a table of the same database, so they
    are queued exactly when the record is saved (settings.Q_CLUSTER)."""
    for kind in kinds:
        async_task(
            MAIL_TASK,
            application.pk,
            kind,
            task_name=f"visit-mail-{kind}-{application.pk}",
            group="visit-mail",
        )


def send_visit_mail(*, application_id: int, kind: str) -> str:
    """Send one e-mail about an application (the task's body) and say what was done. Nothing
    is sent for an application erased meanwhile, for a decision changed since (its own task
    tells the new one), or when there is no address to send to. A mail server's error is
    raised, so the task is recorded as failed."""
    application = (
        VisitApplication.objects.select_related("council").filter(pk=application_id).first()
    )
    if application is None:
        return "skipped: the application was erased"
    if kind in (mail.APPROVED, mail.REJECTED) and application.status != kind:
        return f"skipped: the application is {application.status} now"
    message = mail.message_for(application, kind)
    if message is None:
        return "skipped: no address to send to"
    message.send()
    return f"sent {kind} mail"


def _changed_by(record, user) -> None:
    """Name who made the change in the record's history (django-simple-history reads this
    attribute when the record is saved outside a request, e.g. from an admin action)."""
    record._history_user = user


def create_school_visit(*, application: VisitApplication, decided_by=None) -> SchoolVisit:
    """The SchoolVisit record (체험 실적) of an approved application; made once."""
    with transaction.atomic():
        application = VisitApplication.objects.select_for_update().get(pk=application.pk)
        if application.status != VisitApplication.Status.APPROVED:
            raise ValueError("승인한 신청만 체험 실적으로 만들 수 있습니다.")
        if application.school_visit is not None:
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
        _changed_by(visit, decided_by)
        visit.save()
        application.school_visit = visit
        _changed_by(application, decided_by)
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
            # (audit/ registers the history manager at start-up; type checkers cannot see it.)
            VisitApplication.history.filter(id__in=ids).delete()  # type: ignore[attr-defined]
        purged += len(ids)
    return purged


def _months_before(moment: datetime.datetime, months: int) -> datetime.datetime:
    """The same day and time `months` earlier (the month's last day if it is shorter)."""
    year, month = divmod(moment.year * 12 + moment.month - 1 - months, 12)
    month += 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)
