"""The budget grid (예산 입력표): one admin screen with a year's whole tree (정책사업 >
단위사업 > 세부사업 > 편성목), last year's 본예산 beside each 편성목 and an input for this
year's in the unit the clerk picks (원 / 천원 / 백만원, typed with thousands separators, parsed
by common.forms.MoneyField). Sub-totals per level and the grand total follow the typing
(static/js/budget-grid.js); the server computes them too, for the first view and without
script. Saving goes through budget.services.budget_year_amounts_save, in one transaction.

Which 편성목 a year's grid lists: those with an amount in the year or the year before, and
those that never had one (just added). So the grid of a year without amounts yet lists every
편성목 of last year's budget ("전년도 구조 복사" opens it): inputs empty, last year's amount
beside each. Empty, not pre-filled: a line is in the new year's budget only once the clerk
typed its figure, so an untouched line is never saved (and published) as if decided.

Hooked into BudgetItemAdmin.get_urls (budget/admin.py): /admin/budget/budgetitem/grid/.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import partial

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import urlencode

from common.figures import MONEY_UNITS
from common.forms import UNIT_CHOICES, MoneyField
from council.models import Council
from council.selectors import the_council

from .models import BudgetAmount, BudgetItem
from .services import budget_year_amounts_save

URL_NAME = "budget_budgetitem_grid"
DEFAULT_UNIT = "천원"  # as the council's budget books print it
SAVE_PERMISSIONS = (
    "budget.add_budgetamount",
    "budget.change_budgetamount",
    "budget.delete_budgetamount",
)
KIND = BudgetAmount.Kind.ORIGINAL


def urls(model_admin) -> list:
    view = model_admin.admin_site.admin_view(partial(grid_view, model_admin))
    return [path("grid/", view, name=URL_NAME)]


def amount_text(won: int | None, unit: str) -> str:
    """An amount in a unit as the input shows it, exact to the won: 4,378,500원 in 천원 is
    "4,378.5" (MoneyField reads it back to the same won)."""
    if won is None:
        return ""
    factor = MONEY_UNITS[unit]
    whole, rest = divmod(abs(won), factor)
    text = f"{whole:,}"
    if rest:
        places = len(str(factor)) - 1
        text += "." + f"{rest:0{places}d}".rstrip("0")
    return f"-{text}" if won < 0 else text


class UnitMoneyField(MoneyField):
    """MoneyField read in the grid's one unit (a unit typed after the number still wins)."""

    def __init__(self, *, unit: str, **kwargs):
        self.unit = unit
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = [value, self.unit]
        return super().to_python(value)


class YearForm(forms.Form):
    """The grid's year and unit, from the address (?year=2024&unit=천원)."""

    year = forms.IntegerField(
        label="연도",
        min_value=1990,
        max_value=2100,
        error_messages={
            "invalid": "연도는 2024처럼 네 자리 숫자로 입력해 주세요.",
            "min_value": "연도는 1990년부터 2100년 사이여야 합니다.",
            "max_value": "연도는 1990년부터 2100년 사이여야 합니다.",
        },
    )
    unit = forms.ChoiceField(label="단위", choices=UNIT_CHOICES, required=False)


@dataclass
class GridRow:
    item: BudgetItem
    path: str
    previous: int | None = None  # last year's amount, or its sub-total
    current: int | None = None  # this year's stored amount, or its sub-total
    ancestors: list[int] = field(default_factory=list)
    field_name: str = ""  # the input of an expense category
    previous_text: str = ""
    current_text: str = ""

    @property
    def level(self) -> int:
        return self.item.level

    @property
    def is_category(self) -> bool:
        return self.item.is_category


def _add(a: int | None, b: int | None) -> int | None:
    return a if b is None else (a or 0) + b


