"""The budget grid: a clerk enters a year's whole budget on one screen, in the unit the
budget book uses, sees last year's amount beside each line, and items are named by their
path wherever the admin picks or lists them."""

from __future__ import annotations

import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from audit.roles import AUDITOR, role_group
from budget.models import BudgetAmount, BudgetItem
from budget.services import budget_year_amounts_save

GRID = reverse("admin:budget_budgetitem_grid")


def categories(council, year):
    return BudgetItem.objects.filter(
        council=council, level=BudgetItem.Level.CATEGORY, amounts__year=year
    ).distinct()


def category(council, path_end: str) -> BudgetItem:
    """The 편성목 whose path ends so ("의정활동지원 > 일반운영비")."""
    (found,) = [
        item
        for item in BudgetItem.objects.filter(council=council, level=4).select_related(
            "parent__parent__parent"
        )
        if item.path.endswith(path_end)
    ]
    return found


def posted(council, year, unit="천원", **changes) -> dict[str, str]:
    """The grid's form as shown for `year`, with some inputs changed."""
    data = {"unit": unit}
    for item in BudgetItem.objects.filter(council=council, level=4):
        amount = item.amounts.filter(year=year, kind="original").first()
        if amount is not None:
            data[f"amount_{item.pk}"] = f"{amount.amount // 1000:,}"
    data.update(changes)
    return data


