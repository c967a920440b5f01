"""Year rollover: the secretariat starts next year's work plan from this year's, with every
project and its rows copied and what must be rewritten marked, by an admin action or a
command, once."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from workplan.models import (
    PlanItem,
    Project,
    ProjectExhibit,
    ProjectFinancing,
    ProjectSection,
    Purchase,
    WorkPlan,
)
from workplan.services import work_plan_roll_over

CHILDREN = {
    ProjectSection: "project__plan",
    ProjectExhibit: "project__plan",
    PlanItem: "project__plan",
    Purchase: "project__plan",
    ProjectFinancing: "project__plan",
}


def counts(plan: WorkPlan) -> dict[str, int]:
    found = {"projects": Project.objects.filter(plan=plan).count()}
    for model, lookup in CHILDREN.items():
        found[model.__name__] = model.objects.filter(**{lookup: plan}).count()
    return found


def test_rollover_copies_every_row_into_next_years_plan(plan_2023, admin_user):
    before = counts(plan_2023)

    plan = work_plan_roll_over(work_plan=plan_2023, user=admin_user)

    assert (plan.year, plan.issued_on) == (2024, datetime.date(2024, 2, 1))
    assert plan.staff_table_id == plan_2023.staff_table_id
    assert counts(plan) == before  # per model, the same number of rows
    assert before == {
        "projects": 10,
        "ProjectSection": 42,
        "ProjectExhibit": 16,
        "PlanItem": 9,
        "Purchase": 6,
        "ProjectFinancing": 35,
    }
    assert counts(plan_2023) == before  # the old plan keeps its own
    old = Project.objects.get(plan=plan_2023, number=1)
    new = Project.objects.get(plan=plan, number=1)
    assert (new.title, new.team_id) == (old.title, old.team_id)
    assert list(new.financing.values_list("year", "source", "amount")) == list(
        old.financing.values_list("year", "source", "amount")
    )
    assert [p.amount for p in new.plan_items.all()] == [p.amount for p in old.plan_items.all()]
    # Who made it is in the history.
    assert new.history.first().history_user == admin_user


def test_rollover_marks_what_needs_review(plan_2023):
    plan = work_plan_roll_over(work_plan=plan_2023)

    projects = Project.objects.filter(plan=plan)
    assert all(p.needs_review for p in projects)
    assert not any(p.is_new for p in projects)  # carried over: 계속 사업
    sections = ProjectSection.objects.filter(project__plan=plan)
    marked = {s.kind for s in sections if s.needs_review}
    unmarked = {s.kind for s in sections if not s.needs_review}
    assert marked == {ProjectSection.Kind.ACHIEVEMENT, ProjectSection.Kind.PLAN}
    assert ProjectSection.Kind.ACHIEVEMENT not in unmarked
    assert ProjectSection.Kind.PLAN not in unmarked
    assert not ProjectSection.objects.filter(project__plan=plan_2023, needs_review=True).exists()


def test_rollover_refuses_when_next_years_plan_exists(plan_2023):
    work_plan_roll_over(work_plan=plan_2023)
    before = Project.objects.count()

    with pytest.raises(ValidationError, match="2024년 주요업무계획이 이미 있습니다"):
        work_plan_roll_over(work_plan=plan_2023)

    assert Project.objects.count() == before
    assert WorkPlan.objects.filter(year=2024).count() == 1


def test_the_admin_action_rolls_over_and_then_refuses(admin_client, plan_2023):
    url = reverse("admin:workplan_workplan_changelist")
    data = {"action": "roll_over", "_selected_action": [plan_2023.pk]}

    response = admin_client.post(url, data, follow=True)

    page = response.content.decode()
    assert "2024년 주요업무계획을 만들었습니다" in page
    plan = WorkPlan.objects.get(year=2024)
    assert plan.projects.count() == 10

    again = admin_client.post(url, data, follow=True).content.decode()
    assert "2024년 주요업무계획이 이미 있습니다" in again
    assert WorkPlan.objects.filter(year=2024).count() == 1

    # The clerk finds what to review in the lists, and clears it on the project's page.
    review = admin_client.get(
        reverse("admin:workplan_project_changelist"),
        {"plan__id__exact": plan.pk, "needs_review__exact": "1"},
    )
    assert review.content.decode().count('name="_selected_action"') == 10
    sections = admin_client.get(
        reverse("admin:workplan_projectsection_changelist"), {"needs_review__exact": "1"}
    )
    assert sections.status_code == 200
    assert "다시 쓸 내용" in sections.content.decode()


def test_the_command_rolls_over_and_refuses_a_second_time(plan_2023):
    out = StringIO()

    call_command("roll_over_workplan", "2023", stdout=out)

    assert "2024년 주요업무계획을 만들었습니다 (주요사업 10개, 공개 전)" in out.getvalue()
    assert counts(WorkPlan.objects.get(year=2024)) == counts(plan_2023)
    with pytest.raises(CommandError, match="2024년 주요업무계획이 이미 있습니다"):
        call_command("roll_over_workplan", "2023", stdout=StringIO())
    with pytest.raises(CommandError, match="1999년 주요업무계획이 없습니다"):
        call_command("roll_over_workplan", "1999", stdout=StringIO())