def grid_rows(council: Council, year: int) -> tuple[list[GridRow], GridRow]:
    """The year's tree as rows, depth first, and the grand total's row. Three queries
    whatever the number of items: the items, the two years' amounts, the items ever given
    an amount."""
    items = list(BudgetItem.objects.filter(council=council).order_by("level", "order", "pk"))
    by_pk = {item.pk: item for item in items}
    for item in items:  # the parents from this one query: item.path needs no other
        if item.parent_id is not None and item.parent_id in by_pk:
            item.parent = by_pk[item.parent_id]
    amounts: dict[tuple[int, int], int] = {
        (item_id, amount_year): amount
        for item_id, amount_year, amount in BudgetAmount.objects.filter(
            item__council=council, kind=KIND, year__in=[year, year - 1]
        ).values_list("item_id", "year", "amount")
    }
    ever = set(
        BudgetAmount.objects.filter(item__council=council)
        .values_list("item_id", flat=True)
        .distinct()
    )
    children: dict[int | None, list[BudgetItem]] = {}
    for item in items:
        children.setdefault(item.parent_id, []).append(item)

    rows: list[GridRow] = []
    total = GridRow(item=BudgetItem(name="총계", level=0), path="총계")

    def visit(item: BudgetItem, ancestors: list[int]) -> GridRow | None:
        row = GridRow(item=item, path=item.path, ancestors=ancestors)
        if item.is_category:
            row.previous = amounts.get((item.pk, year - 1))
            row.current = amounts.get((item.pk, year))
            listed = row.previous is not None or row.current is not None or item.pk not in ever
            if not listed:
                return None
            row.field_name = f"amount_{item.pk}"
            rows.append(row)
            return row
        at = len(rows)
        rows.append(row)
        shown = [visit(child, [*ancestors, item.pk]) for child in children.get(item.pk, [])]
        shown_rows = [child for child in shown if child is not None]
        if not shown_rows:
            del rows[at:]
            return None
        for child in shown_rows:
            row.previous = _add(row.previous, child.previous)
            row.current = _add(row.current, child.current)
        return row

    for top in children.get(None, []):
        row = visit(top, [])
        if row is not None:
            total.previous = _add(total.previous, row.previous)
            total.current = _add(total.current, row.current)
    return rows, total


def seen_text(rows: list[GridRow]) -> str:
    """The stored amounts as the grid opened with them, "12:4378500,13:" (item:won)."""
    return ",".join(
        f"{row.item.pk}:{'' if row.current is None else row.current}"
        for row in rows
        if row.is_category
    )


def seen_amounts(text: str) -> dict[int, int | None] | None:
    """seen_text read back; None for anything else (a page from before, or tampered)."""
    found: dict[int, int | None] = {}
    for part in filter(None, text.split(",")):
        key, _, value = part.partition(":")
        if not key.isdigit() or not (value == "" or value.lstrip("-").isdigit()):
            return None
        found[int(key)] = int(value) if value else None
    return found


