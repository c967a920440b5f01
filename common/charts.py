"""Server-rendered SVG charts: geometry here, markup in templates/includes/charts/*.svg.

Every chart is a self-contained inline <svg> (presentation attributes only: no CSS classes,
no <style>, no script), so the same markup works in a page under a strict CSP, in print and
in the work plan PDF (WeasyPrint). Each has a <title> and <desc> wired with aria-labelledby;
pages put the same figures in a table beside it. See docs/CHARTS.md for why plain templates.

The functions take figures already computed by the selectors (won, counts) and a formatter
for their labels (common.figures); nothing is computed here but positions.

    chart = charts.bar_chart(chart_id="budget-detail", title="…", categories=[…],
                             series=[charts.Series("2023년", [...]), …], fmt=…)
    {% include chart.template with chart=chart %}      # in a page
    charts.render(chart)                                # the SVG as a string (report, tests)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.template.loader import render_to_string

# PortalGothic: the site's web font (static/css/site.css); NanumGothic: the PDF's (workplan.css).
FONT_FAMILY = (
    "PortalGothic, NanumGothic, 'Nanum Gothic', 'Apple SD Gothic Neo', 'Malgun Gothic', sans-serif"
)
TEXT = "#1a1a1a"  # 17.4:1 on white
MUTED = "#555555"  # 7.5:1
GRID = "#c9d1d9"
AXIS = "#6b7785"
# Fill colours with at least 3:1 contrast on white (WCAG 1.4.11), told apart by lightness too.
PALETTE = ("#0b4f8a", "#c2410c", "#2e7d32", "#6a1b9a", "#5f6b7a", "#9a3412", "#00695c")
PREVIOUS = "#7a8a9a"  # the year before: 3.4:1
INCREASE = "#0b4f8a"
DECREASE = "#b3261e"  # 6.5:1, the site's decrease colour

FONT_SIZE = 14
SMALL = 12


def _text_width(text: str, size: int = FONT_SIZE) -> float:
    """Rough rendered width: Hangul and other wide glyphs ≈ 1em, the rest ≈ 0.6em."""
    return sum(size if ord(ch) > 0x2E80 else size * 0.6 for ch in text)


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 2.5, 5 × 10^n not below value (the axis maximum)."""
    if value <= 0:
        return 1
    exponent = math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        candidate = step * 10**exponent
        if candidate >= value:
            return candidate
    return 10 ** (exponent + 1)  # pragma: no cover


def _ticks(maximum: float, count: int = 4) -> list[float]:
    step = maximum / count
    return [step * i for i in range(count + 1)]


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[int | None]
    color: str | None = None


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    fill: str
    label: str = ""  # spoken/hover text (<title> of the rect)
    partial: bool = False  # a figure of part of a year: drawn pale with a dashed outline


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str
    anchor: str = "start"  # start | middle | end
    size: int = FONT_SIZE
    fill: str = TEXT
    weight: str = "normal"


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    stroke: str = GRID
    width: float = 1


@dataclass(frozen=True)
class Polyline:
    points: str
    stroke: str
    name: str


@dataclass(frozen=True)
class Dot:
    cx: float
    cy: float
    fill: str
    label: str


@dataclass
class Chart:
    """What a chart template draws: positions only, every text already formatted."""

    chart_id: str
    title: str
    desc: str
    width: int
    height: int
    rects: list[Rect] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    polylines: list[Polyline] = field(default_factory=list)
    dots: list[Dot] = field(default_factory=list)
    legend: list[tuple[Rect, Label]] = field(default_factory=list)
    font_family: str = FONT_FAMILY
    template: str = "includes/charts/chart.svg"

    @property
    def title_id(self) -> str:
        return f"{self.chart_id}-title"

    @property
    def desc_id(self) -> str:
        return f"{self.chart_id}-desc"

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"


def render(chart: Chart) -> str:
    """The chart's SVG markup (for the work plan report and tests)."""
    return render_to_string(chart.template, {"chart": chart}).strip()


def _colors(series: Sequence[Series]) -> list[str]:
    return [s.color or PALETTE[i % len(PALETTE)] for i, s in enumerate(series)]


def _legend(series: Sequence[Series], colors: list[str], x: float, y: float, width: float):
    """Legend swatches laid out left to right, wrapping; returns (items, height used)."""
    items, cx, cy = [], x, y
    for s, color in zip(series, colors, strict=True):
        item_width = 18 + _text_width(s.name, SMALL) + 16
        if cx + item_width > x + width and cx > x:
            cx, cy = x, cy + 18
        items.append(
            (
                Rect(cx, cy, 12, 12, color),
                Label(cx + 17, cy + 10.5, s.name, size=SMALL),
            )
        )
        cx += item_width
    return items, (cy - y) + 18 if items else 0


