"""The yearly work plan (주요업무계획): its projects, their text sections, the record tables
shown inside them, plan items, purchases and multi-year financing.

The work plan sits above the apps it reports on: it points at the council's teams and staff
table; nothing below refers to it. The tables keep the names they had when these models
lived in council and budget (``db_table``), so no record moved when the app was made.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from council.models import Council, SecretariatUnit, StaffTable
from council.words import CouncilWords


class WorkPlanQuerySet(models.QuerySet):
    def published(self):
        """Plans with at least one edition: the public sees these only."""
        return self.filter(editions__isnull=False).distinct()


class WorkPlan(models.Model):
    """The annual work plan (전년도 주요업무 추진실적 및 당해연도 주요업무계획): a draft until
    published; each publication is a frozen, numbered Edition."""

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="work_plans", verbose_name="의회"
    )
    year = models.PositiveSmallIntegerField("계획 연도")
    issued_on = models.DateField("발행일", help_text="표지에는 연도와 월만 표시합니다.")
    staff_table = models.ForeignKey(
        StaffTable,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="게재할 인력 현황표",
    )

    objects = WorkPlanQuerySet.as_manager()

    class Meta:
        db_table = "council_workplan"
        verbose_name = "주요업무계획"
        verbose_name_plural = "주요업무계획"
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["council", "year"], name="workplan_unique_year"),
        ]

    def __str__(self):
        return f"{self.year - 1}. 주요업무 추진실적 및 {self.year}. 주요업무계획"

    def clean(self):
        if self.year and not 1990 <= self.year <= 2100:
            raise ValidationError({"year": "계획 연도는 1990년부터 2100년 사이여야 합니다."})


class Project(models.Model):
    """A work project (주요사업) of a year's plan."""

    plan = models.ForeignKey(
        WorkPlan, on_delete=models.CASCADE, related_name="projects", verbose_name="주요업무계획"
    )
    number = models.PositiveSmallIntegerField("연번", validators=[MinValueValidator(1)])
    title = models.CharField("사업명", max_length=100)
    is_new = models.BooleanField(
        "신규 사업", default=False, help_text="체크하면 '신규', 아니면 '계속' 사업입니다."
    )
    team = models.ForeignKey(
        SecretariatUnit,
        on_delete=models.PROTECT,
        related_name="projects",
        verbose_name="담당 팀",
        limit_choices_to={"kind": "team"},
    )
    needs_review = models.BooleanField(
        "검토 필요",
        default=False,
        help_text="전년도 계획에서 옮겨 온 사업입니다. 사업명, 추진계획 항목, 구매 품목, "
        "소요재원을 새 연도에 맞게 확인한 뒤 체크를 해제하세요.",
    )

    class Meta:
        db_table = "council_project"
        verbose_name = "주요사업"
        verbose_name_plural = "주요사업"
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="project_unique_number"),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    @property
    def status_label(self):
        return "신규" if self.is_new else "계속"


class ProjectSection(models.Model):
    """A block of a project's text: overview, achievements, plan or expected effects.

    The body is plain text, one line a paragraph; lines starting with "- " are bullets and
    leading spaces nest them, as in the printed plan.
    """

    class Kind(models.TextChoices):
        BACKGROUND = "background", "사업 실태 및 필요성"
        OVERVIEW = "overview", "사업개요"
        ACHIEVEMENT = "achievement", "추진실적"
        PLAN = "plan", "추진계획"
        EFFECT = "effect", "기대효과"

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="sections", verbose_name="주요사업"
    )
    kind = models.CharField("구분", max_length=20, choices=Kind.choices)
    heading = models.CharField("소제목", max_length=100, blank=True)
    body = models.TextField("내용", blank=True)
    order = models.PositiveSmallIntegerField("순서", default=0)
    needs_review = models.BooleanField(
        "다시 쓸 내용",
        default=False,
        help_text="전년도 계획의 글을 그대로 옮겨 왔습니다. 추진실적은 지난 한 해의 실적으로, "
        "추진계획은 새 연도의 계획으로 고쳐 쓴 뒤 체크를 해제하세요.",
    )

    # What a year-old text says of a year that has passed: rewritten when a plan is rolled
    # over to the next year (workplan.services.work_plan_roll_over).
    YEAR_BOUND_KINDS = (Kind.ACHIEVEMENT, Kind.PLAN)

    class Meta:
        db_table = "council_projectsection"
        verbose_name = "사업 내용"
        verbose_name_plural = "사업 내용"
        ordering = ["project", "order", "pk"]

    def __str__(self):
        return f"{self.project.number}. {self.get_kind_display()} {self.heading}".strip()


