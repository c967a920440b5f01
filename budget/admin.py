"""The secretariat's screens for the budget tree.

Amounts are entered on expense categories (편성목) only; every sub-total, change and change
rate is computed by budget.selectors / common.figures and shown read-only, never stored.
"""

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils.html import format_html, format_html_join

from budget import admin_grid, selectors
from budget.admin_import import BudgetImportAdminMixin
from budget.models import PATH_RELATED, PATH_SEPARATOR, BudgetAmount, BudgetItem, BudgetYear
from budget.services import budget_year_publish
from common import figures
from common.admin import AuditedModelAdmin, won
from common.forms import MONEY_FIELDS
from council.models import Council


def _comparisons(years):
    """{(council id, item id): BudgetNode} for each year against the year before it."""
    found = {}
    for council in Council.objects.filter(budget_items__isnull=False).distinct():
        for year in years:
            comparison = selectors.budget_comparison(council, year)
            if comparison is None:
                continue
            for node in comparison.total.walk():
                if node.item is not None:
                    found[(year, node.item.pk)] = node
    return found


def _change_columns(year, nodes):
    """list_display columns for one year's totals, change and rate, computed once per page."""

    def node_of(obj):
        return nodes.get((year, obj.pk))

    @admin.display(description=f"{year}년 본예산")
    def current(obj):
        node = node_of(obj)
        return won(node.current if node else None)

    @admin.display(description=f"{year - 1}년 본예산")
    def previous(obj):
        node = node_of(obj)
        return won(node.previous if node else None)

    @admin.display(description="증감")
    def change(obj):
        node = node_of(obj)
        return figures.format_change(node.change.delta) if node else "-"

    @admin.display(description="증감률")
    def rate(obj):
        node = node_of(obj)
        return node.change.rate_label() if node else "-"

    return [current, previous, change, rate]


class BudgetAmountInline(admin.TabularInline):
    formfield_overrides = MONEY_FIELDS
    model = BudgetAmount
    extra = 1
    fields = ["year", "kind", "amount"]
    ordering = ["-year", "kind"]


class BudgetChildInline(admin.TabularInline):
    """The items one level down; each opens its own page for its amounts or children."""

    model = BudgetItem
    fk_name = "parent"
    extra = 0
    fields = ["order", "name", "level"]
    show_change_link = True
    verbose_name = "하위 항목"
    verbose_name_plural = "하위 항목"

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)

        class ChildFormSet(formset):
            # A child belongs to its parent's council; the clerk is not asked for it again.
            def _construct_form(self, i, **form_kwargs):
                form = super()._construct_form(i, **form_kwargs)
                form.instance.council_id = self.instance.council_id
                return form

        return ChildFormSet


class PathSearchMixin:
    """Items named and searched by their path: rows come with their parents (one query),
    and a path typed or pasted as the pickers show it ("의정활동 지원 > 일반운영비") finds
    the item, each name matching any level."""

    def get_search_results(self, request, queryset, search_term):
        search_term = search_term.replace(PATH_SEPARATOR.strip(), " ")
        return super().get_search_results(request, queryset, search_term)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is BudgetItem:
            kwargs.setdefault("queryset", BudgetItem.objects.select_related(PATH_RELATED))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class UnitFilter(admin.RelatedFieldListFilter):
    """The 단위사업 an amount's 편성목 belongs to, each named by its path (one query)."""

    def field_choices(self, field, request, model_admin):
        units = BudgetItem.objects.filter(level=BudgetItem.Level.UNIT)
        return [(unit.pk, unit.path) for unit in units.select_related(PATH_RELATED)]


