"""The home page tells a citizen which session is on now, or which comes next."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest

D = datetime.date
SEOUL = ZoneInfo("Asia/Seoul")


def featured_text(client) -> str:
    html = client.get("/").content.decode()
    match = re.search(r'<section class="featured-session".*?</section>', html, re.S)
    assert match, "no featured session"
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(0)).split())


def test_home_shows_the_session_in_progress(seeded, client, clock):
    clock.travel_to(D(2023, 6, 20))

    text = featured_text(client)

    assert text.startswith("지금 열리고 있는 회기 제244회 정례회 진행 중")
    assert "2023. 6. 8.(목) ~ 6. 30.(금)" in text and "23일" in text
    assert "2022년 결산안" in text and "구정질문" in text


def test_home_shows_the_next_session_between_sessions(seeded, client, clock):
    clock.travel_to(D(2023, 7, 1))

    text = featured_text(client)

    assert text.startswith("다음 회기 제245회 임시회 예정")
    assert "2023. 9. 13.(수) ~ 9. 21.(목) [예정]" in text and "9일" in text


def test_home_shows_the_first_day_of_a_session_as_in_progress(seeded, client, clock):
    clock.travel_to(D(2023, 9, 13))

    assert featured_text(client).startswith("지금 열리고 있는 회기 제245회")


def test_the_day_begins_at_midnight_in_seoul_not_in_utc(seeded, client, clock):
    # 00:10 on 13 September in Seoul, the first day of 제245회, is still the 12th in UTC.
    clock.travel_to(datetime.datetime(2023, 9, 13, 0, 10, tzinfo=SEOUL))
    assert featured_text(client).startswith("지금 열리고 있는 회기 제245회")

    clock.travel_to(datetime.datetime(2023, 9, 12, 23, 50, tzinfo=SEOUL))
    assert featured_text(client).startswith("다음 회기 제245회")


def test_home_shows_the_latest_session_once_all_have_ended(seeded, client, clock):
    clock.travel_to(D(2026, 11, 27))

    text = featured_text(client)

    assert text.startswith("가장 최근 회기 제246회 정례회 종료")
    assert "[개회일 확정]" not in text  # no longer worth saying once it is over


def test_cached_home_moves_on_to_the_next_day(seeded, client, clock, settings):
    settings.PAGE_CACHE_ENABLED = True
    clock.travel_to(D(2023, 6, 30))
    assert featured_text(client).startswith("지금 열리고 있는 회기 제244회")

    clock.travel_to(D(2023, 7, 1))
    assert featured_text(client).startswith("다음 회기 제245회")


@pytest.mark.django_db
def test_home_without_any_data_still_links_every_page(client):
    html = client.get("/").content.decode()

    assert 'class="featured-session"' not in html
    for href in ("/sessions/", "/budget/", "/outreach/", "/council/", "/workplan/"):
        assert f'href="{href}"' in html


def test_home_shows_the_latest_figures_computed_from_the_records(seeded, client):
    html = client.get("/").content.decode()
    match = re.search(r'<section aria-labelledby="figures-title">.*?</section>', html, re.S)
    assert match, "no figures section"
    text = " ".join(re.sub(r"<[^>]+>", " ", match.group(0)).split())

    assert "2023년 예산 4,378백만원 (2022년 대비 709백만원, 19.32%)" in text
    assert "2022년 언론보도 802건 (2021년 대비 219건, 37.6%)" in text
    assert "정원 32명 · 현원 23명 (2023. 2. 기준)" in text


def test_home_figures_follow_an_edit(seeded, client):
    from budget.models import BudgetAmount

    amount = BudgetAmount.objects.get(item__name="의회비", year=2023)
    amount.amount += 100_000_000
    amount.save()

    assert "2023년 예산 4,478백만원" in " ".join(
        re.sub(r"<[^>]+>", " ", client.get("/").content.decode()).split()
    )


def test_home_page_query_budget(seeded, client, settings, django_assert_max_num_queries):
    """16 queries today, whatever the number of years recorded (the figures read each table
    once; the council once for the view and the header); the budget leaves room for the
    session lookup and the page info."""
    from budget.models import BudgetAmount

    settings.PAGE_CACHE_ENABLED = False
    with django_assert_max_num_queries(17):
        assert client.get("/").status_code == 200
    for amount in BudgetAmount.objects.filter(year=2023):
        for year in range(2010, 2020):
            BudgetAmount.objects.create(item=amount.item, year=year, amount=amount.amount)
    with django_assert_max_num_queries(17):
        assert client.get("/").status_code == 200