def _describe(categories: Sequence[str], series: Sequence[Series], fmt) -> str:
    parts = []
    for s in series:
        values = ", ".join(
            f"{c} {fmt(v)}" for c, v in zip(categories, s.values, strict=True) if v is not None
        )
        parts.append(f"{s.name}: {values}" if len(series) > 1 else values)
    return ". ".join(parts) + "."


# ---------------------------------------------------------------- horizontal bars


def bar_chart(
    *,
    chart_id: str,
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    fmt: Callable[[int], str],
    desc: str | None = None,
    width: int = 480,
    signed: bool = False,
) -> Chart:
    """Horizontal bars, one group per category and one bar per series (e.g. this year and the
    year before). With signed=True values may be negative: bars grow left (red) or right from
    zero, as a change chart does. Category labels sit left of the bars, so long Korean names
    stay readable on a phone."""
    colors = _colors(series)
    label_width = min(max((_text_width(c) for c in categories), default=0), 170) + 12
    legend_items, legend_height = (
        _legend(series, colors, 8, 8, width - 16) if len(series) > 1 else ([], 0)
    )
    top = 8 + legend_height + (8 if legend_height else 0)
    bar_h, gap = 14, 12
    group_h = bar_h * len(series) + gap
    values = [v for s in series for v in s.values if v is not None]
    high = nice_ceiling(max([v for v in values if v > 0], default=0))
    low = nice_ceiling(-min([v for v in values if v < 0], default=0)) if signed else 0
    if signed and not any(v < 0 for v in values):
        low = 0
    value_room = 64  # room for a value label beyond the longest bar on either side
    x0 = label_width + (value_room if low else 0)
    x1 = width - value_room
    span = (high if any(v > 0 for v in values) else 0) + low or 1
    scale = (x1 - x0) / span
    zero = x0 + low * scale

    chart = Chart(chart_id=chart_id, title=title, desc="", width=width, height=0)
    chart.legend = legend_items
    y = top
    for index, category in enumerate(categories):
        chart.labels.append(
            Label(8, y + group_h / 2 - gap / 2 + 4.5, category, anchor="start", weight="bold")
        )
        for s, color in zip(series, colors, strict=True):
            value = s.values[index]
            if value is not None:
                length = abs(value) * scale
                negative = value < 0
                fill = DECREASE if (signed and negative) else color
                x = zero - length if negative else zero
                chart.rects.append(
                    Rect(x, y, max(length, 0.5), bar_h, fill, f"{category} {s.name} {fmt(value)}")
                )
                chart.labels.append(
                    Label(
                        (x - 4) if negative else (x + length + 4),
                        y + bar_h - 3,
                        fmt(value),
                        anchor="end" if negative else "start",
                        size=SMALL,
                    )
                )
            y += bar_h
        y += gap
    chart.lines.append(Line(zero, top - 4, zero, y - gap + 4, stroke=AXIS))
    chart.height = math.ceil(y)
    chart.desc = desc or _describe(categories, series, fmt)
    return chart


# ---------------------------------------------------------------- stacked columns


