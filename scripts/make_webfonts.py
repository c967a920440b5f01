"""Build the screen web fonts: subset WOFF2 files of the bundled NanumGothic TTFs.

Why: browsers refuse the bundled TTFs (Chromium: "OTS parsing error: TSI3: zero-length
table", the leftover VTT hinting tables) and they weigh 9.3 MB. The PDF keeps embedding its
own subset of the TTFs (WeasyPrint, static/css/workplan.css); the screen (static/css/site.css)
loads these instead, one file per weight, each well under 1 MB.

What goes in (`characters()`):
  - the 2,350 Hangul syllables of KS X 1001 (the common ones) and the compatibility jamo,
  - ASCII, Latin-1 punctuation and the symbol blocks Korean documents use (□ ○ △ ※ ㆍ 「」 ① …),
  - every character of the templates, the seed data (fixtures/) and the apps' Python sources,
    so every word the site ships is drawn in the web font whatever syllable it uses.
Characters the source font lacks are left to the system fonts of the CSS fallback stack.
Dropped: the TSI* (VTT source) tables and all TrueType hinting (fpgm, prep, cvt, hdmx): a
browser smooths outlines well without them, and they are most of the bytes.

The name: NanumGothic is a Reserved Font Name of the SIL Open Font License (static/fonts/
OFL.txt, clause 3), and a subset is a Modified Version, so the subsets are renamed
"PortalGothic" (family name in the font and in the CSS); copyright and licence are kept.

Rebuild after adding text with a syllable outside KS X 1001 (tests/test_webfonts.py fails
and names it) or after changing the source TTFs:

    .venv/bin/python scripts/make_webfonts.py           # writes static/fonts/*.woff2
    .venv/bin/python scripts/make_webfonts.py --check   # exit 1 if the files are stale

Needs fontTools with brotli (`fonttools[woff]`, in the dev dependencies). The output is
deterministic for the same inputs and fontTools version.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FONTS = ROOT / "static" / "fonts"
FAMILY = "PortalGothic"
# (source TTF, output WOFF2, style name, OS/2 weight)
WEIGHTS = [
    ("NanumGothic.ttf", "PortalGothic-Regular.woff2", "Regular", 400),
    ("NanumGothicBold.ttf", "PortalGothic-Bold.woff2", "Bold", 700),
]
MAX_BYTES = 1_000_000

# Where the site's own words live: every character of these files goes into the subset.
TEXT_SOURCES = [
    ("templates", "*.html"),
    ("templates", "*.svg"),
    ("templates", "*.txt"),
    ("fixtures", "*.json"),
    ("fixtures", "*.txt"),
]
CODE_FOLDERS = ["portal", "common", "council", "sessions_app", "budget", "outreach", "workplan"]

# Unicode blocks (inclusive ranges) kept whole, as far as the source font has them.
BLOCKS = [
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1 punctuation and signs (· × ° ± …)
    (0x2010, 0x205E),  # general punctuation (– — ‘ ’ “ ” … ※ ‰)
    (0x2100, 0x218F),  # letterlike, number forms (№ ℃ Ⅰ Ⅱ …)
    (0x2190, 0x21FF),  # arrows
    (0x2200, 0x22FF),  # mathematical operators (∼ ≤ ≥ …)
    (0x2460, 0x24FF),  # enclosed alphanumerics (① ② …)
    (0x2500, 0x257F),  # box drawing
    (0x25A0, 0x25FF),  # geometric shapes (□ ■ ○ ● △ ▲ ◇ …)
    (0x2600, 0x26FF),  # miscellaneous symbols (☞ ★ ☎ …)
    (0x3000, 0x303F),  # CJK symbols and punctuation (「」 『』 〈〉 《》 【】 〜)
    (0x3131, 0x318E),  # Hangul compatibility jamo (ㄱ … ㆍ)
    (0x3200, 0x32FF),  # enclosed CJK letters (㈜ ㉠ …)
    (0xFF01, 0xFF5E),  # fullwidth ASCII forms
]


def ks_x_1001_hangul() -> Iterator[str]:
    """The 2,350 precomposed syllables of KS X 1001 (EUC-KR rows 0xB0-0xC8)."""
    for lead in range(0xB0, 0xC9):
        for trail in range(0xA1, 0xFF):
            yield bytes([lead, trail]).decode("euc_kr")


def site_text_files() -> Iterator[Path]:
    for folder, pattern in TEXT_SOURCES:
        yield from sorted((ROOT / folder).rglob(pattern))
    for folder in CODE_FOLDERS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def site_characters() -> set[str]:
    """Every character the templates, seed data and apps' code contain (besides controls)."""
    chars: set[str] = set()
    for path in site_text_files():
        chars.update(path.read_text(encoding="utf-8"))
    return {c for c in chars if c.isprintable() or c == "\u00a0"}


def characters() -> set[str]:
    chars = set(ks_x_1001_hangul()) | site_characters()
    for low, high in BLOCKS:
        chars.update(chr(code) for code in range(low, high + 1))
    return chars


def _rename(font, style: str) -> None:
    """Give the subset its own family name (OFL Reserved Font Name), keep the rest."""
    full = f"{FAMILY} {style}" if style != "Regular" else FAMILY
    postscript = f"{FAMILY}-{style}"
    version = font["name"].getDebugName(5) or "Version 1.0"
    names = {
        1: FAMILY,
        2: style,
        3: f"{postscript};subset of NanumGothic {version}",
        4: full,
        6: postscript,
        16: FAMILY,
        17: style,
    }
    table = font["name"]
    table.names = [n for n in table.names if n.nameID not in (*names, 7, 18, 21, 22)]
    for name_id, value in names.items():
        if name_id in (16, 17) and style in ("Regular", "Bold"):
            continue  # typographic names only for styles beyond the R/B/I/BI four
        table.setName(value, name_id, 3, 1, 0x409)
        table.setName(value, name_id, 1, 0, 0)


def build(source: Path, style: str, weight: int, chars: Iterable[str]) -> bytes:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.flavor = "woff2"
    options.hinting = False  # drops fpgm, prep, cvt and the glyphs' instructions
    options.drop_tables += ["TSI0", "TSI1", "TSI2", "TSI3", "TSI5", "hdmx", "VDMX", "LTSH"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.recalc_timestamp = False  # same input, same bytes
    font = TTFont(source, recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes={ord(c) for c in chars})
    subsetter.subset(font)
    _rename(font, style)
    font["OS/2"].usWeightClass = weight
    out = io.BytesIO()
    font.flavor = "woff2"
    font.save(out)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="fail if the files are stale")
    args = parser.parse_args(argv)
    chars = characters()
    stale = []
    for source_name, out_name, style, weight in WEIGHTS:
        data = build(FONTS / source_name, style, weight, chars)
        if len(data) > MAX_BYTES:
            print(f"{out_name}: {len(data):,} bytes, over {MAX_BYTES:,}", file=sys.stderr)
            return 1
        target = FONTS / out_name
        if args.check:
            if not target.exists() or target.read_bytes() != data:
                stale.append(out_name)
            continue
        target.write_bytes(data)
        print(f"{target.relative_to(ROOT)}: {len(data):,} bytes")
    if stale:
        print("stale, run scripts/make_webfonts.py: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
