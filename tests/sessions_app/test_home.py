"""The home page tells a citizen which session is on now, or which comes next."""

import datetime
import re

import pytest

from sessions_app import selectors

D = datetime.date


def featured_text(client) -> str:
    html = client.get("/").content.decode()
    match = re.search(r'<section class="featured-session".*?</section>', html, re.S)
    assert match, "no featured session"
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(0)).split())


@pytest.fixture
def on_day(monkeypatch):
    return lambda day: monkeypatch.setattr(selectors, "today", lambda: day)


def test_home_shows_the_session_in_progress(seeded, client, on_day):
    on_day(D(2023, 6, 20))

    text = featured_text(client)

    assert text.startswith("지금 열리고 있는 회기 제244회 정례회 진행 중")
    assert "2023. 6. 8.(목) ~ 6. 30.(금)" in text and "23일" in text
    assert "2022년 결산안" in text and "구정질문" in text


def test_home_shows_the_next_session_between_sessions(seeded, client, on_day):
    on_day(D(2023, 7, 1))

    text = featured_text(client)

    assert text.startswith("다음 회기 제245회 임시회 예정")
    assert "2023. 9. 13.(수) ~ 9. 21.(목) [예정]" in text and "9일" in text


def test_home_shows_the_first_day_of_a_session_as_in_progress(seeded, client, on_day):
    on_day(D(2023, 9, 13))

    assert featured_text(client).startswith("지금 열리고 있는 회기 제245회")


def test_home_shows_the_latest_session_once_all_have_ended(seeded, client, on_day):
    on_day(D(2026, 11, 27))

    text = featured_text(client)

    assert text.startswith("가장 최근 회기 제246회 정례회 종료")
    assert "[개회일 확정]" not in text  # no longer worth saying once it is over


def test_cached_home_moves_on_to_the_next_day(seeded, client, on_day, settings):
    settings.PAGE_CACHE_ENABLED = True
    on_day(D(2023, 6, 30))
    assert featured_text(client).startswith("지금 열리고 있는 회기 제244회")

    on_day(D(2023, 7, 1))
    assert featured_text(client).startswith("다음 회기 제245회")


@pytest.mark.django_db
def test_home_without_any_data_still_links_every_page(client):
    html = client.get("/").content.decode()

    assert 'class="featured-session"' not in html
    for href in ("/sessions/", "/budget/", "/outreach/", "/council/", "/workplan/"):
        assert f'href="{href}"' in html
