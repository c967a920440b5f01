"""A citizen reads a year's session schedule, its month calendar and one session's page."""

import datetime
import re

import pytest

from sessions_app.models import AgendaItem, Body, Session, SessionRules, Sitting


def text_of(html: str) -> str:
    """The page's text with tags dropped and whitespace collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def row_of(html: str, number: int) -> str:
    match = re.search(rf'<tr>\s*<th scope="row"><a href="/sessions/{number}/">.*?</tr>', html, re.S)
    assert match, f"no row for 제{number}회"
    return text_of(match.group(0))


def test_2023_schedule_lists_the_five_sessions_with_days_and_computed_weekdays(
    seeded, client, clock
):
    clock.travel_to(datetime.date(2023, 1, 2))

    html = client.get("/sessions/?year=2023").content.decode()

    assert "총 5회 80일 (정례회 2회 51일 / 임시회 3회 29일)" in html
    assert (
        row_of(html, 242).split()
        == (
            "제242회 임시회 2. 14.(화) ~ 2. 23.(목) [예정] 10일 "
            "2023년도 주요업무계획 보고 결산검사위원 선임 예산결산특별위원회 구성 부의안건 예정"
        ).split()
    )
    # The seed prints 2023. 6. 8.(화); 8 June 2023 was a Thursday.
    assert "6. 8.(목) ~ 6. 30.(금) [개회일 확정] 23일" in row_of(html, 244)
    assert "3. 20.(월) ~ 3. 29.(수) [예정] 10일" in row_of(html, 243)
    assert "9. 13.(수) ~ 9. 21.(목) [예정] 9일" in row_of(html, 245)
    assert "11. 23.(목) ~ 12. 20.(수) [개회일 확정] 28일" in row_of(html, 246)
    assert "6. 8.(화)" not in html


def test_2022_schedule_computes_75_days_where_the_seed_prints_74(seeded, client, clock):
    clock.travel_to(datetime.date(2023, 1, 2))

    html = client.get("/sessions/?year=2022").content.decode()

    assert "총 8회 75일 (정례회 2회 46일 / 임시회 6회 29일)" in html
    assert "9. 15.(목) ~ 9. 26.(월) 12일" in row_of(html, 238)
    assert "11. 18.(금) ~ 12. 21.(수) 34일" in row_of(html, 240)
    # A one-day session is one date, 1 day.
    assert "2. 18.(금) 1일" in row_of(html, 234)
    assert html.count('<th scope="row"><a href="/sessions/') == 8


def test_status_follows_today(seeded, client, clock):
    clock.travel_to(datetime.date(2023, 6, 15))

    html = client.get("/sessions/?year=2023").content.decode()

    assert row_of(html, 242).endswith("종료 ")
    assert row_of(html, 244).endswith("진행 중 ")
    assert row_of(html, 245).endswith("예정 ")


def test_a_cached_schedule_still_changes_status_the_next_day(seeded, client, clock, settings):
    settings.PAGE_CACHE_ENABLED = True
    clock.travel_to(datetime.date(2023, 6, 30))
    first = client.get("/sessions/?year=2023")
    again = client.get("/sessions/?year=2023")
    clock.travel_to(datetime.date(2023, 7, 1))
    next_day = client.get("/sessions/?year=2023")

    assert first["X-Page-Cache"] == "miss" and again["X-Page-Cache"] == "hit"
    assert row_of(first.content.decode(), 244).endswith("진행 중 ")
    assert row_of(next_day.content.decode(), 244).endswith("종료 ")


def test_year_uses_each_ordinance_limit(seeded, client, clock):
    clock.travel_to(datetime.date(2023, 1, 2))

    html = client.get("/sessions/?year=2023").content.decode()
    limits = text_of(html.split('class="limits"')[1].split("</table>")[0])

    assert "연간 회기일수 80일 110일 이내 30일" in limits
    assert "정례회 회기일수 51일 55일 이내 4일" in limits
    assert "가장 긴 임시회 (제242회) 10일 회기당 15일 이내 5일" in limits
    assert "<caption" in html and '<th scope="col">' in html


def test_year_switcher_links_every_year_with_sessions_and_kind_filter(seeded, client, clock):
    clock.travel_to(datetime.date(2023, 1, 2))

    html = client.get("/sessions/?year=2023&kind=regular").content.decode()

    assert 'href="/sessions/?year=2022&amp;kind=regular"' in html
    assert 'href="/sessions/?year=2023&amp;kind=regular" aria-current="page"' in html
    assert re.findall(r'<th scope="row"><a href="/sessions/(\d+)/">', html) == ["244", "246"]
    # The summary is still the whole year's.
    assert "총 5회 80일" in html


def test_default_year_is_this_year(seeded, client, clock):
    clock.travel_to(datetime.date(2023, 3, 1))

    html = client.get("/sessions/").content.decode()

    assert "<h1>2023년 회기 일정</h1>" in html
    assert "제243회" in html


def test_without_sessions_this_year_the_schedule_opens_on_the_latest_year_that_has(
    seeded, client, clock
):
    clock.travel_to(datetime.date(2026, 11, 27))

    html = client.get("/sessions/").content.decode()

    assert "<h1>2023년 회기 일정</h1>" in html
    assert "제243회" in html
    # The switcher lists the years with sessions, not the empty current one.
    switcher = html.split('aria-label="연도 선택"')[1].split("</nav>")[0]
    assert re.findall(r"\?year=(\d{4})", switcher) == ["2022", "2023"]


def test_an_empty_year_asked_for_says_so_and_offers_the_years_that_have_sessions(
    seeded, client, clock
):
    clock.travel_to(datetime.date(2026, 11, 27))

    html = client.get("/sessions/?year=2026").content.decode()

    assert "2026년에 등록된 회기가 없습니다." in html
    assert 'href="/sessions/?year=2023"' in html


def test_a_council_without_sessions_opens_on_this_year(db, client, clock):
    from council.models import Council

    Council.objects.create(name="새의회")
    clock.travel_to(datetime.date(2026, 11, 27))

    html = client.get("/sessions/").content.decode()

    assert "2026년에 등록된 회기가 없습니다." in html


@pytest.mark.parametrize(
    "query",
    ["year=abc", "year=1900", "year=2031", "year=99999999999999999999", "year=-1", "kind=x"],
)
def test_malformed_or_out_of_range_query_is_a_404(seeded, client, clock, query):
    clock.travel_to(datetime.date(2023, 1, 2))

    assert client.get(f"/sessions/?{query}").status_code == 404
    assert client.get(f"/sessions/calendar/?{query}").status_code == 404


@pytest.mark.parametrize("path", ["/sessions/999/", "/sessions/0/", "/sessions/99999999999/"])
def test_unknown_session_number_is_a_404(seeded, client, path):
    response = client.get(path)

    assert response.status_code == 404
    assert "페이지를 찾을 수 없습니다" in response.content.decode()


def test_month_calendar_marks_session_days_in_accessible_tables(seeded, client, clock):
    clock.travel_to(datetime.date(2023, 2, 20))

    html = client.get("/sessions/calendar/?year=2023").content.decode()

    assert html.count('<table class="cal">') == 12
    february = html.split('id="cal-2"')[1].split("</table>")[0]
    assert "2023년 2월 회기 달력: 제242회 임시회</caption>" in february
    assert '<th scope="col"><abbr title="일요일">일</abbr></th>' in february
    marked = re.findall(r'cal-day--session"[^>]*>\s*<span class="cal-date">(\d+)</span>', february)
    assert marked == [str(day) for day in range(14, 24)]
    assert '<td class="cal-day cal-day--session" aria-current="date">' in february
    # 8 June 2023 sits in the Thursday column (5th of 7, weeks from Sunday).
    june = html.split('id="cal-6"')[1].split("</table>")[0]
    first_week = re.search(r"<tbody>\s*<tr>(.*?)</tr>", june, re.S).group(1)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", first_week, re.S)
    assert text_of(cells[4]).strip() == "1"
    second_week = re.findall(r"<tr>(.*?)</tr>", june, re.S)[2]
    assert "제 244회 정례회" in text_of(re.findall(r"<td[^>]*>(.*?)</td>", second_week, re.S)[4])


def test_session_page_shows_agenda_bodies_sittings_and_published_minutes(seeded, client, clock):
    session = Session.objects.get(number=242)
    plenary = Body.objects.get(slug="plenary")
    budget = Body.objects.get(slug="budget")
    Sitting.objects.create(
        session=session,
        body=plenary,
        number=1,
        date=datetime.date(2023, 2, 14),
        minutes_published_on=datetime.date(2023, 2, 16),
        minutes_url="https://minutes.example.org/242-1",
    )
    Sitting.objects.create(session=session, body=budget, number=1, date=datetime.date(2023, 2, 20))
    clock.travel_to(datetime.date(2023, 2, 21))

    html = client.get("/sessions/242/").content.decode()
    text = text_of(html)

    assert "<h1>금천구의회 제242회 임시회</h1>" in html
    assert "2023. 2. 14.(화) ~ 2. 23.(목)" in text and "10일" in text and "진행 중" in text
    assert "예산결산특별위원회 구성 예결특위, 본회의" in text.replace(" ,", ",")
    assert '<abbr title="예산결산특별위원회">예결특위</abbr>' in html
    assert "2023년도 주요업무계획 보고 상임위" in text
    assert '<a href="https://minutes.example.org/242-1">회의록 보기' in html
    assert "(2. 16.(목) 공개)" in text
    assert "예산결산특별위원회 제1차 공개 전 (공개 기한 2. 25.(토))" in text
    assert 'href="/sessions/242.ics"' in html


def test_session_page_hides_minutes_dated_ahead_until_that_day(seeded, client, clock):
    session = Session.objects.get(number=242)
    Sitting.objects.create(
        session=session,
        body=Body.objects.get(slug="plenary"),
        number=1,
        date=datetime.date(2023, 2, 14),
        minutes_published_on=datetime.date(2023, 2, 16),
        minutes_url="https://minutes.example.org/242-1",
    )
    clock.travel_to(datetime.date(2023, 2, 15))

    assert "minutes.example.org" not in client.get("/sessions/242/").content.decode()


def test_pages_carry_page_info_and_no_inline_style_or_script(seeded, client, clock):
    clock.travel_to(datetime.date(2023, 1, 2))

    for path in ("/sessions/?year=2023", "/sessions/calendar/?year=2023", "/sessions/242/"):
        html = client.get(path).content.decode()
        assert "담당: 의사팀" in html, path
        assert " style=" not in html and "<script" not in html, path
        assert '<html lang="ko">' in html


def test_schedule_offers_webcal_subscription_and_download(seeded, client, clock):
    clock.travel_to(datetime.date(2023, 1, 2))

    html = client.get("/sessions/?year=2023").content.decode()

    assert '<a href="webcal://testserver/sessions/calendar.ics">캘린더 구독</a>' in html
    assert 'href="http://testserver/sessions/calendar.ics" download' in html
    assert 'href="http://testserver/sessions/calendar.ics?body=budget"' in html


# ---------------------------------------------------------------- query budget


@pytest.fixture
def twenty_years(db):
    """A council with 20 years of sessions (5 a year, 4 agenda items each handled by two
    bodies, 3 sittings each), created in bulk."""
    from council.models import Council

    council = Council.objects.create(name="테스트구의회", district="테스트구")
    SessionRules.objects.create(
        council=council,
        basis="조례",
        max_days_per_year=110,
        max_regular_days_per_year=55,
        max_extraordinary_days=15,
        plenary_minutes_days=2,
        committee_minutes_days=5,
    )
    plenary = Body.objects.create(
        council=council, name="본회의", short_name="본회의", kind="plenary", slug="plenary"
    )
    committee = Body.objects.create(
        council=council, name="운영위원회", short_name="운영위", kind="standing", slug="steering"
    )
    sessions = []
    number = 100
    for year in range(2004, 2024):
        for month, kind in (
            (2, "extraordinary"),
            (4, "extraordinary"),
            (6, "regular"),
            (9, "extraordinary"),
            (11, "regular"),
        ):
            number += 1
            first = datetime.date(year, month, 3)
            sessions.append(
                Session(
                    council=council,
                    number=number,
                    kind=kind,
                    first_day=first,
                    last_day=first + datetime.timedelta(days=9),
                )
            )
    sessions = Session.objects.bulk_create(sessions)
    items = AgendaItem.objects.bulk_create(
        [AgendaItem(session=s, title=f"안건 {i}", order=i) for s in sessions for i in range(4)]
    )
    through = AgendaItem.bodies.through
    through.objects.bulk_create(
        [through(agendaitem=item, body=body) for item in items for body in (plenary, committee)]
    )
    Sitting.objects.bulk_create(
        [
            Sitting(session=s, body=body, number=n, date=s.first_day + datetime.timedelta(days=n))
            for s in sessions
            for n, body in ((1, plenary), (1, committee), (2, plenary))
        ]
    )
    return council


@pytest.mark.parametrize(
    ("path", "budget"),
    [
        ("/sessions/?year=2015", 17),
        ("/sessions/calendar/?year=2015", 17),
        ("/sessions/150/", 17),
        # The home page also reads the latest budget, PR and staff figures.
        ("/", 21),
    ],
)
def test_pages_stay_within_a_fixed_query_budget_with_20_years_loaded(
    twenty_years, client, clock, django_assert_max_num_queries, path, budget
):
    clock.travel_to(datetime.date(2015, 6, 5))

    # About 10 for the page (data versions, council, years, sessions + agenda + bodies, rules,
    # page info, feed bodies; the council is read once for the view and the header) and 6 for the page cache's lookup and write in the database
    # cache; a query per session (5 a year, 100 in all) would break it.
    with django_assert_max_num_queries(budget):
        response = client.get(path)

    assert response.status_code == 200
    assert Session.objects.count() == 100
