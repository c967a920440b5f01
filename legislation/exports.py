"""CSV and JSON of bills and members with the fields of the national minutes service
(CLIK: 대수, 의안번호 …). CSV is UTF-8 with a byte-order mark (Excel opens the Korean text),
every cell through common.exports.spreadsheet_cell."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from common.exports import spreadsheet_cell

from .activity import MemberList
from .selectors import BillRow

BILL_FIELDS: Sequence[tuple[str, str]] = (
    ("대수", "term"),
    ("의안번호", "bill_no"),
    ("의안명", "bill_name"),
    ("의안종류", "kind"),
    ("제안자구분", "proposer"),
    ("대표발의", "lead_sponsors"),
    ("소관위원회", "committee"),
    ("회기", "session"),
    ("접수일", "received_on"),
    ("처리상태", "status"),
    ("최종처리일", "latest_date"),
)
MEMBER_FIELDS: Sequence[tuple[str, str]] = (
    ("대수", "term"),
    ("의원명", "name"),
    ("직위", "role"),
    ("정당", "party"),
    ("선거구", "constituency"),
    ("선거구동", "dongs"),
    ("역임대수", "terms_served"),
    ("소속위원회", "committees"),
)


def bill_records(rows: Iterable[BillRow], executive_word: str) -> list[dict]:
    records = []
    for row in rows:
        bill = row.bill
        proposer = (
            executive_word
            if bill.proposer_kind == bill.Proposer.EXECUTIVE
            else bill.get_proposer_kind_display()
        )
        received = getattr(bill, "received_on", None)
        latest = getattr(bill, "latest_date", None)
        records.append(
            {
                "term": bill.term.number,
                "bill_no": bill.number,
                "bill_name": bill.title,
                "kind": bill.get_kind_display(),
                "proposer": proposer,
                "lead_sponsors": ", ".join(row.lead_sponsors),
                "committee": bill.committee_in_charge_name,
                "session": bill.session.number if getattr(bill, "session", None) else None,
                "received_on": received.isoformat() if received else None,
                "status": row.status,
                "latest_date": latest.isoformat() if latest else None,
            }
        )
    return records


def member_records(listing: MemberList) -> list[dict]:
    return [
        {
            "term": listing.term.number if listing.term else None,
            "name": row.member.name,
            "role": row.member.get_role_display(),
            "party": row.member.party,
            "constituency": row.member.constituency,
            "dongs": ", ".join(row.member.dongs),
            "terms_served": row.terms_served,
            "committees": ", ".join(
                seat.committee.name
                + ("" if seat.role == "member" else f" {seat.get_role_display()}")
                for seat in row.seats
            ),
        }
        for row in listing.rows
    ]


def csv_text(records: list[dict], fields: Sequence[tuple[str, str]]) -> str:
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([label for label, _ in fields])
    for record in records:
        writer.writerow([spreadsheet_cell(record[key]) for _, key in fields])
    return out.getvalue()


def json_document(
    records: list[dict], fields: Sequence[tuple[str, str]], *, council: str, title: str
) -> dict:
    return {
        "council": council,
        "title": title,
        "fields": {key: label for label, key in fields},
        "rows": records,
    }
