"""The secretariat's screens for the council itself: term, members, committees, the
secretariat's units, staff quotas and the yearly work plan with its projects.

Labels come from the models' verbose names, so everything a clerk sees is Korean. Figures that
can be derived (staff totals, a plan item's amount) are shown read-only and never stored.

A project's multi-year financing (연차별 소요재원) belongs to the budget app; council must not
import budget, so budget/admin.py re-registers ProjectAdmin with that inline added.
"""

from django.contrib import admin
from django.db import models
from django.db.models import Count, Sum

from council import figures
from council.admin_base import AuditedModelAdmin
from council.models import (
    Committee,
    CommitteeMembership,
    Council,
    DataVersion,
    Member,
    PlanItem,
    Project,
    ProjectExhibit,
    ProjectSection,
    Purchase,
    RoomRentalYear,
    SecretariatUnit,
    StaffQuota,
    StaffTable,
    Term,
    WorkPlan,
)


def won(value):
    """Money for the admin, exact to the won: "1,234,000원"; "-" when unknown."""
    text = figures.format_money(value, "원")
    return text if value is None else f"{text}원"


# Addresses typed without a scheme ("www.geumcheon.go.kr") are public sites served over https.
HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}

# ---------------------------------------------------------------- council, term, members


@admin.register(Council)
class CouncilAdmin(AuditedModelAdmin):
    list_display = ["name", "district", "slogan", "website"]
    search_fields = ["name", "district"]
    ordering = ["name"]
    formfield_overrides = HTTPS_URLS


class MemberInline(admin.TabularInline):
    model = Member
    extra = 0
    fields = ["name", "role", "party", "constituency"]
    show_change_link = True


@admin.register(Term)
class TermAdmin(AuditedModelAdmin):
    list_display = ["__str__", "council", "number", "seats", "starts_on", "ends_on", "member_count"]
    list_filter = ["council"]
    list_select_related = ["council"]
    search_fields = ["council__name", "number"]
    ordering = ["council", "-number"]
    inlines = [MemberInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_member_count=Count("members"))

    @admin.display(description="등록된 의원(명)", ordering="_member_count")
    def member_count(self, obj):
        return obj._member_count


class MembershipOfMemberInline(admin.TabularInline):
    model = CommitteeMembership
    extra = 0
    fields = ["committee", "role"]
    verbose_name = "소속 위원회"
    verbose_name_plural = "소속 위원회"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("committee", "member")


@admin.register(Member)
class MemberAdmin(AuditedModelAdmin):
    list_display = ["name", "role", "party", "constituency", "term"]
    list_filter = ["term", "role", "party"]
    list_select_related = ["term__council"]
    search_fields = ["name", "party", "constituency"]
    ordering = ["term", "name"]
    inlines = [MembershipOfMemberInline]


