"""The council's organisation: the council, its terms, members, committees, secretariat
units and staff tables (정원/현원).

Every app refers to these models; they refer to no other app of the project
(docs/ARCHITECTURE.md).
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q

from common.uploads import ImageFileValidator
from council.words import CouncilKind, CouncilWords, council_words

_PHONE = RegexValidator(
    r"^\d{2,4}-\d{3,4}(-\d{4})?$",
    "전화번호는 02-123-4567처럼 지역번호를 포함해 숫자와 하이픈(-)으로 입력해 주세요.",
)
_DOMAIN = RegexValidator(
    r"^(?=.{1,100}$)([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$",
    "도메인은 council.example.kr처럼 영문 소문자, 숫자, 하이픈과 점으로 입력해 주세요 "
    "(https:// 나 / 없이).",
)


class Council(models.Model):
    """The council the portal serves, with everything that differs from one council to
    another: its names, its kind (which gives its words), its contact."""

    Kind = CouncilKind

    name = models.CharField("의회명", max_length=50, unique=True)
    district = models.CharField(
        "지방자치단체", max_length=50, help_text="의회가 속한 자치단체 이름 (예: ○○구, ○○시)"
    )
    kind = models.CharField(
        "자치단체 종류",
        max_length=30,
        choices=CouncilKind.choices,
        default=CouncilKind.AUTONOMOUS_DISTRICT,
        help_text="주민을 부르는 말(구민·시민·군민·도민), 청사 이름, 사업 재원 이름"
        "(구비·시비·군비·도비)이 이 종류를 따릅니다.",
    )
    portal_name = models.CharField(
        "포털 이름",
        max_length=100,
        blank=True,
        help_text="모든 페이지의 제목과 관리 화면 머리글에 씁니다. 비워 두면 "
        "'의회명 의정 포털'로 표시합니다.",
    )
    slogan = models.CharField("슬로건", max_length=100, blank=True)
    website = models.URLField("홈페이지", blank=True)
    address = models.CharField(
        "주소",
        max_length=200,
        blank=True,
        help_text="의회(사무국) 주소. 모든 페이지 아래와 오류 페이지에 연락처로 표시합니다.",
    )
    phone = models.CharField(
        "대표 전화번호",
        max_length=20,
        blank=True,
        validators=[_PHONE],
        help_text="사무국 대표 번호 (예: 02-123-4567). 모든 페이지 아래와 오류 페이지에 "
        "표시합니다.",
    )
    code = models.CharField(
        "공공데이터 기관 코드",
        max_length=20,
        blank=True,
        validators=[
            RegexValidator(
                r"^[0-9A-Za-z-]+$",
                "기관 코드는 영문, 숫자와 하이픈(-)으로 입력해 주세요 (예: 3170000).",
            )
        ],
        help_text="공개 데이터(CSV·JSON)의 의회 코드 열에 들어갑니다. 국회도서관 "
        "지방의회 회의록(CLIK)이나 행정표준코드가 의회에 붙인 코드를 적으세요.",
    )
    calendar_uid_domain = models.CharField(
        "캘린더 UID 도메인",
        max_length=100,
        blank=True,
        validators=[_DOMAIN],
        help_text="회기 일정 구독(.ics)의 일정마다 붙는 고유번호(UID)의 도메인 "
        "(session-242@도메인). 구독자의 달력에 일정이 겹쳐 보이지 않도록 한 번 정하면 "
        "바꾸지 마세요. 비워 두면 서버 설정(DJANGO_CALENDAR_UID_DOMAIN)을 씁니다.",
    )

    class Meta:
        verbose_name = "의회"
        verbose_name_plural = "의회"

    def __str__(self):
        return self.name

    @property
    def portal_title(self) -> str:
        """The portal's name: the one recorded, else "<의회명> 의정 포털"."""
        return self.portal_name or f"{self.name} 의정 포털"

    @property
    def calendar_domain(self) -> str:
        """The domain of the council's calendar UIDs: its own, else the server's
        (settings.CALENDAR_UID_DOMAIN)."""
        return self.calendar_uid_domain or settings.CALENDAR_UID_DOMAIN

    @property
    def words(self) -> CouncilWords:
        """구민/시민…, 구의회 청사/시의회 청사…, 구비/시비… by the council's kind."""
        return council_words(self.kind)


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


class Person(models.Model):
    """One person who served as a member, across terms: each term's Member points here, so
    the terms a person served (대수) are counted from their members, never stored."""

    name = models.CharField("이름", max_length=30)

    class Meta:
        verbose_name = "인물(역대 의원)"
        verbose_name_plural = "인물(역대 의원)"
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name


