"""A published work plan is a frozen, numbered edition: its page and PDF stay as they were
published whatever records change later; a correction is the next edition (개정판), and
earlier editions stay listed and downloadable at their own address. A plan never published
is a draft that only staff see, with a "공개 전 미리보기" banner. The seed's 2023 plan loads as
its first edition."""

import datetime
import hashlib
from io import StringIO

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_q.conf import Conf

from workplan.models import Edition, Project, WorkPlan
from workplan.report import pdf as report_pdf
from workplan.services import render_edition, work_plan_publish


@pytest.fixture
def plan_2023(seeded):
    return WorkPlan.objects.get(council=seeded, year=2023)


@pytest.fixture
def fake_pdf(monkeypatch):
    """A fast PDF that still differs when the document differs."""

    def html_to_pdf(html: str) -> bytes:
        return b"%PDF-1.7 fake " + hashlib.sha256(html.encode()).hexdigest().encode()

    monkeypatch.setattr(report_pdf, "html_to_pdf", html_to_pdf)


def _retitle(plan, title: str) -> Project:
    project = plan.projects.get(number=1)
    project.title = title
    project.save()
    return project


def test_the_seed_plan_is_published_as_its_first_edition_with_its_date(plan_2023, client):
    edition = Edition.objects.get(plan=plan_2023)
    assert edition.number == 1 and edition.status == Edition.Status.DONE

    html = client.get("/workplan/2023/").content.decode()
    assert "2023년 2월 발행 · 제1판 2026. 12. 1." in html
    assert 'href="/workplan/2023/editions/1.pdf"' in html  # listed in 발행 이력
    assert "공개 전 미리보기" not in html
    assert client.get("/workplan/2023.pdf").getvalue().startswith(b"%PDF")


def test_the_published_pdf_and_page_do_not_change_after_an_edit(plan_2023, client, admin_client):
    old_title = plan_2023.projects.get(number=1).title
    before = client.get("/workplan/2023.pdf").getvalue()

    _retitle(plan_2023, "고친 사업명")

    assert client.get("/workplan/2023.pdf").getvalue() == before
    assert client.get("/workplan/2023/editions/1.pdf").getvalue() == before
    public = client.get("/workplan/2023/").content.decode()
    assert old_title in public and "고친 사업명" not in public
    # Staff see the live draft with the banner and the published edition's links.
    preview = admin_client.get("/workplan/2023/").content.decode()
    assert "공개 전 미리보기" in preview and "고친 사업명" in preview
    assert 'href="/workplan/2023/editions/1/"' in preview
    assert 'href="/workplan/2023/editions/1.pdf"' in preview


def test_a_correction_is_edition_two_and_edition_one_stays_downloadable(
    plan_2023, client, admin_client, fake_pdf
):
    first = client.get("/workplan/2023.pdf").getvalue()
    _retitle(plan_2023, "고친 사업명")

    confirm = admin_client.post(
        "/admin/workplan/workplan/", {"action": "publish", "_selected_action": [plan_2023.pk]}
    )
    assert confirm.status_code == 200
    assert "제2판 (개정판" in confirm.content.decode()
    assert Edition.objects.filter(plan=plan_2023).count() == 1  # not before confirming

    done = admin_client.post(
        "/admin/workplan/workplan/",
        {
            "action": "publish",
            "_selected_action": [plan_2023.pk],
            "confirm": "yes",
            "note": "개정판: 1번 사업명 수정",
        },
    )
    assert done.status_code == 302

    second = Edition.objects.get(plan=plan_2023, number=2)
    assert second.published_by == User.objects.get(username="admin")
    assert second.note == "개정판: 1번 사업명 수정"
    assert second.status == Edition.Status.DONE
    assert second.history.latest().history_user == second.published_by
    assert LogEntry.objects.filter(object_id=str(plan_2023.pk), change_message="제2판 발행")

    html = client.get("/workplan/2023/").content.decode()
    assert "고친 사업명" in html and "제2판 2026. 12. 1." in html
    assert "제1판 2026. 12. 1." in html and "개정판: 1번 사업명 수정" in html
    latest = client.get("/workplan/2023.pdf").getvalue()
    assert latest != first and latest == client.get("/workplan/2023/editions/2.pdf").getvalue()
    assert client.get("/workplan/2023/editions/1.pdf").getvalue() == first
    old = client.get("/workplan/2023/editions/1/").content.decode()
    assert "고친 사업명" not in old and "최신판이 아닙니다" in old
    assert client.get("/workplan/2023/editions/3.pdf").status_code == 404
    # The plan's admin page lists both editions with their PDF's state.
    change = admin_client.get(f"/admin/workplan/workplan/{plan_2023.pk}/change/").content
    assert change.decode().count("완료 (") >= 2


def test_the_pdf_of_a_new_edition_is_pending_until_a_worker_makes_it(
    plan_2023, client, admin_client, fake_pdf, monkeypatch
):
    monkeypatch.setattr(Conf, "SYNC", False)  # tasks wait for a worker, as in production
    edition = work_plan_publish(work_plan=plan_2023, user=None, note="개정판")

    assert edition.status == Edition.Status.QUEUED
    pending = client.get("/workplan/2023.pdf")
    assert pending.status_code == 202 and pending["Retry-After"] == "5"
    change = admin_client.get(f"/admin/workplan/workplan/{plan_2023.pk}/change/").content
    assert "대기 (" in change.decode()

    render_edition(edition.pk)  # what the worker does
    assert client.get("/workplan/2023.pdf").status_code == 200


def test_a_draft_plan_is_seen_by_staff_only(plan_2023, client, admin_client, settings):
    draft = WorkPlan.objects.create(
        council=plan_2023.council, year=2024, issued_on=datetime.date(2024, 2, 1)
    )
    assert not draft.editions.exists()

    for path in ("/workplan/2024/", "/workplan/2024.pdf", "/workplan/2024/editions/1.pdf"):
        assert client.get(path).status_code == 404, path
    assert client.get("/workplan/")["Location"] == "/workplan/2023/"
    assert 'href="/workplan/2024/"' not in client.get("/workplan/2023/").content.decode()
    assert "/workplan/2024" not in client.get("/sitemap.xml").content.decode()

    preview = admin_client.get("/workplan/2024/")
    assert preview.status_code == 200
    assert "공개 전 미리보기" in preview.content.decode()
    assert admin_client.get("/workplan/")["Location"] == "/workplan/2024/"


def test_the_publish_command_makes_the_next_edition_and_its_pdf(plan_2023, client, fake_pdf):
    _retitle(plan_2023, "명령으로 고친 사업명")
    out = StringIO()
    call_command("publish", "workplan", "2023", "--note", "개정판: 명령", stdout=out)

    assert "제2판을 발행했습니다" in out.getvalue()
    edition = Edition.objects.get(plan=plan_2023, number=2)
    assert edition.note == "개정판: 명령" and edition.status == Edition.Status.DONE
    assert edition.published_by is None
    assert client.get("/workplan/2023/editions/2.pdf").getvalue().startswith(b"%PDF-1.7 fake")


def _count(client, path) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200, path
    return len(ctx)


@pytest.mark.parametrize(
    "path", ["/workplan/2023/", "/workplan/2023/editions/1/", "/workplan/2023.pdf"]
)
def test_public_pages_query_as_many_times_however_many_editions(
    plan_2023, client, fake_pdf, settings, path
):
    settings.PAGE_CACHE_ENABLED = False
    before = _count(client, path)
    for _ in range(3):
        work_plan_publish(work_plan=plan_2023, user=None, note="개정판")

    assert _count(client, path) == before
    assert before <= 12
