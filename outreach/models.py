"""Public relations figures, citizen monitors, school visits, community activities,
seminars and training."""

import datetime
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from council.models import Council, Member


class StudyEvent(models.Model):
    """의원 세미나, 해외비교시찰, 역량개발교육."""

    class Kind(models.TextChoices):
        SEMINAR = "seminar", "의원 세미나"
        OVERSEAS = "overseas", "해외비교시찰"
        TRAINING = "training", "역량개발교육"

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="study_events", verbose_name="의회"
    )
    kind = models.CharField("구분", max_length=20, choices=Kind.choices)
    starts_on = models.DateField("시작일")
    ends_on = models.DateField("종료일")
    nights = models.PositiveSmallIntegerField(
        "숙박(박)", null=True, blank=True, help_text="해외시찰 등 숙박 일수 (기내 숙박 제외)"
    )
    place = models.CharField("장소(연수국)", max_length=200)
    content = models.TextField("내용", blank=True, help_text="한 줄에 한 항목")
    members_count = models.PositiveSmallIntegerField("참가 의원(명)", default=0)
    staff_count = models.PositiveSmallIntegerField("참가 직원(명)", default=0)
    cost = models.PositiveBigIntegerField(
        "소요예산(원)", null=True, blank=True, help_text="비용이 없으면 비워 둡니다."
    )
    cost_per_person = models.PositiveBigIntegerField("1인당 예산(원)", null=True, blank=True)

    class Meta:
        verbose_name = "세미나·시찰·교육"
        verbose_name_plural = "세미나·시찰·교육"
        ordering = ["kind", "-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="studyevent_end_not_before_start",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.starts_on:%Y. %-m. %-d.} {self.place}"

    def clean(self):
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = "종료일은 시작일과 같거나 뒤여야 합니다."
        if (self.members_count or 0) + (self.staff_count or 0) == 0:
            errors["members_count"] = "참가 의원과 직원을 합해 1명 이상이어야 합니다."
        if errors:
            raise ValidationError(errors)

    @property
    def participants(self):
        return self.members_count + self.staff_count

    @property
    def content_lines(self):
        return [line.strip() for line in self.content.splitlines() if line.strip()]


class CommunityActivity(models.Model):
    """지역활동: visits to welfare facilities, local events, sports days …"""

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="community_activities", verbose_name="의회"
    )
    year = models.PositiveSmallIntegerField("연도")
    period = models.CharField("시기", max_length=50, blank=True, help_text="예: 4월, 10월")
    title = models.CharField("활동", max_length=200)
    count = models.PositiveIntegerField("횟수·개소", null=True, blank=True)
    unit = models.CharField("단위", max_length=10, blank=True, help_text="예: 회, 개소")
    detail = models.CharField("세부 내용", max_length=200, blank=True)
    order = models.PositiveSmallIntegerField("순서", default=0)

    class Meta:
        verbose_name = "지역활동"
        verbose_name_plural = "지역활동"
        ordering = ["-year", "order", "pk"]

    def __str__(self):
        return f"{self.year}년 {self.title}"


class PRYear(models.Model):
    """A year of PR figures; a year still under way says up to when it is counted."""

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="pr_years", verbose_name="의회"
    )
    year = models.PositiveSmallIntegerField("연도")
    counted_until = models.DateField(
        "집계 기준일", null=True, blank=True, help_text="연도 중간 집계이면 기준일 (예: 1월 현재)"
    )

    class Meta:
        verbose_name = "홍보 실적 연도"
        verbose_name_plural = "홍보 실적 연도"
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["council", "year"], name="pryear_unique_year"),
        ]

    def __str__(self):
        return f"{self.year}년 홍보 실적"

    @property
    def is_partial(self):
        return self.counted_until is not None


