"""The secretariat's screens for the yearly work plan: the plan, its projects with their
text sections, record tables, plan items, purchases and multi-year financing (연차별 소요재원).

Figures that can be derived (a plan item's amount, a project's yearly totals) are shown
read-only and never stored.
"""

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, F, Q, Sum
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_POST

from common.admin import AuditedModelAdmin, won
from common.forms import MONEY_FIELDS
from council.selectors import the_council
from council.words import council_words

from . import selectors
from .models import (
    Edition,
    PlanItem,
    Project,
    ProjectExhibit,
    ProjectFinancing,
    ProjectSection,
    Purchase,
    Rendition,
    WorkPlan,
)
from .report.builder import report_version
from .services import rendition_request, work_plan_publish, work_plan_roll_over


class ProjectInline(admin.TabularInline):
    """The plan's projects at a glance; each opens its own page for the long texts."""

    model = Project
    extra = 0
    fields = ["number", "title", "is_new", "team", "needs_review"]
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
    readonly_fields = ["pdf_state"]
    actions = ["publish", "roll_over"]

    @admin.action(description="다음 연도 주요업무계획 만들기", permissions=["add"])
    def roll_over(self, request, queryset):
        """Next year's draft of each chosen plan (workplan.services.work_plan_roll_over)."""
        for plan in queryset.order_by("year"):
            try:
                new = work_plan_roll_over(work_plan=plan, user=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                continue
            url = reverse("admin:workplan_project_changelist")
            messages.success(
                request,
                format_html(
                    '{}년 주요업무계획을 만들었습니다 (공개 전). <a href="{}?plan__id__exact={}'
                    '&needs_review__exact=1">검토할 사업</a>과 다시 쓸 사업 내용을 확인하세요.',
                    new.year,
                    url,
                    new.pk,
                ),
            )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_project_count=Count("projects"))

    def get_urls(self):
        make = self.admin_site.admin_view(require_POST(self.make_pdf_view))
        return [
            path("<int:object_id>/pdf/", make, name="workplan_workplan_make_pdf"),
            *super().get_urls(),
        ]

    def make_pdf_view(self, request, object_id: int):
        """ "PDF 만들기": ask a worker for the PDF of the records as they are now; returns at
        once, the change page then shows its state."""
        plan = get_object_or_404(WorkPlan, pk=object_id)
        if not self.has_change_permission(request, plan):
            raise PermissionDenied
        rendition = rendition_request(work_plan=plan, version=report_version(), again=True)
        if rendition.status == Rendition.Status.DONE:
            messages.success(
                request, "지금 자료로 만든 PDF가 이미 있습니다. 바로 내려받을 수 있습니다."
            )
        elif rendition.status == Rendition.Status.FAILED:
            messages.error(request, f"PDF를 만들지 못했습니다: {rendition.error}")
        else:
            messages.success(
                request,
                "PDF를 만들도록 요청했습니다. 보통 몇 초 걸리며, 상태는 아래 'PDF 상태'에 표시됩니다.",
            )
        return HttpResponseRedirect(reverse("admin:workplan_workplan_change", args=[plan.pk]))

    @admin.display(description="PDF 상태")
    def pdf_state(self, obj):
        """The state of the PDF of the records as they are now: 대기 / 처리 중 / 완료 / 실패
        (with the error), or not asked for yet."""
        if not obj.pk:
            return "-"
        rendition = obj.renditions.filter(version=report_version()).first()
        return rendition_state(rendition)

    @admin.display(description="주요사업(개)", ordering="_project_count")
    def project_count(self, obj):
        return obj._project_count

    def get_inlines(self, request, obj):
        # The editions (발행판) of a plan that has any, after its projects.
        return [ProjectInline, EditionInline] if obj is not None else [ProjectInline]

    @admin.action(description="선택한 주요업무계획 발행 (새 판 공개)", permissions=["change"])
    def publish(self, request, queryset):
        """Publish each selected plan as its next edition, after a page that says what goes
        public and asks for a note (개정판: 무엇을 고쳤는지). Returns at once; each edition's
        PDF is made by a worker, its state shown on the plan's page."""
        plans = list(queryset.select_related("council").order_by("year"))
        if request.POST.get("confirm") != "yes":
            rows = [(plan, plan.editions.order_by("-number").first()) for plan in plans]
            return TemplateResponse(
                request,
                "workplan/admin_publish_confirm.html",
                {
                    **self.admin_site.each_context(request),
                    "title": "주요업무계획 발행 확인",
                    "opts": self.model._meta,
                    "rows": rows,
                    "selected": [plan.pk for plan in plans],
                    "action_checkbox_name": ACTION_CHECKBOX_NAME,
                },
            )
        note = request.POST.get("note", "")[:300]
        for plan in plans:
            edition = work_plan_publish(work_plan=plan, user=request.user, note=note)
            self.log_change(request, plan, f"제{edition.number}판 발행")
            self.message_user(
                request,
                f"{plan.year}년 주요업무계획 제{edition.number}판을 발행했습니다. "
                f"PDF 상태: {edition.get_status_display()}.",
                messages.SUCCESS,
            )
        return None


