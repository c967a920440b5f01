"""Open data: a year's budget as CSV (for spreadsheets) and JSON (for programs), and as XLSX
in the layout a clerk fills in (the same layout budget.imports reads back).

Both carry the same rows, built from budget.selectors.budget_comparison: one row per budget
item (and per sub-total, 총계 included) and year, amounts in won, never rounded. A reader can
check any sub-total by adding the 편성목 rows whose path starts with its path.

The CSV's text cells go through common.exports.safe_row: a name beginning with = + - @ is
written with a leading ' so a spreadsheet shows it as text (amounts stay numbers). The JSON
carries the values as they are.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from common.exports import safe_row
from common.spreadsheets import SheetData

from .models import BudgetItem
from .selectors import BudgetComparison

PATH_SEPARATOR = " > "
CSV_FIELDS = ("path", "name", "level", "level_name", "year", "kind", "kind_name", "amount")

# What each field means; served inside the JSON and shown on the budget page.
FIELD_DOCS = {
    "path": "항목의 전체 경로 (정책사업 > 단위사업 > 세부사업 > 편성목), 총계는 '총계'",
    "name": "항목 이름",
    "level": "단계 번호: 0 총계, 1 정책사업, 2 단위사업, 3 세부사업, 4 편성목",
    "level_name": "단계 이름 (총계, 정책사업, 단위사업, 세부사업, 편성목)",
    "year": "회계연도",
    "kind": "예산 구분 코드 (original: 본예산)",
    "kind_name": "예산 구분 이름",
    "amount": "금액 (원, 반올림하지 않은 값). 편성목이 아닌 행은 하위 편성목의 합계입니다.",
}


@dataclass(frozen=True)
class ExportRow:
    path: str
    name: str
    level: int
    level_name: str
    year: int
    kind: str
    kind_name: str
    amount: int

    def as_dict(self) -> dict:
        return {f: getattr(self, f) for f in CSV_FIELDS}


def budget_rows(comparison: BudgetComparison) -> list[ExportRow]:
    """Every node of the tree (총계 first, depth first), once for the year and once for the
    year before, where it has an amount in that year."""
    rows = []
    for node in comparison.total.walk():
        path = PATH_SEPARATOR.join(node.path) if node.path else node.name
        for year, amount in ((comparison.year, node.current),
                             (comparison.previous_year, node.previous)):  # fmt: skip
            if amount is None:
                continue
            rows.append(
                ExportRow(
                    path=path,
                    name=node.name,
                    level=node.level,
                    level_name=node.level_label,
                    year=year,
                    kind=comparison.kind,
                    kind_name=comparison.kind_label,
                    amount=amount,
                )
            )
    return rows


def budget_csv(comparison: BudgetComparison) -> str:
    """UTF-8 text with a byte-order mark, so Excel opens the Korean text correctly."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\r\n")
    writer.writeheader()
    for row in budget_rows(comparison):
        writer.writerow(safe_row(row.as_dict()))
    return out.getvalue()


def budget_json(comparison: BudgetComparison, *, council_name: str) -> dict:
    """A documented structure: what the file is, what each field means, then the rows."""
    return {
        "council": council_name,
        "title": f"{comparison.year}년 예산 ({comparison.previous_year}년 대비)",
        "year": comparison.year,
        "previous_year": comparison.previous_year,
        "kind": comparison.kind,
        "kind_name": comparison.kind_label,
        "currency": "KRW",
        "unit": "원",
        "levels": {str(v): label for v, label in [(0, "총계"), *BudgetItem.Level.choices]},
        "fields": FIELD_DOCS,
        "rows": [row.as_dict() for row in budget_rows(comparison)],
    }


# ---------------------------------------------------------------- XLSX: the fill-in layout

SHEET_NAME = "예산"
KIND_HEADER = "구분"
LEVEL_HEADERS = tuple(label for _, label in BudgetItem.Level.choices)  # 정책사업 … 편성목
GRAND_TOTAL_MARK = "합계"
SUBTOTAL_MARK = "소계"
XLSX_UNIT = "원"  # exact amounts; an import also reads 천원 and 백만원 sheets


def unit_heading(unit: str) -> str:
    return f"(단위: {unit})"


def amount_headers(year: int, previous_year: int) -> tuple[str, str]:
    return f"{previous_year}년 (전년도)", f"{year}년 (당해연도)"


def budget_sheet(comparison: BudgetComparison, *, council_name: str) -> SheetData:
    """One row per 편성목 with its whole path, and a 소계 row above each 정책사업, 단위사업
    and 세부사업 (the sum of the 편성목 rows under it), 합계 first: amounts in won."""
    levels = len(LEVEL_HEADERS)
    rows: list[list] = [
        [f"{council_name} {comparison.year}년 {comparison.kind_label}"],
        [unit_heading(XLSX_UNIT)],
        [KIND_HEADER, *LEVEL_HEADERS, *amount_headers(comparison.year, comparison.previous_year)],
    ]
    bold = set()
    for node in comparison.total.walk():
        path = list(node.path) + [""] * (levels - len(node.path))
        if node.level == 0:
            mark = GRAND_TOTAL_MARK
        elif node.level < BudgetItem.Level.CATEGORY:
            mark = SUBTOTAL_MARK
        else:
            mark = ""
        rows.append([mark, *path, node.previous, node.current])
        if mark:
            bold.add(len(rows))
    return SheetData(
        name=SHEET_NAME,
        rows=rows,
        header_row=3,
        bold_rows=frozenset(bold),
        widths=(8, 20, 20, 22, 16, 18, 18),
    )
