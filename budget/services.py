"""Writes of the budget: a year's amounts entered at once (the admin's budget grid) and
publishing a year (its amounts become public)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from council.models import Council

from .models import BudgetAmount, BudgetItem, BudgetYear


@dataclass(frozen=True)
class AmountsSaved:
    """What a save changed: rows created, changed and removed (unchanged ones are left)."""

    created: int = 0
    updated: int = 0
    deleted: int = 0

    @property
    def changed(self) -> int:
        return self.created + self.updated + self.deleted


def budget_year_amounts_save(
    *,
    council: Council,
    year: int,
    amounts: dict[int, int | None],
    user=None,
    kind: str = BudgetAmount.Kind.ORIGINAL,
    seen: dict[int, int | None] | None = None,
) -> AmountsSaved:
    """A year's amounts of the given expense categories (편성목), {item id: won}, saved in
    one transaction: a new amount creates its row, a different one changes it, None (an
    emptied input) removes it. Items not given are left as they are. Each row is validated
    (full_clean); one bad row, or an item that is not one of the council's 편성목, writes
    nothing and raises a ValidationError saying which.

    `seen` is what the clerk saw when they opened the grid ({item id: won}): an amount left
    as seen is not written (another clerk's change to it since stands), and one the clerk
    changed that someone else changed too is refused, naming both, with nothing written."""
    items = BudgetItem.objects.filter(council=council, pk__in=list(amounts))
    categories = {item.pk for item in items if item.is_category}
    unknown = sorted(set(amounts) - categories)
    if unknown:
        raise ValidationError(
            f"이 의회의 편성목이 아닌 항목에는 금액을 입력할 수 없습니다 (항목 번호 "
            f"{', '.join(map(str, unknown))})."
        )
    created = updated = deleted = 0
    with transaction.atomic():
        existing = {
            row.item_id: row
            for row in BudgetAmount.objects.select_for_update().filter(
                item_id__in=list(amounts), year=year, kind=kind
            )
        }
        if seen is not None:
            amounts = _unseen_changes_refused(amounts, seen, existing)
        for item_id, won in amounts.items():
            row = existing.get(item_id)
            if won is None:
                if row is not None:
                    row._history_user = user
                    row.delete()
                    deleted += 1
                continue
            if row is not None and row.amount == won:
                continue
            if row is None:
                row = BudgetAmount(item_id=item_id, year=year, kind=kind, amount=won)
                created += 1
            else:
                row.amount = won
                updated += 1
            try:
                row.full_clean()
            except ValidationError as error:  # named by the item, for the grid's input
                raise ValidationError({str(item_id): error.messages}) from error
            row._history_user = user
            row.save()
    return AmountsSaved(created=created, updated=updated, deleted=deleted)


def _unseen_changes_refused(
    amounts: dict[int, int | None], seen: dict[int, int | None], existing: dict
) -> dict[int, int | None]:
    """The amounts the clerk changed; refused where the stored one is no longer what they
    saw (someone saved it since)."""
    changed = {k: v for k, v in amounts.items() if k not in seen or seen[k] != v}
    conflicts = {}
    for item_id in changed:
        stored = existing[item_id].amount if item_id in existing else None
        if item_id in seen and stored != seen[item_id]:
            shown = "없음" if stored is None else f"{stored:,}원"
            conflicts[str(item_id)] = ValidationError(
                f"이 입력표를 연 뒤에 다른 사용자가 이 금액을 {shown}(으)로 먼저 저장했습니다. "
                "확인한 뒤 다시 저장하면 입력하신 금액으로 바뀝니다.",
                code="edit_conflict",
            )
    if conflicts:
        raise ValidationError(conflicts)
    return changed


def budget_year_publish(*, council: Council, year: int, user) -> BudgetYear:
    """Publish a year's budget: its pages, downloads and the home page's figure become
    public. Records who and when (and, through the history, in the record's log). Refused
    for a year without amounts or one already published."""
    with transaction.atomic():
        if not BudgetAmount.objects.filter(item__council=council, year=year).exists():
            raise ValidationError(
                f"{year}년 예산액이 하나도 없어 공개할 수 없습니다. 금액을 먼저 입력하세요."
            )
        budget_year, _ = BudgetYear.objects.select_for_update().get_or_create(
            council=council, year=year
        )
        if budget_year.is_published:
            raise ValidationError(
                f"{year}년 예산은 이미 공개되어 있습니다 "
                f"({timezone.localtime(budget_year.published_at):%Y-%m-%d %H:%M})."
            )
        budget_year.published_at = timezone.now()
        budget_year.published_by = user
        budget_year.full_clean()
        budget_year._history_user = user  # the history names who published it
        budget_year.save()
    return budget_year
