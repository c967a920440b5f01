"""A civic group checks how often the council published its minutes on time: per body and
year, the share of sittings whose minutes met the ordinance's deadline, on a public page
whose figures match the sittings one by one."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from council.models import Council
from sessions_app import selectors
from sessions_app.models import Body, Session, SessionRules, Sitting


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def sit(number, slug, n, date, published=None) -> Sitting:
    sitting = Sitting(
        session=Session.objects.get(number=number),
        body=Body.objects.get(slug=slug),
        number=n,
        date=date,
        minutes_published_on=published,
    )
    sitting.full_clean()
    sitting.save()
    return sitting


D = datetime.date


@pytest.fixture
def record(seeded, clock):
    """Deadlines: plenary 2 days, committees 5 (the seed's ordinance). Today 2023-06-30."""
    clock.travel_to(D(2023, 6, 30))
    rules = SessionRules.objects.get()
    assert (rules.plenary_minutes_days, rules.committee_minutes_days) == (2, 5)
    # 2023 plenary: on time (2 days), late (3 days), overdue (never), on time the same day.
    sit(243, "plenary", 1, D(2023, 3, 20), D(2023, 3, 22))
    sit(243, "plenary", 2, D(2023, 3, 29), D(2023, 4, 1))
    sit(244, "plenary", 1, D(2023, 6, 8))
    sit(244, "plenary", 2, D(2023, 6, 9), D(2023, 6, 9))
    # Not yet due (held yesterday, unpublished): left out of the share.
    sit(244, "plenary", 3, D(2023, 6, 29))
    # Published ahead of its day (tomorrow): not published yet, and not due either.
    sit(244, "plenary", 4, D(2023, 6, 28), D(2023, 7, 1))
    # 2023 budget committee: 5 days is on time, 6 late.
    sit(243, "budget", 1, D(2023, 3, 21), D(2023, 3, 26))
    sit(243, "budget", 2, D(2023, 3, 22), D(2023, 3, 28))
    # 2022 plenary: on time.
    sit(240, "plenary", 1, D(2022, 11, 18), D(2022, 11, 19))
    return rules


def test_the_share_per_body_and_year_matches_the_sittings(record):
    council = Council.objects.get()
    on = D(2023, 6, 30)
    shares = {
        (s.year, s.body_name): s
        for s in selectors.minutes_on_time_shares(council, rules=record, on=on)
    }

    assert {k: (s.due, s.on_time) for k, s in shares.items()} == {
        (2023, "본회의"): (4, 2),
        (2023, "예산결산특별위원회"): (2, 1),
        (2022, "본회의"): (1, 1),
    }
    # The same count as the staff's compliance report, sitting by sitting.
    for (year, body), share in shares.items():
        rows = [
            r
            for r in selectors.minutes_compliance_list(council, on=on, year=year)
            if r.sitting.body.name == body
        ]
        counts = selectors.count_by_status(rows)
        assert share.on_time == counts["on_time"]
        assert share.due == counts["on_time"] + counts["late"] + counts["overdue"]


def test_the_page_shows_the_shares_in_a_table_formatted_as_rates(record, client):
    response = client.get("/sessions/minutes/")
    assert response.status_code == 200
    html = response.content.decode()

    assert (
        "<caption" in html and '<th scope="col"' in html and '<th scope="row">본회의</th>' in html
    )
    text = text_of(html)
    assert "2023년 본회의 4회 2회 2회 50.0%" in text
    assert "2023년 예산결산특별위원회 2회 1회 1회 50.0%" in text
    assert "2022년 본회의 1회 1회 0회 100.0%" in text
    # Latest year first.
    assert text.index("2023년 본회의") < text.index("2022년 본회의")
    assert 'type="application/atom+xml"' in html
    assert 'href="/sessions/minutes/"' in client.get("/sessions/").content.decode()


def test_a_council_without_rules_says_so(record, client):
    SessionRules.objects.all().delete()
    html = client.get("/sessions/minutes/").content.decode()
    assert "회의록 공개 기한(조례)이 아직 등록되지 않았습니다." in html


def test_the_share_is_one_aggregate_query(record, django_assert_num_queries):
    council = Council.objects.get()
    with django_assert_num_queries(1):
        selectors.minutes_on_time_shares(council, rules=record, on=D(2023, 6, 30))


def test_the_page_keeps_a_query_budget_independent_of_rows(
    record, client, settings, django_assert_max_num_queries
):
    settings.PAGE_CACHE_ENABLED = False
    with CaptureQueriesContext(connection) as ctx:
        client.get("/sessions/minutes/")
    body = Body.objects.get(slug="budget")
    Sitting.objects.bulk_create(
        [
            Sitting(
                session=s, body=body, number=n, date=s.first_day, minutes_published_on=s.last_day
            )
            for s in Session.objects.exclude(number=243)
            for n in range(1, 6)
        ]
    )
    with django_assert_max_num_queries(len(ctx.captured_queries)):
        assert client.get("/sessions/minutes/").status_code == 200
