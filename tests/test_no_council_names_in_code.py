"""The code names no council: a council's names come from its records (fixtures/ hold the
seed's, tests/ and docs/ may speak of it). A council-specific word in code or a template
would show on another council's pages."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CODE_DIRS = [
    "portal",
    "common",
    "council",
    "sessions_app",
    "budget",
    "outreach",
    "workplan",
    "audit",
    "templates",
    "static/css",
]
SUFFIXES = {".py", ".html", ".css", ".txt", ".ics", ".svg"}
# The seed council's name, in Korean and romanised.
COUNCIL_NAME = re.compile(r"금천|geumcheon", re.IGNORECASE)


def code_files() -> list[Path]:
    files = []
    for folder in CODE_DIRS:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and path.suffix in SUFFIXES and "__pycache__" not in path.parts:
                files.append(path)
    return files


def test_the_code_is_searched():
    names = {path.relative_to(ROOT).as_posix() for path in code_files()}
    assert {"templates/base.html", "portal/urls.py", "static/css/site.css"} <= names
    assert any(name.startswith("council/migrations/") for name in names)


def test_no_file_names_the_seed_council():
    found = []
    for path in code_files():
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in COUNCIL_NAME.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found.append(f"{path.relative_to(ROOT)}:{line}: {match.group()}")
    assert found == []