class CommitteeMembershipInline(admin.TabularInline):
    model = CommitteeMembership
    extra = 0
    fields = ["member", "role"]
    autocomplete_fields = ["member"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("committee", "member")


@admin.register(Committee)
class CommitteeAdmin(AuditedModelAdmin):
    list_display = ["name", "short_name", "kind", "slug", "order", "member_count", "council"]
    list_display_links = ["name"]
    list_editable = ["order"]
    list_filter = ["kind", "council"]
    list_select_related = ["council"]
    search_fields = ["name", "short_name", "slug"]
    ordering = ["order", "name"]
    prepopulated_fields = {"slug": ["short_name"]}
    inlines = [CommitteeMembershipInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_member_count=Count("memberships"))

    @admin.display(description="위원(명)", ordering="_member_count")
    def member_count(self, obj):
        return obj._member_count


@admin.register(CommitteeMembership)
class CommitteeMembershipAdmin(AuditedModelAdmin):
    list_display = ["member", "committee", "role"]
    list_filter = ["committee", "role"]
    list_select_related = ["member", "committee"]
    search_fields = ["member__name", "committee__name", "committee__short_name"]
    ordering = ["committee__order", "member__name"]
    autocomplete_fields = ["member"]


# ---------------------------------------------------------------- secretariat and staff


@admin.register(SecretariatUnit)
class SecretariatUnitAdmin(AuditedModelAdmin):
    list_display = ["name", "kind", "phone", "order", "council"]
    list_editable = ["order"]
    list_filter = ["kind", "council"]
    list_select_related = ["council"]
    search_fields = ["name", "duties"]
    ordering = ["order", "name"]


class StaffQuotaInline(admin.TabularInline):
    model = StaffQuota
    extra = 0
    fields = ["category", "grade", "authorised", "current"]


@admin.register(StaffTable)
class StaffTableAdmin(AuditedModelAdmin):
    list_display = ["__str__", "basis_date", "authorised_total", "current_total", "council"]
    list_filter = ["council"]
    list_select_related = ["council"]
    search_fields = ["council__name", "note"]
    ordering = ["-basis_date"]
    date_hierarchy = "basis_date"
    fields = ["council", "basis_date", "authorised_total", "current_total", "note"]
    readonly_fields = ["authorised_total", "current_total"]
    inlines = [StaffQuotaInline]

    def get_queryset(self, request):
        # One query for the changelist's totals instead of one per row.
        return (
            super()
            .get_queryset(request)
            .annotate(_authorised=Sum("quotas__authorised"), _current=Sum("quotas__current"))
        )

    @admin.display(description="정원 합계(명)", ordering="_authorised")
    def authorised_total(self, obj):
        return getattr(obj, "_authorised", None) or 0

    @admin.display(description="현원 합계(명)", ordering="_current")
    def current_total(self, obj):
        return getattr(obj, "_current", None) or 0


@admin.register(StaffQuota)
class StaffQuotaAdmin(AuditedModelAdmin):
    list_display = ["__str__", "category", "grade", "authorised", "current", "table"]
    list_filter = ["table", "category", "grade"]
    list_select_related = ["table"]
    search_fields = ["table__note"]
    ordering = ["table", "category", "grade"]


# ---------------------------------------------------------------- work plan and projects


class ProjectInline(admin.TabularInline):
    """The plan's projects at a glance; each opens its own page for the long texts."""

    model = Project
    extra = 0
    fields = ["number", "title", "is_new", "team"]
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("team")


@admin.register(WorkPlan)
class WorkPlanAdmin(AuditedModelAdmin):
    list_display = ["__str__", "year", "issued_on", "project_count", "staff_table", "council"]
    list_filter = ["council"]
    list_select_related = ["council", "staff_table"]
    search_fields = ["year", "council__name"]
    ordering = ["-year"]
    inlines = [ProjectInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_project_count=Count("projects"))

    @admin.display(description="주요사업(개)", ordering="_project_count")
    def project_count(self, obj):
        return obj._project_count


class ProjectSectionInline(admin.StackedInline):
    model = ProjectSection
    extra = 0
    fields = [("kind", "order"), "heading", "body"]


class ProjectExhibitInline(admin.TabularInline):
    model = ProjectExhibit
    extra = 0
    fields = ["kind", "section", "order"]


class PlanItemInline(admin.StackedInline):
    model = PlanItem
    extra = 0
    fields = [
        ("title", "order"),
        "details",
        "schedule",
        ("quantity", "unit", "unit_cost"),
        "lump_sum",
        "amount_display",
    ]
    readonly_fields = ["amount_display"]

    @admin.display(description="금액(계산)")
    def amount_display(self, obj):
        return won(obj.amount) if obj.pk else "-"


class PurchaseInline(admin.TabularInline):
    model = Purchase
    extra = 0
    fields = ["item", "quantity", "amount", "order"]


@admin.register(Project)
class ProjectAdmin(AuditedModelAdmin):
    list_display = ["__str__", "status_label", "team", "plan"]
    list_filter = ["plan", "is_new", "team"]
    list_select_related = ["plan", "team"]
    search_fields = ["title", "number"]
    ordering = ["plan", "number"]
    fieldsets = [
        (None, {"fields": ["plan", ("number", "title"), ("is_new", "team")]}),
    ]
    inlines = [ProjectSectionInline, ProjectExhibitInline, PlanItemInline, PurchaseInline]

    @admin.display(description="구분")
    def status_label(self, obj):
        return obj.status_label


@admin.register(ProjectSection)
class ProjectSectionAdmin(AuditedModelAdmin):
    list_display = ["__str__", "project", "kind", "heading", "order"]
    list_filter = ["kind", "project__plan", "project"]
    list_select_related = ["project"]
    search_fields = ["heading", "body", "project__title"]
    ordering = ["project", "order", "pk"]
    autocomplete_fields = ["project"]


@admin.register(ProjectExhibit)
class ProjectExhibitAdmin(AuditedModelAdmin):
    list_display = ["kind", "project", "section", "order"]
    list_filter = ["kind", "section"]
    list_select_related = ["project"]
    search_fields = ["project__title"]
    ordering = ["project", "order", "pk"]
    autocomplete_fields = ["project"]


@admin.register(PlanItem)
class PlanItemAdmin(AuditedModelAdmin):
    list_display = [
        "title",
        "project",
        "schedule",
        "quantity",
        "unit",
        "unit_cost_display",
        "amount_display",
    ]
    list_filter = ["project__plan", "project"]
    list_select_related = ["project"]
    search_fields = ["title", "details", "project__title"]
    ordering = ["project", "order", "pk"]
    autocomplete_fields = ["project"]
    fieldsets = [
        (None, {"fields": ["project", "title", "details", "schedule", "order"]}),
        (
            "금액",
            {
                "fields": [("quantity", "unit", "unit_cost"), "lump_sum", "amount_display"],
                "description": "수량과 단가를 입력하면 금액은 수량 × 단가로 계산됩니다. "
                "수량·단가로 나타낼 수 없는 경우에만 금액을 직접 입력하세요.",
            },
        ),
    ]
    readonly_fields = ["amount_display"]

    @admin.display(description="단가")
    def unit_cost_display(self, obj):
        return won(obj.unit_cost)

    @admin.display(description="금액(계산)")
    def amount_display(self, obj):
        return won(obj.amount)


@admin.register(Purchase)
class PurchaseAdmin(AuditedModelAdmin):
    list_display = ["item", "project", "quantity", "amount_display", "order"]
    list_filter = ["project"]
    list_select_related = ["project"]
    search_fields = ["item", "project__title"]
    ordering = ["project", "order", "pk"]
    autocomplete_fields = ["project"]

    @admin.display(description="예산", ordering="amount")
    def amount_display(self, obj):
        return won(obj.amount)


@admin.register(RoomRentalYear)
class RoomRentalYearAdmin(AuditedModelAdmin):
    list_display = ["__str__", "year", "internal_count", "external_count", "total_count", "council"]
    list_filter = ["council"]
    list_select_related = ["council"]
    search_fields = ["year"]
    ordering = ["-year"]

    @admin.display(description="합계(건)")
    def total_count(self, obj):
        return obj.internal_count + obj.external_count


@admin.register(DataVersion)
class DataVersionAdmin(admin.ModelAdmin):
    """When each app's records last changed (council/versioning.py keeps these counters).

    Shown so staff can see what public pages report as 최종 수정; nobody edits them by hand,
    since caches of pages and of the work plan PDF are keyed on them.
    """

    list_display = ["scope", "version", "changed_at"]
    search_fields = ["scope"]
    ordering = ["scope"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
