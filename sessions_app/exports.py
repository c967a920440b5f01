"""Open data of sessions, sittings and attendance: CSV (for spreadsheets, UTF-8 with a byte-order mark
so Excel reads the Korean) and JSON (for programs, with what each field means), with fields
like those of the national minutes service (CLIK): the council's code, 대수, 회기, 차수.

Rows come from sessions_app.selectors.open_sessions / open_sittings / open_attendance; every
CSV cell goes through common.exports.spreadsheet_cell (a name beginning with = + - @ is
written as text). The attendance, one row per member and sitting, is written piece by piece
(csv_chunks, json_chunks) as its rows are read, for a streamed response.
Days are ISO dates (2023-03-20), times HH:MM; "minutes on time" follows the ordinance's
deadline as the staff's compliance report counts it (selectors/minutes.py): 예 / 아니오,
empty while not yet due.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

from common.exports import spreadsheet_cell

from .selectors import OpenAttendance, OpenSession, OpenSitting

OpenRow = OpenSession | OpenSitting | OpenAttendance

SESSION_FIELDS = {
    "council_code": "의회 코드 (공공데이터 기관 코드)",
    "term": "대수 (제9대 → 9)",
    "session": "회기 번호 (제242회 → 242)",
    "kind": "회기 구분 코드 (regular: 정례회, extraordinary: 임시회)",
    "kind_name": "회기 구분",
    "first_day": "집회일 (YYYY-MM-DD)",
    "last_day": "폐회일 (YYYY-MM-DD)",
    "days": "회기일수 (첫날과 마지막 날 포함)",
    "date_status": "일정 상태 (확정(개최), 예정, 개회일 확정)",
    "sittings": "등록된 회의(차수) 수",
}
SITTING_FIELDS = {
    "council_code": "의회 코드 (공공데이터 기관 코드)",
    "term": "대수 (제9대 → 9)",
    "session": "회기 번호 (제242회 → 242)",
    "session_kind": "회기 구분 (정례회, 임시회)",
    "sitting": "차수 (제1차 → 1)",
    "body": "회의체 (본회의, 위원회)",
    "body_kind": "회의체 구분 (본회의, 상임위원회, 특별위원회)",
    "date": "회의일 (YYYY-MM-DD)",
    "starts_at": "시작 시각 (HH:MM, 없으면 빈칸)",
    "ends_at": "종료 시각 (HH:MM, 없으면 빈칸)",
    "place": "장소",
    "minutes_published_on": "회의록 공개일 (YYYY-MM-DD, 공개 전이면 빈칸)",
    "minutes_deadline": "조례가 정한 회의록 공개 기한 (YYYY-MM-DD)",
    "minutes_on_time": "회의록 기한 내 공개 여부 (CSV: 예 / 아니오, JSON: true / false; "
    "기한 전이면 빈칸 / null)",
    "minutes_url": "회의록 주소",
}
ATTENDANCE_FIELDS = {
    "council_code": "의회 코드 (공공데이터 기관 코드)",
    "term": "대수 (제9대 → 9, 의원의 대수)",
    "session": "회기 번호 (제242회 → 242)",
    "body": "회의체 (본회의, 위원회)",
    "sitting": "차수 (제1차 → 1)",
    "date": "회의일 (YYYY-MM-DD)",
    "member": "의원",
    "party": "정당 (없으면 빈칸)",
    "constituency": "선거구 (없으면 빈칸)",
    "status": "출결 (출석, 청가, 결석, 출장)",
}


def _plain(value: Any) -> Any:
    """A value as the files write it: ISO days, HH:MM times, 예 / 아니오."""
    if isinstance(value, bool):
        return "예" if value else "아니오"
    if isinstance(value, datetime.time):
        return f"{value:%H:%M}"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _json(value: Any) -> Any:
    """As _plain, but yes / no stay JSON's true / false."""
    return value if isinstance(value, bool) else _plain(value)


def _dicts(rows: Iterable[OpenRow], fields: dict[str, str]) -> Iterator[dict[str, Any]]:
    for row in rows:  # flat dataclasses: their fields, without asdict's deep copies
        yield {name: getattr(row, name) for name in fields}


def csv_chunks(
    rows: Iterable[OpenRow], fields: dict[str, str], *, every: int = 500
) -> Iterator[str]:
    """The CSV as pieces of text: the byte-order mark and the header, then `every` rows a
    piece, each cell through spreadsheet_cell."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.DictWriter(out, fieldnames=list(fields), lineterminator="\r\n")
    writer.writeheader()
    for n, row in enumerate(_dicts(rows, fields), start=1):
        writer.writerow(
            {
                name: "" if value is None else spreadsheet_cell(_plain(value))
                for name, value in row.items()
            }
        )
        if n % every == 0:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


def as_csv(rows: Iterable[OpenRow], fields: dict[str, str]) -> str:
    return "".join(csv_chunks(rows, fields))


def _json_row(row: dict[str, Any]) -> dict[str, Any]:
    return {name: None if value is None else _json(value) for name, value in row.items()}


def as_json(rows: Iterable[OpenRow], fields: dict[str, str], *, council, title: str) -> dict:
    """A documented structure: whose data it is, what each field means, then the rows."""
    return {
        "council": council.name,
        "council_code": council.code,
        "title": title,
        "fields": fields,
        "rows": [_json_row(row) for row in _dicts(rows, fields)],
    }


def json_chunks(
    rows: Iterable[OpenRow], fields: dict[str, str], *, council, title: str, every: int = 500
) -> Iterator[str]:
    """The document of as_json as pieces of text (`every` rows a piece), written as its
    rows are read: the same keys in the same order, one row a line."""
    head = json.dumps(as_json([], fields, council=council, title=title), ensure_ascii=False)
    yield head.removesuffix("[]}") + "[\n"
    piece: list[str] = []
    for n, row in enumerate(_dicts(rows, fields)):
        piece.append(("," if n else "") + json.dumps(_json_row(row), ensure_ascii=False) + "\n")
        if len(piece) == every:
            yield "".join(piece)
            piece = []
    yield "".join(piece) + "]}\n"
