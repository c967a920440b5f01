"""Spreadsheet-safe cells for every CSV (and any spreadsheet) the site writes.

A spreadsheet reads a cell that begins with = + - @ (or a tab or carriage return, which some
programs skip before looking for those) as a formula: a record named
'=HYPERLINK("http://x","y")' would become a live link, or worse, in the file a citizen
downloads (OWASP "CSV injection"). Every exporter passes its rows through `safe_row` (or
its cells through `spreadsheet_cell`), so what a clerk typed is shown as the text it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# What makes a spreadsheet treat a text cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TEXT_MARK = "'"


def spreadsheet_cell(value: Any) -> Any:
    """`value` as a CSV cell a spreadsheet shows as written.

    Text that begins with = + - @, a tab or a carriage return gets a leading single quote
    (spreadsheets show it as text and hide the quote). Numbers given as numbers (int,
    Decimal, float; not bool) are left alone: a negative amount -4348 stays -4348, a number
    a spreadsheet can add up, since a number is never a formula. Only text is neutralised,
    so a name "-1" typed by a clerk is written '-1. Anything else (None, dates) is returned
    unchanged for the csv module to write.
    """
    if isinstance(value, bool):  # an int to Python, but written as the text True / False
        return str(value)
    if isinstance(value, str):
        return TEXT_MARK + value if value.startswith(FORMULA_STARTS) else value
    return value  # int, Decimal, float: numbers stay numbers; None, dates: as they are


def safe_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """A csv.DictWriter row with every cell through spreadsheet_cell()."""
    return {key: spreadsheet_cell(value) for key, value in row.items()}