@admin.register(BudgetItem)
class BudgetItemAdmin(PathSearchMixin, BudgetImportAdminMixin, AuditedModelAdmin):
    change_list_template = "admin/budget/grid_changelist.html"  # links the grid and the import
    list_display = ["__str__", "level", "order"]
    list_filter = ["level", "council"]
    list_select_related = [PATH_RELATED]
    search_fields = [
        "name",
        "parent__name",
        "parent__parent__name",
        "parent__parent__parent__name",
    ]
    ordering = ["level", "order", "pk"]
    autocomplete_fields = ["parent"]
    fieldsets = [
        (None, {"fields": ["council", "parent", ("level", "order"), "name"]}),
        ("연도별 합계 (본예산, 자동 계산)", {"fields": ["totals_by_year"]}),
    ]
    readonly_fields = ["totals_by_year"]

    def get_queryset(self, request):
        # The autocomplete (AutocompleteJsonView) names each item by its path from these.
        return super().get_queryset(request).select_related(PATH_RELATED)

    def get_urls(self):
        return [*admin_grid.urls(self), *super().get_urls()]

    def get_list_display(self, request):
        # The latest budget year against the one before, for every row of the page, from two
        # queries (budget_comparison) instead of a sum per row.
        years = self._years()
        if not years:
            return self.list_display
        latest = years[-1]
        return [*self.list_display, *_change_columns(latest, _comparisons([latest]))]

    def get_inlines(self, request, obj):
        # Amounts go on expense categories only, sub-items under the other levels. A new item
        # gets them once saved, when its level (and so what belongs under it) is known.
        if obj is None:
            return []
        return [BudgetAmountInline] if obj.is_category else [BudgetChildInline]

    @staticmethod
    def _years():
        return sorted(set(BudgetAmount.objects.values_list("year", flat=True)))

    @admin.display(description="연도별 합계")
    def totals_by_year(self, obj):
        if obj.pk is None:
            return "저장하면 편성목 금액으로 계산됩니다."
        years = selectors.budget_years(obj.council)
        nodes = _comparisons(years)
        rows = [
            (year, nodes[(year, obj.pk)])
            for year in reversed(years)
            if (year, obj.pk) in nodes and nodes[(year, obj.pk)].current is not None
        ]
        if not rows:
            return "입력된 금액이 없습니다."
        return format_html(
            "<table><thead><tr><th>연도</th><th>본예산</th><th>전년 대비 증감</th>"
            "<th>증감률</th></tr></thead><tbody>{}</tbody></table>",
            format_html_join(
                "",
                "<tr><td>{}년</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                (
                    (
                        year,
                        won(node.current),
                        figures.format_change(node.change.delta),
                        node.change.rate_label(),
                    )
                    for year, node in rows
                ),
            ),
        )


@admin.register(BudgetAmount)
class BudgetAmountAdmin(PathSearchMixin, AuditedModelAdmin):
    formfield_overrides = MONEY_FIELDS
    list_display = ["item", "year", "kind", "amount_display"]
    list_filter = ["year", "kind", ("item__parent__parent", UnitFilter)]
    list_select_related = [f"item__{PATH_RELATED}"]
    search_fields = [
        "item__name",
        "item__parent__name",
        "item__parent__parent__name",
        "item__parent__parent__parent__name",
    ]
    ordering = ["-year", "item__order", "item__pk", "kind"]
    autocomplete_fields = ["item"]

    @admin.display(description="금액", ordering="amount")
    def amount_display(self, obj):
        return won(obj.amount)


# ---------------------------------------------------------------- publishing a year


@admin.register(BudgetYear)
class BudgetYearAdmin(AuditedModelAdmin):
    """Each year's budget: a draft (seen by staff only, with a "공개 전 미리보기" banner) until
    the action "선택한 연도 예산 공개" publishes it, after a page that says what will go
    public. Add a year here to publish the amounts entered for it."""

    list_display = ["year", "council", "state", "published_at", "published_by"]
    list_filter = ["council"]
    list_select_related = ["council", "published_by"]
    ordering = ["-year"]
    readonly_fields = ["published_at", "published_by"]
    actions = ["publish"]

    @admin.display(description="상태")
    def state(self, obj):
        return "공개" if obj.is_published else "공개 전 (초안)"

    @admin.action(description="선택한 연도 예산 공개", permissions=["change"])
    def publish(self, request, queryset):
        years = list(queryset.select_related("council").order_by("year"))
        drafts = [y for y in years if not y.is_published]
        if request.POST.get("confirm") != "yes":
            rows = [
                (
                    budget_year,
                    selectors.budget_comparison(budget_year.council, budget_year.year),
                )
                for budget_year in drafts
            ]
            return TemplateResponse(
                request,
                "budget/admin_publish_confirm.html",
                {
                    **self.admin_site.each_context(request),
                    "title": "예산 공개 확인",
                    "opts": self.model._meta,
                    "rows": rows,
                    "already": [y for y in years if y.is_published],
                    "selected": [y.pk for y in years],
                    "action_checkbox_name": ACTION_CHECKBOX_NAME,
                },
            )
        for budget_year in drafts:
            try:
                published = budget_year_publish(
                    council=budget_year.council, year=budget_year.year, user=request.user
                )
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
                continue
            self.log_change(request, published, "예산 공개")
            self.message_user(request, f"{published.year}년 예산을 공개했습니다.", messages.SUCCESS)
        return None
