"""Outreach's background tasks, run by Django Q2 workers (settings.Q_CLUSTER)."""

from __future__ import annotations

from . import services


def purge_visit_applications() -> int:
    """Daily (the schedule is made by migration 0006): erase school-visit applications kept
    past the council's retention period. Returns how many were erased."""
    return services.purge_visit_applications()


def send_visit_mail(application_id: int, kind: str) -> str:
    """One e-mail about a school-visit application (outreach/mail.py: to the team, the
    applicant's confirmation, the decision); queued by the services that save them."""
    return services.send_visit_mail(application_id=application_id, kind=kind)
