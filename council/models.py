"""The council itself: term, members, committees, secretariat, staff quotas and the
yearly work plan with its projects.

Models here refer to no other app's models (see docs/ARCHITECTURE.md).
"""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q


class Council(models.Model):
    name = models.CharField("의회명", max_length=50, unique=True)
    district = models.CharField("자치구", max_length=50)
    slogan = models.CharField("슬로건", max_length=100, blank=True)
    website = models.URLField("홈페이지", blank=True)

    class Meta:
        verbose_name = "의회"
        verbose_name_plural = "의회"

    def __str__(self):
        return self.name


class Term(models.Model):
    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="terms", verbose_name="의회"
    )
    number = models.PositiveSmallIntegerField("대수", validators=[MinValueValidator(1)])
    seats = models.PositiveSmallIntegerField(
        "의원 정수", help_text="조례가 정한 의원 정수(명). 실제 의원 명단과 별개로 관리합니다."
    )
    starts_on = models.DateField("임기 시작일")
    ends_on = models.DateField("임기 종료일")

    class Meta:
        verbose_name = "대수(임기)"
        verbose_name_plural = "대수(임기)"
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["council", "number"], name="term_unique_number"),
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")), name="term_ends_after_start"
            ),
        ]

    def __str__(self):
        return f"제{self.number}대 {self.council}"

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on <= self.starts_on:
            raise ValidationError({"ends_on": "임기 종료일은 시작일보다 뒤여야 합니다."})


class Member(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", "의장"
        VICE_CHAIR = "vice_chair", "부의장"
        MEMBER = "member", "의원"

    term = models.ForeignKey(
        Term, on_delete=models.CASCADE, related_name="members", verbose_name="대수"
    )
    name = models.CharField("이름", max_length=30)
    role = models.CharField("직위", max_length=20, choices=Role.choices, default=Role.MEMBER)
    party = models.CharField("정당", max_length=30, blank=True)
    constituency = models.CharField("선거구", max_length=50, blank=True)

    class Meta:
        verbose_name = "의원"
        verbose_name_plural = "의원"
        ordering = ["term", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["term"], condition=Q(role="chair"), name="member_one_chair_per_term"
            ),
        ]

    def __str__(self):
        return f"{self.name} {self.get_role_display()}"


class Committee(models.Model):
    class Kind(models.TextChoices):
        STANDING = "standing", "상임위원회"
        SPECIAL = "special", "특별위원회"

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="committees", verbose_name="의회"
    )
    name = models.CharField("위원회명", max_length=50)
    short_name = models.CharField("약칭", max_length=20)
    kind = models.CharField("구분", max_length=20, choices=Kind.choices)
    slug = models.SlugField(
        "주소용 이름", max_length=30, help_text="캘린더 구독 주소 등에 쓰는 영문 이름 (예: budget)"
    )
    order = models.PositiveSmallIntegerField("순서", default=0)
    members = models.ManyToManyField(
        Member,
        through="CommitteeMembership",
        related_name="committees",
        blank=True,
        verbose_name="위원",
    )

    class Meta:
        verbose_name = "위원회"
        verbose_name_plural = "위원회"
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["council", "name"], name="committee_unique_name"),
            models.UniqueConstraint(fields=["council", "slug"], name="committee_unique_slug"),
        ]

    def __str__(self):
        return self.name


class CommitteeMembership(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", "위원장"
        VICE_CHAIR = "vice_chair", "부위원장"
        MEMBER = "member", "위원"

    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="memberships", verbose_name="위원회"
    )
    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="memberships", verbose_name="의원"
    )
    role = models.CharField("직위", max_length=20, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        verbose_name = "위원회 위원"
        verbose_name_plural = "위원회 위원"
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "member"], name="membership_unique_member"
            ),
            models.UniqueConstraint(
                fields=["committee"], condition=Q(role="chair"), name="membership_one_chair"
            ),
        ]

    def __str__(self):
        return f"{self.committee} {self.get_role_display()} {self.member.name}"


