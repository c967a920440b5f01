"""A citizen reads the budget at /budget/<year>/ and a journalist downloads it as CSV/JSON."""

import csv
import io
import json
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from budget.models import BudgetAmount, BudgetItem

# Queries of /budget/<year>/ on a cache miss, however many years are loaded.
BUDGET_PAGE_QUERIES = 15


class _Tables(HTMLParser):
    """Rows (lists of cell texts) of every <table> with an id, keyed by id."""

    def __init__(self):
        super().__init__()
        self.tables, self._stack, self._row, self._cell = {}, [], None, None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._stack.append(dict(attrs).get("id") or f"_{len(self.tables)}")
            self.tables.setdefault(self._stack[-1], [])
        elif tag == "tr" and self._stack:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.tables[self._stack[-1]].append(self._row)
            self._row = None
        elif tag == "table" and self._stack:
            self._stack.pop()

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def table_rows(html: str, table_id: str) -> list[list[str]]:
    parser = _Tables()
    parser.feed(html)
    return parser.tables[table_id]


def row_starting(rows: list[list[str]], first: str) -> list[str]:
    return next(row for row in rows if row and row[0].endswith(first))


@pytest.fixture
def page(seeded, client):
    def get(url):
        response = client.get(url)
        assert response.status_code == 200, url
        return response.content.decode()

    return get


def test_budget_redirects_to_the_latest_year(seeded, client):
    response = client.get("/budget/")

    assert response.status_code == 302
    assert response["Location"] == "/budget/2023/"


def test_2023_budget_totals_against_2022_as_printed_in_the_work_plan(page):
    html = page("/budget/2023/")
    rows = table_rows(html, "overview-table")

    assert row_starting(rows, "총계")[1:] == ["4,378", "3,669", "709", "19.32%"]
    assert row_starting(rows, "선진의회상 정립")[1:] == ["1,228", "1,122", "106", "9.45%"]
    assert row_starting(rows, "행정운영경비")[1:] == ["3,150", "2,547", "603", "23.67%"]
    # Decreases carry △ and a minus rate; an item with no 2022 budget is 신규, not a rate.
    assert row_starting(rows, "구의회 청사관리")[1:] == ["109", "131", "△22", "-16.79%"]
    assert row_starting(rows, "직원복무 및 상훈관리")[1:] == ["8", "-", "8", "신규"]
    assert "(단위: 백만원" in html


def test_expense_categories_sit_inside_collapsible_detailed_programmes(page):
    html = page("/budget/2023/")

    assert html.count('<details class="budget-detail" open>') == 10
    parser = _Tables()
    parser.feed(html)
    travel = [
        rows
        for rows in parser.tables.values()
        if any(r and r[0] == "여비" and r[1:] == ["32", "68", "△36", "-52.94%"] for r in rows)
    ]
    assert travel, "기본경비 > 여비 is listed with its computed change"


def test_unit_switch_shows_thousands_of_won(page):
    rows = table_rows(page("/budget/2023/?unit=천원"), "overview-table")

    assert row_starting(rows, "총계")[1:] == ["4,378,000", "3,669,000", "709,000", "19.32%"]


@pytest.mark.parametrize("unit", ["달러", "", "원'><script>"])
def test_an_unknown_unit_falls_back_to_millions(page, unit):
    html = page(f"/budget/2023/?unit={unit}")

    assert row_starting(table_rows(html, "overview-table"), "총계")[1] == "4,378"
    assert "<script>" not in html


def test_year_switcher_links_every_budget_year(page):
    html = page("/budget/2023/?unit=천원")

    assert 'href="/budget/2022/?unit=천원"' in html
    assert 'href="/budget/2023/?unit=천원" aria-current="page"' in html


def test_the_projects_multi_year_financing_is_found_in_the_work_plan(page):
    """Financing belongs to the work plan's projects: the budget page points there, and the
    work plan page prints each project's 연차별 소요재원."""
    html = page("/budget/2023/")
    assert 'href="/workplan/2023/"' in html

    plan = page("/workplan/2023/")
    assert "334,792" in plan
    assert "86,980" in plan


def test_the_page_names_the_responsible_team_and_last_change(page):
    html = page("/budget/2023/")

    assert "담당: 의정팀" in html
    assert "최종 수정" in html