class PRChannel(models.Model):
    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="pr_channels", verbose_name="의회"
    )
    name = models.CharField("매체", max_length=50)
    slug = models.SlugField("주소용 이름", max_length=30)
    unit = models.CharField("단위", max_length=10, help_text="예: 건, 개, 부")
    remark = models.CharField("비고", max_length=100, blank=True)
    order = models.PositiveSmallIntegerField("순서", default=0)

    class Meta:
        verbose_name = "홍보 매체"
        verbose_name_plural = "홍보 매체"
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["council", "slug"], name="prchannel_unique_slug"),
        ]

    def __str__(self):
        return self.name


class PRFigure(models.Model):
    """How much of a channel in a year: count (or copies) and cost."""

    pr_year = models.ForeignKey(
        PRYear, on_delete=models.CASCADE, related_name="figures", verbose_name="연도"
    )
    channel = models.ForeignKey(
        PRChannel, on_delete=models.CASCADE, related_name="figures", verbose_name="매체"
    )
    count = models.PositiveIntegerField("건수·부수")
    cost = models.PositiveBigIntegerField("비용(원)", null=True, blank=True)

    class Meta:
        verbose_name = "홍보 실적"
        verbose_name_plural = "홍보 실적"
        ordering = ["pr_year", "channel__order"]
        constraints = [
            models.UniqueConstraint(fields=["pr_year", "channel"], name="prfigure_unique"),
        ]

    def __str__(self):
        return f"{self.pr_year.year}년 {self.channel}"


class PressCoverage(models.Model):
    """언론보도: coverage of the council by press tier in a year."""

    class Tier(models.TextChoices):
        NATIONAL = "national", "중앙"
        METROPOLITAN = "metropolitan", "광역"
        LOCAL = "local", "지역"

    TIER_ORDER = [Tier.NATIONAL, Tier.METROPOLITAN, Tier.LOCAL]

    pr_year = models.ForeignKey(
        PRYear, on_delete=models.CASCADE, related_name="coverage", verbose_name="연도"
    )
    tier = models.CharField("구분", max_length=20, choices=Tier.choices)
    count = models.PositiveIntegerField("보도 건수")

    class Meta:
        verbose_name = "언론보도"
        verbose_name_plural = "언론보도"
        ordering = ["pr_year", "tier"]
        constraints = [
            models.UniqueConstraint(fields=["pr_year", "tier"], name="coverage_unique_tier"),
        ]

    def __str__(self):
        return f"{self.pr_year.year}년 {self.get_tier_display()}"


class ChannelMetric(models.Model):
    """SNS and other detailed PR metrics (followers, average views …)."""

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="pr_metrics", verbose_name="의회"
    )
    year = models.PositiveSmallIntegerField("연도")
    platform = models.CharField("매체", max_length=50)
    metric = models.CharField("지표", max_length=100)
    value = models.PositiveIntegerField("값")
    unit = models.CharField("단위", max_length=10)
    approximate = models.BooleanField(
        "약(여) 수치", default=False, help_text="'680여건'처럼 어림수이면 체크"
    )
    note = models.CharField("비고", max_length=200, blank=True)
    order = models.PositiveSmallIntegerField("순서", default=0)

    class Meta:
        verbose_name = "세부 홍보 지표"
        verbose_name_plural = "세부 홍보 지표"
        ordering = ["-year", "order", "pk"]

    def __str__(self):
        return f"{self.year}년 {self.platform} {self.metric}"


