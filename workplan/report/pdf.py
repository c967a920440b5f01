"""The work plan's HTML and PDF.

render_html() and render_pdf() make the document from a WorkPlanReport with the same
templates (templates/workplan/); the PDF through WeasyPrint, with print.html loading
static/css/workplan.css by file URL so the bundled NanumGothic TTFs are embedded (a relative
URL without a base URL would be dropped silently and the host's fonts used instead).

The PDF is rendered by a worker, never inside a request (workplan/services.py: a rendition
per data version of the models the report reads, builder.REPORT_SCOPES, kept in Django's
default storage): a download after no edit costs two queries and a file read, and an edit of
any record it shows makes the next download ask for a new one.
"""

from __future__ import annotations

import atexit
import gc
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from . import html_tree
from .builder import ReportNotFound, WorkPlanReport

STYLESHEET = "css/workplan.css"


def _static_path(name: str) -> Path:
    found = finders.find(name)
    if found:
        return Path(found)
    return Path(settings.STATIC_ROOT) / name


def stylesheet_url() -> str:
    return _static_path(STYLESHEET).resolve().as_uri()


def render_html(report: WorkPlanReport, *, for_print: bool = True, request=None) -> str:
    """The document as HTML: the standalone print layout (for the PDF and the HTML export)
    or, with for_print=False, the page inside the site's layout."""
    if for_print:
        context = {"report": report, "for_print": True, "stylesheet_url": stylesheet_url()}
        return render_to_string("workplan/print.html", context)
    return render_to_string("workplan/page.html", {"report": report}, request=request)


# Korean text as Pango breaks it: between any two syllables, so "당초예산" could end a line
# as "당초예" and "(상·하반기)" as "(상·하반". WeasyPrint has no `word-break: keep-all`, so
# the PDF's text gets a WORD JOINER (U+2060, invisible, no glyph, not in the extracted
# text) between the letters of each word that holds Hangul: lines break at spaces only,
# and `overflow-wrap: break-word` still breaks a word wider than its cell. Headings are left
# alone (their text also makes the bookmarks and the running header, which would carry the
# joiners); they are wide enough not to wrap inside a word.
WORD_JOINER = "\u2060"
_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")
_HANGUL_WORD = re.compile(r"[^\s<>&]*[\uac00-\ud7a3\u3131-\u318e][^\s<>&]*")
_SKIPPED = re.compile(r"<(/?)(h[1-6]|head|title|style|script)\b", re.IGNORECASE)


def _join_letters(word: re.Match) -> str:
    return WORD_JOINER.join(word.group(0))


def keep_words(html: str) -> str:
    """The print HTML with each Korean word's letters joined (WORD_JOINER), outside tags,
    entities, the head and headings."""
    parts = _TAG_OR_TEXT.split(html)
    skipped = 0
    for index, part in enumerate(parts):
        if index % 2:  # a tag
            found = _SKIPPED.match(part)
            if found:
                skipped += -1 if found.group(1) else 1
        elif not skipped and part:
            parts[index] = _HANGUL_WORD.sub(_join_letters, part)
    return "".join(parts)


# Whitespace between tags where CSS would collapse it anyway: next to the start or end tag of
# an element that is block-level in the print stylesheet (a cell, a list item, a section …;
# never an inline element such as <span> or <strong>, where a space separates words).
# Dropped before WeasyPrint sees it, it makes no box to build, lay out and throw away (about
# 7 % of a render). static/css/workplan.css keeps these elements block-level in print.
_BLOCK_TAG = (
    r"</?(?:html|head|body|title|meta|link|section|div|p|h[1-6]|ul|ol|li|dl|dt|dd|table|"
    r"caption|colgroup|col|thead|tbody|tfoot|tr|th|td|header|footer|nav|main|figure|"
    r"figcaption|blockquote|hr)\b[^>]*>"
)
_AFTER_BLOCK_TAG = re.compile(rf"({_BLOCK_TAG})\s+")
_BEFORE_BLOCK_TAG = re.compile(rf"\s+(?={_BLOCK_TAG})")


def drop_block_whitespace(html: str) -> str:
    """The print HTML without the whitespace next to block-level tags (see _BLOCK_TAG)."""
    return _BEFORE_BLOCK_TAG.sub("", _AFTER_BLOCK_TAG.sub(r"\1", html))


# One font configuration per process: the bundled fonts are copied to a temporary folder and
# registered with Fontconfig and Pango once, not at every render, and Pango's measurements
# of their glyphs are kept. Pango is not thread-safe: one render at a time per process.
_fonts: object | None = None
_render_lock = threading.Lock()


def _font_config():
    global _fonts
    if _fonts is None:
        from weasyprint.text.fonts import FontConfiguration

        _fonts = FontConfiguration()
        atexit.register(_release_fonts)
    return _fonts


def _release_fonts() -> None:
    """Drop the font configuration while the interpreter still runs, so that it removes its
    temporary folder of fonts (its __del__ cannot once the modules are torn down)."""
    global _fonts
    _fonts = None


