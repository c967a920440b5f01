"""The work plan's PDF is made by a worker, never inside a request: the first download after
an edit asks for it and is told to come back in a moment; the next ones get the stored file.
One version is rendered once, however many ask; a failure is shown to the clerk with its
error and tried again; a worker that died halfway leaves nothing stuck.

Tasks are queued here, not run (Django Q2's sync mode off), and a test runs the queued task
itself where a worker would (tests/test_task_worker.py runs real workers).

These PDFs are staff's preview of a draft plan (the public gets a published edition's
frozen PDF, tests/workplan_publish/): here the seed's plan is a draft, downloaded by a clerk."""

from __future__ import annotations

import datetime
import gc
from unittest import mock

import pytest
from django.contrib.auth.models import Group, User
from django.db.models import QuerySet
from django.utils import timezone
from django_q.conf import Conf
from django_q.models import OrmQ, Schedule

from workplan.models import Rendition
from workplan.report import pdf as report_pdf
from workplan.services import RETRY_FAILED_AFTER, render_rendition, renditions_prune

FAKE_PDF = b"%PDF-1.7 fake"


@pytest.fixture
def plan_2023(seeded, plan_2023):
    """The seed's 2023 plan as a draft: its published edition removed."""
    plan_2023.editions.all().delete()
    return plan_2023


@pytest.fixture
def client(admin_client):
    """A clerk signed in: drafts' PDFs are theirs to see."""
    return admin_client


@pytest.fixture
def queued_only(monkeypatch):
    """Tasks wait in the queue for a worker, as in production."""
    monkeypatch.setattr(Conf, "SYNC", False)


@pytest.fixture
def counted_render(monkeypatch):
    fake = mock.Mock(return_value=FAKE_PDF)
    monkeypatch.setattr(report_pdf, "render_pdf", fake)
    return fake


def run_queued_tasks() -> int:
    """What a worker does: take each queued render task and run it."""
    from django_q.signing import SignedPackage

    done = 0
    for package in OrmQ.objects.all():
        task = SignedPackage.loads(package.payload)
        package.delete()  # acknowledged, failed or not (settings: ack_failures)
        if task["func"] != "workplan.tasks.render_rendition":
            continue  # other work an edit queues (the search index's), not this test's
        render_rendition(*task["args"])
        done += 1
    return done


def test_the_first_download_asks_for_the_pdf_and_returns_at_once(
    plan_2023, client, queued_only, counted_render
):
    response = client.get("/workplan/2023.pdf")

    assert response.status_code == 202
    assert response["Retry-After"] == "5"
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert "2023년 주요업무계획 PDF를 만들고 있습니다" in html
    assert 'href="/workplan/2023/"' in html  # the web page meanwhile
    assert counted_render.call_count == 0  # nothing rendered inside the request
    rendition = Rendition.objects.get()
    assert (rendition.work_plan, rendition.status) == (plan_2023, Rendition.Status.QUEUED)
    assert OrmQ.objects.count() == 1


def test_many_downloads_of_a_new_version_queue_one_render(
    plan_2023, client, queued_only, counted_render
):
    for _ in range(8):
        assert client.get("/workplan/2023.pdf").status_code == 202

    assert Rendition.objects.count() == 1
    assert OrmQ.objects.count() == 1
    assert run_queued_tasks() == 1
    assert counted_render.call_count == 1


def test_once_made_every_download_gets_the_stored_file(
    plan_2023, client, queued_only, counted_render, django_assert_max_num_queries
):
    client.get("/workplan/2023.pdf")
    run_queued_tasks()

    # The clerk's session and user, the latest edition (none), the version, the made rendition.
    with django_assert_max_num_queries(5):
        response = client.get("/workplan/2023.pdf")

    assert response.status_code == 200
    assert response.getvalue() == FAKE_PDF
    assert response["X-Workplan-Cache"] == "hit"
    rendition = Rendition.objects.get()
    assert rendition.status == Rendition.Status.DONE and rendition.attempts == 1
    assert rendition.file.name.startswith("workplan/pdf/")
    assert rendition.filename == "금천구의회_2022_주요업무추진실적_및_2023_주요업무계획.pdf"
    assert counted_render.call_count == 1