class PRTarget(models.Model):
    """A year's PR target (보도자료 70건, 의회수첩 500~700부 …)."""

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="pr_targets", verbose_name="의회"
    )
    year = models.PositiveSmallIntegerField("연도")
    channel = models.ForeignKey(
        PRChannel, on_delete=models.CASCADE, related_name="targets", verbose_name="매체"
    )
    target = models.PositiveIntegerField("목표(최소)")
    target_max = models.PositiveIntegerField(
        "목표(최대)", null=True, blank=True, help_text="'500~700부'처럼 범위일 때만"
    )
    unit_cost = models.PositiveBigIntegerField("단가(원)", null=True, blank=True)
    description = models.CharField("내용", max_length=300, blank=True)

    class Meta:
        verbose_name = "홍보 목표"
        verbose_name_plural = "홍보 목표"
        ordering = ["-year", "channel__order"]
        constraints = [
            models.UniqueConstraint(fields=["council", "year", "channel"], name="prtarget_unique"),
            models.CheckConstraint(
                condition=Q(target_max__isnull=True) | Q(target_max__gte=models.F("target")),
                name="prtarget_range_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.year}년 {self.channel} 목표"

    def clean(self):
        if (
            self.target_max is not None
            and self.target is not None
            and self.target_max < self.target
        ):
            raise ValidationError({"target_max": "최대 목표는 최소 목표보다 크거나 같아야 합니다."})


class MonitorCohort(models.Model):
    """의정모니터 one cohort (e.g. 제8대 전반기), with its ordinance's rules."""

    class Half(models.TextChoices):
        FIRST = "first", "전반기"
        SECOND = "second", "후반기"

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="monitor_cohorts", verbose_name="의회"
    )
    term_number = models.PositiveSmallIntegerField("대수")
    half = models.CharField("전·후반기", max_length=10, choices=Half.choices)
    starts_on = models.DateField("운영 시작일", null=True, blank=True)
    ends_on = models.DateField("운영 종료일", null=True, blank=True)
    operated = models.BooleanField("운영 여부", default=True)
    planned_size = models.PositiveSmallIntegerField("모집 인원(약)", null=True, blank=True)
    appointed_count = models.PositiveSmallIntegerField(
        "위촉 인원(명)",
        null=True,
        blank=True,
        help_text="개별 명단을 등록하지 않은 과거 기수만 입력합니다. "
        "명단이 있으면 자동 집계됩니다.",
    )
    max_per_member = models.PositiveSmallIntegerField("의원별 추천 한도(명)", default=3)
    min_residency_years = models.PositiveSmallIntegerField("최소 거주 기간(년)", default=2)
    basis = models.CharField("근거", max_length=200, blank=True)
    note = models.CharField("비고", max_length=200, blank=True)

    class Meta:
        verbose_name = "의정모니터 기수"
        verbose_name_plural = "의정모니터 기수"
        ordering = ["-term_number", "-half"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "term_number", "half"], name="cohort_unique"
            ),
        ]

    def __str__(self):
        return f"제{self.term_number}대 {self.get_half_display()} 의정모니터"


def years_between(earlier: datetime.date, later: datetime.date) -> int:
    """Whole years from earlier to later (a birthday-style count)."""
    years = later.year - earlier.year
    if (later.month, later.day) < (earlier.month, earlier.day):
        years -= 1
    return years