@contextmanager
def collection_deferred() -> Iterator[None]:
    """The cycle collector paused until the block ends. WeasyPrint builds some 100,000
    objects in reference cycles for a plan of 27 pages (190,000 before the plan's user-agent
    stylesheet, user_agent_css); the collector's passes over them and over everything else
    the process holds, again and again while they pile up, cost a fifth of a render. Paused,
    it frees them in one pass once enabled again (at the next allocation: about a tenth of a
    render). html_to_pdf pauses it for the render; a worker pauses it around the render and
    the storing of the file too (workplan/services.py), so that pass runs once the PDF is
    ready for the clerk, not while they wait for it. Nested blocks leave it to the outer."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def render_pdf(report: WorkPlanReport) -> bytes:
    """The A4 PDF of the report (WeasyPrint): tagged PDF/UA-1 (structure tree, /Lang ko,
    the <title> shown as the window's title), bookmarks for every heading."""
    return html_to_pdf(render_html(report, for_print=True))


# A published edition keeps its print HTML with this in place of the stylesheet's file URL
# (which names a folder of the machine that rendered it): put back when its PDF is made.
STYLESHEET_MARK = "__workplan_stylesheet__"


def frozen_html(report: WorkPlanReport) -> tuple[str, str]:
    """What an edition keeps of the report: the page's body (the document inside the site's
    layout) and the print document (stylesheet_url() replaced by STYLESHEET_MARK)."""
    body = render_to_string("workplan/_document.html", {"report": report, "for_print": False})
    print_html = render_html(report, for_print=True).replace(stylesheet_url(), STYLESHEET_MARK)
    return body, print_html


def render_frozen_pdf(print_html: str) -> bytes:
    """The PDF of an edition's kept print HTML (frozen_html)."""
    return html_to_pdf(print_html.replace(STYLESHEET_MARK, stylesheet_url()))


# WeasyPrint's user-agent stylesheet (html5_ua.css) gives every element five pseudo-elements
# for footnotes and notes (::footnote-call, ::footnote-marker, ::note-call, ::note-marker,
# ::note-callback) and a ::marker, whose styles are computed for each of the plan's ~1,900
# elements although it has no footnote, no note and markers only on <li>: 11,000 styles that
# draw nothing, 6 to 9 % of a render. The PDF is made with that same stylesheet, read from
# the installed WeasyPrint, without those five rules and with ::marker for <li> only
# (display: list-item is <li> alone in the plan's markup); every other rule, and so the
# page, is unchanged (the same PDF byte for byte). A print stylesheet that used
# float: footnote or position: note() would need the rules back. HTML._ua_stylesheets is
# WeasyPrint's own hook, not a public API: tests/report/test_pdf_layout.py fails when a
# WeasyPrint release no longer has these rules or the PDF comes out otherwise.
_UNUSED_UA_RULES = (
    "::footnote-call",
    "::footnote-marker",
    "::note-call",
    "::note-marker",
    "::note-callback",
)
_plan_html_class: type | None = None


def user_agent_css(stock: str) -> str:
    """The work plan's user-agent stylesheet: WeasyPrint's (`stock`) without the footnote and
    note pseudo-element rules, ::marker matched on <li> only."""
    lines = []
    for line in stock.splitlines():
        if line.startswith(_UNUSED_UA_RULES):
            continue
        if line.startswith("::marker "):
            line = "li" + line
        lines.append(line)
    return "\n".join(lines)


def _plan_html():
    """weasyprint.HTML with the work plan's user-agent stylesheet (user_agent_css), reading
    the print document with html_tree.parse()."""
    global _plan_html_class
    if _plan_html_class is None:
        from cssselect2 import ElementWrapper
        from weasyprint import CSS, HTML, _find_base_url
        from weasyprint.css.counters import CounterStyle
        from weasyprint.html import UA, UA_FORM_STYLESHEET
        from weasyprint.urls import URLFetcher

        # Its @counter-style rules are WeasyPrint's, which every document gets already
        # (HTML._ua_counter_style): read into a dictionary of their own and left there.
        sheet = CSS(string=user_agent_css(UA), counter_style=CounterStyle())

        class PlanHTML(HTML):
            def __init__(self, *, string: str, base_url: str) -> None:
                # What HTML.__init__ sets, from the tree html_tree.parse() reads (a fifth of
                # tinyhtml5's time); markup that needs HTML5's mending goes to HTML's own.
                try:
                    tree = html_tree.parse(string)
                except html_tree.NotOurMarkup:
                    super().__init__(string=string, base_url=base_url)
                    return
                self.base_url = _find_base_url(tree, base_url)
                self.url_fetcher = URLFetcher()
                self.media_type = "print"
                self.wrapper_element = ElementWrapper.from_html_root(tree, content_language=None)
                self.etree_element = self.wrapper_element.etree_element

            def _ua_stylesheets(self, forms=False):
                return [sheet, UA_FORM_STYLESHEET] if forms else [sheet]

        _plan_html_class = PlanHTML
    return _plan_html_class


def html_to_pdf(print_html: str) -> bytes:
    """The PDF of a print document (render_html(for_print=True)) through WeasyPrint."""
    html = drop_block_whitespace(keep_words(print_html))
    base_url = _static_path(STYLESHEET).parent.parent.resolve().as_uri() + "/"
    with _render_lock, collection_deferred():
        # WeasyPrint is imported here: loading Pango costs ~0.3 s, pages never need it.
        return _plan_html()(string=html, base_url=base_url).write_pdf(
            pdf_variant="pdf/ua-1", optimize_images=True, font_config=_font_config()
        )


def pdf_filename(council_name: str, year: int) -> str:
    return f"{council_name}_{year - 1}_주요업무추진실적_및_{year}_주요업무계획.pdf"


__all__ = [
    "collection_deferred",
    "drop_block_whitespace",
    "frozen_html",
    "html_to_pdf",
    "keep_words",
    "ReportNotFound",
    "pdf_filename",
    "render_html",
    "render_frozen_pdf",
    "render_pdf",
    "stylesheet_url",
    "user_agent_css",
]
