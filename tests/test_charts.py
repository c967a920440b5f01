"""Every chart is valid, self-contained SVG with a title and description, on every page."""

import re
import xml.etree.ElementTree as ET

import pytest

from budget.selectors import budget_charts, budget_comparison
from common import charts
from outreach.selectors import pr_charts, pr_table

SVG = "{http://www.w3.org/2000/svg}"


def assert_accessible_svg(markup: str) -> ET.Element:
    root = ET.fromstring(markup)
    assert root.tag == f"{SVG}svg"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and title.text.strip()
    assert desc is not None and desc.text.strip()
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert "NanumGothic" in root.get("font-family")
    assert root.get("viewBox") and root.get("width") and root.get("height")
    for element in root.iter():
        assert element.tag != f"{SVG}script" and element.tag != f"{SVG}style"
        assert "style" not in element.attrib and "class" not in element.attrib
    return root


def _svgs(html: str) -> list[str]:
    return re.findall(r"<svg\b.*?</svg>", html, flags=re.S)


@pytest.mark.parametrize(
    ("url", "count"), [("/budget/2023/", 3), ("/budget/2023/?unit=천원", 3), ("/outreach/", 2)]
)
def test_every_chart_on_the_pages_is_valid_svg(seeded, client, url, count):
    html = client.get(url).content.decode()

    svgs = _svgs(html)
    assert len(svgs) == count
    ids = []
    for svg in svgs:
        root = assert_accessible_svg(svg)
        ids.append(root.find(f"{SVG}title").get("id"))
    assert len(set(ids)) == len(ids), "chart ids are unique on a page"


def test_budget_charts_carry_the_seed_figures(seeded):
    built = budget_charts(budget_comparison(seeded, 2023), "백만원")

    composition = assert_accessible_svg(charts.render(built.composition))
    texts = [t.text for t in composition.iter(f"{SVG}text")]
    assert "4,378" in texts and "3,669" in texts
    change = charts.render(built.change)
    assert "△22" in change  # 구의회 청사관리
    assert 'fill="#b3261e"' in change  # decreases drawn in the decrease colour
    assert "의정활동지원 2023년 88" in charts.render(built.by_detail)


def test_pr_charts_mark_the_partial_year_and_total_coverage(seeded):
    built = pr_charts(pr_table(seeded))

    coverage = assert_accessible_svg(charts.render(built.coverage))
    texts = [t.text for t in coverage.iter(f"{SVG}text")]
    assert "802" in texts and "(1월 현재)" in texts
    assert (
        "합계: 2020년 462, 2021년 583, 2022년 802, 2023년 (1월 현재) 97"
        in coverage.find(f"{SVG}desc").text
    )
    trends = assert_accessible_svg(charts.render(built.trends))
    assert len(trends.findall(f"{SVG}polyline")) >= 3


@pytest.mark.parametrize(
    "values",
    [[0, 0], [None, None], [-5, -10], [1, None], [10**12, 1]],
)
def test_charts_survive_empty_zero_and_negative_data(values):
    fmt = str
    for chart in (
        charts.bar_chart(chart_id="b", title="막대", categories=["가", "나"],
                         series=[charts.Series("s", values)], fmt=fmt, signed=True),
        charts.bar_chart(chart_id="b2", title="막대", categories=["가", "나"],
                         series=[charts.Series("s", [abs(v) if v else v for v in values])], fmt=fmt),
        charts.stacked_chart(chart_id="s", title="누적", categories=["가", "나"],
                             series=[charts.Series("s", [abs(v) if v else v for v in values])],
                             fmt=fmt),
        charts.line_chart(chart_id="l", title="추이", categories=["가", "나"],
                          series=[charts.Series("s", [abs(v) if v else v for v in values])], fmt=fmt),
    ):  # fmt: skip
        assert_accessible_svg(charts.render(chart))


def test_text_is_escaped():
    chart = charts.bar_chart(
        chart_id="x", title="<b>&", categories=["<script>"], series=[charts.Series("a", [1])],
        fmt=str,
    )  # fmt: skip

    markup = charts.render(chart)

    assert "<script>" not in markup
    assert assert_accessible_svg(markup).find(f"{SVG}title").text == "<b>&"


def test_nice_ceiling_gives_round_axis_maxima():
    assert [charts.nice_ceiling(v) for v in (0, 7, 802, 4378, 4378e6)] == [
        1, 10, 1000, 5000, 5e9,
    ]  # fmt: skip
