"""Writes of outreach records with rules that span records (outreach/rules.py).

The school-visit application's writes live in outreach/applications.py.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from council.models import Member

from . import rules
from .models import Monitor, MonitorCohort


def monitor_quota_error(monitor: Monitor) -> str | None:
    """The cohort's per-member limit for a candidate monitor, counting the member's other
    monitors already saved in the cohort. One query; none without a cohort and member."""
    if not (monitor.cohort_id and monitor.recommended_by_id):
        return None
    already = (
        Monitor.objects.filter(
            cohort_id=monitor.cohort_id, recommended_by_id=monitor.recommended_by_id
        )
        .exclude(pk=monitor.pk)
        .count()
    )
    return rules.recommendation_limit_error(limit=monitor.cohort.max_per_member, already=already)


def check_monitor_quota(monitor: Monitor) -> None:
    error = monitor_quota_error(monitor)
    if error:
        raise ValidationError({"recommended_by": [error]})


@transaction.atomic
def monitor_create(
    *,
    cohort: MonitorCohort,
    name: str,
    recommended_by: Member,
    recommended_on: datetime.date,
    resident_since: datetime.date,
    opinions_submitted: int = 0,
) -> Monitor:
    """Register a citizen monitor after every check the admin runs: the record itself
    (residency, Monitor.clean) and the member's limit in the cohort."""
    monitor = Monitor(
        cohort=cohort,
        name=name,
        recommended_by=recommended_by,
        recommended_on=recommended_on,
        resident_since=resident_since,
        opinions_submitted=opinions_submitted,
    )
    monitor.full_clean()
    check_monitor_quota(monitor)
    monitor.save()
    return monitor