def test_the_grid_shows_every_category_with_last_years_amount(admin_client, seeded):
    response = admin_client.get(GRID, {"year": 2023, "unit": "천원"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "2022년 본예산" in page and "2023년 본예산" in page
    for item in [*categories(seeded, 2023), *categories(seeded, 2022)]:
        assert f'name="amount_{item.pk}"' in page
    leaf = category(seeded, "의정활동지원 > 일반운영비")
    row = re.search(
        rf'data-previous="(\d*)">([^<]*)</td>\s*<td class="num">\s*<input[^>]*name="amount_{leaf.pk}"[^>]*value="([^"]*)"',
        page,
    )
    assert row is not None
    assert row.groups() == ("37000000", "37,000", "36,000")  # 2022 beside 2023, in 천원
    # Each input is labelled by its path; the grand total is the seed's 4,378백만원.
    label = f'<span class="visually-hidden">{escape(leaf.path)} 2023년 본예산</span></label>'
    assert label in page
    assert '<td class="num" data-total-for="all" aria-live="polite">4,378,000</td>' in page
    assert "js/budget-grid.js" in page and "<script>" not in page


def test_amounts_typed_in_thousand_won_are_stored_in_won_exactly(admin_client, seeded):
    leaf = category(seeded, "의정활동지원 > 일반운영비")
    new = category(seeded, "인력운영비 > 포상금")
    data = posted(seeded, 2023, **{f"amount_{leaf.pk}": "4,378.5", f"amount_{new.pk}": ""})

    response = admin_client.post(f"{GRID}?year=2023", data)

    assert response.status_code == 302
    assert BudgetAmount.objects.get(item=leaf, year=2023, kind="original").amount == 4_378_500
    assert not BudgetAmount.objects.filter(item=new, year=2023).exists()  # emptied: removed
    messages = admin_client.get(response.url).content.decode()
    assert "새로 입력 0건, 변경 1건, 삭제 1건" in messages


def test_a_bad_value_reshows_what_was_typed_with_a_korean_error_and_writes_nothing(
    admin_client, seeded
):
    leaf = category(seeded, "의정활동지원 > 일반운영비")
    other = category(seeded, "의정활동지원 > 여비")
    before = list(BudgetAmount.objects.order_by("pk").values_list("pk", "amount"))
    data = posted(seeded, 2023, **{f"amount_{leaf.pk}": "12,34", f"amount_{other.pk}": "99"})

    response = admin_client.post(f"{GRID}?year=2023", data)

    page = response.content.decode()
    assert response.status_code == 400
    assert f'name="amount_{leaf.pk}" value="12,34"' in page  # as typed
    assert f'name="amount_{other.pk}" value="99"' in page
    assert "쉼표는 세 자리마다 찍어 주세요." in page
    assert 'aria-invalid="true"' in page
    assert list(BudgetAmount.objects.order_by("pk").values_list("pk", "amount")) == before


def test_a_negative_amount_is_refused_in_korean(admin_client, seeded):
    leaf = category(seeded, "의정활동지원 > 일반운영비")

    response = admin_client.post(
        f"{GRID}?year=2023", posted(seeded, 2023, **{f"amount_{leaf.pk}": "-5"})
    )

    assert response.status_code == 400
    assert "0원 이상이어야 합니다" in response.content.decode()
    assert BudgetAmount.objects.get(item=leaf, year=2023).amount == 36_000_000


def test_copying_last_years_structure_lists_its_categories_for_next_year(admin_client, seeded):
    page = admin_client.get(GRID, {"year": 2023}).content.decode()
    assert "전년도 구조 복사: 2024년 예산 입력 시작" in page

    response = admin_client.get(GRID, {"year": 2024, "unit": "천원"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "2024년 본예산 금액이 아직 없습니다" in page
    last_year = categories(seeded, 2023)
    shown = set(map(int, re.findall(r'name="amount_(\d+)"(?! value)', page)))
    assert shown == {item.pk for item in last_year}  # every one, each input empty
    leaf = category(seeded, "의정활동지원 > 일반운영비")
    assert re.search(
        rf'data-previous="36000000">36,000</td>\s*<td class="num">\s*<input[^>]*amount_{leaf.pk}"',
        page,
    )

    # Saving only what was typed starts the year's budget.
    data = {"unit": "백만원", f"amount_{leaf.pk}": "40"}
    assert admin_client.post(f"{GRID}?year=2024", data).status_code == 302
    assert list(BudgetAmount.objects.filter(year=2024).values_list("item", "amount")) == [
        (leaf.pk, 40_000_000)
    ]


def test_the_grids_query_count_does_not_grow_with_rows(admin_client, seeded):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get(GRID, {"year": 2023}).status_code == 200
        return len(queries)

    before = count()
    unit = BudgetItem.objects.get(council=seeded, level=3, name="의정활동지원")
    for n in range(10):
        item = BudgetItem.objects.create(
            council=seeded, parent=unit, level=4, name=f"새 편성목 {n}"
        )
        BudgetAmount.objects.create(item=item, year=2023, amount=1_000 * n)

    assert count() == before


def test_the_service_refuses_an_item_that_is_not_a_category(seeded):
    unit = BudgetItem.objects.filter(council=seeded, level=3).first()
    with pytest.raises(ValidationError, match="편성목이 아닌 항목"):
        budget_year_amounts_save(council=seeded, year=2024, amounts={unit.pk: 1}, user=None)
    assert not BudgetAmount.objects.filter(year=2024).exists()


def test_the_budget_tree_and_a_bad_year_link_and_refuse(admin_client, seeded):
    listing = admin_client.get(reverse("admin:budget_budgetitem_changelist")).content.decode()
    assert f'href="{GRID}"' in listing

    response = admin_client.get(GRID, {"year": "20x4"})
    assert response.status_code == 400
    assert "네 자리 숫자" in response.content.decode()


# ---------------------------------------------------------------- paths in pickers and lists


def test_the_amount_pickers_autocomplete_names_items_by_path_and_finds_path_text(
    admin_client, seeded, django_assert_max_num_queries
):
    params = {
        "app_label": "budget",
        "model_name": "budgetamount",
        "field_name": "item",
        "term": "의정활동지원 > 일반운영비",
    }
    with django_assert_max_num_queries(6):
        response = admin_client.get(reverse("admin:autocomplete"), params)

    results = json.loads(response.content)["results"]
    assert [r["text"] for r in results] == [
        "선진의회상 정립 > 의정활동 지원과 홍보 > 의정활동지원 > 일반운영비"
    ]

    everything = admin_client.get(reverse("admin:autocomplete"), {**params, "term": "일반운영비"})
    texts = [r["text"] for r in json.loads(everything.content)["results"]]
    assert len(texts) == len(set(texts)) == 7  # seven 일반운영비, each told apart


def test_the_amount_list_names_items_by_path_in_few_queries(
    admin_client, seeded, django_assert_max_num_queries
):
    url = reverse("admin:budget_budgetamount_changelist")
    with CaptureQueriesContext(connection) as first:
        page = admin_client.get(url).content.decode()
    assert "선진의회상 정립 &gt; 의정활동 지원과 홍보 &gt; 의정활동지원 &gt; 일반운영비" in page
    # The 단위사업 filter names them by path too.
    assert "행정운영경비 &gt; 행정운영경비</a>" in page

    leaf = category(seeded, "기본경비 > 직무수행경비")
    for year in range(2010, 2020):
        BudgetAmount.objects.create(item=leaf, year=year, amount=1)
    with django_assert_max_num_queries(len(first)):
        admin_client.get(url)


def test_the_item_list_and_its_parent_picker_name_items_by_path(admin_client, seeded):
    leaf = category(seeded, "의정활동지원 > 일반운영비")

    listing = admin_client.get(reverse("admin:budget_budgetitem_changelist")).content.decode()
    change = admin_client.get(reverse("admin:budget_budgetitem_change", args=[leaf.pk]))

    assert "의정활동 지원과 홍보 &gt; 의정활동지원 &gt; 일반운영비" in listing
    assert "선진의회상 정립 &gt; 의정활동 지원과 홍보 &gt; 의정활동지원</option>" in (
        change.content.decode()
    )

    url = reverse("admin:budget_budgetitem_changelist")
    with CaptureQueriesContext(connection) as first:
        admin_client.get(url)
    for n in range(10):
        BudgetItem.objects.create(council=seeded, parent=leaf.parent, level=4, name=f"추가 {n}")
    with CaptureQueriesContext(connection) as second:
        admin_client.get(url)
    assert len(second) == len(first)


def test_the_admin_index_links_the_grid_and_the_rollover(admin_client, seeded):
    page = admin_client.get(reverse("admin:index")).content.decode()

    assert f'<a href="{GRID}">예산 입력표</a>' in page
    assert "다음 연도 주요업무계획 만들기" in page


def test_an_auditor_sees_the_grid_but_cannot_save(client, seeded, django_user_model):
    auditor = django_user_model.objects.create_user("grid-auditor", is_staff=True)
    auditor.groups.add(role_group(AUDITOR))
    client.force_login(auditor)
    leaf = category(seeded, "의정활동지원 > 일반운영비")

    page = client.get(GRID, {"year": 2023}).content.decode()
    refused = client.post(f"{GRID}?year=2023", posted(seeded, 2023, **{f"amount_{leaf.pk}": "1"}))

    assert "금액을 저장할 권한이 없습니다" in page and "본예산 저장" not in page
    assert refused.status_code == 403
    assert BudgetAmount.objects.get(item=leaf, year=2023).amount == 36_000_000


def seen_of(page: str) -> str:
    return re.search(r'name="seen" value="([^"]*)"', page).group(1)


def test_two_clerks_on_one_grid_keep_each_others_lines_and_a_clash_is_refused(
    admin_client, seeded, django_user_model, client
):
    leaf = category(seeded, "의정활동지원 > 일반운영비")
    travel = category(seeded, "의정활동지원 > 여비")
    other = django_user_model.objects.create_superuser("park", "park@example.org", "pw-7-park")
    client.force_login(other)
    first_seen = seen_of(admin_client.get(GRID, {"year": 2023}).content.decode())
    second_seen = seen_of(client.get(GRID, {"year": 2023}).content.decode())
    travel_before = BudgetAmount.objects.get(item=travel, year=2023, kind="original").amount

    # park changes the travel line first.
    data = posted(seeded, 2023, **{f"amount_{travel.pk}": "9,999"}) | {"seen": second_seen}
    assert client.post(f"{GRID}?year=2023", data).status_code == 302

    # The first clerk, on the grid opened before, changes only the 일반운영비 line: saved,
    # and park's travel amount (shown to them as it was) is not put back.
    data = posted(seeded, 2023, **{f"amount_{leaf.pk}": "40,000"}) | {"seen": first_seen}
    data[f"amount_{travel.pk}"] = f"{travel_before // 1000:,}"
    assert admin_client.post(f"{GRID}?year=2023", data).status_code == 302
    assert BudgetAmount.objects.get(item=leaf, year=2023, kind="original").amount == 40_000_000
    assert BudgetAmount.objects.get(item=travel, year=2023, kind="original").amount == 9_999_000

    # Now both change the same line: the later one is refused, with the other's figure.
    data[f"amount_{travel.pk}"] = "1,234"
    refused = admin_client.post(f"{GRID}?year=2023", data)
    page = refused.content.decode()
    assert refused.status_code == 400
    assert "다른 사용자가 이 금액을 9,999,000원(으)로 먼저 저장했습니다" in page
    assert f'name="amount_{travel.pk}" value="1,234"' in page  # what they typed stays
    assert BudgetAmount.objects.get(item=travel, year=2023, kind="original").amount == 9_999_000

    # Saving the re-shown grid again is deliberate: it goes through.
    data["seen"] = seen_of(page)
    assert admin_client.post(f"{GRID}?year=2023", data).status_code == 302
    assert BudgetAmount.objects.get(item=travel, year=2023, kind="original").amount == 1_234_000
