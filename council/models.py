"""The council's organisation: the council, its terms, members, committees, secretariat
units and staff tables (정원/현원).

Every app refers to these models; they refer to no other app of the project
(docs/ARCHITECTURE.md).
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
