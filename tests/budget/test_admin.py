"""The budget screens: a project's financing is edited on the project's page, and the budget
tree shows each item's yearly totals with change and rate, computed from the leaves."""

from django.urls import reverse

from budget.models import BudgetItem
from workplan.models import Project


def test_project_page_carries_its_financing_inline_and_totals(admin_client, seeded):
    project = Project.objects.get(plan__year=2023, number=1)

    response = admin_client.get(reverse("admin:workplan_project_change", args=[project.pk]))

    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="financing-group"' in page  # financing is edited on the project's own page
    assert "86,980,000원" in page  # 2023 구비 of project 1
    for prefix in ("sections", "exhibits", "plan_items", "purchases"):
        assert f'id="{prefix}-group"' in page


def test_project_list_shows_the_plan_year_budget(admin_client, seeded):
    response = admin_client.get(reverse("admin:workplan_project_changelist"))

    assert 'class="field-plan_year_budget">86,980,000원<' in response.content.decode()


def test_budget_tree_shows_totals_change_and_rate(admin_client, seeded):
    response = admin_client.get(reverse("admin:budget_budgetitem_changelist"))

    page = response.content.decode()
    assert "2023년 본예산" in page and "2022년 본예산" in page
    assert "증감률" in page

    top = BudgetItem.objects.filter(council=seeded, level=1).order_by("order", "pk")
    change = admin_client.get(reverse("admin:budget_budgetitem_change", args=[top[0].pk]))
    assert "<td>2023년</td>" in change.content.decode()
    assert 'id="children-group"' in change.content.decode()


def test_expense_category_page_lists_its_yearly_amounts(admin_client, seeded):
    leaf = BudgetItem.objects.filter(council=seeded, level=4, amounts__year=2022).first()

    response = admin_client.get(reverse("admin:budget_budgetitem_change", args=[leaf.pk]))

    page = response.content.decode()
    assert 'id="amounts-group"' in page
    assert 'id="children-group"' not in page
