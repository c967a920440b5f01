"""School visits (지방의회 체험 / 모의의회), the programme's settings and applications from the public form."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from council.models import Council


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
# admin. Workflow and services: outreach/services.py, the form: outreach/views.py.


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
    intro = models.TextField(
        "프로그램 안내문",
        blank=True,
        help_text="신청 페이지 위에 보이는 소개. 한 줄이 한 문단이고, '- '로 시작하는 줄은 "
        "목록 항목이 됩니다 (장소, 내용 등). 비워 두면 기본 소개 한 문장만 보입니다. 회기 "
        "중인 날은 본회의 참관으로 진행한다는 안내는 늘 함께 보입니다.",
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
