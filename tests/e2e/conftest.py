"""Fixtures for browser, accessibility and HTML-validity tests (all marked ``e2e``).

The browser is Debian's /usr/bin/chromium driven by Playwright for Python; no browser is ever
downloaded. axe-core and the Nu HTML Checker come from node_modules (package.json), run with
the machine's Java. `make test` installs all of them (scripts/system-deps.sh, `npm ci`); a
test is skipped, saying what is missing, only when a binary is truly absent.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

# Playwright's sync API runs an asyncio loop in this thread; the test code between its calls
# is still plain synchronous code, so Django's "called from an async context" guard is moot.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
INSTALL_HINT = "run `make test`, which installs it (scripts/system-deps.sh, npm ci)"


def require_chromium() -> None:
    if not CHROMIUM.exists():
        pytest.skip(f"chromium not found at {CHROMIUM}: {INSTALL_HINT}")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.skip(f"Python package playwright is not installed: {INSTALL_HINT}")


def require_axe() -> None:
    if not AXE_JS.exists():
        pytest.skip(f"axe-core not found at {AXE_JS}: {INSTALL_HINT}")


def require_vnu() -> str:
    java = shutil.which("java")
    if not java:
        pytest.skip(f"no `java` on PATH for the Nu HTML Checker: {INSTALL_HINT}")
    if not VNU_JAR.exists():
        pytest.skip(f"Nu HTML Checker not found at {VNU_JAR}: {INSTALL_HINT}")
    return java


# ---------------------------------------------------------------- browser


@pytest.fixture(scope="session")
def browser():
    """One headless chromium for the whole run."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


class CspViolations(list):
    """Console messages in which the browser refused something under the site's CSP."""

    def watch(self, page) -> None:
        page.on(
            "console",
            lambda message: (
                self.append(f"{page.url}: {message.text}")
                if "Content Security Policy" in message.text
                else None
            ),
        )


@pytest.fixture
def csp_violations() -> CspViolations:
    return CspViolations()


@pytest.fixture
def page(browser, csp_violations) -> Iterator:
    """A fresh browser tab that obeys the site's CSP: any refused script or style fails."""
    context = browser.new_context(locale="ko-KR", timezone_id="Asia/Seoul")
    context.set_default_timeout(15_000)
    page = context.new_page()
    csp_violations.watch(page)
    yield page
    context.close()
    assert not csp_violations, "the site's CSP refused:\n" + "\n".join(csp_violations)


@pytest.fixture
def audit_page(browser) -> Iterator:
    """A tab whose context bypasses the site's CSP, so the injected axe-core script can run."""
    require_axe()
    context = browser.new_context(locale="ko-KR", timezone_id="Asia/Seoul", bypass_csp=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


# ---------------------------------------------------------------- the site


@pytest.fixture
def site(transactional_db, live_server, seeded, settings) -> str:
    """The seeded site served on 127.0.0.1 by a live server, page cache on, CSP on.

    Returns the base URL. The live server shares the test database, so records created in
    the test are what the browser sees. The test is transactional, so the seed is loaded for
    it alone (tests/conftest.py). The server's thread follows the test's clock; the browser
    does not (it only ever gets dates from the server).
    """
    settings.PAGE_CACHE_ENABLED = True
    return live_server.url


@pytest.fixture
def clerk(transactional_db, django_user_model):
    """A secretariat member with every admin permission: username clerk / password."""
    return django_user_model.objects.create_superuser(
        username="clerk", email="clerk@example.org", password="clerk-pass-2023!"
    )


def admin_login(page, base_url: str, username: str = "clerk", password: str = "clerk-pass-2023!"):
    page.goto(f"{base_url}/admin/login/?next=/admin/")
    page.get_by_label("사용자 이름").fill(username)
    page.get_by_label("비밀번호").fill(password)
    page.get_by_role("button", name="로그인").click()
    page.wait_for_url(f"{base_url}/admin/")