class Monitor(models.Model):
    cohort = models.ForeignKey(
        MonitorCohort, on_delete=models.CASCADE, related_name="monitors", verbose_name="기수"
    )
    name = models.CharField("이름", max_length=30)
    recommended_by = models.ForeignKey(
        Member,
        on_delete=models.PROTECT,
        related_name="recommended_monitors",
        verbose_name="추천 의원",
    )
    recommended_on = models.DateField("추천일")
    resident_since = models.DateField("관내 거주 시작일")
    opinions_submitted = models.PositiveSmallIntegerField("제출 의견(건)", default=0)

    class Meta:
        verbose_name = "의정모니터"
        verbose_name_plural = "의정모니터"
        ordering = ["cohort", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        cohort = self.cohort if self.cohort_id else None
        if cohort and self.resident_since and self.recommended_on:
            if self.resident_since > self.recommended_on:
                errors["resident_since"] = "거주 시작일은 추천일보다 앞서야 합니다."
            elif (
                years_between(self.resident_since, self.recommended_on) < cohort.min_residency_years
            ):
                errors["resident_since"] = (
                    f"추천일 현재 관내에 {cohort.min_residency_years}년 이상 거주한 사람만 "
                    f"추천할 수 있습니다. (거주 시작일 {self.resident_since:%Y. %-m. %-d.})"
                )
        if cohort and self.recommended_by_id:
            others = Monitor.objects.filter(cohort=cohort, recommended_by=self.recommended_by_id)
            if self.pk:
                others = others.exclude(pk=self.pk)
            if others.count() >= cohort.max_per_member:
                errors["recommended_by"] = (
                    f"의원 한 명은 의정모니터를 {cohort.max_per_member}명까지 추천할 수 있습니다. "
                    f"이 의원은 이미 {others.count()}명을 추천했습니다."
                )
        if errors:
            raise ValidationError(errors)


class MonitorActivity(models.Model):
    class Kind(models.TextChoices):
        MEETING = "meeting", "간담회"
        FIELD_TRIP = "field_trip", "현장시찰"
        OPINIONS = "opinions", "의견접수"
        OBSERVATION = "observation", "본회의 방청"

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="monitor_activities", verbose_name="의회"
    )
    year = models.PositiveSmallIntegerField("연도")
    kind = models.CharField("구분", max_length=20, choices=Kind.choices)
    count = models.PositiveSmallIntegerField("횟수·건수")
    place = models.CharField("장소", max_length=100, blank=True)
    participants = models.PositiveSmallIntegerField("참석(명)", null=True, blank=True)
    note = models.CharField("비고", max_length=100, blank=True, help_text="예: 간담회대체")

    class Meta:
        verbose_name = "의정모니터 운영 실적"
        verbose_name_plural = "의정모니터 운영 실적"
        ordering = ["-year", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "year", "kind"], name="monitoractivity_unique"
            ),
        ]

    def __str__(self):
        return f"{self.year}년 {self.get_kind_display()}"


class SchoolVisit(models.Model):
    """지방의회 체험: a school's (or pupils' group's) visit to the council."""

    class Level(models.TextChoices):
        ELEMENTARY = "elementary", "초등학교"
        MIDDLE = "middle", "중학교"
        HIGH = "high", "고등학교"
        OTHER = "other", "기타"

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="school_visits", verbose_name="의회"
    )
    school = models.CharField("학교·단체", max_length=100)
    level = models.CharField("학교급", max_length=20, choices=Level.choices)
    starts_on = models.DateField("방문일")
    ends_on = models.DateField(
        "방문 종료일", null=True, blank=True, help_text="여러 날에 나눠 방문한 경우만"
    )
    times = models.CharField("시간", max_length=50, blank=True, help_text="예: 09:00 / 10:40")
    pupils = models.PositiveSmallIntegerField("학생(명)", validators=[MinValueValidator(1)])
    teachers = models.PositiveSmallIntegerField("인솔교사(명)", default=0)
    description = models.CharField(
        "참가자 구성", max_length=100, blank=True, help_text="예: 4학년 9개 반"
    )

    class Meta:
        verbose_name = "지방의회 체험"
        verbose_name_plural = "지방의회 체험"
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="schoolvisit_end_not_before_start",
            ),
        ]

    def __str__(self):
        return f"{self.school} ({self.starts_on:%Y. %-m. %-d.})"

    def clean(self):
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "방문 종료일은 방문일과 같거나 뒤여야 합니다."})

    @property
    def visitors(self):
        return self.pupils + self.teachers


# ---------------------------------------------------------------- school visit applications
# Schools apply on the public form (/outreach/visits/apply/); staff approve or reject in the
# admin. Workflow and services: outreach/applications.py.

_PHONE_PATTERN = re.compile(
    r"^(?:"
    r"01[016789]-\d{3,4}-\d{4}"  # mobile 010-1234-5678
    r"|02-\d{3,4}-\d{4}"  # Seoul 02-123-4567
    r"|0[3-6][1-5]-\d{3,4}-\d{4}"  # other areas 031-123-4567
    r"|070-\d{4}-\d{4}"  # internet phone
    r"|1[5-9]\d{2}-\d{4}"  # nationwide numbers 1588-1234
    r")$"
)


