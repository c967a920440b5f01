"""Writes of the work plan: asking for a PDF and rendering it (the task's body), and the
year rollover (work_plan_roll_over, at the end).

A PDF is made by a worker (workplan/tasks.py, Django Q2), never inside a request: a request
asks for the rendition of the records' current version and gets the file once a worker made
it. The same version is rendered once: the rendition row is unique per plan and version, its
task is queued once, in the transaction that creates the row (the queue is a table of the
same database), and a task taken by a worker that then died is run again by the next one
(settings.Q_CLUSTER's retry).
"""

from __future__ import annotations

import datetime
import logging
import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Max, Q
from django.utils import timezone
from django_q.tasks import async_task

from .models import Edition, ProjectSection, Rendition, WorkPlan
from .report import pdf as report_pdf
from .report.builder import build_report, report_version

logger = logging.getLogger(__name__)

# A failed rendition is tried again by the next download after this long (a clerk's button
# tries again at once); one left "처리 중" by a worker that was stopped, after its time limit.
RETRY_FAILED_AFTER = datetime.timedelta(minutes=10)
# Renditions kept per plan besides the newest: earlier versions' files are removed
# (renditions_prune, scheduled daily).
KEPT_RENDITIONS = 3
RENDER_TASK = "workplan.tasks.render_rendition"
EDITION_TASK = "workplan.tasks.render_edition"


class RenditionFailed(Exception):
    """A PDF that could not be made; the message says why."""


def _stale_before(now: datetime.datetime) -> datetime.datetime:
    """A rendition still "처리 중" from before this was taken by a worker that stopped: by
    now the queue has handed its task out again (settings.Q_CLUSTER's retry)."""
    return now - datetime.timedelta(seconds=settings.Q_CLUSTER["retry"])


def rendition_request(*, work_plan: WorkPlan, version: str, again: bool = False) -> Rendition:
    """The plan's PDF at this data version, asked for: an existing rendition as it is (made,
    waiting for a worker, or being made), otherwise a new one queued. A failed one is queued
    again once RETRY_FAILED_AFTER has passed, or at once with `again` (a clerk's button); so
    is one left "처리 중" past the task time limit by a worker that stopped. Returns at once
    (with tasks run inside the request, as in tests, the rendition comes back made)."""
    now = timezone.now()
    failed_before = now if again else now - RETRY_FAILED_AFTER
    with transaction.atomic():
        rendition, created = Rendition.objects.get_or_create(work_plan=work_plan, version=version)
        # One conditional UPDATE: of two requests at once, one queues it again.
        queue = created or bool(
            Rendition.objects.filter(pk=rendition.pk)
            .filter(
                Q(status=Rendition.Status.FAILED, finished_at__lte=failed_before)
                | Q(status=Rendition.Status.RUNNING, started_at__lt=_stale_before(now))
            )
            .update(status=Rendition.Status.QUEUED, error="", requested_at=now)
        )
        if queue:
            # The queue is a table of this database: the task is queued with the row.
            async_task(
                RENDER_TASK,
                rendition.pk,
                task_name=f"workplan-pdf-{rendition.pk}",
                group="workplan-pdf",
            )
    rendition.refresh_from_db()
    return rendition


def rendition_lost(*, rendition: Rendition) -> Rendition:
    """A made rendition whose file the storage no longer has: recorded as failed, and
    queued again."""
    Rendition.objects.filter(pk=rendition.pk).update(
        status=Rendition.Status.FAILED,
        file="",
        error="저장소에 PDF 파일이 없어 다시 만듭니다.",
        finished_at=timezone.now(),
    )
    return rendition_request(work_plan=rendition.work_plan, version=rendition.version, again=True)


def render_rendition(rendition_id: int) -> str:
    """Render a queued rendition (the task's body): build the report from the records, make
    the PDF, keep it in the default storage. Run again after a worker died halfway, it starts
    over; a rendition already made or failed meanwhile is left alone. An error is recorded
    on the rendition (the admin shows it) and raised, so the task is recorded as failed."""
    claimed = Rendition.objects.filter(
        pk=rendition_id, status__in=[Rendition.Status.QUEUED, Rendition.Status.RUNNING]
    ).update(
        status=Rendition.Status.RUNNING,
        started_at=timezone.now(),
        finished_at=None,
        attempts=F("attempts") + 1,
    )
    if not claimed:
        return "skipped"
    rendition = Rendition.objects.select_related("work_plan__council").get(pk=rendition_id)
    plan = rendition.work_plan
    # The render's garbage is collected once the rendition is done (collection_deferred).
    with report_pdf.collection_deferred():
        try:
            content = report_pdf.render_pdf(build_report(plan.year))
            name = f"{plan.council_id}-{plan.year}-{rendition.pk}.pdf"
            stored = rendition.file.storage.save(
                rendition.file.field.generate_filename(rendition, name), ContentFile(content)
            )
        except Exception as error:
            Rendition.objects.filter(pk=rendition_id).update(
                status=Rendition.Status.FAILED,
                error=f"{type(error).__name__}: {error}"[:2000],
                finished_at=timezone.now(),
            )
            logger.exception("work plan PDF %s failed", rendition_id)
            raise
        Rendition.objects.filter(pk=rendition_id).update(
            status=Rendition.Status.DONE,
            file=stored,
            filename=report_pdf.pdf_filename(plan.council.name, plan.year),
            error="",
            finished_at=timezone.now(),
        )
    return stored


