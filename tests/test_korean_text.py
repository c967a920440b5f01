"""The portal's Korean reads as written by a person: a particle after a name from the records
fits that name (the particle filter, never a fixed 을 or 를 after a variable), no word is
doubled ("총계 총계"), no space stands before a comma or a full stop, on public pages and
the admin alike."""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

import pytest

from tests.e2e.public_pages import PAGE_IDS

ROOT = Path(__file__).resolve().parent.parent
APPS = ["portal", "common", "council", "sessions_app", "budget", "outreach", "workplan", "audit"]
PARTICLE = r"(?:을|를|이|가|은|는|과|와|으로|로)"
AFTER_VARIABLE_IN_TEMPLATE = re.compile(r"\}\}" + PARTICLE + r"(?=[\s.,<)])")
AFTER_VARIABLE_IN_FSTRING = re.compile(r"\}" + PARTICLE + r"(?=[\s.,\"')])")
DOUBLED_WORD = re.compile(r"(?<![가-힣])([가-힣]{2,}) \1(?![가-힣])")
SPACE_BEFORE_PUNCTUATION = re.compile(r"[가-힣0-9)] +[,.](?=\s|$)")


def test_no_template_puts_a_fixed_particle_after_a_variable():
    found = []
    for path in sorted((ROOT / "templates").rglob("*.html")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if AFTER_VARIABLE_IN_TEMPLATE.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not found, "use {{ name|particle:'을/를' }}:\n" + "\n".join(found)


def test_no_message_in_code_puts_a_fixed_particle_after_a_value():
    found = []
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if AFTER_VARIABLE_IN_FSTRING.search(line) and re.search(r"[가-힣]", line):
                    found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not found, "use common.korean.particle(value, '을/를'):\n" + "\n".join(found)


INLINE_TAGS = r"(?:a|span|strong|em|b|i|small|abbr|time|sup|sub|mark|code)"


def visible_text(page: str) -> str:
    """The page's text as a reader meets it: inline markup read through, every other
    element boundary a separator ("¦"), so words of two cells never count as one phrase."""
    page = re.sub(r"(?s)<(script|style|svg|title)\b.*?</\1>", "¦", page)
    page = re.sub(r"</?" + INLINE_TAGS + r"\b[^>]*>", "", page)
    page = re.sub(r"<[^>]+>", "¦", page)
    return re.sub(r"\s+", " ", html_lib.unescape(page))


def assert_reads_well(text: str, where: str) -> None:
    doubled = {m.group(0) for m in DOUBLED_WORD.finditer(text)}
    assert not doubled, f"{where}: doubled words {sorted(doubled)}"
    stray = {
        text[max(m.start() - 12, 0) : m.end()] for m in SPACE_BEFORE_PUNCTUATION.finditer(text)
    }
    assert not stray, f"{where}: a space before a comma or full stop: {sorted(stray)}"


@pytest.mark.parametrize("path", PAGE_IDS)
def test_public_pages_have_no_doubled_words_or_stray_spaces(seeded, client, path):
    assert_reads_well(visible_text(client.get(path).content.decode()), path)


ADMIN_PAGES = [
    "/admin/",
    "/admin/sessions_app/session/",
    "/admin/budget/budgetitem/",
    "/admin/budget/budgetamount/",
    "/admin/outreach/prchannel/",
    "/admin/council/committee/",
    "/admin/workplan/project/",
]


def test_admin_pages_and_messages_read_well(seeded, admin_client):
    for path in ADMIN_PAGES:
        assert_reads_well(visible_text(admin_client.get(path).content.decode()), path)
