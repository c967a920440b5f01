"""The budget import: a year's 편성목 amounts read from an XLSX sheet in the layout of
/budget/<year>.xlsx (budget.exports.budget_sheet), previewed, then applied in one transaction.

The sheet: a heading line that says the unit ("(단위: 천원)": 원, 천원 or 백만원), a column
header row with 구분 / 정책사업 / 단위사업 / 세부사업 / 편성목 and one amount column per year
("2023년 (당해연도)"; "당해연도" or "2023년" alone also do), then one row per 편성목 with its
whole path. Rows marked 소계 / 계 / 합계 / 총계 in 구분 are the sheet's own totals: they are
never stored (totals are computed), only checked against the sums of the 편성목 rows under
them (a path filled down to the level it totals; all blank for the grand total).

The sheet is the year's whole original budget (본예산): amounts of that year whose 편성목 is
not in the sheet, or whose cell is blank, are removed. Amounts are converted to won exactly
(천원 × 1,000); a figure that is not a whole number of won is an error. Every bad cell is named
by sheet, row and column, and nothing is written while any remains.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from common import figures, versioning
from common.forms import parse_money
from council.models import Council

from . import exports
from .models import BudgetAmount, BudgetItem

MAX_BYTES = 5 * 1024 * 1024  # an upload's size limit (a year's budget is a few kilobytes)
MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # what the XLSX (a zip) may unpack to
MAX_ROWS = 5000
KIND = BudgetAmount.Kind.ORIGINAL
TOTAL_MARKS = ("소계", "계", "합계", "총계")
CATEGORY_MARKS = ("", "편성목")
UNIT_PATTERN = re.compile(r"단위\s*[:：]?\s*(백만원|천원|원)")
YEAR_PATTERN = re.compile(r"((?:19|20|21)\d\d)\s*년")
LEVELS = len(exports.LEVEL_HEADERS)
NAME_MAX = BudgetItem._meta.get_field("name").max_length or 100

Path = tuple[str, ...]


class BudgetImportError(Exception):
    """The file cannot be imported; `errors` names every problem in Korean."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class AmountChange:
    """One 편성목's amount of the year: before (stored) and after (the sheet)."""

    path: Path
    before: int | None
    after: int | None
    row: int | None = None  # the sheet's row; None for an amount the sheet leaves out

    @property
    def label(self) -> str:
        return exports.PATH_SEPARATOR.join(self.path)

    @property
    def change(self) -> figures.Change:
        return figures.year_over_year(self.after, self.before)


@dataclass(frozen=True)
class TotalLine:
    """A total the year would show (총계, each 정책사업, 단위사업, 세부사업): the stored
    previous year, the year as published now and as it would be, computed as
    budget.selectors.budget_comparison computes them (sums of 편성목, common.figures)."""

    path: Path
    previous: int | None
    now: int | None
    after: int | None
    compared: bool

    @property
    def level(self) -> int:
        return len(self.path)

    @property
    def label(self) -> str:
        return exports.PATH_SEPARATOR.join(self.path) if self.path else "총계"

    @property
    def level_label(self) -> str:
        return BudgetItem.Level(self.level).label if self.path else "총계"

    @property
    def change(self) -> figures.Change:
        return figures.year_over_year(
            self.after, self.previous, note="" if self.compared else figures.NO_BASE
        )


@dataclass(frozen=True)
class Disagreement:
    """A total row of the sheet whose printed figure is not the sum of its 편성목 rows."""

    row: int
    column: str  # "G열 (2023년 (당해연도))"
    label: str  # "선진의회상 정립 > … 소계" or "합계"
    printed: int
    computed: int | None  # None: no 편성목 row under it has an amount
    unit: str

    @property
    def printed_label(self) -> str:
        return figures.format_money(self.printed, self.unit)

    @property
    def computed_label(self) -> str:
        return figures.format_money(self.computed, self.unit, empty="행 없음")

    def __str__(self) -> str:
        return (
            f"{self.row}행 {self.column} {self.label}: 시트 {self.printed_label}, "
            f"행 합계 {self.computed_label} (단위: {self.unit})"
        )


