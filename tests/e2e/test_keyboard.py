"""A citizen with only a keyboard: Tab, Shift+Tab, Enter and Space (and typing), never a click.

- the year switchers of the schedule and the budget are reached, followed, and the new year's
  page is where the browser lands;
- the school-visit form is filled in and sent, its radio group chosen with Space;
- sent with errors, the page comes back with the focus on the error summary, whose links lead
  to the fields;
- every focus ring has 3:1 or more against what it is drawn on (WCAG 1.4.11);
- the trend chart's texts never overlap.
"""

from __future__ import annotations

import datetime
import re

import pytest

pytestmark = pytest.mark.e2e

ACTIVE = "() => document.activeElement"


def tab_to(page, predicate_js: str, *, back: bool = False, limit: int = 200) -> None:
    """Press Tab (or Shift+Tab) until the focused element matches `predicate_js` (a JS
    function of the element)."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        if page.evaluate(f"() => ({predicate_js})(document.activeElement)"):
            return
    raise AssertionError(f"no Tab stop matched {predicate_js} on {page.url}")


def focused(page) -> dict:
    return page.evaluate(
        """() => { const el = document.activeElement;
                   return {id: el.id, tag: el.tagName, text: el.textContent.trim(),
                           href: el.getAttribute('href')}; }"""
    )


@pytest.mark.parametrize(
    ("start", "switcher", "year", "landing", "heading"),
    [
        ("/sessions/?year=2023", "연도 선택", "2022년", "/sessions/?year=2022", "2022년 회기 일정"),
        ("/budget/2023/", "연도 선택", "2022년", "/budget/2022/", "2022년 예산"),
        ("/sessions/calendar/?year=2023", "연도 선택", "2022년", "/sessions/calendar/?year=2022",
         "2022년 회기 달력"),
    ],
    ids=["schedule", "budget", "calendar"],
)  # fmt: skip
def test_the_year_switcher_by_keyboard(site, page, start, switcher, year, landing, heading):
    page.goto(site + start)
    in_switcher = (
        f"el => el.closest('nav[aria-label=\"{switcher}\"]') && el.textContent.trim() === '{year}'"
    )
    tab_to(page, in_switcher)
    # One step on and back again: Shift+Tab returns to the same link.
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    assert focused(page)["text"] == year
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == site + landing
    assert heading in page.locator("h1").inner_text()
    assert page.title().startswith(heading)
    # The new page starts afresh: its first Tab is the skip link.
    page.keyboard.press("Tab")
    assert focused(page)["href"] == "#content"


def type_date(page, day: datetime.date) -> None:
    """Type a date into the focused <input type=date>. Its segments follow the browser's own
    UI language, not the page's: Debian's chromium shows month/day/year."""
    page.keyboard.type(f"{day.month:02d}{day.day:02d}{day.year:04d}")
    value = page.evaluate(f"{ACTIVE}.value")
    assert value == day.isoformat(), f"typed {day} into the date field, which reads {value!r}"


def fill_visit_form_by_keyboard(page, wished: datetime.date) -> None:
    tab_to(page, "el => el.id === 'id_school'")
    page.keyboard.type("금나래초등학교")
    page.keyboard.press("Tab")  # the radio group: its first choice
    assert focused(page)["id"] == "id_level_0"
    page.keyboard.press("Space")
    assert page.evaluate("() => document.querySelector('#id_level_0').checked")
    page.keyboard.press("Tab")  # a radio group is one Tab stop
    assert focused(page)["id"] == "id_contact_name"
    page.keyboard.type("김교사")
    page.keyboard.press("Tab")
    page.keyboard.type("02-1234-5678")
    page.keyboard.press("Tab")
    page.keyboard.type("teacher@geumnarae.es.kr")
    tab_to(page, "el => el.id === 'id_wished_date'")
    type_date(page, wished)
    tab_to(page, "el => el.id === 'id_pupils'")
    page.keyboard.type("30")
    page.keyboard.press("Tab")
    page.keyboard.type("2")
    page.keyboard.press("Tab")
    assert focused(page)["id"] == "id_message"
    page.keyboard.type("4학년 1반입니다.")


def test_a_teacher_applies_with_the_keyboard_alone(site, page, clock):
    page.goto(f"{site}/outreach/visits/apply/")
    fill_visit_form_by_keyboard(page, clock.today + datetime.timedelta(days=14))
    tab_to(page, "el => el.type === 'submit'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/outreach/visits/apply/done/" in page.url
    assert page.title().startswith("신청이 접수되었습니다 | ")


def test_sent_with_errors_the_focus_goes_to_the_summary_whose_links_lead_to_the_fields(
    site, page, clock
):
    page.goto(f"{site}/outreach/visits/apply/")
    tab_to(page, "el => el.id === 'id_school'")
    page.keyboard.type("금나래초등학교")
    tab_to(page, "el => el.type === 'submit'")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert focused(page)["id"] == "error-summary"
    assert re.match(r"^입력 오류 6건 - 지방의회 체험 신청 \| ", page.title())
    links = page.locator("#error-summary a")
    assert links.count() == 6
    # The first link leads to the radio group's first choice; Space picks it there.
    page.keyboard.press("Tab")
    assert focused(page)["href"] == "#id_level_0"
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "id_level_0"
    page.keyboard.press("Space")
    # Back up to the summary's second link with Shift+Tab, then on to its field.
    tab_to(page, "el => el.getAttribute('href') === '#id_contact_name'", back=True)
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "id_contact_name"
    # The group's error is the group's description, not the last choice's.
    described = page.evaluate(
        """() => { const g = document.querySelector('#div_id_level');
                   return [g.tagName, g.getAttribute('aria-describedby'),
                           document.getElementById(g.getAttribute('aria-describedby')).textContent.trim()]; }"""
    )
    assert described[0] == "FIELDSET" and "학교급" in described[2]


# ---------------------------------------------------------------- focus ring contrast

CONTRAST_JS = r"""
() => {
  const parse = c => { const m = c.match(/[\d.]+/g).map(Number);
                       return {rgb: m.slice(0, 3), a: m.length > 3 ? m[3] : 1}; };
  const lum = rgb => { const [r, g, b] = rgb.map(v => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const ratio = (x, y) => { const [a, b] = [lum(x), lum(y)].sort((p, q) => q - p);
                            return (a + 0.05) / (b + 0.05); };
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const width = parseFloat(style.outlineWidth);
  if (style.outlineStyle === 'none' || width < 2) {
    return {what: el.outerHTML.slice(0, 80), problem: `no outline (${style.outlineStyle} ${width}px)`};
  }
  const ring = parse(style.outlineColor).rgb;
  // A halo (a box-shadow spread past the ring, the element raised above its neighbours) is
  // what the ring is drawn on.
  const shadow = style.boxShadow.match(/^(rgba?\([^)]*\)) 0px 0px 0px ([\d.]+)px$/);
  const raised = style.position !== 'static' && parseInt(style.zIndex || '0') > 0;
  if (shadow && raised && parseFloat(shadow[2]) >= parseFloat(style.outlineOffset) + width + 1) {
    const halo = parse(shadow[1]);
    if (halo.a > 0.9) return {what: el.outerHTML.slice(0, 80), ratio: ratio(ring, halo.rgb), ring: style.outlineColor, halo: true};
  }
  // What the ring is drawn on: sampled just outside the ring's middle on all four sides.
  const box = el.getBoundingClientRect();
  const out = parseFloat(style.outlineOffset) + width / 2;
  const points = [[box.left - out, box.top + box.height / 2], [box.right + out, box.top + box.height / 2],
                  [box.left + box.width / 2, box.top - out], [box.left + box.width / 2, box.bottom + out]];
  const worst = [];
  for (const [x, y] of points) {
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
    let behind = [255, 255, 255];
    for (const under of document.elementsFromPoint(x, y)) {
      if (under === el || el.contains(under)) continue;
      const bg = parse(getComputedStyle(under).backgroundColor);
      if (bg.a > 0.5) { behind = bg.rgb; break; }
    }
    worst.push(ratio(ring, behind));
  }
  const min = Math.min(...worst);
  return {what: el.outerHTML.slice(0, 80), ratio: min, ring: style.outlineColor};
}
"""


@pytest.mark.parametrize(
    "path", ["/", "/sessions/?year=2023", "/outreach/visits/apply/", "/workplan/2023/"]
)
def test_every_focus_ring_stands_out_three_to_one(site, page, path):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(site + path)
    problems, seen = [], 0
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement === document.body"):
            break
        seen += 1
        found = page.evaluate(CONTRAST_JS)
        if "problem" in found:
            problems.append(f"{found['what']}: {found['problem']}")
        elif found["ratio"] != float("inf") and found["ratio"] < 3:
            problems.append(f"{found['what']}: ring {found['ring']} at {found['ratio']:.2f}:1")
    assert seen > 5
    assert not problems, f"focus rings under 3:1 on {path}:\n" + "\n".join(problems)


def test_the_old_yellow_ring_would_be_caught(site, audit_page):
    """The measure works: #ffbf47 on white is 1.64:1 (a tab that may add a style)."""
    page = audit_page
    page.goto(site + "/privacy/")
    page.add_style_tag(
        content=":focus-visible { outline: 3px solid #ffbf47 !important; box-shadow: none !important; }"
    )
    tab_to(page, "el => el.closest('main') && el.tagName === 'A'")
    assert page.evaluate(CONTRAST_JS)["ratio"] < 1.7


# ---------------------------------------------------------------- the trend chart

OVERLAPS_JS = """
svg => {
  const boxes = [...svg.querySelectorAll('text')].map(t => {
    const r = t.getBBox(); return {text: t.textContent, x: r.x, y: r.y, w: r.width, h: r.height}; });
  const hits = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i], b = boxes[j];
    if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h)
      hits.push(`"${a.text}" and "${b.text}"`);
  }
  return {count: boxes.length, hits};
}
"""


def test_no_two_texts_of_a_chart_overlap(site, page):
    page.goto(f"{site}/outreach/")
    for svg in page.locator("svg[role=img]").all():
        found = svg.evaluate(OVERLAPS_JS)
        assert found["count"] > 5
        assert not found["hits"], f"{svg.get_attribute('aria-labelledby')}: {found['hits']}"


def test_the_trend_lines_differ_by_more_than_colour(site, page):
    page.goto(f"{site}/outreach/")
    chart = page.locator("svg[aria-labelledby^='pr-trends']")
    dashes = chart.locator("polyline").evaluate_all(
        "lines => lines.map(l => [l.getAttribute('stroke'), l.getAttribute('stroke-dasharray') || ''])"
    )
    by_series = dict(dashes)
    assert len(by_series) >= 3 and len(set(by_series.values())) == len(by_series)
    markers = chart.locator("path title").evaluate_all(
        "titles => titles.map(t => [t.textContent.split(' ')[0], t.parentNode.getAttribute('d').replace(/[\\d.,-]/g, '')])"
    )
    shapes = {name: shape for name, shape in markers}
    assert len(set(shapes.values())) == len(shapes)
