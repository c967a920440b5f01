"""The screen's web fonts (static/fonts/PortalGothic-*.woff2, scripts/make_webfonts.py):
browsers accept them, each is at most 1 MB, and they draw every character the site ships.

If a test here fails after new text was added (a syllable outside KS X 1001, a new symbol),
rebuild the subsets: `.venv/bin/python scripts/make_webfonts.py`, and commit them.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parents[1]
FONTS = ROOT / "static" / "fonts"


def _script():
    spec = importlib.util.spec_from_file_location(
        "make_webfonts", ROOT / "scripts/make_webfonts.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_webfonts = _script()
WEIGHTS = [(FONTS / source, FONTS / out) for source, out, _, _ in make_webfonts.WEIGHTS]


@pytest.mark.parametrize(("source", "subset"), WEIGHTS, ids=[o.name for _, o in WEIGHTS])
def test_each_web_font_is_a_small_woff2_without_the_tables_browsers_refuse(source, subset):
    data = subset.read_bytes()
    assert data[:4] == b"wOF2"
    assert len(data) <= 1_000_000, f"{subset.name}: {len(data):,} bytes"
    font = TTFont(subset)
    assert not [tag for tag in font.keys() if tag.startswith("TSI")]
    assert font.flavor == "woff2"
    # Renamed: NanumGothic is a Reserved Font Name of the OFL (static/fonts/OFL.txt).
    assert font["name"].getDebugName(1) == "PortalGothic"
    assert "NanumGothic" not in (font["name"].getDebugName(4) or "")
    # The PDF's TTFs stay.
    assert source.stat().st_size > 1_000_000


@pytest.mark.parametrize(("source", "subset"), WEIGHTS, ids=[o.name for _, o in WEIGHTS])
def test_the_web_fonts_draw_every_character_of_the_templates_and_seed_data(source, subset):
    """Every character of the templates, fixtures and apps' code that NanumGothic has is in
    the subset (characters NanumGothic lacks fall to the CSS fallback fonts either way)."""
    has = set(TTFont(subset).getBestCmap())
    source_has = set(TTFont(source).getBestCmap())
    used = make_webfonts.site_characters()
    missing = sorted(c for c in used if ord(c) in source_has and ord(c) not in has)
    assert not missing, (
        f"{subset.name} lacks {''.join(missing)!r}: run scripts/make_webfonts.py and commit"
    )
    # The common syllables are there for what citizens type in (names, schools).
    assert all(ord(c) in has for c in make_webfonts.ks_x_1001_hangul())
    assert {ord(c) for c in "△·ㆍ※○□■「」①~₩"} - {0x20A9} <= has


def test_the_site_stylesheet_loads_the_woff2_with_swap_and_a_korean_fallback_stack():
    css = (ROOT / "static/css/site.css").read_text(encoding="utf-8")
    faces = re.findall(r"@font-face\s*{([^}]*)}", css)
    assert len(faces) == 2
    for face in faces:
        assert 'font-family: "PortalGothic"' in face
        assert "font-display: swap" in face
        assert re.search(
            r'url\("\.\./fonts/PortalGothic-(Regular|Bold)\.woff2"\) format\("woff2"\)', face
        )
        assert ".ttf" not in face
    stack = re.search(r"--font-body:([^;]*);", css).group(1)
    for family in (
        "PortalGothic",
        "Apple SD Gothic Neo",
        "Malgun Gothic",
        "Noto Sans KR",
        "sans-serif",
    ):
        assert family in stack