class ProjectExhibit(models.Model):
    """A table of records shown inside a project (seminars, sessions held, PR figures …)."""

    class Kind(models.TextChoices):
        SEMINARS = "seminars", "의원 세미나 실적"
        OVERSEAS = "overseas_visits", "해외비교시찰 실적"
        TRAININGS = "trainings", "역량개발교육 실적"
        COMMUNITY = "community", "지역활동 실적"
        ROOM_RENTALS = "room_rentals", "회의실 대관 실적"
        SESSIONS_HELD = "sessions_held", "전년도 회기 운영 실적"
        SESSIONS_PLANNED = "sessions_planned", "당해연도 회기 운영 계획"
        SESSION_RULES = "session_rules", "회기 운영 기준"
        MINUTES_RULES = "minutes_rules", "회의록 공개 기한"
        SCHOOL_VISITS = "school_visits", "지방의회 체험 실적"
        MONITOR_ACTIVITIES = "monitor_activities", "의정모니터 운영 실적"
        MONITOR_COHORT = "monitor_cohort", "의정모니터 운영 개요"
        PR_FIGURES = "pr_figures", "주요 홍보 실적"
        PR_METRICS = "pr_metrics", "SNS 등 세부 홍보 실적"
        PR_TARGETS = "pr_targets", "홍보 목표"
        PURCHASES = "purchases", "구매 목록"

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="exhibits", verbose_name="주요사업"
    )
    kind = models.CharField("표", max_length=30, choices=Kind.choices)
    section = models.CharField(
        "들어갈 곳",
        max_length=20,
        choices=ProjectSection.Kind.choices,
        default=ProjectSection.Kind.ACHIEVEMENT,
    )
    order = models.PositiveSmallIntegerField(
        "순서", default=0, help_text="같은 곳의 사업 내용과 함께 이 순서로 정렬됩니다."
    )

    class Meta:
        db_table = "council_projectexhibit"
        verbose_name = "사업 내 표"
        verbose_name_plural = "사업 내 표"
        ordering = ["project", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["project", "kind"], name="exhibit_unique_kind"),
        ]

    def __str__(self):
        return self.get_kind_display()


class PlanItem(models.Model):
    """A planned activity of a project with its schedule and cost.

    The amount is quantity × unit cost when both are given, otherwise the lump sum.
    """

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="plan_items", verbose_name="주요사업"
    )
    title = models.CharField("세부 추진계획", max_length=200)
    details = models.TextField("내용", blank=True)
    schedule = models.CharField("추진일정", max_length=100, blank=True)
    quantity = models.PositiveIntegerField("수량", null=True, blank=True)
    unit = models.CharField("단위", max_length=10, blank=True, help_text="예: 명, 세트, 개")
    unit_cost = models.PositiveBigIntegerField("단가(원)", null=True, blank=True)
    lump_sum = models.PositiveBigIntegerField(
        "금액(원)", null=True, blank=True, help_text="수량·단가로 계산하지 않는 경우에만 입력"
    )
    order = models.PositiveSmallIntegerField("순서", default=0)

    class Meta:
        db_table = "council_planitem"
        verbose_name = "추진계획 항목"
        verbose_name_plural = "추진계획 항목"
        ordering = ["project", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(quantity__isnull=True) & Q(unit_cost__isnull=True))
                | (
                    Q(quantity__isnull=False)
                    & Q(unit_cost__isnull=False)
                    & Q(lump_sum__isnull=True)
                ),
                name="planitem_amount_one_way",
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if (self.quantity is None) != (self.unit_cost is None):
            raise ValidationError("수량과 단가는 함께 입력하거나 함께 비워 두어야 합니다.")
        if self.quantity is not None and self.lump_sum is not None:
            raise ValidationError(
                {
                    "lump_sum": "수량·단가를 입력했으면 금액은 비워 두세요. "
                    "금액은 수량 × 단가로 계산됩니다."
                }
            )

    @property
    def amount(self):
        if self.quantity is not None and self.unit_cost is not None:
            return self.quantity * self.unit_cost
        return self.lump_sum


