"""The XLSX downloads (budget, sessions, members, PR figures): each opens in a spreadsheet
with the page's figures, a record named like a formula is shown as the text it is, and each
costs a fixed number of queries however many rows it holds."""

import io
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from budget.models import BudgetAmount, BudgetItem
from council.models import Committee, CommitteeMembership, Member, Term
from outreach.models import PRChannel, PRFigure, PRYear
from sessions_app.models import AgendaItem, Session

FORMULA = '=HYPERLINK("http://x.kr","a")'  # short enough for every name column
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def cells(content: bytes) -> list:
    book = load_workbook(io.BytesIO(content))
    return [cell for row in book.active.iter_rows() for cell in row if cell.value is not None]


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"].startswith("attachment;")
    return response.content


def _rename_budget_item():
    item = BudgetItem.objects.filter(level=4, amounts__year=2023).first()
    item.name = FORMULA
    item.save()


def _rename_agenda_item():
    item = AgendaItem.objects.filter(session__first_day__year=2023).first()
    item.title = FORMULA
    item.save()


def _add_members(count=1, prefix="의원"):
    term = Term.objects.get(number=9)
    committee = Committee.objects.order_by("order").first()
    for i in range(count):
        member = Member.objects.create(term=term, name=f"{prefix}{i}", party="무소속")
        CommitteeMembership.objects.create(committee=committee, member=member)


def _rename_member():
    _add_members()
    member = Member.objects.first()
    member.name = FORMULA
    member.save()


def _rename_channel():
    channel = PRChannel.objects.first()
    channel.name = FORMULA
    channel.save()


DOWNLOADS = [
    ("/budget/2023.xlsx", _rename_budget_item),
    ("/sessions/schedule.xlsx?year=2023", _rename_agenda_item),
    ("/council/members.xlsx", _rename_member),
    ("/outreach/pr.xlsx", _rename_channel),
]


@pytest.mark.parametrize(("url", "rename"), DOWNLOADS)
def test_a_name_that_looks_like_a_formula_is_written_as_text(seeded, client, url, rename):
    rename()

    content = get(client, url)

    (cell,) = [c for c in cells(content) if FORMULA in str(c.value)]
    assert cell.data_type == "s" and cell.value.startswith(FORMULA)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml  # no formula anywhere in the file
    assert cell.quotePrefix  # and Excel keeps it text when the clerk edits the cell


def test_the_downloads_hold_the_pages_figures(seeded, client):
    _add_members(2)
    sessions = [c.value for c in cells(get(client, "/sessions/schedule.xlsx?year=2023"))]
    members = [c.value for c in cells(get(client, "/council/members.xlsx"))]
    pr = [c.value for c in cells(get(client, "/outreach/pr.xlsx"))]

    assert "제242회" in sessions and "2023년 회기 일정" in sessions[0]
    assert "의원0" in members and "의원1" in members and "무소속" in members
    assert "언론보도 (보도실적)" in pr and "계" in pr
    assert "회기 일정 엑셀(XLSX)" in client.get("/sessions/?year=2023").content.decode()
    assert "의원 명단 엑셀(XLSX)" in client.get("/council/").content.decode()
    assert "홍보 실적 엑셀(XLSX)" in client.get("/outreach/").content.decode()


def _more_budget_rows():
    detail = BudgetItem.objects.filter(level=3).first()
    for i in range(10):
        leaf = BudgetItem.objects.create(
            council=detail.council, parent=detail, level=4, name=f"추가{i}", order=50 + i
        )
        BudgetAmount.objects.create(item=leaf, year=2023, amount=1000)


def _more_agenda_items():
    session = Session.objects.filter(first_day__year=2023).first()
    for i in range(10):
        AgendaItem.objects.create(session=session, title=f"추가 안건 {i}", order=50 + i)


def _more_pr_rows():
    council = PRYear.objects.first().council
    for i in range(5):
        channel = PRChannel.objects.create(
            council=council, name=f"추가 매체 {i}", unit="건", order=50 + i
        )
        for pr_year in PRYear.objects.all():
            PRFigure.objects.create(pr_year=pr_year, channel=channel, count=i, cost=1000)


# Queries of each download on a cache miss (the page cache's reads and writes included),
# whatever the number of rows.
QUERY_BUDGETS = [
    ("/budget/2023.xlsx", _more_budget_rows, 10),
    ("/sessions/schedule.xlsx?year=2023", _more_agenda_items, 12),
    ("/council/members.xlsx", lambda: _add_members(10, "추가"), 13),
    ("/outreach/pr.xlsx", _more_pr_rows, 12),
]


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        get(client, url)
    return len(ctx)


@pytest.mark.parametrize(("url", "grow", "budget"), QUERY_BUDGETS)
def test_each_download_costs_a_fixed_number_of_queries(seeded, client, url, grow, budget):
    _add_members(1)
    before = _queries(client, url)
    grow()

    assert _queries(client, url) == before <= budget
