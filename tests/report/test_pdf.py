"""The 2023 work plan as a PDF: the seed's key figures are in its text, the table of contents
gives the pages sections really start on, only the bundled font is embedded, and an edit in
the admin shows in the next download."""

import re
import subprocess

import pytest

from workplan.report import pdf as report_pdf
from workplan.report.builder import build_report

from .conftest import compact, pdf_pages, squeeze

pytestmark = pytest.mark.slow  # WeasyPrint renders (a few seconds each)


@pytest.fixture
def pdf_2023(plan_2023):
    """The seed's 2023 plan as a PDF: rendered once per run, since the seed is the same in
    every test (render_pdf reuses the PDF of an identical document, tests/conftest.py)."""
    return report_pdf.render_pdf(build_report(2023))


def first_page_with(pages: list[str], text: str, after: int = 0) -> int:
    """1-based number of the first page after `after` whose text holds `text`."""
    for index, page in enumerate(pages[after:], start=after + 1):
        if text in squeeze(page):
            return index
    raise AssertionError(f"{text!r} is on no page after {after}")


def test_pdf_holds_the_seed_key_figures_and_weekdays(pdf_2023):
    pages = pdf_pages(pdf_2023)
    text = squeeze(" ".join(pages))

    assert pdf_2023.startswith(b"%PDF-")
    assert len(pages) >= 20
    # cover
    assert compact("열린의회, 구민과 함께하는") in compact(text)
    assert compact("2022. 주요업무 추진실적 및 2023. 주요업무계획") in compact(text)
    assert "2023. 2." in squeeze(pages[0])
    # I. 일반현황
    assert compact("의원 10명, 3개 상임위원회") in compact(text)
    assert compact("1국, 3전문위원, 3팀") in compact(text)
    assert compact("정원 32명(현원 23명)") in compact(text)
    assert compact("(기준일 : '23. 2월)") in compact(text)
    # 예산현황: 총계 4,378 vs 3,669, +709, 19.32%; a decrease with △. Read with the layout
    # kept, one table row a line: the tree's levels are indented, so reading order would
    # take the indented names for a column of their own.
    rows = [
        squeeze(line) for page in pdf_pages(pdf_2023, layout=True) for line in page.splitlines()
    ]
    assert "총계 4,378 3,669 709 19.32%" in rows
    assert "의정홍보활동 전개 계 85 97 △12 -12.37%" in rows
    # project 1: budget for the year and the multi-year total
    assert compact("2023년 소요예산 : 86,980천원") in compact(text)
    assert compact("334,792") in compact(text)
    assert compact("13명 (의원 8명, 직원 5명)") in compact(text)
    assert compact("(6박 8일)") in compact(text)
    # sessions of 2023 with their days and weekdays, and the computed summaries
    for heading, schedule in [
        ("제242회 임시회", "2023. 2. 14.(화) ~ 2. 23.(목) 10일 간 [예정]"),
        ("제243회 임시회", "2023. 3. 20.(월) ~ 3. 29.(수) 10일 간 [예정]"),
        ("제244회 정례회", "2023. 6. 8.(목) ~ 6. 30.(금) 23일 간 [개회일 확정]"),
        ("제245회 임시회", "2023. 9. 13.(수) ~ 9. 21.(목) 9일 간 [예정]"),
        ("제246회 정례회", "2023. 11. 23.(목) ~ 12. 20.(수) 28일 간 [개회일 확정]"),
    ]:
        assert compact(f"{heading} - 일 정 : {schedule}") in compact(text)
    assert compact("총 5회 80일 [정례회 2회 51일 / 임시회 3회 29일]") in compact(text)
    assert compact("회기 운영 총 8회 75일 (정례회 2회 46일 / 임시회 6회 29일)") in compact(text)
    assert compact("「본회의 ‘2일 이내’, 상임(특별)위원회 ‘5일 이내’」") in compact(text)
    # PR figures: coverage total from its tiers, sentences computed
    assert compact("802건 (중앙 2건, 광역 639건, 지역 161건)") in compact(text)
    assert compact("보도자료 : 2022년 55건으로 2021년 44건 대비 11건(25.0%) 증가") in compact(text)
    assert compact("언론보도 : 2022년 802건으로 2021년 583건 대비 219건(37.6%) 증가") in compact(
        text
    )
    assert compact("금나래초등학교(192명)") in compact(text)
    # every page but the cover carries its number in the footer
    for number, page in enumerate(pages[1:], start=2):
        assert f"-{number}-" in compact(page)


