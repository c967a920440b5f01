"""Writes of the budget: publishing a year (its amounts become public)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from council.models import Council

from .models import BudgetAmount, BudgetYear


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
