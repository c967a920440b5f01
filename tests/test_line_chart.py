"""The trend chart tells its series apart without colour and its value labels never overlap."""

import itertools

from common import charts

SVG = "{http://www.w3.org/2000/svg}"


def _contrast(a: str, b: str) -> float:
    def lum(hex_colour: str) -> float:
        rgb = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    high, low = sorted((lum(a), lum(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _chart(values_by_series):
    return charts.line_chart(
        chart_id="t",
        title="추이",
        categories=["2020년", "2021년", "2022년"],
        series=[charts.Series(name, values) for name, values in values_by_series.items()],
        fmt=lambda v: f"{v:,}",
    )


def test_each_series_has_its_own_marker_dash_and_a_colour_seen_on_white():
    chart = _chart({"가": [32, 38, 50], "나": [4, 6, 5], "다": [41, 54, 59], "라": [None, 79, 125]})

    styles = {(p.stroke, p.dash) for p in chart.polylines}
    assert len({dash for _, dash in styles}) == 4
    assert len({dot.shape for dot in chart.dots}) == 4
    assert len({key.marker.shape for key, _ in chart.legend_lines}) == 4
    for colour in charts.LINE_PALETTE:
        assert _contrast(colour, "#ffffff") >= 3, colour
    assert len(set(charts.MARKERS)) == len(charts.MARKERS) == len(charts.DASHES)


def _boxes(chart):
    for label in chart.labels:
        width = charts._text_width(label.text, label.size)
        left = {"start": label.x, "middle": label.x - width / 2, "end": label.x - width}[
            label.anchor
        ]
        yield label.text, (left, label.y - label.size, left + width, label.y + label.size * 0.25)


def test_only_last_values_are_labelled_and_no_two_labels_overlap():
    # 50 and 59 sit 10 px apart at the last year: their labels are spread apart.
    chart = _chart({"가": [32, 38, 50], "나": [4, 6, 5], "다": [41, 54, 59], "라": [None, 79, 125]})
    texts = [label.text for label in chart.labels]
    assert "32" not in texts and "38" not in texts and {"50", "5", "59", "125"} <= set(texts)
    for (a, box_a), (b, box_b) in itertools.combinations(_boxes(chart), 2):
        overlap = (
            box_a[0] < box_b[2]
            and box_b[0] < box_a[2]
            and box_a[1] < box_b[3]
            and box_b[1] < box_a[3]
        )
        assert not overlap, f"{a!r} and {b!r} overlap"


def test_equal_last_values_are_still_spread():
    chart = _chart({name: [1, 2, 100] for name in "가나다라마"})
    baselines = sorted(
        label.y for label in chart.labels if label.text == "100" and label.fill != charts.MUTED
    )
    assert len(baselines) == 5
    assert all(b - a >= charts.SMALL for a, b in itertools.pairwise(baselines))
    assert baselines[-1] <= chart.height
