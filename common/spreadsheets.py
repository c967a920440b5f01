"""XLSX workbooks written from plain rows: the one way every download writes a spreadsheet.

Cells follow the rule of common.exports.spreadsheet_cell: text that begins with = + - @ (a
tab or a carriage return) is never a formula. In an XLSX file the text is stored as a string
cell (never as a formula) with Excel's "quote prefix", so it shows exactly as typed, stays
text when a clerk edits it, and reads back as the same text (the budget import relies on
that). Numbers stay numbers.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from common.exports import FORMULA_STARTS

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BOLD = Font(bold=True)


@dataclass(frozen=True)
class SheetData:
    """One sheet: its name, the rows from the top (headings, the column header, data), the
    1-based number of the column header row (bold, frozen above the data), the rows to set
    in bold (sub-totals) and each column's width in characters."""

    name: str
    rows: Sequence[Sequence[Any]]
    header_row: int | None = None
    bold_rows: frozenset[int] = field(default_factory=frozenset)
    widths: Sequence[int] = ()


def cell_value(value: Any) -> tuple[Any, bool]:
    """(value to store, whether it must be stored as text with a quote prefix)."""
    if isinstance(value, bool):
        return str(value), False
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)  # control characters XLSX cannot hold
        return value, value.startswith(FORMULA_STARTS)
    return value, False


def workbook_bytes(sheets: Iterable[SheetData]) -> bytes:
    """The XLSX file of these sheets."""
    book = Workbook()
    book.remove(book.active)
    for data in sheets:
        sheet = book.create_sheet(title=data.name[:31])
        for number, row in enumerate(data.rows, start=1):
            bold = number == data.header_row or number in data.bold_rows
            for column, raw in enumerate(row, start=1):
                value, as_text = cell_value(raw)
                if value is None or value == "":
                    continue
                cell = sheet.cell(row=number, column=column)
                cell.value = value
                if as_text:
                    cell.data_type = "s"  # openpyxl would take "=…" for a formula
                    cell.quotePrefix = True
                if bold:
                    cell.font = BOLD
        for column, width in enumerate(data.widths, start=1):
            sheet.column_dimensions[get_column_letter(column)].width = width
        if data.header_row:
            sheet.freeze_panes = sheet.cell(row=data.header_row + 1, column=1)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_response(sheets: Iterable[SheetData], filename: str) -> HttpResponse:
    """A download of these sheets as `filename` (which may be Korean: RFC 6266-encoded)."""
    response = HttpResponse(workbook_bytes(sheets), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename) or "attachment"
    return response
