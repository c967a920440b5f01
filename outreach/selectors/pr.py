"""PR figures per year and channel, targets, the press summary, and their charts.

Totals, changes and progress are computed from stored rows, never stored; every function
runs a fixed number of queries however many years are loaded."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from common import charts, figures
from council.models import Council

from ..models import (
    ChannelMetric,
    PRChannel,
    PressCoverage,
    PRFigure,
    PRTarget,
    PRYear,
)

# ---------------------------------------------------------------- PR figures (주요 홍보 실적)


@dataclass(frozen=True)
class PRCell:
    """One channel (or coverage tier) in one year, compared with the year before."""

    year: int
    count: int | None  # None: nothing recorded that year ("-")
    cost: int | None
    change: figures.Change  # count against the previous year's count
    cost_change: figures.Change


@dataclass
class PRRow:
    label: str
    unit: str
    remark: str
    cells: list[PRCell]  # aligned with PRTable.years
    channel: PRChannel | None = None  # None for coverage rows
    measure: str = ""  # the channel's PRChannel.Measure; "" for coverage rows

    def cell(self, year: int) -> PRCell | None:
        return next((c for c in self.cells if c.year == year), None)

    @property
    def has_cost(self) -> bool:
        return any(c.cost is not None for c in self.cells)


@dataclass
class PRTable:
    """Channels × years (count, cost, change), and press coverage by tier with totals."""

    years: list[PRYear]
    rows: list[PRRow]  # one per channel, in channel order
    coverage: list[PRRow]  # one per tier (중앙, 광역, 지역)
    coverage_total: PRRow  # 계: the tiers summed per year

    @property
    def year_numbers(self) -> list[int]:
        return [y.year for y in self.years]

    @property
    def latest_full_year(self) -> PRYear | None:
        """The last year counted in full (the one a year-over-year change is fair for)."""
        full = [y for y in self.years if not y.is_partial]
        return full[-1] if full else None

    @property
    def partial_year(self) -> PRYear | None:
        partial = [y for y in self.years if y.is_partial]
        return partial[-1] if partial else None

    def row(self, measure: str) -> PRRow | None:
        """The row of the channel that counts this PRChannel.Measure (the first, for a
        measure several channels share)."""
        return next((r for r in self.rows if r.measure == measure), None)

    def channel_row(self, channel_id: int) -> PRRow | None:
        return next((r for r in self.rows if r.channel and r.channel.pk == channel_id), None)


# Why a PR cell is not compared with an earlier year (figures.Change.note).
PARTIAL_YEAR = "부분 집계"


def _cycle_note(cycle: int) -> str:
    return "격년 제작" if cycle == 2 else f"{cycle}년마다 제작"


def _cells(
    years: list[int],
    counts: dict[int, int],
    costs: dict[int, int],
    *,
    cycle: int = 1,
    partial: frozenset[int] = frozenset(),
) -> list[PRCell]:
    """Each year's figures against the edition before: the year before, or for a product
    made every `cycle` years, its last edition. Honest where there is no fair comparison:
    a year counted in part is not compared; a product's off year says so instead of
    -100%; an edition whose cycle reaches back before the records is not called new."""
    cells = []
    for index, year in enumerate(years):
        count, cost = counts.get(year), costs.get(year)
        earlier = [y for y in years[:index] if y not in partial]
        note, base = "", None
        if year in partial:
            note = PARTIAL_YEAR
        elif not earlier:
            note = "-"  # the first year recorded: nothing before it
        elif cycle == 1:
            base = earlier[-1]
        else:
            editions = [y for y in earlier if counts.get(y) is not None]
            last = editions[-1] if editions else None
            if count is None and last is not None and year - last < cycle:
                note = _cycle_note(cycle)  # not due this year
            elif last is not None and year - last <= cycle:
                base = last
            elif years[0] > year - cycle:
                note = figures.NO_BASE  # the records do not reach back a whole cycle
            else:
                base = year - cycle  # due and not made (or made for the first time)
        if note == "-":
            change = cost_change = figures.year_over_year(None, None)
        elif note:
            change = cost_change = figures.year_over_year(count, None, note=note)
        else:
            previous = counts.get(base) if base is not None else None
            previous_cost = costs.get(base) if base is not None else None
            change = figures.year_over_year(count, previous)
            cost_change = figures.year_over_year(cost, previous_cost)
        cells.append(PRCell(year, count, cost, change, cost_change))
    return cells


def pr_table(council: Council, *, until: int | None = None, span: int | None = None) -> PRTable:
    """주요 홍보 실적: the PR years and every channel. Four queries.

    Every year recorded, or with `span` the last `span` years up to `until` (the latest
    recorded when None): what a page about one year shows reads a fixed window, whatever the
    number of years recorded. The years before a window that its first years are compared
    with (the year before; a product made every few years, its cycle) are read too and not
    shown, so a window's figures and changes are those of the whole table."""
    channels = list(PRChannel.objects.filter(council=council).order_by("order", "name"))
    wanted = PRYear.objects.filter(council=council)
    if until is not None:
        wanted = wanted.filter(year__lte=until)
    if span is not None:
        look_back = max((channel.cycle_years for channel in channels), default=1)
        wanted = wanted.order_by("-year")[: span + look_back]
    read = sorted(wanted, key=lambda y: y.year)
    years = read[-span:] if span is not None else read
    numbers = [y.year for y in read]
    partial = frozenset(y.year for y in read if y.is_partial)
    counts: dict[int, dict[int, int]] = defaultdict(dict)
    costs: dict[int, dict[int, int]] = defaultdict(dict)
    for channel_id, year, count, cost in PRFigure.objects.filter(pr_year__in=read).values_list(
        "channel_id", "pr_year__year", "count", "cost"
    ):
        counts[channel_id][year] = count
        if cost is not None:
            costs[channel_id][year] = cost
    shown = len(years)

    def cells(*args, **kwargs) -> list[PRCell]:
        made = _cells(*args, **kwargs)
        return made[len(made) - shown :]

    rows = [
        PRRow(
            label=channel.name,
            unit=channel.unit,
            remark=channel.remark,
            cells=cells(
                numbers,
                counts[channel.pk],
                costs[channel.pk],
                cycle=channel.cycle_years,
                partial=partial,
            ),
            channel=channel,
            measure=channel.measure,
        )
        for channel in channels
    ]

    by_tier: dict[str, dict[int, int]] = defaultdict(dict)
    totals: dict[int, int] = {}
    for tier, year, count in PressCoverage.objects.filter(pr_year__in=read).values_list(
        "tier", "pr_year__year", "count"
    ):
        by_tier[tier][year] = count
        totals[year] = totals.get(year, 0) + count
    labels = dict(PressCoverage.Tier.choices)
    coverage = [
        PRRow(
            label=labels[tier],
            unit="건",
            remark="",
            cells=cells(numbers, by_tier[tier], {}, partial=partial),
        )
        for tier in PressCoverage.TIER_ORDER
        if tier in by_tier
    ]
    coverage_total = PRRow(
        label="언론보도 계",
        unit="건",
        remark="보도실적",
        cells=cells(numbers, totals, {}, partial=partial),
    )
    return PRTable(years=years, rows=rows, coverage=coverage, coverage_total=coverage_total)


