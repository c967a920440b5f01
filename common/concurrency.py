"""No lost edits: optimistic concurrency for the admin's change forms.

When a clerk opens a record, the form carries a version token: the newest history entry of
the record and of every inline row shown with it (django-simple-history keeps one for each
create, change and delete). Saving compares the token with the database's, under a row lock
on the record: if someone else saved the record or one of its rows since, nothing is written,
the clerk keeps what they typed and sees the other change (who, when, which field from what
to what). The form then carries the new token, so saving again, after reading the other
change, is a deliberate choice.

Only the library is used here (no app): the admin base (common/admin.py) calls it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Max, Model
from django.forms.models import _get_foreign_key

TOKEN_FIELD = "_version"


def _history_model(model: type[Model]):
    name = getattr(model._meta, "simple_history_manager_attribute", None)
    return getattr(model, name).model if name else None


@dataclass(frozen=True)
class Source:
    """One stream of history entries a form shows: the record's own, or an inline's rows."""

    history: type[Model]
    lookup: dict

    def newest(self) -> int:
        value = self.history._default_manager.filter(**self.lookup).aggregate(
            newest=Max("history_id")
        )["newest"]
        return value or 0


def sources_for(obj: Model, inline_models: list[tuple[type[Model], str | None]]) -> list[Source]:
    """The history streams of `obj` and of the inline rows that point at it."""
    found: list[Source] = []
    history = _history_model(type(obj))
    if history is None:
        return found
    found.append(Source(history, {type(obj)._meta.pk.attname: obj.pk}))
    for model, fk_name in inline_models:
        child_history = _history_model(model)
        if child_history is None:
            continue
        fk = _get_foreign_key(type(obj), model, fk_name=fk_name)
        if fk is not None:
            found.append(Source(child_history, {fk.attname: obj.pk}))
    return found


def token_for(sources: list[Source]) -> str:
    """A short text naming the newest entry of each stream: "812.0.455"."""
    return ".".join(str(source.newest()) for source in sources)


def _parse(token: str, count: int) -> list[int] | None:
    parts = token.split(".")
    if len(parts) != count or not all(part.isdigit() for part in parts):
        return None
    return [int(part) for part in parts]


@dataclass
class Change:
    """One entry someone else made after the clerk opened the form."""

    when: datetime.datetime
    who: str
    action: str
    label: str
    fields: list[tuple[str, str, str]] = field(default_factory=list)  # (field, old, new)


ACTIONS = {"+": "추가", "~": "변경", "-": "삭제"}


def _show(value) -> str:
    if value is None or value == "":
        return "(없음)"
    return str(value)


def _describe(entry, model: type[Model]) -> Change:
    user = entry.history_user
    who = (user.get_full_name() or user.get_username()) if user else "시스템"
    change = Change(
        when=entry.history_date,
        who=who,
        action=ACTIONS.get(entry.history_type, entry.history_type),
        label=f"{model._meta.verbose_name} «{entry.instance}»",
    )
    previous = entry.prev_record if entry.history_type == "~" else None
    if previous is not None:
        for delta in entry.diff_against(previous).changes:
            try:
                name = str(getattr(model._meta.get_field(delta.field), "verbose_name", delta.field))
            except Exception:  # a removed field: its own name
                name = delta.field
            change.fields.append((name, _show(delta.old), _show(delta.new)))
    return change


def changes_since(sources: list[Source], token: str) -> list[Change] | None:
    """What was saved after `token`, oldest first; None when the token is not this form's
    (then nothing is compared: an old page, or a form posted without one)."""
    seen = _parse(token, len(sources))
    if seen is None:
        return None
    changes: list[Change] = []
    for source, last_seen in zip(sources, seen, strict=True):
        entries = (
            source.history._default_manager.filter(**source.lookup, history_id__gt=last_seen)
            .select_related("history_user")
            .order_by("history_id")
        )
        model = source.history.instance_type  # type: ignore[attr-defined]
        changes.extend(_describe(entry, model) for entry in entries)
    changes.sort(key=lambda change: change.when)
    return changes


CONFLICT_MESSAGE = (
    "이 항목을 연 뒤에 다른 사용자가 먼저 저장했습니다. 입력하신 내용은 저장되지 않고 "
    "아래에 그대로 남아 있습니다. 아래의 다른 변경을 확인한 뒤 필요하면 다시 저장하세요 "
    "(다시 저장하면 입력하신 내용이 그 변경을 덮어씁니다)."
)
