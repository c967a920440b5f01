"""A citizen on a phone reads every public page without sideways scrolling or broken figures.

Each public page (public_pages.py) is opened at 320, 390, 768 and 1280 px wide, every
<details> opened, and measured in the browser:

- the page itself never scrolls sideways (the document is no wider than the window);
- no number or date breaks over lines inside a table cell: every td/th marked `num`, or whose
  text reads as a figure or a date ("4,378", "2022", "△1.5%", "2023. 1. 5.(목) ~ 1. 12."),
  has all its text on one line;
- chart text (inline SVG) is drawn at least 12 px tall once the chart is scaled to the page;
- a table box that scrolls sideways can be reached with the keyboard (tabindex="0"), is a
  region named after its table, no two named alike on the page, and shows a cue that there is
  more (the hint "옆으로 밀어 보기" or its shadow edge).
"""

from __future__ import annotations

import pytest

from .public_pages import PUBLIC_PAGES, address

pytestmark = pytest.mark.e2e

WIDTHS = [320, 390, 768, 1280]
MIN_CHART_TEXT_PX = 12

# A cell whose whole text is a figure or a date: digits with separators, signs, units and
# weekdays around them ("1,234천원", "△12.5%", "32명", "2023. 1. 5.(목) ~ 1. 12.", "5일간").
MEASURE_JS = r"""
() => {
  const FIGURE = /^[\d\s,.~∼△▲+\-−%():/·년월일화수목금토회건명원천백만억개시분간차기대호여]*\d[\d\s,.~∼△▲+\-−%():/·년월일화수목금토회건명원천백만억개시분간차기대호여]*$/;
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  const text = el => el.textContent.replace(/\s+/g, ' ').trim();
  const where = el => {
    const table = el.closest('table');
    const caption = table && table.caption ? text(table.caption) : (table ? table.className : '');
    return caption.slice(0, 50);
  };
  const lineCount = el => {
    const tops = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    let node;
    while ((node = walker.nextNode())) {
      if (!node.textContent.trim()) continue;
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) {
        if (r.width < 0.5 || r.height < 0.5) continue;
        if (!tops.some(t => Math.abs(t - r.top) < r.height / 2)) tops.push(r.top);
      }
    }
    return tops.length;
  };
  const result = {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    wrapped: [], smallText: [], regions: [],
  };
  for (const cell of document.querySelectorAll('td, th')) {
    const t = text(cell);
    if (!t) continue;
    if (!(cell.classList.contains('num') || FIGURE.test(t))) continue;
    const lines = lineCount(cell);
    // A line break the markup asks for (<br>: "2022년<br>(당초예산)") is not a wrap.
    if (lines > 1 + cell.querySelectorAll('br').length) result.wrapped.push(`${where(cell)} | "${t.slice(0, 40)}" on ${lines} lines`);
  }
  for (const svg of document.querySelectorAll('svg')) {
    const box = svg.getBoundingClientRect();
    const vb = svg.viewBox && svg.viewBox.baseVal;
    if (!box.width || !vb || !vb.width) continue;
    const scale = box.width / vb.width;
    for (const t of svg.querySelectorAll('text')) {
      const px = parseFloat(getComputedStyle(t).fontSize) * scale;
      if (px < %(min)s - 0.01) {
        result.smallText.push(`${svg.getAttribute('aria-labelledby')} | "${t.textContent}" ${px.toFixed(1)}px`);
      }
    }
  }
  for (const box of document.querySelectorAll('main *')) {
    const style = getComputedStyle(box);
    if (!['auto', 'scroll'].includes(style.overflowX)) continue;
    if (box.scrollWidth <= box.clientWidth + 1) continue;
    const labelledby = (box.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
    const name = labelledby.length
      ? labelledby.map(id => document.getElementById(id)).filter(Boolean).map(text).join(' ')
      : (box.getAttribute('aria-label') || '');
    const hint = getComputedStyle(box, '::before').content;
    result.regions.push({
      name, tabindex: box.getAttribute('tabindex'), role: box.getAttribute('role'),
      cue: (hint && hint !== 'none' && hint !== 'normal') || style.backgroundImage.includes('gradient'),
      what: box.className + ' ' + (box.querySelector('caption') ? text(box.querySelector('caption')).slice(0, 40) : ''),
    });
  }
  return result;
}
""".replace("%(min)s", str(MIN_CHART_TEXT_PX))


def measure(page) -> dict:
    return page.evaluate(MEASURE_JS)


def problems(path: str, width: int, m: dict) -> list[str]:
    found = []
    if m["scrollWidth"] > m["innerWidth"]:
        found.append(f"page is {m['scrollWidth']} px wide in a {m['innerWidth']} px window")
    found += [f"figure wraps: {w}" for w in m["wrapped"]]
    found += [f"chart text under {MIN_CHART_TEXT_PX} px: {s}" for s in m["smallText"]]
    names = [r["name"] for r in m["regions"]]
    for r in m["regions"]:
        if r["tabindex"] != "0" or r["role"] != "region" or not r["name"]:
            found.append(f"scroll box not a named, focusable region: {r['what']} {r}")
        if not r["cue"]:
            found.append(f"scroll box shows no cue: {r['what']}")
        if r["name"] and names.count(r["name"]) > 1:
            found.append(f"scroll regions share the name {r['name']!r}")
    return [f"{path} @ {width}px: {p}" for p in dict.fromkeys(found)]


@pytest.mark.parametrize("width", WIDTHS, ids=[f"{w}px" for w in WIDTHS])
def test_every_public_page_reads_well_at_this_width(site, page, width):
    page.set_viewport_size({"width": width, "height": 800})
    found = []
    for path, _what in PUBLIC_PAGES:
        path = address(path)
        page.goto(site + path)
        found += problems(path, width, measure(page))
    assert not found, f"{len(found)} problems at {width} px:\n" + "\n".join(found)


def test_a_figure_cell_that_wraps_is_caught(site, page):
    """The measure itself works: a narrowed number cell that wraps is reported."""
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(site + "/budget/2023/")
    page.evaluate(
        """() => { const td = document.querySelector('td.num');
                   td.style.whiteSpace = 'normal'; td.style.wordBreak = 'break-all';
                   td.style.display = 'block'; td.style.width = '1ch'; }"""
    )
    assert measure(page)["wrapped"]