# ---------------------------------------------------------------- PR targets


@dataclass(frozen=True)
class TargetProgress:
    target: PRTarget
    achieved: int | None  # the year's latest figure for the channel (None: nothing yet)
    achieved_cost: int | None
    counted_until: datetime.date | None  # the figure's basis date when the year is partial

    @property
    def percent(self) -> Decimal | None:
        """Progress against the (minimum) target, in percent."""
        return figures.share(self.achieved, self.target.target)

    @property
    def planned_cost(self) -> int | None:
        """Target × unit cost where the plan gives a unit cost (광고 60회 × 500천원)."""
        if self.target.unit_cost is None:
            return None
        return self.target.target * self.target.unit_cost

    @property
    def remaining(self) -> int:
        return max(self.target.target - (self.achieved or 0), 0)


def pr_targets(council: Council, year: int) -> list[TargetProgress]:
    """The year's PR targets, each with the latest figure recorded for it. Two queries."""
    targets = list(
        PRTarget.objects.filter(council=council, year=year)
        .select_related("channel")
        .order_by("channel__order", "pk")
    )
    figures_by_channel = {
        f.channel_id: f
        for f in PRFigure.objects.filter(pr_year__council=council, pr_year__year=year)
        .select_related("pr_year")
        .only("channel_id", "count", "cost", "pr_year__counted_until", "pr_year__year")
    }
    progress = []
    for target in targets:
        figure = figures_by_channel.get(target.channel_id)
        progress.append(
            TargetProgress(
                target=target,
                achieved=figure.count if figure else None,
                achieved_cost=figure.cost if figure else None,
                counted_until=figure.pr_year.counted_until if figure else None,
            )
        )
    return progress


def pr_target_years(council: Council) -> list[int]:
    return sorted(set(PRTarget.objects.filter(council=council).values_list("year", flat=True)))