def member_photo_path(member: "Member", filename: str) -> str:
    """A name of our own (the uploader's file name is never kept): members/<random>.<ext>."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"members/{uuid.uuid4().hex}.{extension}"


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
    constituency_dongs = models.CharField(
        "선거구의 동",
        max_length=200,
        blank=True,
        help_text="선거구에 속한 동을 쉼표로 나누어 적습니다 (예: 가산동, 독산1동).",
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        verbose_name="인물",
        help_text="여러 대수에 걸쳐 의원을 지낸 사람은 같은 인물을 고르면 역임 대수가 "
        "함께 표시됩니다. 비워 두면 저장할 때 새 인물을 만듭니다.",
    )
    photo = models.ImageField(
        "사진",
        upload_to=member_photo_path,
        blank=True,
        validators=[ImageFileValidator()],
        help_text="JPEG, PNG, WebP 형식, 5MB 이하. 올리면 긴 변 600픽셀로 줄여 저장합니다.",
    )
    phone = models.CharField(
        "전화번호", max_length=20, blank=True, validators=[_PHONE], help_text="예: 02-123-4567"
    )
    email = models.EmailField("이메일", blank=True)

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

    @property
    def dongs(self) -> list[str]:
        """The constituency's 동, as listed."""
        return [d.strip() for d in self.constituency_dongs.split(",") if d.strip()]


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
    starts_on = models.DateField("선임일", null=True, blank=True)
    ends_on = models.DateField("사임·임기 종료일", null=True, blank=True)

    class Meta:
        verbose_name = "위원회 위원"
        verbose_name_plural = "위원회 위원"
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gt=models.F("starts_on")),
                name="membership_ends_after_start",
                violation_error_message="사임·임기 종료일은 선임일보다 뒤여야 합니다.",
            ),
            models.UniqueConstraint(
                fields=["committee", "member"], name="membership_unique_member"
            ),
            models.UniqueConstraint(
                fields=["committee"], condition=Q(role="chair"), name="membership_one_chair"
            ),
        ]

    def __str__(self):
        return f"{self.committee} {self.get_role_display()} {self.member.name}"

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on <= self.starts_on:
            raise ValidationError(
                {"ends_on": "사임·임기 종료일은 선임일보다 뒤여야 합니다. 날짜를 확인해 주세요."}
            )


class SecretariatUnit(models.Model):
    """The secretariat's organisation: one bureau (국), expert advisers, teams.

    A team's role says which part of the work it does, whatever the council calls it: the
    pages name the team of their role at their foot ("담당: …") and the admin's permission
    groups are named after the teams of their roles (audit/roles.py).
    """

    class Kind(models.TextChoices):
        BUREAU = "bureau", "국"
        ADVISER = "adviser", "전문위원"
        TEAM = "team", "팀"

    class Role(models.TextChoices):
        NONE = "", "없음"
        GENERAL_AFFAIRS = "general_affairs", "의정"
        PROCEEDINGS = "proceedings", "의사"
        PUBLIC_RELATIONS = "public_relations", "홍보"
        LEGISLATION = "legislation", "입법·정책"

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="secretariat_units", verbose_name="의회"
    )
    kind = models.CharField("구분", max_length=20, choices=Kind.choices)
    name = models.CharField("명칭", max_length=50)
    role = models.CharField(
        "역할",
        max_length=30,
        choices=Role.choices,
        default=Role.NONE,
        blank=True,
        help_text="이 팀이 맡은 일. 한 역할은 의회마다 한 팀만 맡습니다. 의정은 예산·인력·"
        "주요업무계획, 의사는 회기·회의록·지방의회 체험, 홍보는 홍보 실적·의정모니터를 "
        "담당하고, 공개 페이지 아래의 '담당'과 관리 화면의 권한 그룹 이름이 이 팀을 따릅니다.",
    )
    duties = models.TextField("주요 업무", blank=True)
    phone = models.CharField("전화번호", max_length=20, blank=True)
    email = models.EmailField(
        "이메일",
        blank=True,
        help_text="이 팀이 맡은 일의 알림을 받는 주소 (예: 의사팀은 지방의회 체험 신청 알림). "
        "신청자에게 가는 메일의 회신 주소로도 씁니다. 팀에 주소가 없으면 국의 주소를 씁니다.",
    )
    order = models.PositiveSmallIntegerField("순서", default=0)

    class Meta:
        verbose_name = "사무국 조직"
        verbose_name_plural = "사무국 조직"
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["council", "name"], name="unit_unique_name"),
            models.UniqueConstraint(
                fields=["council", "role"],
                condition=~Q(role=""),
                name="unit_unique_role",
                violation_error_message="이 의회에는 이 역할을 맡은 팀이 이미 있습니다. "
                "한 역할은 한 팀만 맡을 수 있으니 다른 팀의 역할을 먼저 '없음'으로 바꿔 주세요.",
            ),
            models.CheckConstraint(
                condition=Q(role="") | Q(kind="team"),
                name="unit_role_only_for_teams",
                violation_error_message="역할은 팀에만 정할 수 있습니다. 국·전문위원은 "
                "역할을 '없음'으로 두세요.",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.role and self.kind and self.kind != self.Kind.TEAM:
            raise ValidationError(
                {"role": "역할은 팀에만 정할 수 있습니다. 국·전문위원은 역할을 '없음'으로 두세요."}
            )


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