class Purchase(models.Model):
    """An item a project buys (구매 목록)."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="purchases", verbose_name="주요사업"
    )
    item = models.CharField("품목", max_length=50)
    quantity = models.PositiveIntegerField("수량", validators=[MinValueValidator(1)])
    amount = models.PositiveBigIntegerField("예산(원)")
    order = models.PositiveSmallIntegerField("순서", default=0)

    class Meta:
        db_table = "council_purchase"
        verbose_name = "구매 품목"
        verbose_name_plural = "구매 품목"
        ordering = ["project", "order", "pk"]

    def __str__(self):
        return self.item


class ProjectFinancing(models.Model):
    """연차별 소요재원: a work project's money for one year from one source.

    The sources are stored by what they are to the council (its own government's money, the
    upper tier's, the nation's); what they are called (구비 or 시비, 시비 or 도비) follows the
    council's kind: Source.label_for(council.words). The stored values keep their old names.
    """

    class Source(models.TextChoices):
        OWN = "district", "자체 재원"
        UPPER_TIER = "city", "상급 자치단체 재원"
        NATIONAL = "national", "국비"
        OTHER = "other", "기타"

        def label_for(self, words: CouncilWords) -> str:
            """What the council calls this source: 구비/시비/국비 for a district council,
            시비/도비/국비 for a city council …"""
            source = type(self)
            if self is source.OWN:
                return words.own_funds
            if self is source.UPPER_TIER:
                return words.upper_funds or self.label
            if self is source.NATIONAL:
                return words.national_funds
            return self.label

    SOURCE_ORDER = [Source.OWN, Source.UPPER_TIER, Source.NATIONAL, Source.OTHER]

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="financing", verbose_name="주요사업"
    )
    year = models.PositiveSmallIntegerField("연도")
    source = models.CharField(
        "재원",
        max_length=10,
        choices=Source.choices,
        default=Source.OWN,
        help_text="자체 재원은 의회가 속한 자치단체의 예산(구비·시비·군비·도비), 상급 자치단체 "
        "재원은 자치구·시·군이 받는 시비·도비입니다. 공개 화면에는 의회 종류에 맞는 이름으로 "
        "표시됩니다.",
    )
    amount = models.BigIntegerField("금액(원)")

    class Meta:
        db_table = "budget_projectfinancing"
        verbose_name = "연차별 소요재원"
        verbose_name_plural = "연차별 소요재원"
        ordering = ["project", "year", "source"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "year", "source"],
                name="financing_unique_year_source",
                violation_error_message="이 사업의 같은 연도·재원 금액이 이미 있습니다.",
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="financing_non_negative",
                violation_error_message="소요재원은 0원 이상이어야 합니다.",
            ),
        ]

    def __str__(self):
        return f"{self.project} {self.year}년 {self.source_label}"

    @property
    def source_label(self) -> str:
        """The source as the project's council calls it (구비, 시비, 도비 …)."""
        return self.Source(self.source).label_for(self.project.plan.council.words)

    def clean(self):
        if self.amount is not None and self.amount < 0:
            raise ValidationError({"amount": "소요재원은 0원 이상이어야 합니다."})


