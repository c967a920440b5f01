"""Data versions: one counter per app, bumped by every save and delete of its records.

Every cache of derived output (public pages, the work plan PDF) is keyed by the versions of
the apps it reads, so an edit made through any server process makes the next request fresh
everywhere, with no stale figure and no explicit invalidation. Reading the versions costs one
query.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

# Apps whose records public pages and the work plan show.
TRACKED_APPS = ("council", "sessions_app", "budget", "outreach")


def bump(scope: str) -> None:
    from common.models import DataVersion

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
    from common.models import DataVersion

    scopes = scopes or TRACKED_APPS
    found = dict(DataVersion.objects.filter(scope__in=scopes).values_list("scope", "version"))
    return {scope: found.get(scope, 0) for scope in scopes}


# What a cached page or PDF is made from besides the records: the code, templates and styles.
_CODE_FOLDERS = (
    "portal",
    "common",
    "council",
    "sessions_app",
    "budget",
    "outreach",
    "workplan",
    "templates",
    "static/css",
)
_CODE_SUFFIXES = {".py", ".html", ".css", ".svg", ".ics", ".txt"}


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the code, templates and stylesheets, read once per process.

    Part of every cache key, so a deploy that changes how a page or the PDF looks (a
    template, the print CSS, a selector) never serves what the old code cached."""
    digest = hashlib.sha256()
    for folder in _CODE_FOLDERS:
        for path in sorted((Path(settings.BASE_DIR) / folder).rglob("*")):
            if path.suffix in _CODE_SUFFIXES and "migrations" not in path.parts and path.is_file():
                digest.update(str(path.relative_to(settings.BASE_DIR)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def version_key(*scopes: str) -> str:
    """A short string that changes whenever a record of the given apps changes, or the code
    that presents them."""
    data = "-".join(f"{scope}{number}" for scope, number in sorted(versions(*scopes).items()))
    return f"{code_fingerprint()}-{data}"


def last_changed(*scopes: str) -> datetime.datetime | None:
    from common.models import DataVersion

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
