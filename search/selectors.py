"""The site search's reads: one query's results, their facets and snippets.

PostgreSQL: the query is tokenised as the entries were (tokens.py) and matched with
plainto_tsquery('simple', …) against `vector` (GIN index), ranked by ts_rank. SQLite: every
word of the query must occur in the title or body (icontains): slower, but finds the same
words. Snippets are cut around the first match in Python and marked with <mark>, escaped.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import F, Q, QuerySet
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString

from .models import SearchEntry
from .services import uses_vectors
from .tokens import tokens

MAX_QUERY = 100
SNIPPET = 140
# A query matching more entries than this is counted as "more than CAP", listed newest
# first (not ranked: ranking every one of tens of thousands of paragraphs is what makes a
# common word slow) over CAP entries, and its facets count the newest FACET_CAP matches
# (all of them otherwise).
CAP = 1000
FACET_CAP = 2000
FACETS = (
    ("term_number", "대수", "term"),
    ("session_number", "회기", "session"),
    ("body_name", "회의체", "body"),
    ("year", "연도", "year"),
    ("kind", "종류", "kind"),
)


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    words: list[str]  # the words as typed (for the snippets and SQLite)
    tokens: list[str]  # Korean morphemes (PostgreSQL)


@dataclass(frozen=True)
class FacetValue:
    value: object
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class Facet:
    param: str
    label: str
    values: list[FacetValue] = field(default_factory=list)


def parse(text: str) -> ParsedQuery:
    words = [word for word in re.split(r"\s+", text.strip()) if word][:10]
    found = tokens(" ".join(words)) if uses_vectors() and words else []
    return ParsedQuery(text=text.strip(), words=words, tokens=list(dict.fromkeys(found)))


def matching(query: ParsedQuery, filters: dict[str, object]) -> QuerySet[SearchEntry]:
    entries = SearchEntry.objects.all()
    if uses_vectors():
        if not query.tokens:
            return entries.none()
        search = SearchQuery(" ".join(query.tokens), config="simple", search_type="plain")
        entries = entries.filter(vector=search).annotate(rank=SearchRank(F("vector"), search))
    else:
        if not query.words:
            return entries.none()
        for word in query.words:
            entries = entries.filter(Q(body__icontains=word) | Q(title__icontains=word))
    return entries.filter(**filters)


def capped_count(entries: QuerySet[SearchEntry]) -> int:
    """How many entries match, counting at most CAP + 1 (one query)."""
    return entries.order_by()[: CAP + 1].count()


def ordered(entries: QuerySet[SearchEntry], *, ranked: bool) -> QuerySet[SearchEntry]:
    """The entries to list: by rank (PostgreSQL, when ranked), else newest first; at most
    CAP of them."""
    fields = ("kind", "object_id", "part", "title", "body", "url", "body_name", "year")
    entries = entries.only(*fields)
    if ranked and "rank" in entries.query.annotations:
        return entries.order_by("-rank", "-sort_key", "pk")[:CAP]
    return entries.order_by("-sort_key", "-pk")[:CAP]


def facets(
    entries: QuerySet[SearchEntry], selected: dict[str, object], *, capped: bool
) -> list[Facet]:
    """Counts of the matching entries by each facet, in one query: every match when they
    are at most CAP, else the newest FACET_CAP of them."""
    labels = dict(SearchEntry.Kind.choices)
    columns = [column for column, _, _ in FACETS]
    rows = list(entries.order_by("-sort_key", "-pk").values_list(*columns)[:FACET_CAP])
    found = []
    for at, (column, label, param) in enumerate(FACETS):
        counts = Counter(row[at] for row in rows if row[at] not in (None, ""))
        values = []
        for value, count in sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))[:12]:
            if column == "term_number":
                shown = f"제{value}대"
            elif column == "session_number":
                shown = f"제{value}회"
            elif column == "year":
                shown = f"{value}년"
            elif column == "kind":
                shown = labels.get(value, value)
            else:
                shown = value
            values.append(
                FacetValue(
                    value=value, label=shown, count=count, selected=selected.get(column) == value
                )
            )
        found.append(Facet(param=param, label=label, values=values))
    return found


def snippet(body: str, query: ParsedQuery) -> SafeString:
    """About SNIPPET characters of the body around the first match, every match marked."""
    needles = sorted(
        {word for word in [*query.words, *query.tokens] if word}, key=len, reverse=True
    )
    pattern = (
        re.compile("|".join(re.escape(needle) for needle in needles), re.IGNORECASE)
        if needles
        else None
    )
    first = pattern.search(body) if pattern else None
    start = max(0, (first.start() if first else 0) - SNIPPET // 3)
    end = min(len(body), start + SNIPPET)
    window = body[start:end]
    pieces: list[SafeString] = [conditional_escape("…" if start else "")]
    at = 0
    for match in pattern.finditer(window) if pattern else []:
        pieces.append(conditional_escape(window[at : match.start()]))
        pieces.append(format_html("<mark>{}</mark>", match.group()))
        at = match.end()
    pieces.append(conditional_escape(window[at:]))
    pieces.append(conditional_escape("…" if end < len(body) else ""))
    return format_html_join("", "{}", ((piece,) for piece in pieces))
