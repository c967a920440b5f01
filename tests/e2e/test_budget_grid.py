"""The budget grid in a browser: typing an amount changes its sub-totals and the grand total
at once (static/js/budget-grid.js, under the site's CSP), and the typed figure is saved in
won."""

from __future__ import annotations

import pytest

from budget.models import BudgetAmount

from .conftest import admin_login

pytestmark = pytest.mark.e2e


def test_typing_into_the_grid_updates_the_sub_totals_and_saves(site, clerk, page):
    admin_login(page, site)
    page.goto(f"{site}/admin/budget/budgetitem/grid/?year=2023&unit=천원")
    total = page.locator("[data-total-for='all']")
    assert total.inner_text() == "4,378,000"

    # 의정활동지원 · 일반운영비 (item 4): 36,000 → 46,000 천원; its 세부사업 (item 3) too.
    field = page.get_by_label(
        "선진의회상 정립 > 의정활동 지원과 홍보 > 의정활동지원 > 일반운영비 2023년 본예산"
    )
    assert field.input_value() == "36,000"
    field.fill("46000")
    assert page.locator("[data-total-for='3']").inner_text() == "98,000"
    assert total.inner_text() == "4,388,000"
    field.blur()
    assert field.input_value() == "46,000"  # separators put in

    # The same figures in 백만원: what was typed keeps its worth.
    page.get_by_label("입력 단위").select_option("백만원")
    assert field.input_value() == "46"
    assert total.inner_text() == "4,388"

    page.get_by_role("button", name="2023년 본예산 저장").click()
    page.wait_for_url("**/grid/?year=2023*")
    assert "변경 1건" in page.locator(".messagelist").inner_text()
    assert BudgetAmount.objects.get(item_id=4, year=2023, kind="original").amount == 46_000_000
