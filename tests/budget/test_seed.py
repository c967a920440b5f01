"""Every budget line of the seed's 예산현황 (2023 against 2022, 본예산) is held exactly, in won."""

from django.db.models import Count, Sum

from budget import selectors
from budget.models import BudgetAmount, BudgetItem
from common import figures


def test_seed_has_every_budget_line_of_both_years(seeded):
    assert BudgetItem.objects.filter(council=seeded).count() == 41
    by_level = dict(
        BudgetItem.objects.values_list("level").annotate(n=Count("pk")).values_list("level", "n")
    )
    assert by_level == {1: 2, 2: 2, 3: 10, 4: 27}

    rows = dict(
        BudgetAmount.objects.values_list("year").annotate(n=Count("pk")).values_list("year", "n")
    )
    assert rows == {2023: 27, 2022: 20}
    assert not BudgetAmount.objects.exclude(kind=BudgetAmount.Kind.ORIGINAL).exists()


def test_leaf_amounts_sum_to_the_seed_totals(seeded):
    def total(year):
        return BudgetAmount.objects.filter(
            year=year, item__level=BudgetItem.Level.CATEGORY
        ).aggregate(total=Sum("amount"))["total"]

    assert total(2023) == 4_378_000_000
    assert total(2022) == 3_669_000_000
    # Amounts live on expense categories (편성목) only.
    assert not BudgetAmount.objects.exclude(item__level=BudgetItem.Level.CATEGORY).exists()


def test_budget_overview_prints_the_seed_grand_total(seeded):
    comparison = selectors.budget_comparison(seeded, 2023)

    total = comparison.total
    assert (total.current, total.previous) == (4_378_000_000, 3_669_000_000)
    assert figures.format_money(total.current, "백만원") == "4,378"
    assert figures.format_change(total.change.delta, "백만원") == "709"
    assert total.change.rate_label() == "19.32%"