class GridForm(forms.Form):
    unit = forms.ChoiceField(label="입력 단위", choices=UNIT_CHOICES)
    # What the clerk saw when opening the grid: only what they changed is saved, and a
    # line someone else saved meanwhile is not silently overwritten.
    seen = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, rows: list[GridRow], year: int, unit: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seen"].initial = seen_text(rows)
        if self.is_bound:  # the amounts are read in the unit they were typed in
            posted = self.data.get("unit")
            unit = posted if posted in MONEY_UNITS else unit
        self.fields["unit"].initial = unit
        for row in rows:
            if not row.is_category:
                continue
            self.fields[row.field_name] = UnitMoneyField(
                unit=unit,
                min_value=0,
                required=False,
                label=f"{row.path} {year}년 본예산",
                initial=amount_text(row.current, unit),
                widget=forms.TextInput(
                    attrs={
                        "inputmode": "decimal",
                        "autocomplete": "off",
                        "spellcheck": "false",
                        "size": 16,
                        "class": "money-input budget-grid-input",
                        "data-ancestors": " ".join(map(str, row.ancestors)),
                    }
                ),
            )

    def amounts(self) -> dict[int, int | None]:
        return {
            int(name.removeprefix("amount_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("amount_")
        }


def _default_year(council: Council) -> int:
    latest = (
        BudgetAmount.objects.filter(item__council=council, kind=KIND)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )
    return latest or datetime.date.today().year


def grid_url(year: int, unit: str) -> str:
    return f"{reverse('admin:' + URL_NAME)}?{urlencode({'year': year, 'unit': unit})}"


def grid_view(model_admin, request):
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    council = the_council()
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": "예산 입력표",
        "units": list(MONEY_UNITS),
    }
    if council is None:
        messages.error(request, "의회가 아직 등록되지 않았습니다. 의회를 먼저 등록하세요.")
        return TemplateResponse(request, "admin/budget/grid.html", context)
    query = YearForm(
        {
            "year": request.GET.get("year") or _default_year(council),
            "unit": request.GET.get("unit") or DEFAULT_UNIT,
        },
        auto_id="year_%s",
    )
    context["year_form"] = query
    if not query.is_valid():
        return TemplateResponse(request, "admin/budget/grid.html", context, status=400)
    year = query.cleaned_data["year"]
    unit = query.cleaned_data["unit"] or DEFAULT_UNIT
    may_save = request.user.has_perms(SAVE_PERMISSIONS)

    rows, total = grid_rows(council, year)
    if request.method == "POST":
        if not may_save:
            raise PermissionDenied
        form = GridForm(request.POST, rows=rows, year=year, unit=unit)
        if form.is_valid():
            try:
                saved = budget_year_amounts_save(
                    council=council,
                    year=year,
                    amounts=form.amounts(),
                    user=request.user,
                    seen=seen_amounts(form.cleaned_data["seen"]),
                )
            except ValidationError as error:
                if _is_conflict(error):
                    # Saving again after reading the message is a deliberate choice.
                    data = request.POST.copy()
                    data["seen"] = seen_text(rows)
                    form = GridForm(data, rows=rows, year=year, unit=unit)
                    form.is_valid()
                _errors_onto(form, error)
            else:
                unit = form.cleaned_data["unit"]
                if saved.changed:
                    messages.success(
                        request,
                        f"{year}년 본예산을 저장했습니다: 새로 입력 {saved.created}건, "
                        f"변경 {saved.updated}건, 삭제 {saved.deleted}건.",
                    )
                else:
                    messages.info(request, f"{year}년 본예산에 바뀐 금액이 없습니다.")
                return HttpResponseRedirect(grid_url(year, unit))
        status = 400
    else:
        form = GridForm(rows=rows, year=year, unit=unit)
        status = 200

    for name in form.errors:  # each input says it is wrong and where its message is
        if name in form.fields and name != "unit":
            form.fields[name].widget.attrs.update(
                {"aria-invalid": "true", "aria-describedby": f"id_{name}_error"}
            )
    unit = form.fields["unit"].initial
    for row in [*rows, total]:
        row.previous_text = amount_text(row.previous, unit) or "-"
        row.current_text = amount_text(row.current, unit) or "-"
    years_with_amounts = set(
        BudgetAmount.objects.filter(item__council=council, kind=KIND)
        .values_list("year", flat=True)
        .distinct()
    )
    context.update(
        {
            "title": f"{year}년 예산 입력표",
            "council": council,
            "year": year,
            "previous_year": year - 1,
            "unit": unit,
            "form": form,
            "rows": [(row, form[row.field_name] if row.is_category else None) for row in rows],
            "total": total,
            "may_save": may_save,
            "is_new_year": year not in years_with_amounts,
            "previous_url": grid_url(year - 1, unit),
            "next_year": year + 1,
            "next_url": grid_url(year + 1, unit),
            "next_is_new": (year + 1) not in years_with_amounts,
        }
    )
    return TemplateResponse(request, "admin/budget/grid.html", context, status=status)


def _is_conflict(error: ValidationError) -> bool:
    return hasattr(error, "error_dict") and any(
        e.code == "edit_conflict" for errors in error.error_dict.values() for e in errors
    )


def _errors_onto(form: GridForm, error: ValidationError) -> None:
    """The service's refusal, on the input of the row it names (keys are item ids)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for key, messages_ in error.message_dict.items():
        name = f"amount_{key}"
        form.add_error(name if name in form.fields else None, messages_)
