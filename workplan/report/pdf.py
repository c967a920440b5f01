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

import re
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

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


def render_pdf(report: WorkPlanReport) -> bytes:
    """The A4 PDF of the report (WeasyPrint): tagged PDF/UA-1 (structure tree, /Lang ko,
    the <title> shown as the window's title), bookmarks for every heading."""
    from weasyprint import HTML  # imported here: loading Pango costs ~0.3 s, pages never need it

    html = keep_words(render_html(report, for_print=True))
    base_url = _static_path(STYLESHEET).parent.parent.resolve().as_uri() + "/"
    return HTML(string=html, base_url=base_url).write_pdf(
        pdf_variant="pdf/ua-1", optimize_images=True
    )


def pdf_filename(council_name: str, year: int) -> str:
    return f"{council_name}_{year - 1}_주요업무추진실적_및_{year}_주요업무계획.pdf"


__all__ = [
    "keep_words",
    "ReportNotFound",
    "pdf_filename",
    "render_html",
    "render_pdf",
    "stylesheet_url",
]
