"""Search tasks, run by Django Q2 workers (settings.Q_CLUSTER)."""

from __future__ import annotations

from . import services


def index_documents(kind: str, ids: list[int]) -> int:
    """Redo the index entries of some records (queued by search/signals.py)."""
    return services.index_documents(kind=kind, ids=ids)


def reindex(kinds: list[str] | None = None) -> dict[str, int]:
    """Rebuild the whole index, or some kinds of it."""
    return services.reindex(kinds=kinds)


def reindex_unwatched() -> dict[str, int]:
    """Daily: rebuild the kinds whose records queue no reindexing when saved (documents.py:
    none today, every kind watches its records; one added without watches is kept fresh
    here)."""
    kinds = services.unwatched_kinds()
    # None would mean every kind: with every kind watched there is nothing to do.
    return services.reindex(kinds=kinds) if kinds else {}