def normalize_korean_phone(value: str) -> str:
    """`01012345678`, `010 1234 5678`, `010.1234.5678` → `010-1234-5678`.

    Returns the value unchanged (stripped) when it is no Korean number.
    """
    digits = re.sub(r"[\s.\-()]", "", value or "")
    if not digits.isdigit():
        return (value or "").strip()
    if digits.startswith("02"):
        head, rest = digits[:2], digits[2:]
    elif re.match(r"^1[5-9]\d{2}", digits) and len(digits) == 8:
        return f"{digits[:4]}-{digits[4:]}"
    else:
        head, rest = digits[:3], digits[3:]
    if len(rest) not in (7, 8):
        return (value or "").strip()
    return f"{head}-{rest[:-4]}-{rest[-4:]}"


def validate_korean_phone(value: str) -> None:
    if not _PHONE_PATTERN.match(normalize_korean_phone(value)):
        raise ValidationError(
            "전화번호 형식이 올바르지 않습니다. 휴대전화(010-1234-5678) 또는 "
            "지역번호를 포함한 일반전화(02-123-4567) 형식으로 입력해 주세요.",
            code="phone",
        )


class VisitProgramSettings(models.Model):
    """The rules of the 지방의회 체험 application form, one row per council (staff edit it)."""

    council = models.OneToOneField(
        Council,
        on_delete=models.CASCADE,
        related_name="visit_program_settings",
        verbose_name="의회",
    )
    lead_days = models.PositiveSmallIntegerField(
        "신청 기한(일 전)",
        default=7,
        validators=[MinValueValidator(1)],
        help_text="희망일 며칠 전까지 신청해야 하는지 (예: 7이면 오늘부터 7일 뒤부터 신청 가능)",
    )
    horizon_days = models.PositiveSmallIntegerField(
        "신청 가능 기간(일)",
        default=365,
        validators=[MinValueValidator(1)],
        help_text="오늘부터 며칠 뒤까지의 날짜를 신청받을지",
    )
    min_pupils = models.PositiveSmallIntegerField(
        "최소 학생 수(명)", default=1, validators=[MinValueValidator(1)]
    )
    max_pupils = models.PositiveSmallIntegerField(
        "최대 학생 수(명)",
        default=40,
        validators=[MinValueValidator(1)],
        help_text="본회의장 한 회 수용 인원. 더 많으면 여러 회로 나눠 신청합니다.",
    )
    min_teachers = models.PositiveSmallIntegerField("최소 인솔교사 수(명)", default=1)
    max_teachers = models.PositiveSmallIntegerField(
        "최대 인솔교사 수(명)", default=5, validators=[MinValueValidator(1)]
    )
    retention_months = models.PositiveSmallIntegerField(
        "개인정보 보관 기간(개월)",
        default=12,
        validators=[MinValueValidator(1)],
        help_text="신청일로부터 이 기간이 지나면 purge_visit_applications 명령이 신청서를 "
        "파기합니다.",
    )
    accepting = models.BooleanField(
        "신청 받기", default=True, help_text="체크를 해제하면 신청서 대신 안내문이 보입니다."
    )

    class Meta:
        verbose_name = "지방의회 체험 신청 설정"
        verbose_name_plural = "지방의회 체험 신청 설정"
        constraints = [
            models.CheckConstraint(
                condition=Q(max_pupils__gte=models.F("min_pupils")),
                name="visitsettings_pupils_range",
            ),
            models.CheckConstraint(
                condition=Q(max_teachers__gte=models.F("min_teachers")),
                name="visitsettings_teachers_range",
            ),
        ]

    def __str__(self):
        return f"{self.council} 지방의회 체험 신청 설정"

    def clean(self):
        errors = {}
        if self.min_pupils and self.max_pupils and self.max_pupils < self.min_pupils:
            errors["max_pupils"] = "최대 학생 수는 최소 학생 수보다 크거나 같아야 합니다."
        if (
            self.max_teachers is not None
            and self.min_teachers is not None
            and self.max_teachers < self.min_teachers
        ):
            errors["max_teachers"] = "최대 인솔교사 수는 최소 인솔교사 수보다 크거나 같아야 합니다."
        if errors:
            raise ValidationError(errors)

    @property
    def retention_label(self) -> str:
        """ "1년", "18개월" …"""
        years, months = divmod(self.retention_months, 12)
        if months == 0:
            return f"{years}년"
        return f"{self.retention_months}개월"


