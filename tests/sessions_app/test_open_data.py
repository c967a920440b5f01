"""A reporter downloads the sessions and sittings as CSV (it opens in Excel: UTF-8 with a
BOM) and JSON, with the council's code, 대수, 회기, 차수 and whether the minutes met the
ordinance's deadline."""

from __future__ import annotations

import csv
import datetime
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from council.models import Council
from sessions_app.models import Body, Session, Sitting


def read_csv(response) -> list[dict[str, str]]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.content.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def sit(number, slug, n, date, **fields) -> Sitting:
    sitting = Sitting(
        session=Session.objects.get(number=number),
        body=Body.objects.get(slug=slug),
        number=n,
        date=date,
        **fields,
    )
    sitting.full_clean()
    sitting.save()
    return sitting


@pytest.fixture
def sittings(seeded, clock):
    """제243회 (2023. 3. 20. ~ 29.): the plenary's minutes in 2 days (on time), the budget
    committee's in 7 (late: 5 allowed), a welfare committee sitting yesterday (not due)."""
    clock.travel_to(datetime.date(2023, 3, 29))
    sit(
        243, "plenary", 1, datetime.date(2023, 3, 20),
        starts_at=datetime.time(10, 0), ends_at=datetime.time(11, 30),
        minutes_published_on=datetime.date(2023, 3, 22),
        minutes_url="https://minutes.example.kr/243-1",
    )  # fmt: skip
    sit(
        243,
        "budget",
        1,
        datetime.date(2023, 3, 21),
        minutes_published_on=datetime.date(2023, 3, 28),
    )
    sit(243, "welfare-construction", 1, datetime.date(2023, 3, 28), place="=HYPERLINK(1)")


def test_the_sittings_csv_opens_with_a_bom_and_clik_fields(sittings, client):
    rows = read_csv(client.get("/sessions/sittings.csv"))

    assert list(rows[0]) == [
        "council_code", "term", "session", "session_kind", "sitting", "body", "body_kind",
        "date", "starts_at", "ends_at", "place", "minutes_published_on", "minutes_deadline",
        "minutes_on_time", "minutes_url",
    ]  # fmt: skip
    plenary, budget, welfare = rows
    assert plenary == {
        "council_code": "3170000",
        "term": "9",
        "session": "243",
        "session_kind": "임시회",
        "sitting": "1",
        "body": "본회의",
        "body_kind": "본회의",
        "date": "2023-03-20",
        "starts_at": "10:00",
        "ends_at": "11:30",
        "place": "구의회 본회의장",  # the body's usual place
        "minutes_published_on": "2023-03-22",
        "minutes_deadline": "2023-03-22",
        "minutes_on_time": "예",
        "minutes_url": "https://minutes.example.kr/243-1",
    }
    assert budget["minutes_on_time"] == "아니오"
    assert budget["minutes_deadline"] == "2023-03-26"
    assert welfare["minutes_on_time"] == ""  # not due yet
    assert welfare["place"] == "'=HYPERLINK(1)"  # text, never a formula


def test_minutes_entered_ahead_do_not_show_before_their_day(sittings, client):
    Sitting.objects.filter(body__slug="welfare-construction").update(
        minutes_published_on=datetime.date(2023, 3, 30), minutes_url="https://x.example/early"
    )
    welfare = read_csv(client.get("/sessions/sittings.csv"))[2]
    assert welfare["minutes_published_on"] == ""
    assert welfare["minutes_url"] == ""
    assert b"early" not in client.get("/sessions/sittings.json").content


def test_the_sittings_json_says_what_each_field_means(sittings, client):
    response = client.get("/sessions/sittings.json")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    data = json.loads(response.content)

    assert data["council"] == "금천구의회"
    assert data["council_code"] == "3170000"
    assert set(data["fields"]) == set(data["rows"][0])
    assert [row["minutes_on_time"] for row in data["rows"]] == [True, False, None]
    assert data["rows"][0]["date"] == "2023-03-20"


def test_the_sessions_csv_and_json_list_every_session_with_its_term(sittings, client):
    rows = read_csv(client.get("/sessions/sessions.csv"))
    assert len(rows) == Session.objects.count()
    by_number = {row["session"]: row for row in rows}
    assert by_number["243"]["term"] == "9"
    assert by_number["243"]["sittings"] == "3"
    assert by_number["243"]["days"] == "10"
    assert by_number["234"]["term"] == ""  # 2022. 2.: before the 9th term (no 8th recorded)
    data = json.loads(client.get("/sessions/sessions.json").content)
    assert data["rows"][0]["session"] == 234
    assert data["rows"][0]["term"] is None


def test_the_schedule_page_links_the_open_data(seeded, client):
    html = client.get("/sessions/").content.decode()
    assert '<h2 id="open-data-title">공공데이터</h2>' in html
    for path in ("sessions.csv", "sessions.json", "sittings.csv", "sittings.json"):
        assert f'href="/sessions/{path}"' in html


def test_a_council_without_a_code_writes_an_empty_cell(sittings, client):
    Council.objects.update(code="")
    assert read_csv(client.get("/sessions/sittings.csv"))[0]["council_code"] == ""


@pytest.mark.parametrize(
    "path",
    ["/sessions/sittings.csv", "/sessions/sittings.json", "/sessions/sessions.csv",
     "/sessions/sessions.json"],
)  # fmt: skip
def test_open_data_keeps_a_query_budget_independent_of_rows(
    sittings, client, settings, django_assert_max_num_queries, path
):
    settings.PAGE_CACHE_ENABLED = False
    with CaptureQueriesContext(connection) as ctx:
        client.get(path)
    body = Body.objects.get(slug="plenary")
    Sitting.objects.bulk_create(
        [
            Sitting(session=s, body=body, number=n, date=s.first_day)
            for s in Session.objects.exclude(number=243)
            for n in range(1, 6)
        ]
    )
    with django_assert_max_num_queries(len(ctx.captured_queries)):
        assert client.get(path).status_code == 200