def stacked_chart(
    *,
    chart_id: str,
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    fmt: Callable[[int], str],
    totals: Sequence[int | None] | None = None,
    partial: Sequence[bool] = (),
    desc: str | None = None,
    width: int = 480,
    height: int = 300,
) -> Chart:
    """Vertical columns, one per category (a year), each stacked from the series (e.g. press
    coverage by tier); the column's total, computed by the caller, is printed on top.
    `partial[i]` marks a category counted for part of its year: its column is drawn pale
    with a dashed outline, so it is not read as a full year's."""
    colors = _colors(series)
    legend_items, legend_height = _legend(series, colors, 8, 8, width - 16)
    top = 8 + legend_height + 22
    bottom = height - 40
    if totals is None:
        totals = [
            sum(s.values[i] or 0 for s in series)
            if any(s.values[i] is not None for s in series)
            else None
            for i in range(len(categories))
        ]
    maximum = nice_ceiling(max([t for t in totals if t], default=0))
    axis_labels = [fmt(round(t)) for t in _ticks(maximum)]
    x0 = 8 + max(_text_width(t, SMALL) for t in axis_labels) + 8
    x1 = width - 8
    scale = (bottom - top) / maximum
    slot = (x1 - x0) / max(len(categories), 1)
    column = min(slot * 0.6, 64)

    chart = Chart(chart_id=chart_id, title=title, desc="", width=width, height=height)
    chart.legend = legend_items
    for tick, text in zip(_ticks(maximum), axis_labels, strict=True):
        ty = bottom - tick * scale
        chart.lines.append(Line(x0, ty, x1, ty))
        chart.labels.append(Label(x0 - 6, ty + 4, text, anchor="end", size=SMALL, fill=MUTED))
    for index, category in enumerate(categories):
        cx = x0 + slot * index + slot / 2
        y = bottom
        for s, color in zip(series, colors, strict=True):
            value = s.values[index]
            if not value:
                continue
            h = value * scale
            y -= h
            is_partial = index < len(partial) and partial[index]
            chart.rects.append(
                Rect(
                    cx - column / 2,
                    y,
                    column,
                    h,
                    color,
                    f"{category} {s.name} {fmt(value)}",
                    partial=is_partial,
                )
            )
        total = totals[index]
        if total is not None:
            chart.labels.append(
                Label(cx, y - 6, fmt(total), anchor="middle", size=SMALL, weight="bold")
            )
        chart.labels.extend(_category_label(cx, bottom, category))
    chart.lines.append(Line(x0, bottom, x1, bottom, stroke=AXIS))
    if desc is None:
        desc = _describe(categories, [Series("합계", totals), *series], fmt)
    chart.desc = desc
    return chart


def _category_label(cx: float, bottom: float, category: str) -> list[Label]:
    """A category under its column; "2023년 (1월 현재)" breaks before the bracket."""
    first, _, rest = category.partition(" (")
    labels = [Label(cx, bottom + 16, first, anchor="middle", size=SMALL)]
    if rest:
        labels.append(Label(cx, bottom + 30, f"({rest}", anchor="middle", size=SMALL, fill=MUTED))
    return labels


# ---------------------------------------------------------------- lines (trends)


def line_chart(
    *,
    chart_id: str,
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    fmt: Callable[[int], str],
    desc: str | None = None,
    width: int = 480,
    height: int = 300,
) -> Chart:
    """One line per series across the categories (years); a missing value breaks the line.
    Values are printed at each point when there are few categories, else at the last one."""
    colors = _colors(series)
    legend_items, legend_height = _legend(series, colors, 8, 8, width - 16)
    top = 8 + legend_height + 16
    bottom = height - 40
    values = [v for s in series for v in s.values if v is not None]
    maximum = nice_ceiling(max(values, default=0))
    axis_labels = [fmt(round(t)) for t in _ticks(maximum)]
    x0 = 8 + max(_text_width(t, SMALL) for t in axis_labels) + 8
    x1 = width - 40
    scale = (bottom - top) / maximum
    slot = (x1 - x0) / max(len(categories), 1)
    label_every_point = len(categories) <= 6

    chart = Chart(chart_id=chart_id, title=title, desc="", width=width, height=height)
    chart.legend = legend_items
    for tick, text in zip(_ticks(maximum), axis_labels, strict=True):
        ty = bottom - tick * scale
        chart.lines.append(Line(x0, ty, x1, ty))
        chart.labels.append(Label(x0 - 6, ty + 4, text, anchor="end", size=SMALL, fill=MUTED))
    xs = [x0 + slot * i + slot / 2 for i in range(len(categories))]
    for x, category in zip(xs, categories, strict=True):
        chart.labels.extend(_category_label(x, bottom, category))
    for s, color in zip(series, colors, strict=True):
        run: list[str] = []
        last_index = max((i for i, v in enumerate(s.values) if v is not None), default=None)
        for i, value in enumerate(s.values):
            if value is None:
                if len(run) > 1:
                    chart.polylines.append(Polyline(" ".join(run), color, s.name))
                run = []
                continue
            x, y = xs[i], bottom - value * scale
            run.append(f"{x:.1f},{y:.1f}")
            chart.dots.append(Dot(x, y, color, f"{s.name} {categories[i]} {fmt(value)}"))
            if label_every_point or i == last_index:
                chart.labels.append(
                    Label(x, y - 7, fmt(value), anchor="middle", size=SMALL, fill=color)
                )
        if len(run) > 1:
            chart.polylines.append(Polyline(" ".join(run), color, s.name))
    chart.lines.append(Line(x0, bottom, x1, bottom, stroke=AXIS))
    chart.desc = desc or _describe(categories, series, fmt)
    return chart