def test_an_edit_asks_for_a_new_pdf_and_the_old_one_is_never_served_for_it(
    plan_2023, client, queued_only, counted_render
):
    from sessions_app.models import Session

    client.get("/workplan/2023.pdf")
    run_queued_tasks()
    session = Session.objects.get(number=242)
    session.last_day = session.last_day.replace(day=24)
    session.save()

    assert client.get("/workplan/2023.pdf").status_code == 202
    assert Rendition.objects.filter(status=Rendition.Status.QUEUED).count() == 1
    run_queued_tasks()
    assert client.get("/workplan/2023.pdf").status_code == 200
    assert counted_render.call_count == 2


def test_a_failed_render_is_shown_with_its_error_and_tried_again_later(
    plan_2023, client, admin_client, queued_only, monkeypatch, clock
):
    monkeypatch.setattr(report_pdf, "render_pdf", mock.Mock(side_effect=OSError("글꼴 없음")))
    client.get("/workplan/2023.pdf")
    with pytest.raises(OSError):
        run_queued_tasks()  # the worker records the task as failed too

    rendition = Rendition.objects.get()
    assert rendition.status == Rendition.Status.FAILED
    assert rendition.error == "OSError: 글꼴 없음"
    page = admin_client.get(f"/admin/workplan/workplan/{plan_2023.pk}/change/")
    assert "실패: OSError: 글꼴 없음" in page.content.decode()
    public = client.get("/workplan/2023.pdf")
    assert public.status_code == 202
    assert "글꼴" not in public.content.decode()  # the error is for staff
    assert OrmQ.objects.count() == 0  # not queued again at once

    clock.travel_to(timezone.now() + RETRY_FAILED_AFTER + datetime.timedelta(minutes=1))
    monkeypatch.setattr(report_pdf, "render_pdf", mock.Mock(return_value=FAKE_PDF))
    assert client.get("/workplan/2023.pdf").status_code == 202
    assert OrmQ.objects.count() == 1
    run_queued_tasks()
    rendition.refresh_from_db()
    assert (rendition.status, rendition.attempts, rendition.error) == ("done", 2, "")


def test_the_renders_garbage_is_collected_once_the_pdf_is_stored(
    plan_2023, client, queued_only, monkeypatch
):
    """The cycle collector's pass over a render's objects waits until the clerk's PDF is
    stored and marked done (workplan/report/pdf.py collection_deferred); it is on again
    afterwards, after a failed render too."""
    seen = []

    def render(report):
        seen.append(("render", gc.isenabled()))
        return FAKE_PDF

    updates = QuerySet.update

    def update(queryset, **fields):
        if queryset.model is Rendition and fields.get("status") == Rendition.Status.DONE:
            seen.append(("done", gc.isenabled()))
        return updates(queryset, **fields)

    monkeypatch.setattr(report_pdf, "render_pdf", render)
    monkeypatch.setattr(QuerySet, "update", update)
    assert gc.isenabled()
    client.get("/workplan/2023.pdf")
    run_queued_tasks()

    assert Rendition.objects.get().status == Rendition.Status.DONE
    assert seen == [("render", False), ("done", False)]
    assert gc.isenabled()

    monkeypatch.setattr(report_pdf, "render_pdf", mock.Mock(side_effect=OSError("글꼴 없음")))
    Rendition.objects.all().delete()
    client.get("/workplan/2023.pdf")
    with pytest.raises(OSError):
        run_queued_tasks()
    assert gc.isenabled()


def test_a_render_whose_worker_died_is_started_over_by_the_retried_task(
    plan_2023, client, queued_only, counted_render
):
    client.get("/workplan/2023.pdf")
    rendition = Rendition.objects.get()
    # A worker took it and died halfway: the row says 처리 중, the queue hands it out again.
    Rendition.objects.filter(pk=rendition.pk).update(
        status=Rendition.Status.RUNNING, started_at=timezone.now(), attempts=1
    )

    run_queued_tasks()

    rendition.refresh_from_db()
    assert (rendition.status, rendition.attempts) == (Rendition.Status.DONE, 2)
    assert client.get("/workplan/2023.pdf").status_code == 200