class VisitApplication(models.Model):
    """A school's request for the 지방의회 체험, waiting for staff approval.

    Holds personal data (contact name, phone, e-mail): shown to staff only and erased after
    the council's retention period (VisitProgramSettings.retention_months).
    """

    class Level(models.TextChoices):
        ELEMENTARY = "elementary", "초등학교"
        MIDDLE = "middle", "중학교"
        HIGH = "high", "고등학교"

    class Program(models.TextChoices):
        EXPERIENCE = "experience", "지방의회 체험"
        OBSERVATION = "observation", "본회의 참관"

    class Status(models.TextChoices):
        RECEIVED = "received", "접수"
        APPROVED = "approved", "승인"
        REJECTED = "rejected", "반려"

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="visit_applications", verbose_name="의회"
    )
    school = models.CharField("학교명", max_length=100)
    level = models.CharField("학교급", max_length=20, choices=Level.choices)
    contact_name = models.CharField("담당자 이름", max_length=30)
    phone = models.CharField("연락처", max_length=20, validators=[validate_korean_phone])
    email = models.EmailField("이메일", max_length=254)
    wished_date = models.DateField("희망일")
    program = models.CharField(
        "프로그램",
        max_length=20,
        choices=Program.choices,
        default=Program.EXPERIENCE,
        help_text="희망일이 회기 중이면 신청 시점에 본회의 참관으로 안내됩니다.",
    )
    pupils = models.PositiveSmallIntegerField("학생(명)", validators=[MinValueValidator(1)])
    teachers = models.PositiveSmallIntegerField("인솔교사(명)", default=1)
    message = models.TextField("요청 사항", max_length=1000, blank=True)
    submitted_at = models.DateTimeField("신청 일시", auto_now_add=True)
    status = models.CharField(
        "처리 상태", max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="처리자",
    )
    decided_at = models.DateTimeField("처리 일시", null=True, blank=True)
    decision_note = models.CharField("처리 메모(반려 사유 등)", max_length=300, blank=True)
    school_visit = models.OneToOneField(
        SchoolVisit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="application",
        verbose_name="체험 실적",
    )

    class Meta:
        verbose_name = "지방의회 체험 신청"
        verbose_name_plural = "지방의회 체험 신청"
        ordering = ["-submitted_at"]
        indexes = [models.Index(fields=["status", "wished_date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="received", decided_at__isnull=True)
                | (~Q(status="received") & Q(decided_at__isnull=False)),
                name="visitapplication_decided_when_decided",
                violation_error_message="승인·반려한 신청만 처리 일시를 가집니다.",
            ),
            models.CheckConstraint(
                condition=Q(school_visit__isnull=True) | Q(status="approved"),
                name="visitapplication_visit_only_when_approved",
                violation_error_message="승인한 신청만 체험 실적을 만들 수 있습니다.",
            ),
        ]

    def __str__(self):
        return f"{self.school} {self.wished_date:%Y. %-m. %-d.} ({self.get_status_display()})"

    def clean(self):
        if self.phone:
            self.phone = normalize_korean_phone(self.phone)

    @property
    def visitors(self):
        return self.pupils + self.teachers
