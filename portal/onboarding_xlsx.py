"""A council's description as a workbook, for secretariats that would rather fill in a
spreadsheet than write YAML (docs/ONBOARDING.md). The workbook says what the YAML says:

- one sheet per section of the YAML (its name is the section's key: council, term,
  session_rules, plenary, standing_body); column A the key, column B the value, column C
  a Korean note for whoever fills it in (ignored);
- the lists (committees, secretariat) one sheet each: the first row names the keys, each
  further row is one committee or unit.

It is read into the same mapping as the YAML and checked by the same
`onboarding.description_from_mapping`, so its errors name the same places
("committees[2].name": the second committee's row). Leaving out the standing_body sheet
makes the body of all standing committees, as leaving out the key does in YAML; not making it
(`standing_body: false`) takes the YAML. `description_sheets` writes one from a
mapping: the wizard offers the example's as a form to fill in.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from typing import Any

from openpyxl import load_workbook

from common.spreadsheets import SheetData, workbook_bytes
from portal.onboarding import CouncilDescription, DescriptionError, description_from_mapping

LISTS = ("committees", "secretariat")
SECTIONS = ("council", "term", "session_rules", "plenary", "standing_body")
NOTES = {
    "council": "의회 기본 정보",
    "term": "현재 대수(임기)",
    "session_rules": "회기 운영 조례 기준",
    "plenary": "본회의 회의체",
    "standing_body": "상임위원회 전체 회의체",
}


def _value(cell: Any) -> Any:
    if isinstance(cell, datetime.datetime):
        return cell.date()
    if isinstance(cell, float) and cell.is_integer():
        return int(cell)
    if isinstance(cell, str):
        return cell.strip()
    return cell


def mapping_from_workbook(content: bytes) -> dict:
    """The workbook's sheets as the YAML's mapping; DescriptionError if it is no workbook."""
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise DescriptionError(
            ["엑셀 파일(.xlsx)을 읽을 수 없습니다. 내려받은 양식에 채워 .xlsx로 저장해 주세요."]
        ) from None
    data: dict[str, Any] = {}
    errors = []
    for sheet in book.worksheets:
        rows = [[_value(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
        rows = [row for row in rows if any(cell not in (None, "") for cell in row)]
        if sheet.title in LISTS:
            if not rows:
                continue
            keys = [str(key) if key not in (None, "") else "" for key in rows[0]]
            items = []
            for row in rows[1:]:
                items.append(
                    {k: v for k, v in zip(keys, row, strict=False) if k and v not in (None, "")}
                )
            data[sheet.title] = items
        elif sheet.title in SECTIONS:
            section = {}
            for row in rows:
                key = row[0] if row else None
                if not isinstance(key, str) or not key or key.startswith("#"):
                    continue
                value = row[1] if len(row) > 1 else None
                if value not in (None, ""):
                    section[key] = value
            data[sheet.title] = section
        else:
            errors.append(
                f"시트 '{sheet.title}': 알 수 없는 시트입니다. 쓸 수 있는 시트: "
                + ", ".join((*SECTIONS, *LISTS))
                + "."
            )
    if errors:
        raise DescriptionError(errors)
    return data


def description_from_workbook(content: bytes) -> CouncilDescription:
    return description_from_mapping(mapping_from_workbook(content))


def description_sheets(data: dict) -> list[SheetData]:
    """The sheets saying what `data` (a parsed description) says, in the layout above."""
    sheets = []
    for name in SECTIONS:
        section = data.get(name)
        if not isinstance(section, dict):
            continue
        rows = [["# 항목", "값", NOTES[name]]]
        rows += [[key, _cell(value), ""] for key, value in section.items()]
        sheets.append(SheetData(name=name, rows=rows))
    for name in LISTS:
        items = [item for item in data.get(name) or [] if isinstance(item, dict)]
        keys = list(dict.fromkeys(key for item in items for key in item))
        rows = [keys, *[[_cell(item.get(key)) for key in keys] for item in items]]
        sheets.append(SheetData(name=name, rows=rows, header_row=1))
    return sheets


def description_workbook(data: dict) -> bytes:
    return workbook_bytes(description_sheets(data))


def _cell(value: Any) -> Any:
    return value if isinstance(value, int | str | datetime.date) or value is None else str(value)


def looks_like_workbook(content: bytes) -> bool:
    return content[:4] == b"PK\x03\x04"
