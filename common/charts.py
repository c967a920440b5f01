"""Server-rendered SVG charts: geometry and markup here (svg()), drawn inline in pages.

Every chart is a self-contained inline <svg> (presentation attributes only: no CSS classes,
no <style>, no script), so the same markup works in a page under a strict CSP, in print and
in the work plan PDF (WeasyPrint). Each has a <title> and <desc> wired with aria-labelledby;
pages put the same figures in a table beside it. See docs/CHARTS.md for why no library.

The functions take figures already computed by the selectors (won, counts) and a formatter
for their labels (common.figures); nothing is computed here but positions.

    chart = charts.bar_chart(chart_id="budget-detail", title="…", categories=[…],
                             series=[charts.Series("2023년", [...]), …], fmt=…)
    {% include "includes/charts/figure.html" with chart=chart table_id="…" %}  # in a page
    charts.render(chart)                                # the SVG as a string (report, tests)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

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
# Lines (trends): the Okabe-Ito colour-blind-safe palette, its colours with 3:1 or more on white
# (blue 5.2:1, vermillion 3.9:1, bluish green 3.4:1, near-black 17.4:1, reddish purple darkened
# to 5.5:1). No two series rely on colour alone: each has its own marker and dash pattern.
LINE_PALETTE = ("#0072b2", "#d55e00", "#009e73", "#1a1a1a", "#a8447f")
MARKERS = ("circle", "square", "triangle", "diamond", "triangle-down")
DASHES = ("", "8 4", "2 3", "10 3 2 3", "5 2")
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
    dash: str = ""  # stroke-dasharray; "" draws a solid line


def marker_path(shape: str, cx: float, cy: float, r: float = 4.5) -> str:
    """An SVG path for a point marker of `shape` centred on (cx, cy)."""
    if shape == "square":
        s = r * 0.85
        return f"M{cx - s:.1f},{cy - s:.1f}h{2 * s:.1f}v{2 * s:.1f}h{-2 * s:.1f}Z"
    if shape == "triangle":
        return f"M{cx:.1f},{cy - r * 1.1:.1f}L{cx + r:.1f},{cy + r * 0.8:.1f}L{cx - r:.1f},{cy + r * 0.8:.1f}Z"
    if shape == "triangle-down":
        return f"M{cx:.1f},{cy + r * 1.1:.1f}L{cx + r:.1f},{cy - r * 0.8:.1f}L{cx - r:.1f},{cy - r * 0.8:.1f}Z"
    if shape == "diamond":
        d = r * 1.2
        return f"M{cx:.1f},{cy - d:.1f}L{cx + d:.1f},{cy:.1f}L{cx:.1f},{cy + d:.1f}L{cx - d:.1f},{cy:.1f}Z"
    return (  # circle
        f"M{cx - r:.1f},{cy:.1f}a{r:.1f},{r:.1f} 0 1,0 {2 * r:.1f},0a{r:.1f},{r:.1f} 0 1,0 {-2 * r:.1f},0Z"
    )


@dataclass(frozen=True)
class Dot:
    cx: float
    cy: float
    fill: str
    label: str
    shape: str = "circle"

    @property
    def path(self) -> str:
        return marker_path(self.shape, self.cx, self.cy)


@dataclass(frozen=True)
class LegendLine:
    """A line chart's legend key: a stretch of the series' line with its marker."""

    x1: float
    x2: float
    y: float
    stroke: str
    dash: str
    marker: Dot


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
    legend_lines: list[tuple[LegendLine, Label]] = field(default_factory=list)
    font_family: str = FONT_FAMILY

    @property
    def title_id(self) -> str:
        return f"{self.chart_id}-title"

    @property
    def desc_id(self) -> str:
        return f"{self.chart_id}-desc"

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"

    @property
    def svg(self) -> SafeString:
        return render(self)


# ---------------------------------------------------------------- markup
# Written here rather than by a template: a chart is a few dozen elements of a handful of
# attributes each, and a template loop resolving each attribute cost the budget page about
# a third of its rendering time. Coordinates to 0.1 of a unit; every text escaped.


def _dash(dash: str) -> str:
    return f' stroke-dasharray="{escape(dash)}"' if dash else ""


def _text(label: Label, extra: str = "") -> str:
    return (
        f'<text x="{label.x:.1f}" y="{label.y:.1f}"{extra} font-size="{label.size}"'
        f' fill="{label.fill}">{escape(label.text)}</text>'
    )


def _line(line: Line) -> str:
    return (
        f'<line x1="{line.x1:.1f}" y1="{line.y1:.1f}" x2="{line.x2:.1f}" y2="{line.y2:.1f}"'
        f' stroke="{line.stroke}" stroke-width="{line.width}"/>'
    )


def _swatch(swatch: Rect, label: Label) -> str:
    return (
        f'<rect x="{swatch.x:.1f}" y="{swatch.y:.1f}" width="{swatch.width}"'
        f' height="{swatch.height}" fill="{swatch.fill}"/>' + _text(label)
    )


def _legend_line(key: LegendLine, label: Label) -> str:
    return (
        f'<line x1="{key.x1:.1f}" y1="{key.y:.1f}" x2="{key.x2:.1f}" y2="{key.y:.1f}"'
        f' stroke="{key.stroke}" stroke-width="2.5"{_dash(key.dash)}/>'
        f'<path d="{key.marker.path}" fill="{key.stroke}" stroke="#ffffff" stroke-width="1"/>'
        + _text(label)
    )


def _rect(rect: Rect) -> str:
    partial = (
        f' fill-opacity="0.4" stroke="{rect.fill}" stroke-width="1.5" stroke-dasharray="4 2"'
        if rect.partial
        else ""
    )
    title = f"<title>{escape(rect.label)}</title>" if rect.label else ""
    return (
        f'<rect x="{rect.x:.1f}" y="{rect.y:.1f}" width="{rect.width:.1f}"'
        f' height="{rect.height:.1f}" fill="{rect.fill}"{partial}>{title}</rect>'
    )


def _polyline(poly: Polyline) -> str:
    return (
        f'<polyline points="{escape(poly.points)}" fill="none" stroke="{poly.stroke}"'
        f' stroke-width="2.5"{_dash(poly.dash)}/>'
    )


def _dot(dot: Dot) -> str:
    return (
        f'<path d="{dot.path}" fill="{dot.fill}" stroke="#ffffff" stroke-width="1">'
        f"<title>{escape(dot.label)}</title></path>"
    )


def _label(label: Label) -> str:
    weight = f' font-weight="{label.weight}"' if label.weight != "normal" else ""
    return (
        f'<text x="{label.x:.1f}" y="{label.y:.1f}" text-anchor="{label.anchor}"'
        f' font-size="{label.size}" fill="{label.fill}"{weight}>{escape(label.text)}</text>'
    )


def render(chart: Chart) -> SafeString:
    """The chart's SVG markup: presentation attributes only, a <title> and a <desc> named by
    aria-labelledby, one element per line."""
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="{chart.view_box}"'
        f' width="{chart.width}" height="{chart.height}" role="img"'
        f' aria-labelledby="{escape(chart.title_id)} {escape(chart.desc_id)}"'
        f' font-family="{escape(chart.font_family)}" font-size="13">',
        f'<title id="{escape(chart.title_id)}">{escape(chart.title)}</title>',
        f'<desc id="{escape(chart.desc_id)}">{escape(chart.desc)}</desc>',
        f'<rect x="0" y="0" width="{chart.width}" height="{chart.height}" fill="#ffffff"/>',
    )
    body = [
        *map(_line, chart.lines),
        *(_swatch(swatch, label) for swatch, label in chart.legend),
        *(_legend_line(key, label) for key, label in chart.legend_lines),
        *map(_rect, chart.rects),
        *map(_polyline, chart.polylines),
        *map(_dot, chart.dots),
        *map(_label, chart.labels),
    ]
    return mark_safe("\n".join((*head, *body, "</svg>")))  # nosec B308 B703: every text escaped


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
        labels.append(Label(cx, bottom + 32, f"({rest}", anchor="middle", size=SMALL, fill=MUTED))
    return labels


# ---------------------------------------------------------------- lines (trends)


def _line_legend(series: Sequence[Series], colors: list[str], x: float, y: float, width: float):
    """Legend keys for lines (a bit of line with its marker, then the name), wrapping."""
    items, cx, cy = [], x, y
    for index, (s, color) in enumerate(zip(series, colors, strict=True)):
        item_width = 30 + _text_width(s.name, SMALL) + 16
        if cx + item_width > x + width and cx > x:
            cx, cy = x, cy + 18
        marker = Dot(cx + 12, cy + 6, color, s.name, MARKERS[index % len(MARKERS)])
        items.append(
            (
                LegendLine(cx, cx + 24, cy + 6, color, DASHES[index % len(DASHES)], marker),
                Label(cx + 29, cy + 10.5, s.name, size=SMALL),
            )
        )
        cx += item_width
    return items, (cy - y) + 18 if items else 0


def _spread(wanted: list[float], low: float, high: float, gap: float) -> list[float]:
    """Baselines as near `wanted` as may be, no two closer than `gap`, kept within low..high
    (labels stacked at one x: pushed down past each other, then the stack lifted back in)."""
    order = sorted(range(len(wanted)), key=lambda i: wanted[i])
    placed: list[float] = []
    for i in order:
        y = max(wanted[i], low)
        if placed and y < placed[-1] + gap:
            y = placed[-1] + gap
        placed.append(y)
    overflow = placed[-1] - high if placed else 0
    if overflow > 0:
        placed = [y - overflow for y in placed]
        for k in range(len(placed) - 2, -1, -1):  # keep the gaps when lifted
            placed[k] = min(placed[k], placed[k + 1] - gap)
    result = [0.0] * len(wanted)
    for i, y in zip(order, placed, strict=True):
        result[i] = y
    return result


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
    Series differ by colour (LINE_PALETTE), marker and dash pattern, so none is told apart by
    colour alone. Only each series' last value is printed, right of its point, the labels at
    one x spread so that none overlaps another; every point's value is in its <title>, the
    <desc> and the page's table."""
    colors = [s.color or LINE_PALETTE[i % len(LINE_PALETTE)] for i, s in enumerate(series)]
    legend_items, legend_height = _line_legend(series, colors, 8, 8, width - 16)
    top = 8 + legend_height + 16
    bottom = height - 40
    values = [v for s in series for v in s.values if v is not None]
    maximum = nice_ceiling(max(values, default=0))
    axis_labels = [fmt(round(t)) for t in _ticks(maximum)]
    x0 = 8 + max(_text_width(t, SMALL) for t in axis_labels) + 8
    value_labels = [fmt(v) for v in values]
    x1 = width - max(40, max((_text_width(t, SMALL) for t in value_labels), default=0) + 16)
    scale = (bottom - top) / maximum
    slot = (x1 - x0) / max(len(categories), 1)

    chart = Chart(chart_id=chart_id, title=title, desc="", width=width, height=height)
    chart.legend_lines = legend_items
    for tick, text in zip(_ticks(maximum), axis_labels, strict=True):
        ty = bottom - tick * scale
        chart.lines.append(Line(x0, ty, x1, ty))
        chart.labels.append(Label(x0 - 6, ty + 4, text, anchor="end", size=SMALL, fill=MUTED))
    xs = [x0 + slot * i + slot / 2 for i in range(len(categories))]
    for x, category in zip(xs, categories, strict=True):
        chart.labels.extend(_category_label(x, bottom, category))
    ends: dict[int, list[tuple[float, str, str]]] = {}  # category index: (y, text, colour)
    for index, (s, color) in enumerate(zip(series, colors, strict=True)):
        shape, dash = MARKERS[index % len(MARKERS)], DASHES[index % len(DASHES)]
        run: list[str] = []
        last_index = max((i for i, v in enumerate(s.values) if v is not None), default=None)
        for i, value in enumerate(s.values):
            if value is None:
                if len(run) > 1:
                    chart.polylines.append(Polyline(" ".join(run), color, s.name, dash))
                run = []
                continue
            x, y = xs[i], bottom - value * scale
            run.append(f"{x:.1f},{y:.1f}")
            chart.dots.append(Dot(x, y, color, f"{s.name} {categories[i]} {fmt(value)}", shape))
            if i == last_index:
                ends.setdefault(i, []).append((y, fmt(value), color))
        if len(run) > 1:
            chart.polylines.append(Polyline(" ".join(run), color, s.name, dash))
    for i, labels in ends.items():
        # The label's baseline sits 4 px below its point, so its middle is level with it.
        baselines = _spread([y + 4 for y, _, _ in labels], top + SMALL, bottom + 4, SMALL + 3)
        for (_, text, color), baseline in zip(labels, baselines, strict=True):
            chart.labels.append(Label(xs[i] + 9, baseline, text, size=SMALL, fill=color))
    chart.lines.append(Line(x0, bottom, x1, bottom, stroke=AXIS))
    chart.desc = desc or _describe(categories, series, fmt)
    return chart
