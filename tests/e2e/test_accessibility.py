"""A citizen using a screen reader or only a keyboard can use every public page.

axe-core (from node_modules, the npm registry's package) runs inside the same chromium with
the WCAG 2.0/2.1/2.2 A and AA rules, the basis of Korea's KWCAG 2.2, and axe's best-practice
rules, on every public page at every width the phone suite checks (320, 390, 768, 1280 px).
Violations of any impact fail (minor ones included). The context bypasses the site's CSP only
so that the injected axe script may run.
"""

import pytest

from .conftest import AXE_JS
from .public_pages import PAGE_IDS, PUBLIC_PAGES, address
from .test_phones import WIDTHS

pytestmark = pytest.mark.e2e

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]


def axe_violations(page) -> list[dict]:
    """Every axe violation on the page as it stands, of any impact."""
    page.add_script_tag(path=str(AXE_JS))
    # Only the violations and the names of the rules passed come back: the full results
    # (every node of every rule passed) take longer to hand over than axe takes to run.
    results = page.evaluate(
        """tags => axe.run(document, {runOnly: {type: 'tag', values: tags},
                                      resultTypes: ['violations']}).then(
            results => ({violations: results.violations, passes: results.passes.map(r => r.id)})
        )""",
        AXE_TAGS,
    )
    # axe really looked: the page's own rules were evaluated, not an empty document.
    assert "html-has-lang" in results["passes"]
    return results["violations"]


def describe(violations) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}, {len(violation['nodes'])}×): "
            f"{violation['help']}"
        )
        for node in violation["nodes"][:5]:
            lines.append(f"    {node['target']}: {node['failureSummary'].splitlines()[-1]}")
    return "\n".join(lines)


@pytest.mark.parametrize("width", WIDTHS, ids=[f"{w}px" for w in WIDTHS])
def test_every_public_page_meets_wcag_and_best_practice_at_this_width(site, audit_page, width):
    audit_page.set_viewport_size({"width": width, "height": 800})
    found, count = [], 0
    for path, what in PUBLIC_PAGES:
        path = address(path)
        response = audit_page.goto(site + path)
        expected = 404 if path == "/no-such-page/" else 200
        assert response.status == expected, f"{what} ({path}) answered {response.status}"
        assert audit_page.locator("html").get_attribute("lang") == "ko"
        # Closed <details> hide their content from axe: open them, as a reader would.
        audit_page.evaluate(
            "() => document.querySelectorAll('details').forEach(d => d.open = true)"
        )
        violations = axe_violations(audit_page)
        count += len(violations)
        if violations:
            found.append(f"{what} ({path}) @ {width}px:\n{describe(violations)}")
    assert not found, f"{count} rule violations at {width} px:\n" + "\n".join(found)


@pytest.mark.parametrize(("path", "what"), PUBLIC_PAGES, ids=PAGE_IDS)
def test_the_first_tab_on_every_page_is_the_skip_link(site, audit_page, path, what):
    # Keyboard only: on a freshly loaded page the first Tab lands on "본문 바로가기", which
    # shows itself and, when followed, moves the focus to the main content.
    audit_page.goto(site + address(path))
    audit_page.keyboard.press("Tab")
    focused = audit_page.evaluate(
        "() => [document.activeElement.textContent.trim(),"
        " document.activeElement.getAttribute('href')]"
    )
    assert focused == ["본문 바로가기", "#content"], f"first Tab on {what} ({path})"
    assert audit_page.get_by_role("link", name="본문 바로가기").is_visible()
    audit_page.keyboard.press("Enter")
    assert audit_page.evaluate("() => document.activeElement.id") == "content"


def test_the_apply_form_sent_empty_tells_what_to_fix_accessibly(site, audit_page):
    """A teacher who sends the school-visit form without filling it in gets the page back with
    the focus on the error summary, and the page still meets WCAG and best practice."""
    audit_page.goto(f"{site}/outreach/visits/apply/")
    audit_page.evaluate("() => document.querySelectorAll('form').forEach(f => f.noValidate = true)")
    audit_page.locator(".apply-form form [type=submit]").click()
    audit_page.wait_for_load_state()

    summary = audit_page.get_by_role("group", name="입력 내용을 확인해 주세요")
    assert "고칠 내용이 7건" in summary.inner_text()
    assert audit_page.evaluate("() => document.activeElement.id") == "error-summary"
    violations = axe_violations(audit_page)
    assert not violations, f"apply form with errors breaks WCAG rules:\n{describe(violations)}"