def rendition_made(*, work_plan: WorkPlan, version: str, wait: float = 120.0) -> Rendition:
    """The plan's PDF at this version, made before returning (for commands, which wait): a
    queued one is rendered in this process (its task then finds it made), one a worker is
    making is waited for up to `wait` seconds. Raises RenditionFailed with the error."""
    rendition = rendition_request(work_plan=work_plan, version=version, again=True)
    return _wait_until_made(rendition, render_rendition, wait)


def _wait_until_made(job, render, wait: float):
    """A queued rendition or edition (`job`) rendered in this process by `render(pk)` (its
    task then finds it made), one a worker is making waited for up to `wait` seconds; the
    job once made. Raises RenditionFailed with the recorded error."""
    deadline = time.monotonic() + wait
    while job.status not in (Rendition.Status.DONE, Rendition.Status.FAILED):
        if job.status == Rendition.Status.QUEUED:
            try:
                render(job.pk)
            except Exception:  # noqa: BLE001 - recorded on the job, reported below
                pass
        elif time.monotonic() > deadline:
            raise RenditionFailed(f"{wait:.0f}초 안에 PDF가 만들어지지 않았습니다.")
        else:
            time.sleep(0.5)
        job.refresh_from_db()
    if job.status == Rendition.Status.FAILED:
        raise RenditionFailed(job.error)
    return job


def renditions_prune(*, keep: int = KEPT_RENDITIONS) -> int:
    """Remove the files and rows of renditions older than each plan's `keep` newest made
    ones (the versions nobody is served any more). Returns how many were removed."""
    removed = 0
    for plan_id in Rendition.objects.values_list("work_plan_id", flat=True).distinct():
        made = Rendition.objects.filter(work_plan_id=plan_id, status=Rendition.Status.DONE)
        kept = list(made.order_by("-finished_at").values_list("pk", flat=True)[:keep])
        old = (
            Rendition.objects.filter(work_plan_id=plan_id)
            .exclude(pk__in=kept)
            .exclude(status__in=[Rendition.Status.QUEUED, Rendition.Status.RUNNING])
        )
        for rendition in old:
            if rendition.file:
                rendition.file.delete(save=False)
            rendition.delete()
            removed += 1
    return removed


# ---------------------------------------------------------------- year rollover


def _next_year_day(day: datetime.date) -> datetime.date:
    """The same day a year later (29 February becomes the 28th)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def _copy(row, user, **changes):
    """A new row with every field of `row` but its key, and `changes`; validated, saved, its
    history naming `user`."""
    values = {
        f.attname: getattr(row, f.attname) for f in row._meta.concrete_fields if not f.primary_key
    }
    values.update(changes)
    copied = type(row)(**values)
    copied.full_clean()
    copied._history_user = user
    copied.save()
    return copied


def work_plan_roll_over(*, work_plan: WorkPlan, user=None) -> WorkPlan:
    """다음 연도 주요업무계획 만들기: next year's plan, a copy of this one (issued a year
    later, the same staff table) with its projects and each project's sections, exhibits,
    plan items, purchases and financing rows, in one transaction. What a clerk must look at
    is marked: every project (needs_review; a carried-over project continues, so it is no
    longer 신규) and the sections whose text is bound to its year (추진실적, 추진계획:
    ProjectSection.YEAR_BOUND_KINDS). The new plan is a draft: it has no edition until it
    is published. Refused (ValidationError, in Korean) when next year's plan exists."""
    year = work_plan.year + 1
    with transaction.atomic():
        if WorkPlan.objects.filter(council_id=work_plan.council_id, year=year).exists():
            raise ValidationError(
                f"{year}년 주요업무계획이 이미 있습니다. 다시 만들려면 먼저 {year}년 계획을 "
                "삭제하거나, 있는 계획을 고쳐 쓰세요."
            )
        plan = WorkPlan(
            council_id=work_plan.council_id,
            year=year,
            issued_on=_next_year_day(work_plan.issued_on),
            staff_table_id=work_plan.staff_table_id,
        )
        plan.full_clean()
        plan._history_user = user
        plan.save()
        projects = work_plan.projects.prefetch_related(
            "sections", "exhibits", "plan_items", "purchases", "financing"
        ).order_by("number")
        for project in projects:
            new = _copy(project, user, plan_id=plan.pk, is_new=False, needs_review=True)
            for section in project.sections.all():
                _copy(
                    section,
                    user,
                    project_id=new.pk,
                    needs_review=section.kind in ProjectSection.YEAR_BOUND_KINDS,
                )
            for related in ("exhibits", "plan_items", "purchases", "financing"):
                for row in getattr(project, related).all():
                    _copy(row, user, project_id=new.pk)
    return plan


