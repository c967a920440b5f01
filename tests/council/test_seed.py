"""The seed document loads into an empty database, as the secretariat's demo does, and loading
it again never duplicates a record."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db.models import Sum

from council.models import Council, StaffQuota, StaffTable
from workplan.models import Project, WorkPlan

SEEDED_APPS = ("council", "sessions_app", "budget", "outreach", "workplan")


def record_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for label in SEEDED_APPS
        for model in apps.get_app_config(label).get_models()
    }


@pytest.mark.django_db
def test_database_starts_empty():
    assert not Council.objects.exists()


def test_seed_holds_the_2023_work_plan_and_its_ten_projects(seeded):
    plan = WorkPlan.objects.get(council=seeded, year=2023)

    assert Project.objects.count() == 10
    assert plan.projects.count() == 10
    assert list(plan.projects.order_by("number").values_list("number", flat=True)) == list(
        range(1, 11)
    )
    assert plan.projects.get(number=1).title == "의정 전문성·역량 강화로 선진의정 구현"


def test_seed_staff_is_32_authorised_and_23_current(seeded):
    table = StaffTable.objects.filter(council=seeded).latest()

    totals = StaffQuota.objects.filter(table=table).aggregate(
        authorised=Sum("authorised"), current=Sum("current")
    )

    assert table.basis_date.isoformat() == "2023-02-01"
    assert totals == {"authorised": 32, "current": 23}


def test_loading_the_seed_again_changes_no_counts(seeded):
    before = record_counts()
    assert before["workplan.Project"] == 10

    out = StringIO()
    call_command("load_seed", stdout=out)
    assert "건너뜁니다" in out.getvalue()
    assert record_counts() == before

    call_command("load_seed", "--force", stdout=StringIO())
    assert record_counts() == before
