"""The secretariat's screens for outreach: PR figures by year and channel, press coverage,
SNS metrics and targets, citizen monitors, school visits, community activities, seminars and
training.

Totals (a year's press coverage, a cohort's monitors, a visit's visitors) are computed and
shown read-only, never stored.
"""

from collections import Counter

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Sum
from django.forms.models import BaseInlineFormSet

from common.admin import AuditedModelAdmin, won
from outreach import rules, services
from outreach.models import (
    ChannelMetric,
    CommunityActivity,
    Monitor,
    MonitorActivity,
    MonitorCohort,
    PRChannel,
    PressCoverage,
    PRFigure,
    PRTarget,
    PRYear,
    RoomRentalYear,
    SchoolVisit,
    StudyEvent,
    VisitApplication,
    VisitProgramSettings,
)

# ---------------------------------------------------------------- seminars, training, community


@admin.register(StudyEvent)
class StudyEventAdmin(AuditedModelAdmin):
    list_display = [
        "place",
        "kind",
        "starts_on",
        "ends_on",
        "members_count",
        "staff_count",
        "participants",
        "cost_display",
    ]
    list_filter = ["kind", ("starts_on", admin.DateFieldListFilter), "council"]
    search_fields = ["place", "content"]
    ordering = ["kind", "-starts_on"]
    date_hierarchy = "starts_on"
    fieldsets = [
        (
            None,
            {"fields": ["council", "kind", ("starts_on", "ends_on", "nights"), "place", "content"]},
        ),
        ("참가자", {"fields": [("members_count", "staff_count"), "participants"]}),
        ("예산", {"fields": [("cost", "cost_per_person")]}),
    ]
    readonly_fields = ["participants"]

    @admin.display(description="참가 인원 합계(명)")
    def participants(self, obj):
        return obj.participants if obj.pk else "-"

    @admin.display(description="소요예산", ordering="cost")
    def cost_display(self, obj):
        return won(obj.cost)


@admin.register(CommunityActivity)
class CommunityActivityAdmin(AuditedModelAdmin):
    list_display = ["title", "year", "period", "count", "unit", "detail", "order"]
    list_filter = ["year", "council"]
    search_fields = ["title", "detail"]
    ordering = ["-year", "order", "pk"]


# ---------------------------------------------------------------- PR figures


class PRFigureInline(admin.TabularInline):
    model = PRFigure
    extra = 0
    fields = ["channel", "count", "cost"]
    autocomplete_fields = ["channel"]

    def get_queryset(self, request):
        # PRFigure.__str__ (shown on each row) names the year and the channel.
        return super().get_queryset(request).select_related("pr_year", "channel")