# ---------------------------------------------------------------- publishing


def work_plan_publish(
    *, work_plan: WorkPlan, user, note: str = "", queue_pdf: bool = True
) -> Edition:
    """Publish the plan as its next edition (제1판, then each correction 제n+1판): the report
    built from the records now is kept as HTML (the page's body and the print document),
    and its PDF is queued for a worker, made from that kept print HTML, so what is
    published is what the clerk saw, whatever changes before the worker starts. Records who
    and when. Returns at once, the edition's PDF "대기" (with tasks run inside the call, as
    in tests, made). Without `queue_pdf` (the demo's many years) the PDF is made at its
    first download."""
    with transaction.atomic():
        plan = WorkPlan.objects.select_for_update().select_related("council").get(pk=work_plan.pk)
        version = report_version()
        report = build_report(plan.year)
        body, print_html = report_pdf.frozen_html(report)
        last = plan.editions.aggregate(last=Max("number"))["last"] or 0
        edition = Edition(
            plan=plan,
            number=last + 1,
            published_at=timezone.now(),
            published_by=user,
            note=note.strip(),
            issued_on=plan.issued_on,
            version=version,
            html=body,
            print_html=print_html,
            filename=report_pdf.pdf_filename(plan.council.name, plan.year),
        )
        edition.full_clean()
        edition._history_user = user  # type: ignore[attr-defined]  # the history names who
        edition.save()
        if queue_pdf:
            edition_pdf_request(edition=edition)
    edition.refresh_from_db()
    return edition


def edition_pdf_request(*, edition: Edition, again: bool = False) -> Edition:
    """Queue the making of an edition's PDF unless it is made or on its way: never asked
    (requested_at empty: a new edition, or one a demo made without its PDF), failed more
    than RETRY_FAILED_AFTER ago (at once with `again`), or left "처리 중" by a worker that
    stopped. One conditional UPDATE, so of two requests at once one queues it."""
    now = timezone.now()
    failed_before = now if again else now - RETRY_FAILED_AFTER
    with transaction.atomic():
        queue = (
            Edition.objects.filter(pk=edition.pk)
            .filter(
                Q(requested_at__isnull=True, status=Edition.Status.QUEUED)
                | Q(status=Edition.Status.FAILED, finished_at__lte=failed_before)
                | Q(status=Edition.Status.RUNNING, started_at__lt=_stale_before(now))
            )
            .update(status=Edition.Status.QUEUED, error="", requested_at=now)
        )
        if queue:
            async_task(
                EDITION_TASK,
                edition.pk,
                task_name=f"workplan-edition-{edition.pk}",
                group="workplan-pdf",
            )
    edition.refresh_from_db(fields=["status", "file", "error", "requested_at", "finished_at"])
    return edition


def render_edition(edition_id: int) -> str:
    """Render a queued edition's PDF from its kept print HTML (the task's body), keep it in
    the default storage. Like render_rendition: started over after a dead worker, left alone
    once made, an error recorded on the edition and raised."""
    claimed = Edition.objects.filter(
        pk=edition_id, status__in=[Edition.Status.QUEUED, Edition.Status.RUNNING]
    ).update(
        status=Edition.Status.RUNNING,
        started_at=timezone.now(),
        finished_at=None,
        attempts=F("attempts") + 1,
    )
    if not claimed:
        return "skipped"
    edition = Edition.objects.get(pk=edition_id)
    with report_pdf.collection_deferred():  # collected once the edition is done
        try:
            content = report_pdf.render_frozen_pdf(edition.print_html)
            name = f"{edition.plan_id}-{edition.number}.pdf"
            stored = edition.file.storage.save(
                edition.file.field.generate_filename(edition, name), ContentFile(content)
            )
        except Exception as error:
            Edition.objects.filter(pk=edition_id).update(
                status=Edition.Status.FAILED,
                error=f"{type(error).__name__}: {error}"[:2000],
                finished_at=timezone.now(),
            )
            logger.exception("work plan edition PDF %s failed", edition_id)
            raise
        Edition.objects.filter(pk=edition_id).update(
            status=Edition.Status.DONE, file=stored, error="", finished_at=timezone.now()
        )
    return stored


def edition_lost(*, edition: Edition) -> Edition:
    """A made edition whose file the storage no longer has: made again from its kept print
    HTML (the same document)."""
    Edition.objects.filter(pk=edition.pk).update(
        status=Edition.Status.FAILED,
        file="",
        error="저장소에 PDF 파일이 없어 다시 만듭니다.",
        finished_at=timezone.now(),
    )
    return edition_pdf_request(edition=edition, again=True)


def edition_made(*, edition: Edition, wait: float = 120.0) -> Edition:
    """An edition's PDF made before returning (for commands, like rendition_made)."""
    edition = edition_pdf_request(edition=edition, again=True)
    return _wait_until_made(edition, render_edition, wait)