def test_a_made_task_run_twice_renders_once(plan_2023, client, counted_render):
    client.get("/workplan/2023.pdf")  # made at once (tasks run in the request)
    rendition = Rendition.objects.get()

    assert render_rendition(rendition.pk) == "skipped"
    assert counted_render.call_count == 1


def test_a_lost_file_is_made_again_instead_of_an_error(plan_2023, client, counted_render):
    first = client.get("/workplan/2023.pdf")
    assert first.status_code == 200
    rendition = Rendition.objects.get()
    rendition.file.storage.delete(rendition.file.name)

    again = client.get("/workplan/2023.pdf")

    # Tasks run in the request here: the file is made again and this download waits.
    assert again.status_code in (200, 202)
    rendition.refresh_from_db()
    assert rendition.status == Rendition.Status.DONE
    assert rendition.file.storage.exists(rendition.file.name)
    assert counted_render.call_count == 2


def test_the_clerk_asks_for_the_pdf_and_sees_its_state(
    plan_2023, client, queued_only, counted_render
):
    clerk = User.objects.create_user("clerk", password="pw-12345678", is_staff=True)
    clerk.groups.add(Group.objects.get(role__role="general_affairs"))
    client.force_login(clerk)
    change = f"/admin/workplan/workplan/{plan_2023.pk}/change/"
    page = client.get(change).content.decode()
    assert "지금 자료로 만든 PDF가 아직 없습니다" in page
    assert f'action="/admin/workplan/workplan/{plan_2023.pk}/pdf/"' in page

    response = client.post(f"/admin/workplan/workplan/{plan_2023.pk}/pdf/")

    assert response.status_code == 302 and response["Location"] == change
    assert counted_render.call_count == 0  # returned at once
    page = client.get(change).content.decode()
    assert "PDF를 만들도록 요청했습니다" in page
    assert "대기 (" in page
    run_queued_tasks()
    page = client.get(change).content.decode()
    assert "완료 (" in page
    listing = client.get("/admin/workplan/rendition/").content.decode()
    rendition = Rendition.objects.get()
    assert f"/admin/workplan/rendition/{rendition.pk}/file/" in listing
    download = client.get(f"/admin/workplan/rendition/{rendition.pk}/file/")
    assert download.status_code == 200 and download.getvalue() == FAKE_PDF


def test_a_clerk_of_another_team_cannot_ask_for_the_pdf(plan_2023, client, queued_only):
    clerk = User.objects.create_user("pr", password="pw-12345678", is_staff=True)
    clerk.groups.add(Group.objects.get(role__role="public_relations"))
    client.force_login(clerk)

    assert client.post(f"/admin/workplan/workplan/{plan_2023.pk}/pdf/").status_code == 403
    assert client.get(f"/admin/workplan/workplan/{plan_2023.pk}/pdf/").status_code == 405
    assert not Rendition.objects.exists()


def test_old_versions_files_are_pruned_the_newest_kept(plan_2023, counted_render):
    from common import versioning

    made = []
    for number in range(5):
        rendition = Rendition.objects.create(work_plan=plan_2023, version=f"v{number}")
        render_rendition(rendition.pk)
        made.append(Rendition.objects.get(pk=rendition.pk))
    assert versioning  # the versions here are made up; only their order matters

    assert renditions_prune(keep=3) == 2
    left = set(Rendition.objects.values_list("version", flat=True))
    assert left == {"v2", "v3", "v4"}
    assert not made[0].file.storage.exists(made[0].file.name)
    assert made[4].file.storage.exists(made[4].file.name)


def test_the_daily_purges_are_scheduled_by_migrating(db):
    schedules = {s.func: s for s in Schedule.objects.all()}

    assert set(schedules) >= {
        "outreach.tasks.purge_visit_applications",
        "workplan.tasks.prune_renditions",
    }
    for schedule in schedules.values():
        assert schedule.schedule_type == Schedule.DAILY and schedule.repeats == -1
        assert timezone.localtime(schedule.next_run).minute == 0