def test_table_of_contents_gives_the_pages_sections_start_on(pdf_2023):
    pages = pdf_pages(pdf_2023, layout=True)
    toc_page = first_page_with(pages, "II. 주요사업 업무계획")  # the TOC comes first
    toc = {}
    for line in pages[toc_page - 1].splitlines():
        found = re.match(r"\s*(.+?)\s*\.{3,}\s*(\d+)\s*$", line)
        if found:
            toc[found.group(1).strip()] = int(found.group(2))

    assert toc["I. 일반현황"] == first_page_with(pages, "I. 일반현황", after=toc_page)
    assert toc["2. 예산현황"] == first_page_with(pages, "2. 예산현황", after=toc_page)
    assert toc["II. 주요사업 업무계획"] == first_page_with(
        pages, "II. 주요사업 업무계획", after=toc_page
    )
    first_project = "1. 의정 전문성·역량 강화로 선진의정 구현"
    assert toc[f"{first_project} 등 9개 사업"] == first_page_with(
        pages, first_project, after=toc_page + 3
    )
    # the project list's 쪽 column: project 4 starts on the page it names
    list_page = toc["II. 주요사업 업무계획"]
    row = re.search(r"4\s+안정적이고 효율적인 회기 운영\s+계속\s+(\d+)", pages[list_page - 1])
    assert row, pages[list_page - 1]
    assert int(row.group(1)) == first_page_with(
        pages, "4. 안정적이고 효율적인 회기 운영", after=list_page
    )


def test_only_the_bundled_nanum_gothic_is_embedded(pdf_2023, tmp_path):
    path = tmp_path / "plan.pdf"
    path.write_bytes(pdf_2023)
    listing = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    fonts = [line.split()[0] for line in listing.stdout.splitlines()[2:] if line.strip()]

    assert fonts, listing.stdout
    assert all(re.fullmatch(r"[A-Z]{6}\+NanumGothic(-Bold)?", name) for name in fonts), fonts
    assert all(" yes yes " in line for line in listing.stdout.splitlines()[2:])  # embedded, subset


def test_an_admin_edit_of_a_budget_amount_changes_the_next_download(plan_2023, admin_client):
    from budget.models import BudgetAmount

    amount = BudgetAmount.objects.get(item__name="의회비", year=2023, kind="original")
    # prime the cache with the unchanged PDF
    before = admin_client.get("/workplan/2023.pdf")
    assert before.status_code == 200
    response = admin_client.post(
        f"/admin/budget/budgetamount/{amount.pk}/change/",
        {"item": amount.item_id, "year": 2023, "kind": "original", "amount": 910_000_000},
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    after = admin_client.get("/workplan/2023.pdf")
    text = squeeze(" ".join(pdf_pages(after.getvalue())))

    assert after["X-Workplan-Cache"] == "miss"
    assert re.search(r"총계 4,478 3,669 809 22\.05%", text)
    assert re.search(r"의회비 910 736 174 23\.64%", text)


def test_a_session_moved_in_the_admin_changes_days_and_weekdays(plan_2023):
    import datetime

    from sessions_app.models import Session

    session = Session.objects.get(number=245)
    session.last_day = datetime.date(2023, 9, 22)
    session.full_clean()
    session.save()

    text = squeeze(" ".join(pdf_pages(report_pdf.render_pdf(build_report(2023)))))

    assert compact("2023. 9. 13.(수) ~ 9. 22.(금) 10일 간 [예정]") in compact(text)
    assert compact("총 5회 81일 [정례회 2회 51일 / 임시회 3회 30일]") in compact(text)
