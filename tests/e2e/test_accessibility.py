"""A citizen using a screen reader or only a keyboard can use every public page.

axe-core (from node_modules, the npm registry's package) runs inside the same chromium with
the WCAG 2.0/2.1/2.2 A and AA rules, the basis of Korea's KWCAG 2.2. The context bypasses the
site's CSP only so that the injected axe script may run.
"""

import pytest

from .conftest import AXE_JS
from .public_pages import PAGE_IDS, PUBLIC_PAGES

pytestmark = pytest.mark.e2e

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def _axe_violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE_JS))
    # Only the violations and the names of the rules passed come back: the full results
    # (every node of every rule passed) take longer to hand over than axe takes to run.
    results = page.evaluate(
        """tags => axe.run(document, {runOnly: {type: 'tag', values: tags}}).then(
            results => ({violations: results.violations, passes: results.passes.map(r => r.id)})
        )""",
        AXE_TAGS,
    )
    # axe really looked: the page's own rules were evaluated, not an empty document.
    assert "html-has-lang" in results["passes"]
    return results["violations"]


def _describe(violations) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {node['target']}: {node['failureSummary'].splitlines()[-1]}")
    return "\n".join(lines)


@pytest.mark.parametrize(("path", "what"), PUBLIC_PAGES, ids=PAGE_IDS)
def test_public_page_meets_wcag_and_its_first_tab_is_the_skip_link(site, audit_page, path, what):
    response = audit_page.goto(site + path)
    expected = 404 if path == "/no-such-page/" else 200
    assert response.status == expected, f"{what} ({path}) answered {response.status}"
    assert audit_page.locator("html").get_attribute("lang") == "ko"

    violations = _axe_violations(audit_page)
    assert not violations, f"{what} ({path}) breaks WCAG rules:\n{_describe(violations)}"

    # Keyboard only: on a freshly loaded page the first Tab lands on "본문 바로가기", which
    # shows itself and, when followed, moves the focus to the main content.
    audit_page.goto(site + path)
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
    """A teacher who sends the school-visit form without filling it in (e.g. a browser that
    skips the form's own checks) gets the errors in an alert, and the page still meets WCAG."""
    audit_page.goto(f"{site}/outreach/visits/apply/")
    audit_page.evaluate("() => document.querySelectorAll('form').forEach(f => f.noValidate = true)")
    audit_page.locator(".apply-form form [type=submit]").click()
    audit_page.wait_for_load_state()

    alert = audit_page.get_by_role("alert")
    assert "입력 내용을 확인해 주세요" in alert.inner_text()
    violations = _axe_violations(audit_page)
    assert not violations, f"apply form with errors breaks WCAG rules:\n{_describe(violations)}"
