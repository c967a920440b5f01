"""Data versions: one counter per model, bumped by every save and delete of its records.

Every cache of derived output (public pages, the work plan PDF) is keyed by the versions of
the models it reads, so an edit made through any server process makes the next request fresh
everywhere, with no stale figure and no explicit invalidation, and an edit of a model a page
does not read leaves that page's cache alone. Reading the versions of a page costs one query.

A scope is a model's label in lower case ("sessions_app.session"); functions here take model
classes or labels. The models of the apps in ``settings.DATA_VERSION_APPS`` are counted. The
table of a plain many-to-many field counts as the model that declares the field (a change of
an agenda item's bodies bumps "sessions_app.agendaitem").

``batch()`` defers the bumps of a block to its end, one per model: ``loaddata`` runs in one
(common/management/commands/loaddata.py), so loading a fixture of a thousand rows bumps each
model it touches once.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, connection, models, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

Scope = type[models.Model] | str  # a model class or its label ("budget.budgetamount")

_OWN_SCOPE = "common.dataversion"


def scope_of(model_or_label: Scope) -> str:
    """The scope of a model or label: the label in lower case. An auto-created many-to-many
    table belongs to the model that declares the field."""
    if isinstance(model_or_label, str):
        return model_or_label.lower()
    owner = model_or_label._meta.auto_created  # the declaring model, for an m2m's own table
    model = owner if isinstance(owner, type) else model_or_label
    return model._meta.label_lower


def _scopes(scopes) -> list[str]:
    return sorted({scope_of(scope) for scope in scopes})


def bump(*scopes: Scope) -> None:
    """Add one to the version of each scope and stamp it now (one query when every scope
    already has a row)."""
    from common.models import DataVersion

    names = _scopes(scopes)
    if not names:
        return
    now = timezone.now()
    changed = {"version": F("version") + 1, "changed_at": now}
    rows = DataVersion.objects.filter(scope__in=names)
    if rows.update(**changed) == len(names):
        return
    # Some scopes have no row yet. A row found now was bumped above or created by another
    # process since: bump it (again; a version only has to change), and create the others.
    existing = set(rows.values_list("scope", flat=True))
    if existing:
        rows.update(**changed)
    for name in names:
        if name in existing:
            continue
        try:
            with transaction.atomic():
                DataVersion.objects.create(scope=name, version=1, changed_at=now)
        except IntegrityError:  # another process created it meanwhile
            DataVersion.objects.filter(scope=name).update(**changed)


# ---------------------------------------------------------------- batches

_batch = threading.local()


@contextmanager
def batch() -> Iterator[None]:
    """Collect the bumps made in the block and bump each scope once when it ends.

    For bulk writes (loaddata, an import): one write per model instead of one per row. A
    batch inside another adds to the outer one. When the block raises inside a transaction
    nothing is bumped (the error rolls the writes back); outside one, the writes made before
    the error stand, so their scopes are bumped.
    """
    if getattr(_batch, "pending", None) is not None:
        yield
        return
    _batch.pending = set()
    try:
        yield
    except BaseException:
        pending, _batch.pending = _batch.pending, None
        if not transaction.get_connection().in_atomic_block:
            bump(*pending)
        raise
    pending, _batch.pending = _batch.pending, None
    bump(*pending)


def _record(scope: str) -> None:
    pending = getattr(_batch, "pending", None)
    if pending is None:
        bump(scope)
    else:
        pending.add(scope)


# ---------------------------------------------------------------- reading versions


def versions(*scopes: Scope) -> dict[str, int]:
    """The version of each scope (0 for one never bumped). One query."""
    from common.models import DataVersion

    names = _scopes(scopes)
    found = dict(DataVersion.objects.filter(scope__in=names).values_list("scope", "version"))
    return {name: found.get(name, 0) for name in names}


# What a cached page or PDF is made from besides the records: the files of these kinds in
# settings.CODE_FINGERPRINT_FOLDERS (the site layer names the folders; the toolkit no app).
_CODE_SUFFIXES = {".py", ".html", ".css", ".svg", ".ics", ".txt"}


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the code, templates and stylesheets, read once per process.

    Part of every cache key, so a deploy that changes how a page or the PDF looks (a
    template, the print CSS, a selector) never serves what the old code cached."""
    digest = hashlib.sha256()
    for folder in settings.CODE_FINGERPRINT_FOLDERS:
        for path in sorted((Path(settings.BASE_DIR) / folder).rglob("*")):
            if path.suffix in _CODE_SUFFIXES and "migrations" not in path.parts and path.is_file():
                digest.update(str(path.relative_to(settings.BASE_DIR)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _version_rows(names: list[str]) -> list[tuple]:
    """(scope, version, changed_at) of the scopes that have a row. One query, written out:
    every cached page's hit makes it, and building it through the ORM cost more than the
    round trip to the database."""
    from common.models import DataVersion

    if not names:
        return []
    quote = connection.ops.quote_name
    sql = "SELECT {}, {}, {} FROM {} WHERE {} IN ({})".format(  # nosec B608: no input in it
        quote("scope"),
        quote("version"),
        quote("changed_at"),
        quote(DataVersion._meta.db_table),
        quote("scope"),
        ", ".join(["%s"] * len(names)),
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, names)
        return cursor.fetchall()


def version_key(*scopes: Scope) -> str:
    """A short string that changes whenever a record of the given models changes, or the
    code that presents them. One query.

    Each version counts with the time of its bump, so the key never repeats one of a lost
    timeline: after a database restore the counters start again from the dump's numbers,
    but a new edit's time is one no page cached before the restore was keyed by."""
    names = _scopes(scopes)
    found = {scope: f"{number}@{changed_at}" for scope, number, changed_at in _version_rows(names)}
    data = "-".join(f"{name}{found.get(name, 0)}" for name in names)
    # Hashed: the work plan reads some forty models, too long a key for some caches.
    return f"{code_fingerprint()}-{hashlib.sha256(data.encode()).hexdigest()[:20]}"


def last_changed(*scopes: Scope) -> datetime.datetime | None:
    """When a record of the given models last changed; None if never. One query, the
    rows of version_key() (every page's foot states it: not built by the ORM either)."""
    times = [_aware(changed_at) for _, _, changed_at in _version_rows(_scopes(scopes))]
    return max(times, default=None)


def _aware(value) -> datetime.datetime:
    """A changed_at as the database driver gives it, as the ORM would: aware, in UTC
    (SQLite's driver gives the naive UTC time Django stored, or its text)."""
    if isinstance(value, str):
        value = datetime.datetime.fromisoformat(value)
    return value if timezone.is_aware(value) else value.replace(tzinfo=datetime.UTC)


# ---------------------------------------------------------------- signals


def _on_change(sender, **kwargs):
    # Raw saves (loaddata) count too: in a batch they are bumped once at its end.
    if sender._meta.app_label in getattr(settings, "DATA_VERSION_APPS", ()):
        scope = scope_of(sender)
        if scope != _OWN_SCOPE and scope not in getattr(settings, "DERIVED_MODELS", ()):
            _record(scope)


def _on_m2m_change(sender, action, **kwargs):
    # The sender is the through model: its scope is the model that declares the field.
    if action in ("post_add", "post_remove", "post_clear"):
        _on_change(sender)


def connect_signals() -> None:
    post_save.connect(_on_change, dispatch_uid="versioning-save")
    post_delete.connect(_on_change, dispatch_uid="versioning-delete")
    m2m_changed.connect(_on_m2m_change, dispatch_uid="versioning-m2m")
