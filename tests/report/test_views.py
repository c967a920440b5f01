"""Citizens open the work plan at /workplan/<year>/ and download /workplan/<year>.pdf (its
latest published edition, frozen); the secretariat exports it with a command. Staff's draft
preview PDF is served from the shared cache until a record changes."""

from io import StringIO
from unittest import mock

import pytest
from django.core.management import CommandError, call_command

from workplan.report import pdf as report_pdf

from .conftest import compact

FAKE_PDF = b"%PDF-1.7 fake"


@pytest.fixture
def counted_render(monkeypatch):
    """render_pdf replaced by a fast fake that counts its calls."""
    fake = mock.Mock(return_value=FAKE_PDF)
    monkeypatch.setattr(report_pdf, "render_pdf", fake)
    return fake


def test_workplan_index_redirects_to_the_latest_year(plan_2023, client):
    response = client.get("/workplan/")

    assert response.status_code == 302
    assert response["Location"] == "/workplan/2023/"


def test_html_page_shows_the_computed_figures(plan_2023, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(50):
        response = client.get("/workplan/2023/")
    html = response.content.decode()

    assert response.status_code == 200
    assert '<html lang="ko">' in html
    assert "<h1" in html and "2023. 주요업무계획" in html
    assert 'href="/workplan/2023.pdf"' in html
    assert compact('<th scope="row">총 계</th>') in compact(html)
    assert ">4,378<" in html and ">3,669<" in html and ">709<" in html and ">19.32%<" in html
    assert "2023년 소요예산 : 86,980천원" in html
    assert "총 5회 80일 [정례회 2회 51일 / 임시회 3회 29일]" in html
    assert "2023. 2. 14.(화) ~ 2. 23.(목) 10일 간 [예정]" in html
    assert 'class="table-wrap"' in html
    assert "style=" not in html and "<script" not in html


def test_unknown_years_are_404_pages_not_errors(plan_2023, client):
    for url in ["/workplan/2019/", "/workplan/2019.pdf", "/workplan/99999/", "/workplan/0.pdf"]:
        response = client.get(url)
        assert response.status_code == 404, url


def test_no_work_plan_at_all_is_a_404(db, client):
    assert client.get("/workplan/").status_code == 404


def test_pdf_download_has_a_korean_filename_and_cache_headers(plan_2023, client):
    response = client.get("/workplan/2023.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.getvalue().startswith(b"%PDF")
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; filename*=utf-8''")
    assert "%EA%B8%88%EC%B2%9C%EA%B5%AC%EC%9D%98%ED%9A%8C" in disposition  # 금천구의회
    assert response["Cache-Control"] == "public, no-cache"
    assert response["ETag"]

    again = client.get("/workplan/2023.pdf", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_the_published_pdf_is_served_as_kept_without_rendering(
    plan_2023, client, counted_render, django_assert_max_num_queries
):
    with django_assert_max_num_queries(1):  # the edition; then its stored file
        response = client.get("/workplan/2023.pdf")

    assert counted_render.call_count == 0
    assert response["X-Workplan-Cache"] == "edition"


def test_an_edit_makes_staffs_next_preview_fresh_and_leaves_the_public_pdf(
    plan_2023, client, admin_client, counted_render
):
    from sessions_app.models import Session

    published = client.get("/workplan/2023.pdf").getvalue()
    # Nothing changed since the edition: staff get the edition too.
    assert admin_client.get("/workplan/2023.pdf")["X-Workplan-Cache"] == "edition"
    session = Session.objects.get(number=242)
    session.last_day = session.last_day.replace(day=24)
    session.save()

    preview = admin_client.get("/workplan/2023.pdf")
    assert counted_render.call_count == 1
    assert preview["X-Workplan-Cache"] == "miss" and preview.getvalue() == FAKE_PDF
    assert admin_client.get("/workplan/2023.pdf")["X-Workplan-Cache"] == "hit"
    assert client.get("/workplan/2023.pdf").getvalue() == published


def test_admin_change_page_links_to_pdf_and_html(plan_2023, admin_client):
    response = admin_client.get(f"/admin/workplan/workplan/{plan_2023.pk}/change/")
    html = response.content.decode()

    assert response.status_code == 200
    assert 'href="/workplan/2023.pdf"' in html and "PDF 내려받기" in html
    assert 'href="/workplan/2023/"' in html and "HTML 보기" in html


def test_export_command_writes_html_and_pdf(plan_2023, tmp_path, counted_render):
    html_path, pdf_path = tmp_path / "plan.html", tmp_path / "plan.pdf"

    call_command("export_workplan", "2023", "--output", str(html_path), stdout=StringIO())
    call_command("export_workplan", "2023", "--output", str(pdf_path), stdout=StringIO())

    html = html_path.read_text(encoding="utf-8")
    assert "총 5회 80일" in html and "workplan.css" in html and "file://" in html
    assert pdf_path.read_bytes() == FAKE_PDF


def test_export_command_explains_bad_input(plan_2023, tmp_path):
    with pytest.raises(CommandError, match="2019년 주요업무계획이 없습니다. 등록된 연도: 2023"):
        call_command("export_workplan", "2019", "--output", str(tmp_path / "x.pdf"))
    with pytest.raises(CommandError, match=r"\.pdf 또는 \.html"):
        call_command("export_workplan", "2023", "--output", str(tmp_path / "x.docx"))
    with pytest.raises(CommandError, match="폴더"):
        call_command("export_workplan", "2023", "--output", str(tmp_path / "no" / "x.pdf"))


def test_export_command_writes_the_published_edition_citizens_download(
    plan_2023, tmp_path, client, counted_render
):
    """--published writes the PDF of the year's latest published edition (made first when no
    worker has made it), not one of the records as they are now."""
    published, draft = tmp_path / "published.pdf", tmp_path / "draft.pdf"

    call_command("export_workplan", "2023", "--published", "-o", str(published), stdout=StringIO())
    call_command("export_workplan", "2023", "-o", str(draft), stdout=StringIO())

    download = client.get("/workplan/2023.pdf")
    assert download["X-Workplan-Cache"] == "edition"
    assert published.read_bytes() == download.getvalue()  # what citizens get
    assert published.read_bytes().startswith(b"%PDF-")
    assert draft.read_bytes() == FAKE_PDF  # the records now: the draft's rendition


def test_export_command_explains_a_year_without_a_published_edition(plan_2023, tmp_path):
    plan_2023.editions.all().delete()

    with pytest.raises(CommandError, match="2023년 주요업무계획은 아직 공개된 판이 없습니다"):
        call_command("export_workplan", "2023", "--published", "-o", str(tmp_path / "x.pdf"))
    with pytest.raises(CommandError, match="PDF로만"):
        call_command("export_workplan", "2023", "--published", "-o", str(tmp_path / "x.html"))