class Rendition(models.Model):
    """A work plan's PDF made from the records as they were at one data version: rendered
    by a task (workplan/tasks.py), kept through Django's storage API, served as it is until
    a record it shows changes. Output, not a record (settings.DERIVED_MODELS): no history,
    no data version. One per plan and version, so one version is never rendered twice."""

    class Status(models.TextChoices):
        QUEUED = "queued", "대기"
        RUNNING = "running", "처리 중"
        DONE = "done", "완료"
        FAILED = "failed", "실패"

    work_plan = models.ForeignKey(
        WorkPlan, on_delete=models.CASCADE, related_name="renditions", verbose_name="주요업무계획"
    )
    # common.versioning.version_key() of the report's scopes when it was asked for.
    version = models.CharField("자료 버전", max_length=64)
    status = models.CharField("상태", max_length=10, choices=Status.choices, default=Status.QUEUED)
    file = models.FileField("PDF 파일", upload_to="workplan/pdf/", blank=True)
    filename = models.CharField("내려받을 파일 이름", max_length=200, blank=True)
    error = models.TextField("오류", blank=True)
    attempts = models.PositiveSmallIntegerField("시도 횟수", default=0)
    requested_at = models.DateTimeField("요청 시각", auto_now_add=True)
    started_at = models.DateTimeField("시작 시각", null=True, blank=True)
    finished_at = models.DateTimeField("완료 시각", null=True, blank=True)

    class Meta:
        verbose_name = "주요업무계획 PDF"
        verbose_name_plural = "주요업무계획 PDF"
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["work_plan", "version"], name="rendition_unique_version"
            ),
            models.CheckConstraint(
                condition=~Q(status="done") | ~Q(file=""), name="rendition_done_has_file"
            ),
        ]

    def __str__(self):
        return f"{self.work_plan.year}년 주요업무계획 PDF ({self.get_status_display()})"

    @property
    def seconds(self) -> float | None:
        """How long the last attempt took to render, once it finished."""
        if self.started_at and self.finished_at:
            return (self.finished_at - self.started_at).total_seconds()
        return None


class Edition(models.Model):
    """A published edition (제n판) of a work plan, frozen when it was published: the page's
    body and the print document as HTML, and the PDF a task renders from that print HTML
    (kept through Django's default storage). Whatever records change later, the public page
    and PDF of an edition stay as they were; a correction is the next edition (개정판), and
    earlier ones stay listed and downloadable. Its PDF's state (대기 / 처리 중 / 완료 / 실패)
    is written by the task with UPDATEs, which make no history and no data version."""

    Status = Rendition.Status

    plan = models.ForeignKey(
        WorkPlan, on_delete=models.PROTECT, related_name="editions", verbose_name="주요업무계획"
    )
    number = models.PositiveSmallIntegerField("판", validators=[MinValueValidator(1)])
    published_at = models.DateTimeField("발행 시각")
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="발행한 사람",
    )
    note = models.CharField(
        "발행 메모", max_length=300, blank=True, help_text="예: 개정판: 무엇을 고쳤는지"
    )
    issued_on = models.DateField("표지 발행일")  # the plan's issued_on, as it was published
    # common.versioning.version_key() of the report's scopes when it was published: a plan
    # whose records changed since shows its live draft to staff.
    version = models.CharField("자료 버전", max_length=64)
    html = models.TextField("본문 HTML")
    print_html = models.TextField("인쇄용 HTML")
    status = models.CharField(
        "PDF 상태", max_length=10, choices=Rendition.Status.choices, default=Status.QUEUED
    )
    file = models.FileField("PDF 파일", upload_to="workplan/editions/", blank=True)
    filename = models.CharField("내려받을 파일 이름", max_length=200, blank=True)
    error = models.TextField("오류", blank=True)
    attempts = models.PositiveSmallIntegerField("시도 횟수", default=0)
    requested_at = models.DateTimeField("PDF 요청 시각", null=True, blank=True)
    started_at = models.DateTimeField("시작 시각", null=True, blank=True)
    finished_at = models.DateTimeField("완료 시각", null=True, blank=True)

    class Meta:
        verbose_name = "주요업무계획 발행판"
        verbose_name_plural = "주요업무계획 발행판"
        ordering = ["plan", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"],
                name="edition_unique_number",
                violation_error_message="이 주요업무계획에 같은 판 번호가 이미 있습니다.",
            ),
            models.CheckConstraint(
                condition=~Q(status="done") | ~Q(file=""), name="edition_done_has_file"
            ),
        ]

    def __str__(self):
        return f"{self.plan.year}년 주요업무계획 제{self.number}판"

    @property
    def seconds(self) -> float | None:
        if self.started_at and self.finished_at:
            return (self.finished_at - self.started_at).total_seconds()
        return None
