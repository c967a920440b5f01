"""Deleted records and how to bring them back ("삭제된 항목").

A delete in the admin removes a record and what goes with it (Django's confirmation page
lists it). django-simple-history keeps a full copy of each removed row (history type "-"),
with who and when. A deletion is the group of rows one user removed in one go: entries by
the same user less than a few seconds apart. Its tops are the rows none of the others
belong to (by a foreign key); the rest went with them.

Restoring a deletion puts every row of the group back, parents before children, with its old
id, in one transaction, each checked by its model's validation; its history records who
restored it. A row whose id is in use again, or whose parent outside the group is gone, is
refused in Korean and nothing is written.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from audit.models import HISTORY_M2M_FIELDS, tracked_models

# Rows removed by one user this close together are one deletion (a cascade takes
# milliseconds; a clerk's next delete takes longer than this).
GAP = datetime.timedelta(seconds=3)
RESTORE_REASON = "삭제 취소(되살림)"


@dataclass
class Deletion:
    """What one user removed in one go."""

    entries: list = field(default_factory=list)  # historical rows, in deletion order
    tops: list = field(default_factory=list)

    @property
    def when(self) -> datetime.datetime:
        return self.entries[-1].history_date

    @property
    def who(self) -> str:
        user = self.entries[-1].history_user
        return (user.get_full_name() or user.get_username()) if user else "시스템"

    @property
    def key(self) -> str:
        """Names the deletion by its last entry: "<app.model>:<history id>"."""
        last = self.entries[-1]
        return f"{last.instance_type._meta.label_lower}:{last.history_id}"

    @property
    def others(self) -> list:
        return [entry for entry in self.entries if entry not in self.tops]

    def top_labels(self) -> list[str]:
        """ "차수 «제1차 본회의»" for each top."""
        return [f"{t.instance_type._meta.verbose_name} «{t.instance}»" for t in self.tops]

    def others_summary(self) -> str:
        """ "차수 3건, 안건 5건": what went with the tops, by kind."""
        counts: dict[str, int] = defaultdict(int)
        for entry in self.others:
            counts[str(entry.instance_type._meta.verbose_name)] += 1
        return ", ".join(f"{name} {count:,}건" for name, count in counts.items())

    def models(self) -> set:
        return {entry.instance_type for entry in self.entries}


def _identity(model, pk) -> tuple[str, object]:
    return (model._meta.label_lower, pk)


def _parents_in(entry, present: set) -> list[tuple[str, object]]:
    """The rows of the same deletion this entry pointed at (its foreign keys)."""
    model = entry.instance_type
    found = []
    for fk in model._meta.concrete_fields:
        if not fk.is_relation or fk.related_model is None:
            continue
        key = _identity(fk.related_model, getattr(entry, fk.attname, None))
        if key in present and key != _identity(model, entry.pk_value):
            found.append(key)
    return found


def _deleted_entries(models, *, since=None, until=None, limit: int = 2000) -> list:
    """Every '-' entry of the models, not yet back in their tables: two queries a model."""
    found = []
    for model in models:
        history = model.history.model
        query = history._default_manager.filter(history_type="-").select_related("history_user")
        if since is not None:
            query = query.filter(history_date__gte=since)
        if until is not None:
            query = query.filter(history_date__lte=until)
        entries = list(query.order_by("-history_date", "-history_id")[:limit])
        pk = model._meta.pk.attname
        back = set(
            model._base_manager.filter(pk__in=[getattr(e, pk) for e in entries]).values_list(
                "pk", flat=True
            )
        )
        for entry in entries:
            entry.pk_value = getattr(entry, pk)
            if entry.pk_value not in back:
                found.append(entry)
    return found


def _grouped(entries: list) -> list[Deletion]:
    entries.sort(key=lambda e: (e.history_user_id or 0, e.history_date))
    groups: list[Deletion] = []
    for entry in entries:
        last = groups[-1].entries[-1] if groups else None
        if (
            last is not None
            and last.history_user_id == entry.history_user_id
            and entry.history_date - last.history_date <= GAP
        ):
            groups[-1].entries.append(entry)
        else:
            groups.append(Deletion(entries=[entry]))
    for group in groups:
        present = {_identity(e.instance_type, e.pk_value) for e in group.entries}
        group.tops = [e for e in group.entries if not _parents_in(e, present)]
    return groups


def deletions(*, user, limit: int = 100) -> list[Deletion]:
    """The latest deletions whose tops the user may see, newest first."""
    visible = [
        model
        for model in tracked_models()
        if user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}")
        or user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}")
    ]
    # A cascade reaches models the user may not see: read them all, show what is theirs.
    groups = _grouped(_deleted_entries(tracked_models()))
    shown = [g for g in groups if g.tops and all(t.instance_type in visible for t in g.tops)]
    shown.sort(key=lambda g: g.when, reverse=True)
    return shown[:limit]


def deletion_find(key: str) -> Deletion | None:
    """The deletion a key names (Deletion.key), as it is now."""
    label, _, history_id = key.partition(":")
    models = {model._meta.label_lower: model for model in tracked_models()}
    if label not in models or not history_id.isdigit():
        return None
    last = (
        models[label]
        .history.model._default_manager.filter(history_id=int(history_id), history_type="-")
        .first()
    )
    if last is None:
        return None
    window = {"since": last.history_date - GAP * 20, "until": last.history_date + GAP * 20}
    for group in _grouped(_deleted_entries(tracked_models(), **window)):
        if group.key == key:
            return group
    return None


def _parents_first(group: Deletion) -> list:
    present = {_identity(e.instance_type, e.pk_value): e for e in group.entries}
    done: set = set()
    ordered: list = []

    def visit(entry, path=()):
        key = _identity(entry.instance_type, entry.pk_value)
        if key in done or key in path:
            return
        for parent in _parents_in(entry, set(present)):
            visit(present[parent], (*path, key))
        done.add(key)
        ordered.append(entry)

    for entry in group.entries:
        visit(entry)
    return ordered


def deletion_restore(*, key: str, user) -> Deletion:
    """Put a deletion's rows back (see the module's docstring). Raises ValidationError in
    Korean when it cannot, PermissionDenied when the user may not add one of its kinds."""
    with transaction.atomic():
        group = deletion_find(key)
        if group is None:
            raise ValidationError(
                "되살릴 삭제 기록을 찾을 수 없습니다. 이미 되살렸거나 기록이 없는 항목입니다."
            )
        for model in group.models():
            if not user.has_perm(f"{model._meta.app_label}.add_{model._meta.model_name}"):
                raise PermissionDenied
        for entry in _parents_first(group):
            model = entry.instance_type
            instance = entry.instance
            label = f"{model._meta.verbose_name} «{instance}»"
            try:
                instance.full_clean(validate_unique=True)
            except ValidationError as error:
                raise ValidationError(
                    f"{label}을(를) 되살릴 수 없습니다: {' '.join(error.messages)}"
                ) from error
            instance._history_user = user
            instance._change_reason = RESTORE_REASON
            try:
                with transaction.atomic():
                    instance.save(force_insert=True)
            except IntegrityError as error:
                raise ValidationError(
                    f"{label}을(를) 되살릴 수 없습니다: 같은 번호나 값의 항목이 이미 있거나, "
                    "이 항목이 속한 상위 항목이 삭제되었습니다. 상위 항목을 먼저 되살리세요."
                ) from error
            for name in HISTORY_M2M_FIELDS.get(model._meta.label_lower, []):
                # The deletion's entry keeps no many-to-many rows: the version before it does.
                kept = entry.prev_record or entry
                target = model._meta.get_field(name).m2m_reverse_field_name()
                ids = getattr(kept, name).values_list(target, flat=True)
                getattr(instance, name).set(list(ids))
    return group