class EditionInline(admin.TabularInline):
    """The plan's published editions: who published each and when, its note, its PDF's
    state (대기 / 처리 중 / 완료 / 실패) and its public address. Made by publishing only."""

    model = Edition
    extra = 0
    can_delete = False
    fields = ["number", "published_at", "published_by", "note", "pdf", "links"]
    readonly_fields = fields
    ordering = ["-number"]
    verbose_name = "발행판"
    verbose_name_plural = "발행판 (발행 이력)"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("plan", "published_by")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="PDF 상태")
    def pdf(self, obj):
        return rendition_state(obj)

    @admin.display(description="공개 주소")
    def links(self, obj):
        page = reverse("workplan:edition", args=[obj.plan.year, obj.number])
        pdf = reverse("workplan:edition_pdf", args=[obj.plan.year, obj.number])
        return format_html('<a href="{}">웹 페이지</a> · <a href="{}">PDF</a>', page, pdf)


class ProjectSectionInline(admin.StackedInline):
    model = ProjectSection
    extra = 0
    fields = [("kind", "order", "needs_review"), "heading", "body"]


class ProjectExhibitInline(admin.TabularInline):
    model = ProjectExhibit
    extra = 0
    fields = ["kind", "section", "order"]


class PlanItemInline(admin.StackedInline):
    formfield_overrides = MONEY_FIELDS
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
    formfield_overrides = MONEY_FIELDS
    model = Purchase
    extra = 0
    fields = ["item", "quantity", "amount", "order"]


class SourceChoicesMixin:
    """The financing source offered with the council's own words: "구비 (자체 재원)"."""

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "source":
            council = the_council()
            words = council_words(council.kind if council else None)
            kwargs["choices"] = [
                (source.value, f"{source.label_for(words)} ({source.label})")
                if source.label_for(words) != source.label
                else (source.value, source.label)
                for source in ProjectFinancing.Source
            ]
        return super().formfield_for_choice_field(db_field, request, **kwargs)


class ProjectFinancingInline(SourceChoicesMixin, admin.TabularInline):
    formfield_overrides = MONEY_FIELDS
    model = ProjectFinancing
    extra = 0
    fields = ["year", "source", "amount"]
    ordering = ["year", "source"]


@admin.register(Project)
class ProjectAdmin(AuditedModelAdmin):
    list_display = [
        "__str__",
        "status_label",
        "team",
        "plan",
        "plan_year_budget",
        "needs_review",
    ]
    list_filter = ["plan", "needs_review", "is_new", "team"]
    list_select_related = ["plan", "team"]
    search_fields = ["title", "number"]
    ordering = ["plan", "number"]
    fieldsets = [
        (None, {"fields": ["plan", ("number", "title"), ("is_new", "team"), "needs_review"]}),
        ("연차별 소요재원 (자동 계산)", {"fields": ["financing_summary"]}),
    ]
    readonly_fields = ["financing_summary"]
    inlines = [
        ProjectSectionInline,
        ProjectExhibitInline,
        PlanItemInline,
        PurchaseInline,
        ProjectFinancingInline,
    ]

    @admin.display(description="구분")
    def status_label(self, obj):
        return obj.status_label

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                _plan_year_budget=Sum(
                    "financing__amount", filter=Q(financing__year=F("plan__year"))
                )
            )
        )

    @admin.display(description="당해 연도 소요예산", ordering="_plan_year_budget")
    def plan_year_budget(self, obj):
        return won(obj._plan_year_budget)

    @admin.display(description="연도별 합계")
    def financing_summary(self, obj):
        table = (
            selectors.financing_tables([obj], obj.plan.council.words).get(obj.pk)
            if obj.pk
            else None
        )
        if table is None:
            return "아래 연차별 소요재원을 입력하고 저장하면 계산됩니다."
        return format_html(
            "<table><thead><tr><th>연도</th><th>합계</th></tr></thead>"
            "<tbody>{}<tr><th>계</th><th>{}</th></tr></tbody></table>",
            format_html_join(
                "",
                "<tr><td>{}년</td><td>{}</td></tr>",
                ((year, won(table.total.by_year[year])) for year in table.years),
            ),
            won(table.total.total),
        )


@admin.register(ProjectSection)
class ProjectSectionAdmin(AuditedModelAdmin):
    list_display = ["__str__", "project", "kind", "heading", "order", "needs_review"]
    list_filter = ["needs_review", "kind", "project__plan", "project"]
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
    formfield_overrides = MONEY_FIELDS
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
    formfield_overrides = MONEY_FIELDS
    list_display = ["item", "project", "quantity", "amount_display", "order"]
    list_filter = ["project"]
    list_select_related = ["project"]
    search_fields = ["item", "project__title"]
    ordering = ["project", "order", "pk"]
    autocomplete_fields = ["project"]

    @admin.display(description="예산", ordering="amount")
    def amount_display(self, obj):
        return won(obj.amount)


