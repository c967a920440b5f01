"""The work plan's HTML and PDF, and the PDF's cache.

render_html() and render_pdf() make the document from a WorkPlanReport with the same
templates (templates/workplan/); the PDF through WeasyPrint, with print.html loading
static/css/workplan.css by file URL so the bundled NanumGothic TTFs are embedded (a relative
URL without a base URL would be dropped silently and the host's fonts used instead).

workplan_pdf() is what the view, the admin button and the command use: it serves the PDF
from Django's default cache (the database table or Redis, shared by every process), keyed by
the year and the data versions of the models the report reads (builder.REPORT_SCOPES), so a
download after no edit costs a cache read, and an edit of any record it shows makes the
next download fresh.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.template.loader import render_to_string

from common import versioning

from .builder import REPORT_SCOPES, ReportNotFound, WorkPlanReport, build_report

STYLESHEET = "css/workplan.css"
CACHE_SECONDS = 30 * 24 * 60 * 60  # the key changes with every edit; this only frees space


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


@dataclass(frozen=True)
class CachedPDF:
    year: int
    content: bytes
    filename: str  # the download's name, made with the council's name when rendered
    version: str  # the data versions it was made from (also the ETag's basis)
    rendered: bool  # False when served from the cache
    seconds: float


def cache_key(year: int, version: str) -> str:
    return f"workplan:pdf:{year}:{version}"


def pdf_filename(council_name: str, year: int) -> str:
    return f"{council_name}_{year - 1}_주요업무추진실적_및_{year}_주요업무계획.pdf"


def workplan_pdf(year: int, version: str | None = None) -> CachedPDF:
    """The year's PDF from the shared cache, rendered (and cached) only when the records
    changed since it was made. Raises ReportNotFound for a year without a work plan.

    A cache hit costs the version lookup and the cache read, nothing else: the file name is
    cached with the PDF, and a year without a plan never gets an entry."""
    started = time.perf_counter()
    version = version or versioning.version_key(*REPORT_SCOPES)
    key = cache_key(year, version)
    hit = cache.get(key)
    if hit is not None:
        content, filename = hit
        return CachedPDF(year, content, filename, version, False, time.perf_counter() - started)
    report = build_report(year)
    content = render_pdf(report)
    filename = pdf_filename(report.council.name, year)
    cache.set(key, (content, filename), CACHE_SECONDS)
    return CachedPDF(year, content, filename, version, True, time.perf_counter() - started)


__all__ = [
    "CachedPDF",
    "keep_words",
    "ReportNotFound",
    "cache_key",
    "pdf_filename",
    "render_html",
    "render_pdf",
    "stylesheet_url",
    "workplan_pdf",
]
