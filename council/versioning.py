"""Data versions: one counter per app, bumped by every save and delete of its records.

Every cache of derived output (public pages, the work plan PDF) is keyed by the versions of
the apps it reads, so an edit made through any server process makes the next request fresh
everywhere, with no stale figure and no explicit invalidation. Reading the versions costs one
query.
"""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

# Apps whose records public pages and the work plan show.
TRACKED_APPS = ("council", "sessions_app", "budget", "outreach")


def bump(scope: str) -> None:
    from council.models import DataVersion

    now = timezone.now()
    updated = DataVersion.objects.filter(scope=scope).update(
        version=F("version") + 1, changed_at=now
    )
    if not updated:
        try:
            with transaction.atomic():
                DataVersion.objects.create(scope=scope, version=1, changed_at=now)
        except IntegrityError:  # another process created it meanwhile
            DataVersion.objects.filter(scope=scope).update(version=F("version") + 1, changed_at=now)


def versions(*scopes: str) -> dict[str, int]:
    from council.models import DataVersion

    scopes = scopes or TRACKED_APPS
    found = dict(DataVersion.objects.filter(scope__in=scopes).values_list("scope", "version"))
    return {scope: found.get(scope, 0) for scope in scopes}


def version_key(*scopes: str) -> str:
    """A short string that changes whenever a record of the given apps changes."""
    return "-".join(f"{scope}{number}" for scope, number in sorted(versions(*scopes).items()))


def last_changed(*scopes: str) -> datetime.datetime | None:
    from council.models import DataVersion

    scopes = scopes or TRACKED_APPS
    times = DataVersion.objects.filter(scope__in=scopes).values_list("changed_at", flat=True)
    return max(times, default=None)


def _on_change(sender, **kwargs):
    label = sender._meta.app_label
    if label in TRACKED_APPS and sender._meta.model_name != "dataversion":
        bump(label)


def _on_m2m_change(sender, action, instance, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        _on_change(type(instance))


def connect_signals() -> None:
    post_save.connect(_on_change, dispatch_uid="versioning-save")
    post_delete.connect(_on_change, dispatch_uid="versioning-delete")
    m2m_changed.connect(_on_m2m_change, dispatch_uid="versioning-m2m")