@admin.register(ProjectFinancing)
class ProjectFinancingAdmin(SourceChoicesMixin, AuditedModelAdmin):
    formfield_overrides = MONEY_FIELDS
    list_display = ["project", "year", "source_display", "amount_display"]
    list_filter = ["year", "source", "project__plan"]
    # Each row's name says the source as its council calls it (ProjectFinancing.__str__).
    list_select_related = ["project__plan__council"]
    search_fields = ["project__title"]
    ordering = ["project", "year", "source"]
    autocomplete_fields = ["project"]

    @admin.display(description="금액", ordering="amount")
    def amount_display(self, obj):
        return won(obj.amount)

    @admin.display(description="재원", ordering="source")
    def source_display(self, obj):
        return obj.source_label


def rendition_state(rendition: Rendition | Edition | None) -> str:
    """A rendition's (or an edition's PDF's) state in a clerk's words, with its times and
    the error if it failed."""
    if rendition is None:
        return "지금 자료로 만든 PDF가 아직 없습니다. 'PDF 만들기'를 누르거나 누군가 내려받으면 만들어집니다."
    local = timezone.localtime
    if rendition.status == Rendition.Status.DONE:
        return format_html(
            "{} ({} 완료, {}초 걸림)",
            rendition.get_status_display(),
            local(rendition.finished_at).strftime("%Y-%m-%d %H:%M"),
            f"{rendition.seconds:.1f}",
        )
    if rendition.status == Rendition.Status.RUNNING:
        return format_html(
            "{} ({} 시작, {}번째 시도)",
            rendition.get_status_display(),
            local(rendition.started_at).strftime("%H:%M:%S"),
            rendition.attempts,
        )
    if rendition.status == Rendition.Status.FAILED:
        return format_html(
            "{}: {} ({})",
            rendition.get_status_display(),
            rendition.error,
            local(rendition.finished_at).strftime("%Y-%m-%d %H:%M"),
        )
    if rendition.requested_at is None:  # an edition whose PDF nobody asked for yet
        return f"{rendition.get_status_display()} (처음 내려받을 때 만들어집니다)"
    return format_html(
        "{} ({} 요청, 작업자가 곧 시작합니다)",
        rendition.get_status_display(),
        local(rendition.requested_at).strftime("%H:%M:%S"),
    )


@admin.register(Rendition)
class RenditionAdmin(admin.ModelAdmin):
    """The PDFs workers made or are making, newest first: state, attempts, error, file."""

    list_display = ["work_plan", "state", "attempts", "requested_at", "finished_at", "download"]
    list_filter = ["status", "work_plan__year"]
    list_select_related = ["work_plan"]
    readonly_fields = [
        "work_plan",
        "version",
        "status",
        "attempts",
        "error",
        "requested_at",
        "started_at",
        "finished_at",
        "download",
    ]
    fields = readonly_fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="상태")
    def state(self, obj):
        return rendition_state(obj)

    @admin.display(description="파일")
    def download(self, obj):
        if obj.status != Rendition.Status.DONE:
            return "-"
        url = reverse("admin:workplan_rendition_file", args=[obj.pk])
        return format_html('<a href="{}">내려받기</a>', url)

    def get_urls(self):
        file_view = self.admin_site.admin_view(self.file_view)
        return [
            path("<int:object_id>/file/", file_view, name="workplan_rendition_file"),
            *super().get_urls(),
        ]

    def file_view(self, request, object_id: int):
        rendition = get_object_or_404(Rendition, pk=object_id, status=Rendition.Status.DONE)
        if not self.has_view_permission(request, rendition):
            raise PermissionDenied
        try:
            content = rendition.file.open("rb")
        except FileNotFoundError:
            raise Http404("저장소에 이 PDF 파일이 없습니다.") from None
        return FileResponse(
            content, content_type="application/pdf", as_attachment=True, filename=rendition.filename
        )


@admin.register(Edition)
class EditionAdmin(AuditedModelAdmin):
    """Every published edition of every plan, newest first: who published it and when, its
    note and its PDF's state. Made by publishing (WorkPlanAdmin's 발행), never edited."""

    list_display = ["plan", "number", "published_at", "published_by", "pdf"]
    list_filter = ["plan__year"]
    list_select_related = ["plan", "published_by"]
    ordering = ["-plan__year", "-number"]
    fields = ["plan", "number", "issued_on", "published_at", "published_by", "note", "pdf"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="PDF 상태")
    def pdf(self, obj):
        return rendition_state(obj)
