"""Reads of the budget shared by the budget pages, the CSV/JSON downloads and the work plan.

Only expense categories (편성목) carry amounts; every sub-total is summed here from them, in
won, and changes are computed from the sums (common.figures), never from rounded figures.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from common import charts, figures
from council.models import Council

from .models import BudgetAmount, BudgetItem, BudgetYear


@dataclass
class BudgetNode:
    item: BudgetItem | None  # None for the grand total (총계)
    name: str
    level: int  # 0 for the grand total, 1..4 for the tree's levels
    current: int | None = None
    previous: int | None = None
    children: list[BudgetNode] = field(default_factory=list)
    path: tuple[str, ...] = ()
    compared: bool = True  # False when the previous year has no budget data at all

    @cached_property
    def change(self) -> figures.Change:
        """Against the previous year; "비교 자료 없음" rather than 신규 for every line when
        that year has no data (the records start this year). Computed once: a page reads it
        four times a row. A node is built whole by budget_comparison and never changed."""
        note = "" if self.compared else figures.NO_BASE
        return figures.year_over_year(self.current, self.previous, note=note)

    @property
    def level_label(self) -> str:
        return "총계" if self.level == 0 else BudgetItem.Level(self.level).label

    def walk(self):
        """This node and every node below it, depth first (the order a table prints them)."""
        yield self
        for child in self.children:
            yield from child.walk()

    def branches(self):
        """walk() without the 편성목 (the leaves): the rows of a table down to 세부사업, and
        the headings of the detail tables; a page need not step over every leaf."""
        if self.level < BudgetItem.Level.CATEGORY:
            yield self
            for child in self.children:
                yield from child.branches()

    def leaves(self):
        return [node for node in self.walk() if node.level == BudgetItem.Level.CATEGORY]


@dataclass
class BudgetComparison:
    year: int
    previous_year: int
    kind: str
    total: BudgetNode

    @property
    def has_previous(self) -> bool:
        """Whether the previous year has budget data to compare with."""
        return self.total.compared

    @property
    def kind_label(self) -> str:
        return BudgetAmount.Kind(self.kind).label


def _add(a: int | None, b: int | None) -> int | None:
    if b is None:
        return a
    return (a or 0) + b


def budget_comparison(
    council: Council,
    year: int,
    previous_year: int | None = None,
    kind: str = BudgetAmount.Kind.ORIGINAL,
    *,
    published_only: bool = False,
) -> BudgetComparison | None:
    """The budget of a year against the previous year's (original budget by default), as a
    tree with sub-totals at every level. None when the year has no amounts. Two queries.

    With `published_only` (what the public sees) a draft year counts as having no amounts:
    None for a draft year, and a published year whose previous year is a draft is shown
    without comparison ("비교 자료 없음"), so no draft figure leaks as a base of a change."""
    previous_year = previous_year if previous_year is not None else year - 1
    items = list(BudgetItem.objects.filter(council=council).order_by("level", "order", "pk"))
    amounts: defaultdict[int, dict[int, int]] = defaultdict(dict)
    for item_id, amount_year, amount in (
        _amounts(council, published_only)
        .filter(kind=kind, year__in=[year, previous_year])
        .values_list("item_id", "year", "amount")
    ):
        amounts[item_id][amount_year] = amount
    if not any(year in by_year for by_year in amounts.values()):
        return None

    nodes = {item.pk: BudgetNode(item=item, name=item.name, level=item.level) for item in items}
    total = BudgetNode(item=None, name="총계", level=0)
    for item in items:  # parents come before children: ordered by level
        node = nodes[item.pk]
        parent = nodes[item.parent_id] if item.parent_id else total
        node.path = (*parent.path, item.name)
        parent.children.append(node)

    def fill(node: BudgetNode) -> None:
        if node.item is not None and node.level == BudgetItem.Level.CATEGORY:
            node.current = amounts[node.item.pk].get(year)
            node.previous = amounts[node.item.pk].get(previous_year)
            return
        for child in node.children:
            fill(child)
            node.current = _add(node.current, child.current)
            node.previous = _add(node.previous, child.previous)

    fill(total)
    _prune_empty(total)
    if not any(previous_year in by_year for by_year in amounts.values()):
        for node in total.walk():
            node.compared = False
    return BudgetComparison(year=year, previous_year=previous_year, kind=kind, total=total)


def _prune_empty(node: BudgetNode) -> None:
    """Drop branches with no amount in either year (items of other years' budgets)."""
    node.children = [c for c in node.children if c.current is not None or c.previous is not None]
    for child in node.children:
        _prune_empty(child)


def _amounts(council: Council, published_only: bool):
    """The council's amounts; with `published_only`, of published years only (a subquery:
    no query of its own)."""
    amounts = BudgetAmount.objects.filter(item__council=council)
    if published_only:
        published = BudgetYear.objects.of(council).published().values("year")
        amounts = amounts.filter(year__in=published)
    return amounts


def budget_years(council: Council, *, published_only: bool = False) -> list[int]:
    """The years with an amount, each once (the database removes the duplicates, not a
    read of every amount of every year); with `published_only`, the published ones (what
    the public may see). One query."""
    amounts = _amounts(council, published_only)
    return list(amounts.order_by("year").values_list("year", flat=True).distinct())


def budget_year_state(council: Council, year: int) -> BudgetYear | None:
    """The publication record of a year, if any (None: a draft never published). One query."""
    return BudgetYear.objects.of(council).filter(year=year).select_related("published_by").first()


# ---------------------------------------------------------------- charts


@dataclass
class BudgetCharts:
    composition: charts.Chart  # 정책사업 blocks stacked, this year and the year before
    by_detail: charts.Chart  # each 세부사업 (or 인력운영비/기본경비), this year and the year before
    change: charts.Chart | None  # each 세부사업's change; None without the year before


def _nodes_at(total: BudgetNode, level: int) -> list[BudgetNode]:
    return [node for node in total.walk() if node.level == level]


def budget_charts(comparison: BudgetComparison, unit: str = "백만원") -> BudgetCharts:
    """The budget page's (and the work plan's) charts, from a budget_comparison(). No query."""
    year, previous = comparison.year, comparison.previous_year
    money = lambda won: figures.format_money(won, unit)  # noqa: E731
    programmes = _nodes_at(comparison.total, BudgetItem.Level.PROGRAMME)
    details = _nodes_at(comparison.total, BudgetItem.Level.DETAIL)
    names = [n.name for n in details]
    if not comparison.has_previous:
        # Nothing to compare with: this year alone, and no change chart.
        return BudgetCharts(
            composition=charts.stacked_chart(
                chart_id=f"budget-{year}-composition",
                title=f"{year}년 예산 구성 (정책사업별, 단위: {unit})",
                categories=[f"{year}년"],
                series=[charts.Series(n.name, [n.current]) for n in programmes],
                totals=[comparison.total.current],
                fmt=money,
                height=280,
            ),
            by_detail=charts.bar_chart(
                chart_id=f"budget-{year}-details",
                title=f"{year}년 세부사업별 예산 (단위: {unit})",
                categories=names,
                series=[charts.Series(f"{year}년", [n.current for n in details])],
                fmt=money,
            ),
            change=None,
        )
    composition = charts.stacked_chart(
        chart_id=f"budget-{year}-composition",
        title=f"{previous}년과 {year}년 예산 구성 (정책사업별, 단위: {unit})",
        categories=[f"{previous}년", f"{year}년"],
        series=[charts.Series(n.name, [n.previous, n.current]) for n in programmes],
        totals=[comparison.total.previous, comparison.total.current],
        fmt=money,
        height=280,
    )
    by_detail = charts.bar_chart(
        chart_id=f"budget-{year}-details",
        title=f"{year}년 세부사업별 예산과 {previous}년 비교 (단위: {unit})",
        categories=names,
        series=[
            charts.Series(f"{year}년", [n.current for n in details]),
            charts.Series(f"{previous}년", [n.previous for n in details], charts.PREVIOUS),
        ],
        fmt=money,
    )
    change = charts.bar_chart(
        chart_id=f"budget-{year}-change",
        title=f"세부사업별 {previous}년 대비 증감 (단위: {unit}, △ 감소)",
        categories=names,
        series=[charts.Series("증감", [n.change.delta for n in details], charts.INCREASE)],
        fmt=lambda won: figures.format_change(won, unit),
        signed=True,
    )
    return BudgetCharts(composition=composition, by_detail=by_detail, change=change)
