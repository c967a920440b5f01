"""The site search's reads: one query's results, their facets and snippets.

PostgreSQL: the query is tokenised as the entries were (tokens.py) and matched with
plainto_tsquery('simple', …) against `vector` (GIN index), ranked by ts_rank. SQLite: every
word of the query must occur in the title or body (icontains): slower, but finds the same
words. Snippets are cut around the first match in Python and marked with <mark>, escaped.
"""

from __future__ import annotations

import datetime
import math
import re
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.paginator import Page, Paginator
from django.db import connection, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString

from .models import SearchEntry
from .services import uses_vectors
from .tokens import tokens

MAX_QUERY = 100
SNIPPET = 140
PER_PAGE = 20
# A query matching more entries than this is counted as "more than CAP" and lists its newest
# CAP matches, newest first (not ranked: ranking every one of tens of thousands of
# paragraphs is what makes a common word slow); its facets count those same CAP entries.
# A query of at most CAP matches lists them all by rank and its facets count them all.
CAP = 1000
FACETS = (
    ("term_number", "대수", "term"),
    ("session_number", "회기", "session"),
    ("body_name", "회의체", "body"),
    ("year", "연도", "year"),
    ("kind", "종류", "kind"),
)
# newest(): the months (before this one) walked first on PostgreSQL.
PROBE_MONTHS = 6
LISTED = ("kind", "object_id", "part", "title", "body", "url", "body_name", "year")


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


@dataclass(frozen=True)
class Results:
    """One page of a query's results: `total` counts the matches up to CAP + 1 (capped when
    there are more than CAP), `page` holds the listed entries of the asked page, `facets`
    count the listed matches (all of them, or the newest CAP when capped)."""

    total: int
    capped: bool
    page: Page
    facets: list[Facet]


def results(query: ParsedQuery, filters: dict[str, object], *, page: int = 1) -> Results:
    """The search page's reads: the newest CAP + 1 matches' ids and facet columns (newest():
    one query on SQLite, two to four on PostgreSQL), their order by rank when there are at
    most CAP (one query, on PostgreSQL), then the asked page's entries (one query)."""
    entries = matching(query, filters)
    rows = newest(entries)
    capped = len(rows) > CAP
    rows = rows[:CAP]
    ids = [row[0] for row in rows]
    if not capped and "rank" in entries.query.annotations:
        ids = list(
            entries.filter(pk__in=ids)
            .order_by("-rank", "-sort_key", "-pk")
            .values_list("pk", flat=True)
        )
    paginator = Paginator(ids, PER_PAGE, allow_empty_first_page=True)
    asked = paginator.get_page(page)
    listed = SearchEntry.objects.only(*LISTED).in_bulk(list(asked.object_list))
    shown = [listed[pk] for pk in asked.object_list if pk in listed]
    return Results(
        total=len(rows) + (1 if capped else 0),
        capped=capped,
        page=Page(shown, asked.number, paginator),
        facets=facets([row[1:] for row in rows], filters),
    )


def newest(entries: QuerySet[SearchEntry]) -> list[tuple]:
    """The newest CAP + 1 of these entries (pk and the FACETS columns), newest first.

    On PostgreSQL, over the whole index a word in a few per cent of the entries costs tens
    of thousands of rows read whichever plan is taken (docs/DEPLOYMENT.md), so the newest
    entries are asked first: the first span (`sort_key` from a date on) holding more than
    CAP matches holds the newest CAP + 1 of them all.
    1. The last PROBE_MONTHS months, walking the (sort_key, id) index backwards and
       checking each entry's vector: a bounded read, where a common word ends.
    2. A span as long as that probe's matches say should hold CAP + 1 of them (and half
       again), from the GIN index's matches and'ed with the span's blocks (BRIN index on
       sort_key), so that only the span's matches are read.
    3. Everything, PostgreSQL choosing its plan."""
    columns = ["pk", *(column for column, _, _ in FACETS)]
    ordered = entries.order_by("-sort_key", "-pk").values_list(*columns)
    if not uses_vectors():
        return list(ordered[: CAP + 1])
    # A span from the oldest entry on is the whole index: its rows are the answer.
    oldest = SearchEntry.objects.order_by("sort_key").values_list("sort_key", flat=True)[:1]
    first = next(iter(oldest), "")
    since = _months_back(PROBE_MONTHS)
    rows = _asked(ordered.filter(sort_key__gte=since), "enable_bitmapscan")
    if len(rows) > CAP or since <= first:
        return rows
    if rows:
        since = _months_back(math.ceil(PROBE_MONTHS * 1.5 * (CAP + 1) / len(rows)))
        rows = _asked(ordered.filter(sort_key__gte=since), "enable_indexscan")
        if len(rows) > CAP or since <= first:
            return rows
    return _asked(ordered, None)


def _months_back(months: int) -> str:
    """The first day of the month `months` months before this one, as a sort key."""
    today = timezone.localdate()
    index = max(12, today.year * 12 + today.month - 1 - months)
    return datetime.date(index // 12, index % 12 + 1, 1).isoformat()


def _asked(rows: QuerySet, off: str | None) -> list[tuple]:
    """The first CAP + 1 rows, with one of PostgreSQL's plan kinds turned off (or none) for
    this query only: RESET gives it back at once, as a request's outer transaction would
    otherwise keep the SET LOCAL past this savepoint (a failed query's rollback undoes it)."""
    if not off:
        return list(rows[: CAP + 1])
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL {off} = off")
        found = list(rows[: CAP + 1])
        cursor.execute(f"RESET {off}")
    return found


def facets(rows: list[tuple], selected: dict[str, object]) -> list[Facet]:
    """Counts of these entries' facet values (rows of the FACETS columns), the twelve most
    frequent of each facet."""
    labels = dict(SearchEntry.Kind.choices)
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