@dataclass
class ImportPreview:
    year: int
    sheet: str = ""
    unit: str = ""
    errors: list[str] = field(default_factory=list)
    new: list[AmountChange] = field(default_factory=list)
    changed: list[AmountChange] = field(default_factory=list)
    removed: list[AmountChange] = field(default_factory=list)
    unchanged: int = 0
    new_items: list[Path] = field(default_factory=list)
    totals: list[TotalLine] = field(default_factory=list)
    disagreements: list[Disagreement] = field(default_factory=list)
    # What apply writes: {path: amount in won} of the year's 편성목, in sheet order.
    amounts: dict[Path, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def previous_year(self) -> int:
        return self.year - 1

    @property
    def change_count(self) -> int:
        return len(self.new) + len(self.changed) + len(self.removed)


# ---------------------------------------------------------------- reading the file


def _read_bytes(file: Any) -> bytes:
    if isinstance(file, bytes):
        return file
    if isinstance(file, str) or hasattr(file, "__fspath__"):
        with open(file, "rb") as handle:
            return handle.read(MAX_BYTES + 1)
    if hasattr(file, "seek"):
        file.seek(0)
    return file.read(MAX_BYTES + 1)


def file_errors(content: bytes) -> list[str]:
    """Why these bytes are not an XLSX file this import can open ([] when they are)."""
    if len(content) > MAX_BYTES:
        return [f"파일이 너무 큽니다. {MAX_BYTES // (1024 * 1024)}MB 이하의 엑셀 파일을 올리세요."]
    not_xlsx = "엑셀(.xlsx) 파일이 아닙니다. 엑셀에서 'Excel 통합 문서(*.xlsx)'로 저장해 올리세요."
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            if "[Content_Types].xml" not in archive.namelist():
                return [not_xlsx]
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
                return ["파일의 내용이 너무 큽니다. 예산 시트만 남겨 다시 저장해 올리세요."]
    except (zipfile.BadZipFile, OSError, ValueError):
        return [not_xlsx]
    return []


def _open(content: bytes, *, data_only: bool):
    # Not read_only: its rows stop where the file's own (often wrong) dimension says.
    return load_workbook(io.BytesIO(content), data_only=data_only)


def _sheet_rows(content: bytes) -> tuple[str, list[tuple], list[tuple]]:
    """The budget sheet's name, its values (a formula's saved result) and its formulas."""
    values_book = _open(content, data_only=True)
    formulas_book = _open(content, data_only=False)
    try:
        names = values_book.sheetnames
        name = exports.SHEET_NAME if exports.SHEET_NAME in names else names[0]
        values = [tuple(r) for r in values_book[name].iter_rows(values_only=True)]
        formulas = [tuple(r) for r in formulas_book[name].iter_rows(values_only=True)]
    finally:
        values_book.close()
        formulas_book.close()
    return name, values, formulas


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


class _Cells:
    """Error messages named by sheet, row and column."""

    def __init__(self, sheet: str):
        self.sheet = sheet
        self.errors: list[str] = []

    def at(self, row: int, column: int | None = None) -> str:
        where = f"{self.sheet} 시트 {row}행"
        return f"{where} {get_column_letter(column + 1)}열" if column is not None else where

    def error(self, row: int, column: int | None, message: str) -> None:
        self.errors.append(f"{self.at(row, column)}: {message}")


def _amount(value: Any, formula: Any, unit: str) -> tuple[int | None, str]:
    """(won, error message) of a cell in the sheet's unit, read as common.forms.parse_money
    reads a typed amount. Blank (or '-') is no amount."""
    if value is None and isinstance(formula, str) and formula.startswith("="):
        return None, (
            "수식의 계산 결과가 파일에 저장되어 있지 않습니다. 엑셀에서 열어 저장하거나 "
            "값으로 붙여 넣으세요."
        )
    if value is None:
        return None, ""
    if isinstance(value, bool):
        return None, f"'{value}'는 금액이 아닙니다. 숫자만 입력하세요."
    if isinstance(value, int):
        text = str(value)
    elif isinstance(value, float | Decimal):
        number = Decimal(repr(value)) if isinstance(value, float) else value
        text = format(number, "f") if number.is_finite() else str(value)
    else:
        text = str(value).strip()
        if text in ("", "-", "－"):
            return None, ""
    try:
        won = parse_money(text, unit)
    except ValidationError as error:
        if error.code in ("invalid", "grouping"):
            return None, f"'{text}'는 금액이 아닙니다. 숫자만 입력하세요."
        return None, f"'{text}': {' '.join(error.messages)}"
    if won < 0:
        return None, f"'{text}'는 음수입니다. 예산액은 0 이상으로 입력하세요."
    return won, ""


@dataclass
class _Parsed:
    sheet: str
    unit: str
    amounts: dict[Path, int]  # the year's 편성목 amounts (blank cells left out)
    rows: dict[Path, int]  # each 편성목's sheet row
    disagreements: list[Disagreement]


def _parse(content: bytes, year: int, cells_errors: list[str]) -> _Parsed | None:
    try:
        sheet, values, formulas = _sheet_rows(content)
    except Exception:  # openpyxl raises many kinds on a damaged file; none may become a 500
        cells_errors.append(
            "엑셀 파일을 읽을 수 없습니다. 파일이 손상되지 않았는지 확인하고 .xlsx로 다시 "
            "저장해 올리세요."
        )
        return None
    cells = _Cells(sheet)
    if len(values) > MAX_ROWS:
        cells_errors.append(f"{sheet} 시트: 행이 너무 많습니다. {MAX_ROWS}행 이하로 올리세요.")
        return None

    header_index = next(
        (
            i
            for i, row in enumerate(values)
            if all(label in {_text(v) for v in row} for label in exports.LEVEL_HEADERS)
        ),
        None,
    )
    if header_index is None:
        cells_errors.append(
            f"{sheet} 시트: 머리글 행이 없습니다. "
            f"{' / '.join(exports.LEVEL_HEADERS)} 열 이름이 있는 행을 두세요 "
            "(예산 화면의 엑셀 내려받기 양식)."
        )
        return None
    unit = ""
    for row in values[: header_index + 1]:
        for value in row:
            found = UNIT_PATTERN.search(_text(value))
            if found and not unit:
                unit = found.group(1)
    if not unit:
        cells_errors.append(
            f"{sheet} 시트: 금액 단위를 찾을 수 없습니다. 머리글 위에 '(단위: 천원)'처럼 "
            "원, 천원, 백만원 중 하나를 적으세요."
        )
        return None

    header = [_text(v) for v in values[header_index]]
    header_row = header_index + 1
    level_columns = [header.index(label) for label in exports.LEVEL_HEADERS]
    kind_column = header.index(exports.KIND_HEADER) if exports.KIND_HEADER in header else None
    current_column = previous_column = None
    for column, text in enumerate(header):
        years = YEAR_PATTERN.findall(text)
        if (years and int(years[0]) == year) or (not years and "당해연도" in text):
            current_column = column if current_column is None else current_column
        elif (years and int(years[0]) == year - 1) or (not years and "전년도" in text):
            previous_column = column if previous_column is None else previous_column
    if current_column is None:
        cells_errors.append(
            f"{cells.at(header_row)}: {year}년 금액 열이 없습니다. 머리글에 "
            f"'{year}년' 또는 '당해연도'라고 적은 열을 두세요."
        )
        return None
    amount_columns = [c for c in (previous_column, current_column) if c is not None]

    amounts: dict[Path, int] = {}
    leaf_rows: dict[Path, int] = {}
    leaf_sums: list[tuple[Path, dict[int, int | None]]] = []
    total_rows: list[tuple[int, Path, str, dict[int, int | None]]] = []
    for index in range(header_index + 1, len(values)):
        number = index + 1
        row = values[index]
        formula_row = formulas[index] if index < len(formulas) else ()

        def cell(column: int, row=row) -> Any:
            return row[column] if column < len(row) else None

        def formula(column: int, formula_row=formula_row) -> Any:
            return formula_row[column] if column < len(formula_row) else None

        names = [_text(cell(c)) for c in level_columns]
        if not any(names) and all(cell(c) is None and formula(c) is None for c in amount_columns):
            continue  # a blank line or a note beside the table
        mark = _text(cell(kind_column)) if kind_column is not None else ""
        bad = len(cells.errors)
        if mark not in TOTAL_MARKS and mark not in CATEGORY_MARKS:
            cells.error(
                number,
                kind_column,
                f"'{mark}'는 구분으로 쓸 수 없습니다. 편성목 행은 비워 두고, "
                f"합계 행에는 {', '.join(TOTAL_MARKS)} 중 하나를 적으세요.",
            )
        for column, name in zip(level_columns, names, strict=True):
            if len(name) > NAME_MAX:
                cells.error(number, column, f"이름이 너무 깁니다. {NAME_MAX}자 이하로 줄이세요.")
        figures_by_column: dict[int, int | None] = {}
        for column in amount_columns:
            won, message = _amount(cell(column), formula(column), unit)
            if message and (mark not in TOTAL_MARKS or cell(column) is not None):
                cells.error(number, column, message)
            figures_by_column[column] = won
        is_total = mark in TOTAL_MARKS
        filled = len(names) - [bool(n) for n in reversed(names)].index(True) if any(names) else 0
        gap = next((i for i in range(filled) if not names[i]), None)
        if gap is not None:
            cells.error(
                number,
                level_columns[gap],
                f"{exports.LEVEL_HEADERS[gap]} 이름이 비어 있습니다. 상위 단계부터 빠짐없이 "
                "입력하세요.",
            )
        elif not is_total and filled < LEVELS:
            cells.error(
                number,
                level_columns[filled],
                f"{exports.LEVEL_HEADERS[filled]} 이름이 비어 있습니다. 편성목 행에는 "
                f"{exports.LEVEL_HEADERS[0]}부터 {exports.LEVEL_HEADERS[-1]}까지 모두 "
                "입력하세요. 합계 행이면 구분에 '소계'라고 적으세요.",
            )
        elif is_total and filled == LEVELS:
            cells.error(
                number,
                kind_column,
                f"{exports.LEVEL_HEADERS[-1]}까지 이름이 있는 행은 합계 행이 아닙니다. "
                "구분을 비우세요.",
            )
        if len(cells.errors) > bad:
            continue
        path = tuple(names[:filled])
        if is_total:
            total_rows.append((number, path, mark, figures_by_column))
            continue
        if path in leaf_rows:
            cells.error(
                number,
                level_columns[-1],
                f"같은 편성목이 {leaf_rows[path]}행에 이미 있습니다. 한 행으로 합치세요.",
            )
            continue
        leaf_rows[path] = number
        leaf_sums.append((path, figures_by_column))
        won = figures_by_column[current_column]
        if won is not None:
            amounts[path] = won

    disagreements = []
    for number, path, mark, printed_by_column in total_rows:
        for column in amount_columns:
            printed = printed_by_column[column]
            if printed is None:
                continue
            computed = _sum(sums[column] for leaf, sums in leaf_sums if leaf[: len(path)] == path)
            if computed != printed:
                label = exports.PATH_SEPARATOR.join(path) if path else ""
                disagreements.append(
                    Disagreement(
                        row=number,
                        column=f"{get_column_letter(column + 1)}열 ({header[column]})",
                        label=f"{label} {mark}".strip(),
                        printed=printed,
                        computed=computed,
                        unit=unit,
                    )
                )
    cells_errors.extend(cells.errors)
    return _Parsed(sheet, unit, amounts, leaf_rows, disagreements)


# ---------------------------------------------------------------- comparing with the records


def _item_paths(council: Council) -> dict[Path, BudgetItem]:
    """Every item of the council by its path of names. One query."""
    items = list(BudgetItem.objects.filter(council=council).order_by("level", "order", "pk"))
    paths: dict[int, Path] = {}
    found: dict[Path, BudgetItem] = {}
    for item in items:  # parents before children
        parent = paths.get(item.parent_id, ()) if item.parent_id else ()
        paths[item.pk] = (*parent, item.name)
        found[paths[item.pk]] = item
    return found


def _year_amounts(council: Council, years: Iterable[int]) -> dict[int, dict[int, BudgetAmount]]:
    """{year: {item id: amount}} of the original budget. One query."""
    found: dict[int, dict[int, BudgetAmount]] = {year: {} for year in years}
    for amount in BudgetAmount.objects.filter(
        item__council=council, kind=KIND, year__in=list(found)
    ):
        found[amount.year][amount.item_id] = amount
    return found


def _sum(values: Iterable[int | None]) -> int | None:
    present = [v for v in values if v is not None]
    return sum(present) if present else None


def budget_import_preview(*, council: Council, year: int, file: Any) -> ImportPreview:
    """Every change the file would make to the year's original budget, the totals the year
    would show, the sheet's total rows that disagree with their rows, and every bad cell."""
    preview = ImportPreview(year=year)
    content = _read_bytes(file)
    preview.errors = file_errors(content)
    if preview.errors:
        return preview
    parsed = _parse(content, year, preview.errors)
    if parsed is None or preview.errors:
        if parsed is not None:
            preview.sheet, preview.unit = parsed.sheet, parsed.unit
        return preview
    preview.sheet, preview.unit = parsed.sheet, parsed.unit
    preview.disagreements = parsed.disagreements
    preview.amounts = parsed.amounts

    items = _item_paths(council)
    stored = _year_amounts(council, [year, year - 1])
    by_id = {item.pk: path for path, item in items.items()}
    now = {by_id[i]: a.amount for i, a in stored[year].items()}
    previous = {by_id[i]: a.amount for i, a in stored[year - 1].items()}

    for path, won in parsed.amounts.items():
        before = now.get(path)
        row = parsed.rows[path]
        if before is None:
            preview.new.append(AmountChange(path, None, won, row))
        elif before != won:
            preview.changed.append(AmountChange(path, before, won, row))
        else:
            preview.unchanged += 1
    for path, before in now.items():
        if path not in parsed.amounts:
            preview.removed.append(AmountChange(path, before, None, parsed.rows.get(path)))
    seen: set[Path] = set()
    for path in parsed.amounts:
        for depth in range(1, LEVELS + 1):
            prefix = path[:depth]
            if prefix not in items and prefix not in seen:
                seen.add(prefix)
                preview.new_items.append(prefix)

    # The totals as budget_comparison would compute them from the would-be amounts.
    leaves = list(dict.fromkeys([*sorted(previous, key=_order(items)), *parsed.amounts]))
    leaves += [p for p in now if p not in leaves]
    prefixes: list[Path] = [()]
    for leaf in leaves:
        for depth in range(1, LEVELS):
            if leaf[:depth] not in prefixes:
                prefixes.append(leaf[:depth])
    prefixes.sort(key=_order(items, parsed.rows))
    compared = bool(previous)
    for prefix in prefixes:
        under = [leaf for leaf in leaves if leaf[: len(prefix)] == prefix]
        line = TotalLine(
            path=prefix,
            previous=_sum(previous.get(leaf) for leaf in under),
            now=_sum(now.get(leaf) for leaf in under),
            after=_sum(parsed.amounts.get(leaf) for leaf in under),
            compared=compared,
        )
        if line.after is not None or line.previous is not None or line.now is not None:
            preview.totals.append(line)
    return preview


def _order(items: dict[Path, BudgetItem], rows: dict[Path, int] | None = None):
    """Sort key: the tree's order (each level's `order`), new items after, in sheet order."""
    rows = rows or {}

    def key(path: Path) -> tuple:
        parts = []
        for depth in range(1, len(path) + 1):
            item = items.get(path[:depth])
            if item is not None:
                parts.append((0, item.order, item.pk or 0))
            else:
                first = min((r for p, r in rows.items() if p[:depth] == path[:depth]), default=0)
                parts.append((1, first, 0))
        return tuple(parts)

    return key


@dataclass(frozen=True)
class ImportResult:
    preview: ImportPreview
    created_items: int

    @property
    def changed_rows(self) -> int:
        return self.preview.change_count


@transaction.atomic
def budget_import_apply(*, council: Council, year: int, file: Any, user=None) -> ImportResult:
    """Write the file's amounts of the year (original budget) in one transaction: new
    items where a path is new, amounts created, changed and removed. Raises
    BudgetImportError, writing nothing, when any cell is bad. `user` is who imports (the
    history records the change through the request, as every admin save)."""
    preview = budget_import_preview(council=council, year=year, file=file)
    if preview.errors:
        raise BudgetImportError(preview.errors)
    with versioning.batch():
        items = _item_paths(council)
        next_order: dict[Path, int] = {}
        for path in preview.new_items:
            parent = items.get(path[:-1]) if len(path) > 1 else None
            siblings = next_order.get(path[:-1])
            if siblings is None:
                siblings = 1 + max(
                    (
                        i.order
                        for p, i in items.items()
                        if len(p) == len(path) and p[:-1] == path[:-1]
                    ),
                    default=0,
                )
            item = BudgetItem(
                council=council, parent=parent, level=len(path), name=path[-1], order=siblings
            )
            item.full_clean()
            item.save()
            items[path] = item
            next_order[path[:-1]] = siblings + 1
        stored = _year_amounts(council, [year])[year]
        for change in [*preview.new, *preview.changed]:
            item = items[change.path]
            amount = stored.get(item.pk) or BudgetAmount(item=item, year=year, kind=KIND)
            assert change.after is not None  # new and changed amounts have one
            amount.amount = change.after
            amount.full_clean()
            amount.save()
        for change in preview.removed:
            stored[items[change.path].pk].delete()
    return ImportResult(preview=preview, created_items=len(preview.new_items))


def preview_text(preview: ImportPreview) -> str:
    """The preview in Korean, as manage.py import_budget prints it."""
    lines = [
        f"{preview.year}년 본예산 가져오기 미리보기 ({preview.sheet} 시트, 단위: {preview.unit})"
    ]
    if preview.errors:
        lines.append(f"오류 {len(preview.errors)}건: 아무것도 저장하지 않습니다.")
        lines += [f"  {e}" for e in preview.errors]
        return "\n".join(lines)
    money = figures.format_money
    lines.append(
        f"새 금액 {len(preview.new)}건, 바뀐 금액 {len(preview.changed)}건, "
        f"지워질 금액 {len(preview.removed)}건, 그대로 {preview.unchanged}건"
    )
    for title, changes in (("새 금액", preview.new), ("바뀐 금액", preview.changed),
                           ("지워질 금액", preview.removed)):  # fmt: skip
        if changes:
            lines.append(f"[{title}]")
            lines += [
                f"  {c.label}: {money(c.before)} → {money(c.after)}"
                + (f" ({c.row}행)" if c.row else "")
                for c in changes
            ]
    if preview.new_items:
        lines.append("[새 항목]")
        lines += [f"  {exports.PATH_SEPARATOR.join(p)}" for p in preview.new_items]
    lines.append(f"[공개될 합계: {preview.year - 1}년 대비]")
    for line in preview.totals:
        change = line.change
        lines.append(
            f"  {line.label}: {money(line.previous)} → {money(line.after)} "
            f"(증감 {figures.format_change(change.delta)}, {change.rate_label()})"
        )
    if preview.disagreements:
        lines.append(f"[행 합계와 다른 시트의 합계 행 {len(preview.disagreements)}건]")
        lines += [f"  {d}" for d in preview.disagreements]
    return "\n".join(lines)


# ---------------------------------------------------------------- uploads waiting for 적용

# The admin keeps an uploaded sheet here between its preview and 적용 (budget/admin_import.py).
UPLOAD_FOLDER = "budget-imports"
UPLOAD_KEPT = datetime.timedelta(days=1)


def import_uploads_purge(*, now: datetime.datetime | None = None) -> int:
    """Delete uploads left waiting longer than a day (a preview never applied, a closed
    tab): run daily as a task (budget/tasks.py). Returns how many were deleted."""
    now = now or timezone.now()
    try:
        _, names = default_storage.listdir(UPLOAD_FOLDER)
    except FileNotFoundError:
        return 0
    deleted = 0
    for name in names:
        path = f"{UPLOAD_FOLDER}/{name}"
        if now - default_storage.get_modified_time(path) > UPLOAD_KEPT:
            default_storage.delete(path)
            deleted += 1
    return deleted