# ---------------------------------------------------------------- press summary (세부 홍보 실적)

# Press releases are summed with interviews: "보도자료(인터뷰)".
RELEASE_MEASURES = (PRChannel.Measure.PRESS_RELEASE, PRChannel.Measure.INTERVIEW)


@dataclass(frozen=True)
class PressSummary:
    """ "보도자료 : 2022년 55건으로 2021년 44건 대비 11건(25.0%) 증가" and the same for
    언론보도: the latest full year against the year before."""

    year: int
    previous_year: int
    releases: figures.Change  # press releases including interviews
    coverage: figures.Change  # press coverage, all tiers


def press_release_count(table: PRTable, year: int) -> int | None:
    """Press releases of a year including interviews (None when neither was recorded)."""
    counts = [
        cell.count
        for measure in RELEASE_MEASURES
        if (row := table.row(measure)) and (cell := row.cell(year)) and cell.count is not None
    ]
    return sum(counts) if counts else None


def _count(cell: PRCell | None) -> int | None:
    return cell.count if cell is not None else None


def press_summary(table: PRTable) -> PressSummary | None:
    """The latest full year's press releases and coverage against the year before; None
    without two years to compare. No query (reads a pr_table())."""
    latest = table.latest_full_year
    if latest is None or latest.year - 1 not in table.year_numbers:
        return None
    year, previous = latest.year, latest.year - 1
    coverage = table.coverage_total
    return PressSummary(
        year=year,
        previous_year=previous,
        releases=figures.year_over_year(
            press_release_count(table, year), press_release_count(table, previous)
        ),
        coverage=figures.year_over_year(
            _count(coverage.cell(year)), _count(coverage.cell(previous))
        ),
    )


def channel_metrics(council: Council, year: int) -> list[ChannelMetric]:
    """A year's detailed PR metrics (블로그 월 평균 조회수 680여건 …), in order. One query."""
    return list(ChannelMetric.objects.filter(council=council, year=year).order_by("order", "pk"))


# ---------------------------------------------------------------- views of a PRTable for pages


@dataclass(frozen=True)
class PRLine:
    """A PRTable row with the change the page prints: the latest full year against the year
    before (a partial year is not compared with a full one)."""

    row: PRRow
    latest: PRCell | None


def pr_lines(table: PRTable, rows: list[PRRow]) -> list[PRLine]:
    latest = table.latest_full_year
    return [PRLine(row, row.cell(latest.year) if latest else None) for row in rows]


def pr_year_label(pr_year: PRYear) -> str:
    """Column and chart label: "2022년", or "2023년 (1월 현재)" for a year being counted."""
    if pr_year.counted_until is None:
        return f"{pr_year.year}년"
    return f"{pr_year.year}년 ({pr_year.counted_until.month}월 현재)"


# ---------------------------------------------------------------- charts


@dataclass
class PRCharts:
    coverage: charts.Chart  # press coverage per year, stacked by tier, total on top
    trends: charts.Chart  # counts of the channels counted in 건 (press releases, ads, SNS …)


def pr_charts(table: PRTable) -> PRCharts | None:
    """The PR page's (and the work plan's) charts, from a pr_table(). No query. None when no
    PR year is recorded."""
    if not table.years:
        return None
    labels = [pr_year_label(y) for y in table.years]
    partial = [y.is_partial for y in table.years]
    count = lambda n: f"{n:,}"  # noqa: E731
    note = "".join(
        f" {label} 수치는 부분 집계라 옅게 표시합니다."
        for label, p in zip(labels, partial, strict=True)
        if p
    )
    coverage = charts.stacked_chart(
        chart_id="pr-coverage",
        title="연도별 언론보도 건수 (중앙·광역·지역)",
        categories=labels,
        series=[charts.Series(r.label, [c.count for c in r.cells]) for r in table.coverage],
        totals=[c.count for c in table.coverage_total.cells],
        partial=partial,
        fmt=count,
    )
    if note:
        coverage.desc += note
    # A year counted in part is kept off the trend lines: its low figure is no trend.
    full = [i for i, y in enumerate(table.years) if not y.is_partial]
    counted = [r for r in table.rows if r.unit == "건" and any(r.cells[i].count for i in full)]
    trends = charts.line_chart(
        chart_id="pr-trends",
        title="연도별 홍보 실적 추이 (건, 한 해 전체를 집계한 연도만)",
        categories=[labels[i] for i in full],
        series=[charts.Series(r.label, [r.cells[i].count for i in full]) for r in counted],
        fmt=count,
    )
    return PRCharts(coverage=coverage, trends=trends)
