"""The baseline of the history: records loaded without signals (the seed's fixtures, the
demo's bulk inserts) have no history entry, so their first change would have nothing to be
compared with. One entry "초기 자료" per such record gives every later change its "before"."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from audit.models import tracked_models

BASELINE_REASON = "초기 자료"


def history_baseline_create(*, reason: str = BASELINE_REASON, batch_size: int = 1000) -> int:
    """A "+" entry, dated now and by nobody, for every tracked record that has none.
    Returns how many were made; running it again makes none."""
    made = 0
    now = timezone.now()
    with transaction.atomic():
        for model in tracked_models():
            manager = getattr(model, model._meta.simple_history_manager_attribute)
            pk = model._meta.pk.attname
            recorded = manager.model._default_manager.values(pk)
            missing = model._base_manager.exclude(pk__in=recorded).order_by(pk)
            batch: list = []
            for obj in missing.iterator(chunk_size=batch_size):
                batch.append(obj)
                if len(batch) == batch_size:
                    made += _create(manager, batch, reason, now, batch_size)
                    batch = []
            if batch:
                made += _create(manager, batch, reason, now, batch_size)
    return made


def _create(manager, objs, reason, now, batch_size) -> int:
    manager.bulk_history_create(
        objs, batch_size=batch_size, default_change_reason=reason, default_date=now
    )
    return len(objs)
