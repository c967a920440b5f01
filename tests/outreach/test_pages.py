"""A citizen reads the council's PR figures, monitors and school visits at /outreach/."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from council.models import Term
from outreach.models import (
    Monitor,
    MonitorCohort,
    PRChannel,
    PressCoverage,
    PRFigure,
    PRYear,
    SchoolVisit,
)
from tests.budget.test_pages import row_starting, table_rows

# Queries of /outreach/ on a cache miss, however many years and rows are loaded.
OUTREACH_PAGE_QUERIES = 24


@pytest.fixture
def html(seeded, client):
    response = client.get("/outreach/")
    assert response.status_code == 200
    return response.content.decode()


def test_press_coverage_2022_is_the_sum_of_its_tiers(html):
    rows = table_rows(html, "coverage-table")

    assert rows[0][:5] == ["구분", "2020년", "2021년", "2022년", "2023년 (1월 현재)"]
    assert row_starting(rows, "중앙")[3] == "2건"
    assert row_starting(rows, "광역")[3] == "639건"
    assert row_starting(rows, "지역")[3] == "161건"
    # 계 = 2 + 639 + 161, and the change is the full year 2022 against 2021 (583).
    assert row_starting(rows, "계") == ["계", "462건", "583건", "802건", "97건", "219", "37.56%"]


def test_press_releases_count_interviews_as_the_work_plan_does(html):
    assert (
        "2022년 보도자료는 인터뷰를 포함해 55건으로 2021년 44건 대비 "
        '<span class="">11건(25.00%)</span>, 언론보도는 802건으로 583건 대비 '
        '<span class="">219건(37.56%)</span>'
    ) in html


def test_channels_show_counts_costs_and_year_over_year_change(html):
    rows = table_rows(html, "pr-table")

    ads = row_starting(rows, "광고제공")
    assert ads[1:5] == ["41건 (20,500)", "54건 (27,000)", "59건 (29,500)", "10건 (5,000)"]
    assert ads[5:7] == ["5 (2,500)", "9.26%"]
    # Products made every other year (PRChannel.cycle_years = 2): the 2022 video against its
    # last edition (2020), not "신규"; the white paper's off year says so, not -100%.
    assert row_starting(rows, "홍보영상")[5:7] == ["0 (0)", "0.00%"]
    assert row_starting(rows, "의정백서")[5:7] == ["-", "격년 제작"]
    assert "2023년 수치는 2023. 1. 31.까지 집계한 것입니다(2023년 1월 현재)" in html


def test_this_years_targets_show_progress(html):
    assert "2023년 홍보 목표와 진행 상황" in html
    assert '<progress value="3" max="70"' in html
    assert "4.3%" in html  # 3 of 70 press releases so far
    assert "500~700부" in html
    assert "(500천원 × 60 = 30,000천원)" in html


def test_school_visits_total_pupils_and_teachers(html):
    assert '<td class="num">183명</td>' in html
    assert '<td class="num">192명</td>' in html  # 183 pupils + 9 teachers
    assert '<td class="num">214명</td>' in html  # both visits
    assert "2022. 6. 20.(월) ~ 6. 22.(수)" in html


def test_monitor_cohorts_and_activities(html):
    assert "제8대 전반기" in html and "25명" in html
    assert "운영 안 함: 코로나19 상황 등으로 적극적 참여 불가" in html
    assert "약 30명 모집" in html
    assert "1회 (암소한마리, 35명)" in html
    assert "15건" in html


def test_monitors_are_counted_from_their_rows_once_registered(seeded, client):
    term = Term.objects.get(council=seeded, number=9)
    member = term.members.create(name="홍길동")
    cohort = MonitorCohort.objects.get(council=seeded, term_number=9)
    for name, opinions in (("김하나", 2), ("이두리", 3)):
        Monitor.objects.create(
            cohort=cohort,
            name=name,
            recommended_by=member,
            recommended_on=datetime.date(2023, 2, 1),
            resident_since=datetime.date(2015, 1, 1),
            opinions_submitted=opinions,
        )

    html = client.get("/outreach/").content.decode()

    assert "홍길동 의원 2명" in html
    assert '<td class="num">2명</td>' in html
    assert '<td class="num">5</td>' in html  # opinions received: 2 + 3


def test_community_activities_and_study_events(html):
    assert "설·추석맞이 사회복지시설 위문품 전달 (설·추석): 10개소" in html
    assert "2019. 9. 25.(수) ~ 10. 2.(수)" in html
    assert "(6박 8일)" in html
    assert "1인당 3,500" in html
    assert "17,500" in html


def test_the_page_names_the_pr_team(html):
    assert "담당: 의회홍보팀" in html


def _add_ten_years(council):
    channels = list(PRChannel.objects.filter(council=council))
    for year in range(2005, 2015):
        pr_year = PRYear.objects.create(council=council, year=year)
        PRFigure.objects.bulk_create(
            PRFigure(pr_year=pr_year, channel=c, count=year - 2000, cost=1000) for c in channels
        )
        PressCoverage.objects.bulk_create(
            PressCoverage(pr_year=pr_year, tier=t, count=10) for t in PressCoverage.TIER_ORDER
        )
        SchoolVisit.objects.create(
            council=council, school=f"{year} 학교", level="middle",
            starts_on=datetime.date(year, 5, 1), pupils=20, teachers=2,
        )  # fmt: skip


def _queries(client):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/outreach/")
    assert response.status_code == 200
    return len(ctx), response.content.decode()


def test_query_count_does_not_grow_with_years(seeded, client, django_assert_max_num_queries):
    before, _ = _queries(client)
    _add_ten_years(seeded)

    with django_assert_max_num_queries(OUTREACH_PAGE_QUERIES):
        after, html = _queries(client)

    assert "2005년" in html
    assert after == before
