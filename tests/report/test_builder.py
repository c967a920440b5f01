"""The report builder computes every figure of the 2023 work plan from the records, with a
bounded number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from workplan.report.builder import ReportNotFound, build_report

QUERY_BUDGET = 45


def test_unknown_year_is_reported_as_not_found(seeded):
    with pytest.raises(ReportNotFound):
        build_report(2019)


def test_builds_the_2023_plan_with_a_bounded_number_of_queries(
    seeded, django_assert_max_num_queries
):
    with django_assert_max_num_queries(QUERY_BUDGET):
        report = build_report(2023)

    assert report.title == "2022. 주요업무 추진실적 및 2023. 주요업무계획"
    assert len(report.projects) == 10
    assert report.toc[-1].label == "1. 의정 전문성·역량 강화로 선진의정 구현 등 9개 사업"


def test_query_count_does_not_grow_with_projects(seeded):
    """Adding projects with sections, exhibits and plan items adds no query."""
    from workplan.models import PlanItem, Project, ProjectExhibit, ProjectSection, WorkPlan

    with CaptureQueriesContext(connection) as before:
        build_report(2023)
    plan = WorkPlan.objects.get(year=2023)
    team = plan.projects.first().team
    for number in range(11, 16):
        project = Project.objects.create(
            plan=plan, number=number, title=f"추가 사업 {number}", team=team
        )
        ProjectSection.objects.create(project=project, kind="overview", body="- 내용", order=1)
        ProjectExhibit.objects.create(project=project, kind="seminars", order=2)
        PlanItem.objects.create(project=project, title="항목", quantity=2, unit_cost=1000, order=1)
    with CaptureQueriesContext(connection) as after:
        report = build_report(2023)

    assert len(report.projects) == 15
    assert len(after.captured_queries) == len(before.captured_queries)


def test_general_overview_is_counted_from_the_records(seeded):
    report = build_report(2023)

    assert report.overview.seats == 10
    assert len(report.overview.standing) == 3
    assert report.overview.secretariat_label == "1국, 3전문위원, 3팀"
    assert (report.staff.authorised, report.staff.current) == (32, 23)
    assert report.budget.total.current == 4_378_000_000
    assert report.budget.total.previous == 3_669_000_000


def test_project_budgets_plan_items_and_financing_are_computed(seeded):
    report = build_report(2023)
    first, third = report.projects[0], report.projects[2]

    assert first.budget == 86_980_000
    assert first.financing.total.total == 334_792_000
    assert [row.source for row in first.financing_rows] == ["계", "구비"]
    # 14명 × 4,000천원 = 56,000천원 computed from quantity × unit cost
    overseas = next(row for row in first.plan_items if row.item.title == "해외 비교시찰 연수")
    assert overseas.amount == 56_000_000
    assert first.plan_items_total == 21_380_000 + 56_000_000 + 9_600_000
    # Project 3's items do not add up to its budget (see fixtures/README.md): both are shown.
    assert third.plan_items_total == 47_200_000
    assert third.budget == 108_578_000


def test_sections_and_exhibits_merge_by_order(seeded):
    report = build_report(2023)
    achievement = next(s for s in report.projects[0].sections if s.kind == "achievement")

    assert [part.exhibit or "text" for part in achievement.parts] == [
        "seminars",
        "overseas_visits",
        "text",
        "trainings",
    ]


def test_sessions_exhibits_count_days_from_dates(seeded):
    report = build_report(2023)
    sessions_project = report.projects[3]
    parts = {p.exhibit: p.data for s in sessions_project.sections for p in s.parts if p.exhibit}

    held = parts["sessions_held"].summary
    assert (held.total.count, held.total.days) == (8, 75)
    assert (held.regular.count, held.regular.days) == (2, 46)
    planned = parts["sessions_planned"]
    assert [row.days for row in planned.rows] == [10, 10, 23, 9, 28]
    assert (planned.summary.total.count, planned.summary.total.days) == (5, 80)
    # bodies: committees before the plenary
    first_supp = planned.rows[1].agenda[0]
    assert first_supp == ("2023년도 제1회 추가경정예산안", ["상임위", "예결특위", "본회의"])


def test_pr_summary_counts_interviews_with_press_releases(seeded):
    report = build_report(2023)
    pr = next(
        p.data for s in report.projects[7].sections for p in s.parts if p.exhibit == "pr_figures"
    )

    assert (pr.summary.releases.current, pr.summary.releases.previous) == (55, 44)
    assert pr.summary.releases.rate_label(1) == "25.0%"
    assert pr.summary.coverage.delta == 219
    assert pr.summary.coverage.rate_label(1) == "37.6%"
