"""Helpers for the work plan tests: the seeded 2023 plan and the text of a PDF, per page."""

import subprocess

import pytest


def pdf_pages(content: bytes, layout: bool = False) -> list[str]:
    """The text of each page of a PDF (poppler's pdftotext, in reading order, or with the
    layout kept), index 0 = page 1."""
    result = subprocess.run(
        ["pdftotext", *(["-layout"] if layout else []), "-enc", "UTF-8", "-", "-"],
        input=content,
        capture_output=True,
        check=True,
    )
    pages = result.stdout.decode("utf-8").split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def squeeze(text: str) -> str:
    """Whitespace collapsed to single spaces (pdftotext pads table columns)."""
    return " ".join(text.split())


@pytest.fixture
def plan_2023(seeded):
    from workplan.models import WorkPlan

    return WorkPlan.objects.get(council=seeded, year=2023)


def compact(text: str) -> str:
    """Text with every blank removed: pdftotext breaks table cells into lines, and a break
    inside "(6박" reads as a space."""
    return "".join(text.split())
