"""Minutes tasks, run by Django Q2 workers (settings.Q_CLUSTER)."""

from __future__ import annotations

from . import services


def extract_upload(token: str) -> str:
    """Extract the text of an upload kept for the admin's preview (services.upload_keep)."""
    return services.upload_extract(token)
