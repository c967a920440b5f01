"""The budget app's background work (Django Q2, docs/ARCHITECTURE.md "Tasks")."""

from __future__ import annotations

from . import imports


def purge_import_uploads() -> int:
    """Daily (the schedule is made by migration 0005): delete spreadsheet uploads left
    between preview and 적용 for more than a day. Returns how many were deleted."""
    return imports.import_uploads_purge()
