"""The PDF's font setup: the bundled TTFs are what the stylesheet points at, and WeasyPrint
subsets them with Debian's libharfbuzz-subset0 (about twice as fast as fontTools)."""

from pathlib import Path

from workplan.report.pdf import stylesheet_url


def test_weasyprint_subsets_fonts_with_harfbuzz():
    from weasyprint.text.ffi import harfbuzz, harfbuzz_subset

    assert harfbuzz_subset is not None, (
        "apt-get install libharfbuzz-subset0 (scripts/system-deps.sh)"
    )
    assert harfbuzz.hb_version_atleast(4, 1, 0)


def test_stylesheet_is_loaded_by_file_url_and_points_at_the_bundled_ttfs():
    url = stylesheet_url()
    assert url.startswith("file:///") and url.endswith("/static/css/workplan.css")
    css = Path(url.removeprefix("file://")).read_text(encoding="utf-8")
    fonts = Path(url.removeprefix("file://")).parent.parent / "fonts"

    assert 'url("../fonts/NanumGothic.ttf") format("truetype")' in css
    assert 'url("../fonts/NanumGothicBold.ttf") format("truetype")' in css
    assert (fonts / "NanumGothic.ttf").stat().st_size > 1_000_000
    assert (fonts / "OFL.txt").exists()
    assert "woff2" not in css