class PressCoverageInline(admin.TabularInline):
    model = PressCoverage
    extra = 0
    fields = ["tier", "count"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("pr_year")


@admin.register(PRYear)
class PRYearAdmin(AuditedModelAdmin):
    list_display = ["__str__", "year", "counted_until", "coverage_total", "council"]
    list_filter = ["council"]
    list_select_related = ["council"]
    search_fields = ["year"]
    ordering = ["-year"]
    fields = ["council", "year", "counted_until", "coverage_total"]
    readonly_fields = ["coverage_total"]
    inlines = [PRFigureInline, PressCoverageInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_coverage_total=Sum("coverage__count"))

    @admin.display(description="언론보도 합계(건)", ordering="_coverage_total")
    def coverage_total(self, obj):
        return getattr(obj, "_coverage_total", None) or 0


@admin.register(PRChannel)
class PRChannelAdmin(AuditedModelAdmin):
    list_display = ["name", "measure", "unit", "remark", "order"]
    list_editable = ["order"]
    list_filter = ["measure", "council"]
    search_fields = ["name", "remark"]
    ordering = ["order", "name"]


@admin.register(PRFigure)
class PRFigureAdmin(AuditedModelAdmin):
    list_display = ["__str__", "pr_year", "channel", "count", "cost_display"]
    list_filter = ["pr_year", "channel"]
    list_select_related = ["pr_year", "channel"]
    search_fields = ["channel__name", "pr_year__year"]
    ordering = ["-pr_year__year", "channel__order"]
    autocomplete_fields = ["channel"]

    @admin.display(description="비용", ordering="cost")
    def cost_display(self, obj):
        return won(obj.cost)


@admin.register(PressCoverage)
class PressCoverageAdmin(AuditedModelAdmin):
    list_display = ["__str__", "pr_year", "tier", "count"]
    list_filter = ["pr_year", "tier"]
    list_select_related = ["pr_year"]
    search_fields = ["pr_year__year"]
    ordering = ["-pr_year__year", "tier"]


@admin.register(ChannelMetric)
class ChannelMetricAdmin(AuditedModelAdmin):
    list_display = ["platform", "metric", "year", "value", "unit", "approximate", "note"]
    list_filter = ["year", "platform", "approximate"]
    search_fields = ["platform", "metric", "note"]
    ordering = ["-year", "order", "pk"]


@admin.register(PRTarget)
class PRTargetAdmin(AuditedModelAdmin):
    list_display = ["__str__", "year", "channel", "target", "target_max", "unit_cost_display"]
    list_filter = ["year", "channel"]
    list_select_related = ["channel"]
    search_fields = ["channel__name", "description"]
    ordering = ["-year", "channel__order"]
    autocomplete_fields = ["channel"]

    @admin.display(description="단가", ordering="unit_cost")
    def unit_cost_display(self, obj):
        return won(obj.unit_cost)


# ---------------------------------------------------------------- citizen monitors


class MonitorFormSet(BaseInlineFormSet):
    """The cohort page holds every monitor of the cohort, so the per-member limit
    (outreach/rules.py) is counted over its rows, new and saved alike: four new rows for one
    member typed at once are refused together."""

    def clean(self):
        super().clean()
        limit = self.instance.max_per_member
        counts = Counter(
            form.cleaned_data["recommended_by"]
            for form in self.forms
            if form.cleaned_data.get("recommended_by") and not form.cleaned_data.get("DELETE")
        )
        over = rules.members_over_limit(counts, limit=limit)
        if over:
            names = ", ".join(member.name for member in over)
            raise ValidationError(
                f"의원 한 명은 의정모니터를 {limit}명까지 추천할 수 있습니다. "
                f"한도를 넘은 의원: {names}"
            )


class MonitorInline(admin.TabularInline):
    model = Monitor
    formset = MonitorFormSet
    extra = 0
    fields = ["name", "recommended_by", "recommended_on", "resident_since", "opinions_submitted"]
    autocomplete_fields = ["recommended_by"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("recommended_by")


@admin.register(MonitorCohort)
class MonitorCohortAdmin(AuditedModelAdmin):
    list_display = [
        "__str__",
        "operated",
        "starts_on",
        "ends_on",
        "planned_size",
        "appointed_display",
    ]
    list_filter = ["operated", "term_number", "council"]
    search_fields = ["note", "basis"]
    ordering = ["-term_number", "-half"]
    fieldsets = [
        (
            None,
            {"fields": ["council", ("term_number", "half"), "operated", ("starts_on", "ends_on")]},
        ),
        ("인원", {"fields": ["planned_size", "appointed_count", "appointed_display"]}),
        ("조례 기준", {"fields": ["max_per_member", "min_residency_years", "basis"]}),
        (None, {"fields": ["note"]}),
    ]
    readonly_fields = ["appointed_display"]
    inlines = [MonitorInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_monitor_count=Count("monitors"))

    @admin.display(description="위촉 인원(집계)")
    def appointed_display(self, obj):
        # With a list of monitors the count comes from the list; older cohorts have only
        # the number the seed gives.
        count = getattr(obj, "_monitor_count", 0)
        if count:
            return f"{count}명 (명단 기준)"
        if obj.appointed_count is not None:
            return f"{obj.appointed_count}명"
        return "-"


class MonitorForm(forms.ModelForm):
    """One monitor's page: the record's own checks, then the member's limit in the cohort."""

    class Meta:
        model = Monitor
        fields = [
            "cohort",
            "name",
            "recommended_by",
            "recommended_on",
            "resident_since",
            "opinions_submitted",
        ]

    def _post_clean(self):
        super()._post_clean()
        error = services.monitor_quota_error(self.instance)
        if error:
            self.add_error("recommended_by", error)


@admin.register(Monitor)
class MonitorAdmin(AuditedModelAdmin):
    form = MonitorForm
    list_display = [
        "name",
        "cohort",
        "recommended_by",
        "recommended_on",
        "resident_since",
        "opinions_submitted",
    ]
    list_filter = ["cohort", "recommended_by"]
    list_select_related = ["cohort", "recommended_by"]
    search_fields = ["name", "recommended_by__name"]
    ordering = ["cohort", "name"]
    autocomplete_fields = ["recommended_by"]


@admin.register(MonitorActivity)
class MonitorActivityAdmin(AuditedModelAdmin):
    list_display = ["__str__", "year", "kind", "count", "place", "participants", "note"]
    list_filter = ["year", "kind"]
    search_fields = ["place", "note"]
    ordering = ["-year", "kind"]


# ---------------------------------------------------------------- school visits


@admin.register(SchoolVisit)
class SchoolVisitAdmin(AuditedModelAdmin):
    list_display = [
        "school",
        "level",
        "starts_on",
        "ends_on",
        "times",
        "pupils",
        "teachers",
        "visitors",
    ]
    list_filter = ["level", ("starts_on", admin.DateFieldListFilter)]
    search_fields = ["school", "description"]
    ordering = ["-starts_on"]
    date_hierarchy = "starts_on"
    fieldsets = [
        (None, {"fields": ["council", ("school", "level"), "description"]}),
        ("일정", {"fields": [("starts_on", "ends_on"), "times"]}),
        ("인원", {"fields": [("pupils", "teachers"), "visitors"]}),
    ]
    readonly_fields = ["visitors"]

    @admin.display(description="방문 인원 합계(명)")
    def visitors(self, obj):
        return obj.visitors if obj.pk else "-"


# ---------------------------------------------------------------- school visit applications


@admin.register(VisitProgramSettings)
class VisitProgramSettingsAdmin(AuditedModelAdmin):
    list_display = [
        "__str__",
        "accepting",
        "lead_days",
        "horizon_days",
        "min_pupils",
        "max_pupils",
        "retention_months",
    ]
    list_select_related = ["council"]
    search_fields = ["council__name"]
    ordering = ["council"]
    fieldsets = [
        (None, {"fields": ["council", "accepting"]}),
        ("신청 기간", {"fields": ["lead_days", "horizon_days"]}),
        ("인원", {"fields": [("min_pupils", "max_pupils"), ("min_teachers", "max_teachers")]}),
        ("개인정보", {"fields": ["retention_months"]}),
    ]


@admin.register(VisitApplication)
class VisitApplicationAdmin(AuditedModelAdmin):
    """Schools' requests, with the contact's personal data (staff only).

    The school's own answers are read-only; staff decide (승인/반려) with the list's actions,
    which call the services of outreach/services.py (recording who decided and when, and
    making the 지방의회 체험 record of an approved request), and note why in the form.
    """

    list_display = [
        "school",
        "level",
        "wished_date",
        "program",
        "pupils",
        "teachers",
        "status",
        "submitted_at",
    ]
    list_filter = ["status", "program", "level", ("wished_date", admin.DateFieldListFilter)]
    list_select_related = ["council"]
    search_fields = ["school", "contact_name", "email", "phone"]
    ordering = ["-submitted_at"]
    date_hierarchy = "wished_date"
    fieldsets = [
        (
            "신청 내용",
            {
                "fields": [
                    "council",
                    ("school", "level"),
                    ("wished_date", "program"),
                    ("pupils", "teachers"),
                    "message",
                    "submitted_at",
                ]
            },
        ),
        ("담당자 (개인정보)", {"fields": ["contact_name", "phone", "email"]}),
        (
            "처리",
            {"fields": ["status", "decision_note", ("decided_by", "decided_at"), "school_visit"]},
        ),
    ]
    readonly_fields = [
        "council",
        "school",
        "level",
        "wished_date",
        "program",
        "pupils",
        "teachers",
        "message",
        "submitted_at",
        "contact_name",
        "phone",
        "email",
        "status",
        "decided_by",
        "decided_at",
        "school_visit",
    ]
    actions = ["approve", "approve_and_record_visit", "reject"]

    def has_add_permission(self, request):
        return False  # schools apply through the public form

    def _decide(self, request, queryset, status, *, record_visit=False):
        done = 0
        for application in queryset:
            try:
                application = services.decide_visit_application(
                    application=application, status=status, decided_by=request.user
                )
                if record_visit:
                    services.create_school_visit(application=application, decided_by=request.user)
            except ValueError as error:
                self.message_user(request, f"{application.school}: {error}", messages.ERROR)
                continue
            done += 1
        if done:
            label = VisitApplication.Status(status).label
            self.message_user(request, f"신청 {done}건을 {label}했습니다.", messages.SUCCESS)

    @admin.action(description="선택한 신청 승인", permissions=["change"])
    def approve(self, request, queryset):
        self._decide(request, queryset, VisitApplication.Status.APPROVED)

    @admin.action(description="선택한 신청 승인하고 체험 실적 만들기", permissions=["change"])
    def approve_and_record_visit(self, request, queryset):
        self._decide(request, queryset, VisitApplication.Status.APPROVED, record_visit=True)

    @admin.action(description="선택한 신청 반려", permissions=["change"])
    def reject(self, request, queryset):
        self._decide(request, queryset, VisitApplication.Status.REJECTED)


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
