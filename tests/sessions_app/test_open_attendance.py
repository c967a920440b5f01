"""A reporter downloads who attended which sitting (CSV for Excel: UTF-8 with a BOM; JSON for
programs), with CLIK's fields: the council's code, 대수, 회기, 회의체, 차수, 회의일, 의원,
정당, 선거구, 출결; one row per attendance record, of every year or of one."""

from __future__ import annotations

import csv
import datetime
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from council.models import Member, Term
from sessions_app.models import Attendance, Body, Session, Sitting

COLUMNS = [
    "council_code", "term", "session", "body", "sitting", "date", "member", "party",
    "constituency", "status",
]  # fmt: skip


def body_of(response) -> bytes:
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def read_csv(response) -> list[dict[str, str]]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    content = body_of(response)
    assert content.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM
    reader = csv.DictReader(io.StringIO(content.decode("utf-8-sig")))
    assert reader.fieldnames == COLUMNS
    return list(reader)


def read_json(response) -> dict:
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return json.loads(body_of(response))


def sit(number, slug, n, date) -> Sitting:
    sitting = Sitting(
        session=Session.objects.get(number=number), body=Body.objects.get(slug=slug),
        number=n, date=date,
    )  # fmt: skip
    sitting.full_clean()
    sitting.save()
    return sitting


@pytest.fixture
def attendance(seeded):
    """Two members of the 9th term at two sittings of 제243회 (2023) and one of 2022's last
    session; one member's name looks like a formula."""
    term = Term.objects.get(number=9)
    first = Member.objects.create(
        term=term, name="가나다", party="가상당", constituency="가 선거구"
    )
    formula = Member.objects.create(term=term, name="=HYPERLINK(1)", party="@당")
    plenary = sit(243, "plenary", 1, datetime.date(2023, 3, 20))
    budget = sit(243, "budget", 1, datetime.date(2023, 3, 21))
    last_2022 = Session.objects.filter(first_day__year=2022).order_by("-first_day").first()
    earlier = sit(last_2022.number, "plenary", 1, last_2022.first_day)
    Attendance.objects.create(sitting=plenary, member=first, status="present")
    Attendance.objects.create(sitting=plenary, member=formula, status="leave")
    Attendance.objects.create(sitting=budget, member=first, status="absent")
    Attendance.objects.create(sitting=earlier, member=first, status="official_trip")
    return {"first": first, "formula": formula, "earlier": earlier}


def test_the_csv_opens_with_a_bom_and_has_a_row_per_attendance(attendance, client):
    rows = read_csv(client.get("/sessions/attendance.csv"))
    assert len(rows) == Attendance.objects.count() == 4
    earlier = attendance["earlier"]
    assert rows[0] == {
        "council_code": "3170000",
        "term": "9",
        "session": str(earlier.session.number),
        "body": "본회의",
        "sitting": "1",
        "date": earlier.date.isoformat(),
        "member": "가나다",
        "party": "가상당",
        "constituency": "가 선거구",
        "status": "출장",
    }
    # Sittings in date order, then members by name.
    assert [(r["date"], r["body"], r["status"]) for r in rows[1:]] == [
        ("2023-03-20", "본회의", "청가"),
        ("2023-03-20", "본회의", "출석"),
        ("2023-03-21", "예산결산특별위원회", "결석"),
    ]


def test_a_formula_like_name_is_written_as_text(attendance, client):
    rows = read_csv(client.get("/sessions/attendance.csv"))
    formula = next(r for r in rows if r["status"] == "청가")
    assert formula["member"] == "'=HYPERLINK(1)"  # text, never a formula
    assert formula["party"] == "'@당"
    assert formula["constituency"] == ""
    # JSON is for programs: the name as recorded.
    data = read_json(client.get("/sessions/attendance.json"))
    assert "=HYPERLINK(1)" in [row["member"] for row in data["rows"]]


def test_the_json_carries_the_same_rows_and_says_what_each_field_means(attendance, client):
    data = read_json(client.get("/sessions/attendance.json"))
    assert data["council"] == "금천구의회"
    assert data["council_code"] == "3170000"
    assert list(data["fields"]) == COLUMNS
    assert len(data["rows"]) == 4
    assert data["rows"][0]["term"] == 9 and data["rows"][0]["sitting"] == 1
    csv_rows = read_csv(client.get("/sessions/attendance.csv"))
    as_text = [{k: "" if v is None else str(v) for k, v in row.items()} for row in data["rows"]]
    # The same rows; only the CSV's formula-like cells carry the spreadsheet's text mark.
    unmarked = [{k: v.removeprefix("'") for k, v in row.items()} for row in csv_rows]
    assert as_text == unmarked


def test_a_year_keeps_that_years_sittings(attendance, client):
    rows = read_csv(client.get("/sessions/attendance.csv?year=2023"))
    assert {r["date"][:4] for r in rows} == {"2023"} and len(rows) == 3
    response = client.get("/sessions/attendance.csv?year=2023")
    assert 'filename="attendance-2023.csv"' in response["Content-Disposition"]
    data = read_json(client.get("/sessions/attendance.json?year=2022"))
    assert len(data["rows"]) == 1 and "2022년" in data["title"]
    assert read_csv(client.get("/sessions/attendance.csv?year=1999")) == []
    assert read_json(client.get("/sessions/attendance.json?year=1999"))["rows"] == []


@pytest.mark.parametrize(
    "year", ["abc", "-1", "0", "2023abc", "1" * 40, "9" * 400, "1e9", "%00", "10000"]
)
def test_a_bad_year_is_a_400_never_a_500(attendance, client, year):
    for path in ("/sessions/attendance.csv", "/sessions/attendance.json"):
        response = client.get(f"{path}?year={year}")
        assert 400 <= response.status_code < 500, (path, year, response.status_code)


def test_an_empty_record_is_just_the_header(seeded, client):
    assert read_csv(client.get("/sessions/attendance.csv")) == []
    assert read_json(client.get("/sessions/attendance.json"))["rows"] == []


def test_the_schedule_page_links_the_attendance(seeded, client):
    html = client.get("/sessions/?year=2023").content.decode()
    section = html.split('<h2 id="open-data-title">', 1)[1].split("</section>", 1)[0]
    for path in ("attendance.csv", "attendance.json"):
        assert f'href="/sessions/{path}"' in section
        assert f'href="/sessions/{path}?year=2023"' in section


@pytest.mark.parametrize(
    "path",
    ["/sessions/attendance.csv", "/sessions/attendance.json",
     "/sessions/attendance.csv?year=2023"],
)  # fmt: skip
def test_the_attendance_keeps_a_query_budget_independent_of_rows(
    attendance, client, settings, django_assert_max_num_queries, path
):
    settings.PAGE_CACHE_ENABLED = False
    with CaptureQueriesContext(connection) as ctx:
        body_of(client.get(path))
    # Many more members at many more sittings of 2023.
    term = Term.objects.get(number=9)
    members = Member.objects.bulk_create([Member(term=term, name=f"의원{n:02}") for n in range(20)])
    body = Body.objects.get(slug="plenary")
    session = Session.objects.get(number=243)
    sittings = Sitting.objects.bulk_create(
        [
            Sitting(session=session, body=body, number=n, date=session.first_day)
            for n in range(2, 30)
        ]
    )
    Attendance.objects.bulk_create(
        [Attendance(sitting=s, member=m) for s in sittings for m in members]
    )
    assert Attendance.objects.count() > 500  # more than a piece of the stream
    with django_assert_max_num_queries(len(ctx.captured_queries)):
        body_of(client.get(path))