@pytest.mark.parametrize(
    "url",
    ["/budget/2021/", "/budget/1999/", "/budget/abcd/", "/budget/20230/", "/budget/2021.csv",
     "/budget/2021.json", "/budget/-2023/"],
)  # fmt: skip
def test_unknown_or_malformed_years_are_404(seeded, client, url):
    assert client.get(url).status_code == 404


def _csv(client, year=2023):
    response = client.get(f"/budget/{year}.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == f'attachment; filename="budget-{year}.csv"'
    assert response.content.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM for Excel"
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_csv_rows_are_in_won_with_paths_and_leaves_add_up(seeded, client):
    rows = _csv(client)

    travel = next(
        r for r in rows if r["path"] == "선진의회상 정립 > 의정활동 지원과 홍보 > 의정활동지원 > 여비"
        and r["year"] == "2023"
    )  # fmt: skip
    assert travel == {
        "path": "선진의회상 정립 > 의정활동 지원과 홍보 > 의정활동지원 > 여비",
        "name": "여비",
        "level": "4",
        "level_name": "편성목",
        "year": "2023",
        "kind": "original",
        "kind_name": "본예산",
        "amount": "26000000",
    }
    totals = {r["year"]: int(r["amount"]) for r in rows if r["level"] == "0"}
    assert totals == {"2023": 4_378_000_000, "2022": 3_669_000_000}
    # Every sub-total is the sum of the expense categories below it, in each year.
    for row in rows:
        if row["level"] in ("1", "2", "3"):
            leaves = [
                int(r["amount"])
                for r in rows
                if r["level"] == "4"
                and r["year"] == row["year"]
                and r["path"].startswith(row["path"] + " > ")
            ]
            assert sum(leaves) == int(row["amount"]), row["path"]
    for year, total in totals.items():
        assert (
            sum(int(r["amount"]) for r in rows if r["level"] == "4" and r["year"] == year) == total
        )
    # An item new in 2023 has no 2022 row rather than a made-up zero.
    bonus = [r for r in rows if r["path"].endswith("인력운영비 > 포상금")]
    assert [r["year"] for r in bonus] == ["2023"]


def test_json_has_the_same_rows_and_documents_its_fields(seeded, client):
    response = client.get("/budget/2023.json")

    assert response["Content-Type"] == "application/json; charset=utf-8"
    data = json.loads(response.content)
    assert data["year"] == 2023 and data["previous_year"] == 2022 and data["unit"] == "원"
    assert set(data["fields"]) == set(data["rows"][0])
    assert data["rows"][0] == {
        "path": "총계", "name": "총계", "level": 0, "level_name": "총계", "year": 2023,
        "kind": "original", "kind_name": "본예산", "amount": 4_378_000_000,
    }  # fmt: skip
    csv_rows = _csv(client)
    assert [(r["path"], int(r["year"]), int(r["amount"])) for r in csv_rows] == [
        (r["path"], r["year"], r["amount"]) for r in data["rows"]
    ]


def _add_ten_years(council):
    leaves = BudgetItem.objects.filter(council=council, level=BudgetItem.Level.CATEGORY)
    BudgetAmount.objects.bulk_create(
        BudgetAmount(item=leaf, year=year, amount=1_000_000 * (year - 2000))
        for leaf in leaves
        for year in range(2010, 2020)
    )
    # Published, as the public sees published years only.
    from budget.models import BudgetYear

    now = timezone.now()
    BudgetYear.objects.bulk_create(
        BudgetYear(council=council, year=year, published_at=now) for year in range(2010, 2020)
    )
    # bulk_create sends no signal: bump the versions as an edit in the admin would.
    from common import versioning

    versioning.bump(BudgetAmount)
    versioning.bump(BudgetYear)


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_budget_page_query_count_does_not_grow_with_years(
    seeded, client, django_assert_max_num_queries
):
    before = _queries(client, "/budget/2023/")
    _add_ten_years(seeded)

    with django_assert_max_num_queries(BUDGET_PAGE_QUERIES):
        html = client.get("/budget/2023/?unit=천원").content.decode()
    assert 'href="/budget/2010/?unit=천원"' in html
    assert _queries(client, "/budget/2023/") == before <= BUDGET_PAGE_QUERIES
    with django_assert_max_num_queries(BUDGET_PAGE_QUERIES):
        assert client.get("/budget/2015/").status_code == 200


def test_a_cached_page_is_served_again_without_rendering(seeded, client):
    assert client.get("/budget/2023/")["X-Page-Cache"] == "miss"

    assert _queries(client, "/budget/2023/") <= 3  # data versions and the cache itself
