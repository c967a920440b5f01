"""Writes of the search index: entries made from the providers' documents (documents.py).

`reindex(kinds)` rebuilds whole kinds (manage.py search_reindex, search.tasks.reindex);
`index_documents(kind, ids)` redoes the entries of some records (a minutes upload, via the
task search.tasks.index_documents). On PostgreSQL each entry's `tokens` are its Korean
morphemes (tokens.py) and `vector` is filled from them in the database; SQLite's fallback scans
the text and needs neither.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from django.db import connection, transaction

from .documents import REGISTRY, Document
from .models import SearchEntry
from .tokens import token_text

BATCH = 1000


def uses_vectors() -> bool:
    return connection.vendor == "postgresql"


def _indexed_text(document: Document) -> str:
    """A paragraph of minutes is found by its own words (its title, the sitting's name, would
    make every paragraph of a plenary sitting match 본회의); other records by title and body."""
    return document.body if document.kind == "minutes" else f"{document.title}\n{document.body}"


def _entry(document: Document, *, tokenise: bool) -> SearchEntry:
    return SearchEntry(
        kind=document.kind,
        object_id=document.object_id,
        part=document.part,
        title=document.title[:300],
        body=document.body,
        url=document.url,
        tokens=token_text(_indexed_text(document)) if tokenise else "",
        term_number=document.term_number,
        session_number=document.session_number,
        body_name=document.body_name[:100],
        year=document.year,
        kind_label=document.kind_label[:50],
        sort_key=document.sort_key[:40],
    )


def _fill_vectors(kind: str) -> None:
    if uses_vectors():
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE search_searchentry SET vector = to_tsvector('simple', tokens) "
                "WHERE vector IS NULL AND kind = %s",
                [kind],
            )


def _write(found: Iterator[Document]) -> int:
    tokenise = uses_vectors()
    count = 0
    while batch := list(islice(found, BATCH)):
        SearchEntry.objects.bulk_create([_entry(doc, tokenise=tokenise) for doc in batch])
        count += len(batch)
    return count


def reindex(*, kinds: Iterable[str] | None = None) -> dict[str, int]:
    """Rebuild the entries of these kinds (every kind by default): {kind: entries}."""
    counts = {}
    for kind in list(kinds or REGISTRY):
        with transaction.atomic():
            SearchEntry.objects.filter(kind=kind).delete()
            counts[kind] = _write(REGISTRY[kind].documents(None))
            _fill_vectors(kind)
    return counts


def index_documents(*, kind: str, ids: list[int]) -> int:
    """Redo the entries of these records of a kind (none left for a deleted record)."""
    with transaction.atomic():
        SearchEntry.objects.filter(kind=kind, object_id__in=ids).delete()
        count = _write(REGISTRY[kind].documents(ids))
        _fill_vectors(kind)
    return count


def unwatched_kinds() -> list[str]:
    return [kind for kind, registration in REGISTRY.items() if not registration.watches]
