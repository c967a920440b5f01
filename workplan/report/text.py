"""Section bodies as nested lists.

A project section's body is plain text as the secretariat types it (and as the printed plan
shows it): one line a paragraph; a line starting with "- " is a bullet; leading spaces nest a
line under the line above that is less indented; a line starting with "※" or "☞" is a note.

    - 지방의회 의원연수(국회사무처)
      - 조례안 심사과정 : 2023. 3월 예정
    ※ 의사일정에 따라 변경될 수 있음

parse_body() turns that into a tree of Line objects that templates render as nested <ul>.
"""

from __future__ import annotations

from dataclasses import dataclass, field

BULLET_MARKS = ("- ", "• ", "◦ ")
NOTE_MARKS = ("※", "☞")


@dataclass
class Line:
    kind: str  # "bullet", "note" or "text"
    text: str
    children: list[Line] = field(default_factory=list)
    mark: str = ""  # the note's mark (※ or ☞), kept as the printed plan shows it

    @property
    def is_note(self) -> bool:
        return self.kind == "note"


def _classify(stripped: str) -> tuple[str, str, str]:
    for mark in BULLET_MARKS:
        if stripped.startswith(mark):
            return "bullet", stripped[len(mark) :].strip(), ""
    if stripped == "-":
        return "bullet", "", ""
    for mark in NOTE_MARKS:
        if stripped.startswith(mark):
            return "note", stripped[len(mark) :].strip(), mark
    return "text", stripped, ""


def parse_body(body: str) -> list[Line]:
    """Plain text → a tree of lines nested by indentation. Blank lines are dropped; tabs count
    as four spaces; a line indented deeper than the line above becomes its child, however
    many spaces deeper."""
    roots: list[Line] = []
    stack: list[tuple[int, Line]] = []  # (indent, line) of the open ancestors
    for raw in (body or "").splitlines():
        expanded = raw.expandtabs(4).rstrip()
        stripped = expanded.lstrip(" \u3000")
        if not stripped:
            continue
        indent = len(expanded) - len(stripped)
        kind, text, mark = _classify(stripped)
        line = Line(kind=kind, text=text, mark=mark)
        while stack and stack[-1][0] >= indent:
            stack.pop()
        (stack[-1][1].children if stack else roots).append(line)
        stack.append((indent, line))
    return roots
