"""The pages' Korean web font loads in the browser: no "OTS parsing error" or failed font
decode on any public page, the text is drawn in PortalGothic (both weights), and every font
file served is a WOFF2 of at most 1 MB (the rejected 4.6 MB TTFs are for the PDF only)."""

from __future__ import annotations

import pytest

from .public_pages import PUBLIC_PAGES, address

pytestmark = pytest.mark.e2e

MAX_FONT_BYTES = 1_000_000
FONT_ERRORS = ("OTS parsing error", "Failed to decode downloaded font", "downloadable font")


def test_every_public_page_loads_its_web_fonts_without_errors(site, page):
    errors: list[str] = []
    fonts: dict[str, int] = {}
    page.on(
        "console",
        lambda m: errors.append(f"{page.url}: {m.text}")
        if any(e in m.text for e in FONT_ERRORS)
        else None,
    )

    def on_response(response):
        if response.request.resource_type == "font":
            fonts[response.url] = len(response.body())

    page.on("response", on_response)
    for path, what in PUBLIC_PAGES:
        path = address(path)
        page.goto(site + path)
        page.evaluate("() => document.fonts.ready")
        status = page.evaluate(
            """() => [...document.fonts].map(f => [f.family.replace(/"/g, ''), f.weight, f.status])"""
        )
        loaded = {(family, weight) for family, weight, state in status if state == "loaded"}
        assert {("PortalGothic", "400"), ("PortalGothic", "700")} <= loaded, (what, status)
        assert page.evaluate("() => document.fonts.check('16px PortalGothic', '의정 포털 2023')")
        assert page.evaluate(
            """() => getComputedStyle(document.body).fontFamily.replace(/"/g, '')
                         .startsWith('PortalGothic,')"""
        ), what

    assert not errors, "fonts refused:\n" + "\n".join(errors)
    assert fonts, "no font was downloaded"
    for url, size in fonts.items():
        assert url.split("?")[0].endswith(".woff2"), f"not a web font: {url}"
        assert size <= MAX_FONT_BYTES, f"{url}: {size:,} bytes"