class SecretariatUnit(models.Model):
    """The secretariat's organisation: one bureau (국), expert advisers, teams."""

    class Kind(models.TextChoices):
        BUREAU = "bureau", "국"
        ADVISER = "adviser", "전문위원"
        TEAM = "team", "팀"

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="secretariat_units", verbose_name="의회"
    )
    kind = models.CharField("구분", max_length=20, choices=Kind.choices)
    name = models.CharField("명칭", max_length=50)
    duties = models.TextField("주요 업무", blank=True)
    phone = models.CharField("전화번호", max_length=20, blank=True)
    order = models.PositiveSmallIntegerField("순서", default=0)

    class Meta:
        verbose_name = "사무국 조직"
        verbose_name_plural = "사무국 조직"
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["council", "name"], name="unit_unique_name"),
        ]

    def __str__(self):
        return self.name


class StaffTable(models.Model):
    """The staff quota table (정원/현원) as of a basis date."""

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="staff_tables", verbose_name="의회"
    )
    basis_date = models.DateField("기준일")
    note = models.TextField("비고(파견 등)", blank=True)

    class Meta:
        verbose_name = "인력 현황표"
        verbose_name_plural = "인력 현황표"
        ordering = ["-basis_date"]
        get_latest_by = "basis_date"
        constraints = [
            models.UniqueConstraint(
                fields=["council", "basis_date"], name="stafftable_unique_date"
            ),
        ]

    def __str__(self):
        return f"인력 현황 ({self.basis_date:%Y. %-m.} 기준)"


class StaffQuota(models.Model):
    class Category(models.TextChoices):
        CAREER = "career", "일반직"
        FIXED_TERM = "fixed_term", "임기제"
        SPECIAL = "special", "별정직"

    CATEGORY_ORDER = [Category.CAREER, Category.FIXED_TERM, Category.SPECIAL]

    table = models.ForeignKey(
        StaffTable, on_delete=models.CASCADE, related_name="quotas", verbose_name="인력 현황표"
    )
    category = models.CharField("직종", max_length=20, choices=Category.choices)
    grade = models.PositiveSmallIntegerField("직급(급)")
    authorised = models.PositiveSmallIntegerField("정원")
    current = models.PositiveSmallIntegerField("현원")

    class Meta:
        verbose_name = "정원·현원"
        verbose_name_plural = "정원·현원"
        ordering = ["table", "category", "grade"]
        constraints = [
            models.UniqueConstraint(
                fields=["table", "category", "grade"], name="quota_unique_grade"
            ),
            models.CheckConstraint(
                condition=Q(grade__gte=1, grade__lte=9), name="quota_grade_1_to_9"
            ),
            models.CheckConstraint(
                condition=Q(authorised__gte=0) & Q(current__gte=0), name="quota_non_negative"
            ),
        ]

    def __str__(self):
        return f"{self.get_category_display()} {self.grade}급"

    def clean(self):
        if self.grade is not None and not 1 <= self.grade <= 9:
            raise ValidationError({"grade": "직급은 1급부터 9급까지 입력할 수 있습니다."})


class WorkPlan(models.Model):
    """The annual work plan (전년도 주요업무 추진실적 및 당해연도 주요업무계획)."""

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

    class Meta:
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

    class Meta:
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

    class Meta:
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
        verbose_name = "구매 품목"
        verbose_name_plural = "구매 품목"
        ordering = ["project", "order", "pk"]

    def __str__(self):
        return self.item


class RoomRentalYear(models.Model):
    """회의실 대관 실적: bookings of the council's rooms in a year (the seed gives totals)."""

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="room_rentals", verbose_name="의회"
    )
    year = models.PositiveSmallIntegerField("연도")
    internal_count = models.PositiveIntegerField("내부 대관(건)", default=0)
    external_count = models.PositiveIntegerField("외부 대관(건)", default=0)

    class Meta:
        verbose_name = "회의실 대관 실적"
        verbose_name_plural = "회의실 대관 실적"
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["council", "year"], name="rental_unique_year"),
        ]

    def __str__(self):
        return f"{self.year}년 회의실 대관"


class DataVersion(models.Model):
    """A counter per app that every save and delete of its records bumps (council/versioning.py).

    Caches of pages and of the work plan PDF are keyed by these versions, so an edit anywhere
    makes the next request fresh on every server process; the time of the last bump is what
    public pages show as "최종 수정".
    """

    scope = models.CharField("범위", max_length=50, unique=True)
    version = models.PositiveBigIntegerField("버전", default=0)
    changed_at = models.DateTimeField("최종 수정 시각")

    class Meta:
        verbose_name = "자료 버전"
        verbose_name_plural = "자료 버전"

    def __str__(self):
        return f"{self.scope} v{self.version}"
