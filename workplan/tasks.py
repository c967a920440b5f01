"""The work plan's background tasks, run by Django Q2 workers (settings.Q_CLUSTER): each
is a plain function a worker imports by its dotted path, and calls one service."""

from __future__ import annotations

from . import services


def render_rendition(rendition_id: int) -> str:
    """Render one queued PDF (services.rendition_request queues it)."""
    return services.render_rendition(rendition_id)


def render_edition(edition_id: int) -> str:
    """Render a published edition's PDF from its kept HTML (services.work_plan_publish)."""
    return services.render_edition(edition_id)


def prune_renditions() -> int:
    """Daily: drop the files of PDFs of versions nobody is served any more."""
    return services.renditions_prune()
