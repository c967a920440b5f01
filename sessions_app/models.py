"""Sessions (회기), their agenda, sittings, minutes and the ordinance's limits."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.text import slugify

from council.models import Committee, Council, Member
from council.words import CouncilWords


class SessionRules(models.Model):
    """The council's ordinance on sessions: limits on days and minutes deadlines."""

    council = models.OneToOneField(
        Council, on_delete=models.CASCADE, related_name="session_rules", verbose_name="의회"
    )
    basis = models.CharField("근거 조례", max_length=200)
    max_days_per_year = models.PositiveSmallIntegerField(
        "연간 회기일수 한도(일)", validators=[MinValueValidator(1)]
    )
    max_regular_days_per_year = models.PositiveSmallIntegerField(
        "정례회 연간 한도(일)", validators=[MinValueValidator(1)]
    )
    max_extraordinary_days = models.PositiveSmallIntegerField(
        "임시회 회기당 한도(일)", validators=[MinValueValidator(1)]
    )
    plenary_minutes_days = models.PositiveSmallIntegerField(
        "본회의 회의록 공개 기한(일)", help_text="회의일 다음 날부터 센 일수"
    )
    committee_minutes_days = models.PositiveSmallIntegerField(
        "위원회 회의록 공개 기한(일)", help_text="회의일 다음 날부터 센 일수"
    )
    first_regular_opening = models.CharField(
        "1차 정례회 집회일", max_length=20, blank=True, help_text="예: 6. 8"
    )
    second_regular_opening = models.CharField(
        "2차 정례회 집회일", max_length=20, blank=True, help_text="예: 11. 18"
    )

    class Meta:
        verbose_name = "회기 운영 조례 기준"
        verbose_name_plural = "회기 운영 조례 기준"

    def __str__(self):
        return f"{self.council} 회기 운영 기준"

    def clean(self):
        if (
            self.max_regular_days_per_year
            and self.max_days_per_year
            and self.max_regular_days_per_year > self.max_days_per_year
        ):
            raise ValidationError(
                {
                    "max_regular_days_per_year": "정례회 한도는 연간 회기일수 한도보다 클 수 없습니다."
                }
            )


class SessionQuerySet(models.QuerySet):
    """Plain filters of sessions, read as sentences: ``Session.objects.of(council).in_year(2023)``."""

    def of(self, council) -> SessionQuerySet:
        return self.filter(council=council)

    def in_year(self, year: int) -> SessionQuerySet:
        """A session belongs to the year of its first day."""
        return self.filter(first_day__year=year)

    def covering(self, day) -> SessionQuerySet:
        """Sessions whose days, first to last inclusive, include the day."""
        return self.filter(first_day__lte=day, last_day__gte=day)

    def not_ended_on(self, day) -> SessionQuerySet:
        """Sessions in progress on the day or still to come."""
        return self.filter(last_day__gte=day)

    def other_than(self, session: Session | None) -> SessionQuerySet:
        """Every session but the given one (a saved session being edited); all when None or
        not saved yet."""
        if session is None or session.pk is None:
            return self
        return self.exclude(pk=session.pk)

    def in_date_order(self) -> SessionQuerySet:
        return self.order_by("first_day", "number")


class Session(models.Model):
    class Kind(models.TextChoices):
        REGULAR = "regular", "정례회"
        EXTRAORDINARY = "extraordinary", "임시회"

    class DateStatus(models.TextChoices):
        HELD = "", "확정(개최)"
        PLANNED = "planned", "예정"
        OPENING_FIXED = "opening_fixed", "개회일 확정"

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="sessions", verbose_name="의회"
    )
    number = models.PositiveSmallIntegerField(
        "회기 번호", validators=[MinValueValidator(1)], help_text="예: 242 (제242회)"
    )
    kind = models.CharField("구분", max_length=20, choices=Kind.choices)
    first_day = models.DateField("집회일(첫날)")
    last_day = models.DateField("폐회일(마지막 날)")
    date_status = models.CharField(
        "일정 상태", max_length=20, choices=DateStatus.choices, default=DateStatus.HELD, blank=True
    )

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = "회기"
        verbose_name_plural = "회기"
        ordering = ["first_day", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "number"],
                name="session_unique_number",
                violation_error_message="같은 번호의 회기가 이미 있습니다.",
            ),
            models.CheckConstraint(
                condition=Q(last_day__gte=models.F("first_day")),
                name="session_last_not_before_first",
                violation_error_message="마지막 날은 첫날보다 앞설 수 없습니다.",
            ),
        ]

    def __str__(self):
        return f"제{self.number}회 {self.get_kind_display()}"

    def clean(self):
        if self.first_day and self.last_day and self.last_day < self.first_day:
            raise ValidationError({"last_day": "마지막 날은 첫날과 같거나 뒤여야 합니다."})
        # Rules across sessions (overlaps, the ordinance's limits) are checked by the forms and
        # services that save a session (sessions_app/rules.py), not by a query here.

    @property
    def title(self):
        return str(self)


class Body(models.Model):
    """A body that handles agenda items and holds sittings: the plenary, the standing
    committees taken together (상임위), or one committee."""

    class Kind(models.TextChoices):
        PLENARY = "plenary", "본회의"
        STANDING = "standing", "상임위원회"
        SPECIAL = "special", "특별위원회"

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="bodies", verbose_name="의회"
    )
    name = models.CharField("명칭", max_length=50)
    short_name = models.CharField("약칭", max_length=20)
    kind = models.CharField("구분", max_length=20, choices=Kind.choices)
    committee = models.OneToOneField(
        Committee,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="body",
        verbose_name="위원회",
    )
    slug = models.SlugField(
        "주소용 이름",
        max_length=30,
        allow_unicode=True,
        blank=True,
        help_text="회의체별 일정 구독 주소(?body=…)에 들어갑니다. 비워 두면 명칭으로 만듭니다 "
        "(예: 본회의). 구독 중인 주소가 바뀌니 한 번 정하면 바꾸지 마세요.",
    )
    order = models.PositiveSmallIntegerField(
        "순서",
        default=0,
        help_text="안건의 처리 회의체를 이 순서로 표시합니다 (예: 상임위, 예결특위, 본회의).",
    )
    place = models.CharField(
        "기본 회의 장소",
        max_length=100,
        blank=True,
        help_text="예: 본회의장, 제1위원회 회의실. 회의(차수)에 장소를 따로 적지 않으면 "
        "회기 페이지와 일정 구독(캘린더)에 이 장소가 나갑니다.",
    )

    class Meta:
        verbose_name = "회의체"
        verbose_name_plural = "회의체"
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "slug"],
                name="body_unique_slug",
                violation_error_message="같은 주소용 이름의 회의체가 이미 있습니다. "
                "다른 이름을 입력해 주세요.",
            ),
            models.UniqueConstraint(
                fields=["council", "short_name"], name="body_unique_short_name"
            ),
            models.CheckConstraint(condition=~Q(slug=""), name="body_slug_not_blank"),
        ]

    def __str__(self):
        return self.short_name

    def clean(self):
        if not self.slug and self.name:
            self.slug = slugify(self.name, allow_unicode=True)[:30].strip("-")
        if not self.slug:
            raise ValidationError(
                {"slug": "주소용 이름을 만들 수 없습니다. 글자나 숫자가 든 이름을 입력해 주세요."}
            )

    @property
    def is_plenary(self):
        return self.kind == self.Kind.PLENARY

    @property
    def gathers_committees(self) -> bool:
        """The standing committees taken together (상임위, no committee of its own): its
        feed also carries the sittings of each standing committee."""
        return self.kind == self.Kind.STANDING and self.committee_id is None


class AgendaItem(models.Model):
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="agenda_items", verbose_name="회기"
    )
    title = models.CharField("안건", max_length=200)
    bodies = models.ManyToManyField(
        Body, blank=True, related_name="agenda_items", verbose_name="처리 회의체"
    )
    order = models.PositiveSmallIntegerField("순서", default=0)

    class Meta:
        verbose_name = "주요 안건"
        verbose_name_plural = "주요 안건"
        ordering = ["session", "order", "pk"]

    def __str__(self):
        return self.title


class SittingQuerySet(models.QuerySet):
    def of(self, council) -> SittingQuerySet:
        return self.filter(session__council=council)

    def held_by(self, day) -> SittingQuerySet:
        """Sittings on or before the day."""
        return self.filter(date__lte=day)

    def in_year(self, year: int) -> SittingQuerySet:
        return self.filter(date__year=year)


class Sitting(models.Model):
    """One meeting of a body within a session (본회의 제1차, 행정재경위원회 제2차 …)."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="sittings", verbose_name="회기"
    )
    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="sittings", verbose_name="회의체"
    )
    number = models.PositiveSmallIntegerField("차수", validators=[MinValueValidator(1)])
    date = models.DateField("회의일")
    starts_at = models.TimeField(
        "시작 시각",
        null=True,
        blank=True,
        help_text="예: 10:00. 비워 두면 일정 구독(캘린더)에 하루 종일 일정으로 나갑니다.",
    )
    ends_at = models.TimeField(
        "종료 시각",
        null=True,
        blank=True,
        help_text="비워 두면 캘린더에는 시작 시각부터 2시간으로 나갑니다.",
    )
    place = models.CharField(
        "장소",
        max_length=100,
        blank=True,
        help_text="비워 두면 회의체의 기본 회의 장소가 나갑니다.",
    )
    minutes_published_on = models.DateField("회의록 공개일", null=True, blank=True)
    minutes_url = models.URLField("회의록 주소", blank=True)
    video_url = models.URLField(
        "영상회의록 주소",
        blank=True,
        help_text="회의 녹화 영상의 주소. 영상 위치(안건별 시작 시각)는 아래 '영상 위치'에 "
        "적으면 그 시각부터 재생하는 링크가 됩니다.",
    )
    live_url = models.URLField(
        "생중계 주소",
        blank=True,
        help_text="회의 당일에만 회의 페이지에 보입니다.",
    )

    objects = SittingQuerySet.as_manager()

    class Meta:
        verbose_name = "회의(차수)"
        verbose_name_plural = "회의(차수)"
        # Untimed sittings of a day first, on SQLite and PostgreSQL alike.
        ordering = ["date", models.F("starts_at").asc(nulls_first=True), "body__order", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "body", "number"],
                name="sitting_unique_number",
                violation_error_message="같은 회의체의 같은 차수가 이미 있습니다.",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True)
                | Q(starts_at__isnull=False, ends_at__gt=models.F("starts_at")),
                name="sitting_ends_after_start",
                violation_error_message="종료 시각은 시작 시각을 적은 뒤, 시작 시각보다 "
                "늦게 입력해 주세요.",
            ),
        ]

    def __str__(self):
        return f"{self.session} {self.body.name} 제{self.number}차"

    @property
    def location(self) -> str:
        """Where it sits: its own place, else its body's usual place ("" when neither is
        recorded). Read with the body fetched (select_related("body"))."""
        return self.place or self.body.place

    def clean(self):
        errors = {}
        session = getattr(self, "session", None) if self.session_id else None
        if session and self.date and not session.first_day <= self.date <= session.last_day:
            errors["date"] = (
                f"회의일은 회기 기간({session.first_day:%Y. %-m. %-d.} ~ "
                f"{session.last_day:%Y. %-m. %-d.}) 안이어야 합니다."
            )
        if self.ends_at and not self.starts_at:
            errors["ends_at"] = "종료 시각을 적으려면 시작 시각도 입력해 주세요."
        elif self.ends_at and self.starts_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = "종료 시각은 시작 시각보다 늦어야 합니다 (같은 날 안에서)."
        if self.minutes_published_on and self.date and self.minutes_published_on < self.date:
            errors["minutes_published_on"] = "회의록 공개일은 회의일보다 앞설 수 없습니다."
        if errors:
            raise ValidationError(errors)


def video_at(url: str, seconds: int) -> str:
    """The recording's address at a time: ?t=<seconds> for the video sites that read it from
    the query (YouTube), else the media fragment #t=<seconds> (W3C Media Fragments, read by
    browsers' own players); a fragment already in the address is replaced."""
    base = url.split("#", 1)[0]
    host = base.split("://", 1)[-1].split("/", 1)[0].lower()
    if host.endswith(QUERY_TIME_HOSTS):
        return f"{base}{'&' if '?' in base else '?'}t={seconds}"
    return f"{base}#t={seconds}"


# Video sites whose player starts at ?t=<seconds>.
QUERY_TIME_HOSTS = ("youtube.com", "youtu.be")


def clock_label(seconds: int) -> str:
    """ "1:02:05", "2:05": a time into a recording as a player shows it."""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"


class VideoMark(models.Model):
    """A place in a sitting's recording (영상회의록): where an agenda item, or anything worth
    pointing at, begins, in seconds from the start."""

    sitting = models.ForeignKey(
        Sitting, on_delete=models.CASCADE, related_name="video_marks", verbose_name="회의"
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="video_marks",
        verbose_name="안건",
        help_text="이 위치에서 다루는 안건 (같은 회기의 안건만)",
    )
    label = models.CharField(
        "내용", max_length=200, help_text="예: 개회, 2023년도 주요업무계획 보고"
    )
    offset_seconds = models.PositiveIntegerField(
        "영상 위치(초)", help_text="영상 처음부터 센 초. 예: 1시간 2분 5초는 3725"
    )

    class Meta:
        verbose_name = "영상 위치"
        verbose_name_plural = "영상 위치"
        ordering = ["sitting", "offset_seconds", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(offset_seconds__gte=0),
                name="videomark_offset_not_negative",
                violation_error_message="영상 위치는 0초 이상이어야 합니다.",
            ),
        ]

    def __str__(self):
        return f"{self.label} ({self.offset_label})"

    @property
    def offset_label(self) -> str:
        """ "1:02:05", "2:05": the offset as a player shows it."""
        return clock_label(self.offset_seconds or 0)

    def clean(self):
        if (
            self.agenda_item_id
            and self.sitting_id
            and self.agenda_item.session_id != self.sitting.session_id
        ):
            raise ValidationError(
                {"agenda_item": "안건은 이 회의가 속한 회기의 안건 가운데에서 골라 주세요."}
            )


class Attendance(models.Model):
    """A member's attendance at one sitting (출석 / 청가 / 결석 / 출장), published per sitting:
    the totals a member's page shows are counted from these rows, never stored."""

    class Status(models.TextChoices):
        PRESENT = "present", "출석"
        LEAVE = "leave", "청가"
        ABSENT = "absent", "결석"
        OFFICIAL_TRIP = "official_trip", "출장"

    sitting = models.ForeignKey(
        Sitting, on_delete=models.CASCADE, related_name="attendances", verbose_name="회의(차수)"
    )
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="attendances", verbose_name="의원"
    )
    status = models.CharField("출결", max_length=20, choices=Status.choices, default=Status.PRESENT)

    class Meta:
        verbose_name = "출결"
        verbose_name_plural = "출결"
        ordering = ["sitting", "member__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["sitting", "member"],
                name="attendance_unique_member",
                violation_error_message="이 회의에 이 의원의 출결이 이미 있습니다.",
            ),
        ]

    def __str__(self):
        return f"{self.member.name} {self.get_status_display()}"

    def clean(self):
        sitting = self.sitting if self.sitting_id else None
        member = self.member if self.member_id else None
        error = member_sitting_error(member, sitting)
        if error:
            raise ValidationError({"member": error})


def member_sitting_error(member: Member | None, sitting: Sitting | None) -> str:
    """Why the member cannot be recorded at the sitting (attendance, a ballot, a speech), ""
    when they can: the member must be of the sitting's council and of the term in force on
    its date. Reads the member's term and the sitting's session."""
    if sitting is None or member is None:
        return ""
    term = member.term
    if term.council_id != sitting.session.council_id:
        return (
            f"{member.name} 의원은 이 회의를 연 의회의 의원이 아닙니다. 이 의회의 의원을 "
            "골라 주세요."
        )
    if not term.starts_on <= sitting.date <= term.ends_on:
        return (
            f"{member.name} 의원의 임기(제{term.number}대, "
            f"{term.starts_on:%Y. %-m. %-d.} ~ {term.ends_on:%Y. %-m. %-d.})가 "
            f"회의일({sitting.date:%Y. %-m. %-d.})을 포함하지 않습니다. 그 대수의 "
            "의원을 골라 주세요."
        )
    return ""


class Vote(models.Model):
    """A recorded vote (표결) taken at a sitting: what was put to the vote. Its tally (찬성,
    반대, 기권) is counted from its ballots, never stored; the decision on a bill is the
    bill's own record (legislation's BillAction result)."""

    sitting = models.ForeignKey(
        Sitting, on_delete=models.CASCADE, related_name="votes", verbose_name="회의(차수)"
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="votes",
        verbose_name="안건",
        help_text="표결한 안건 (같은 회기의 안건만). 없으면 비워 둡니다.",
    )
    title = models.CharField(
        "표결 대상",
        max_length=200,
        help_text="표결에 부친 안건이나 동의. 예: 가상구 주차장 설치 조례안(원안)",
    )
    note = models.CharField("비고", max_length=200, blank=True, help_text="예: 수정동의 표결")
    order = models.PositiveSmallIntegerField("순서", default=0)

    class Meta:
        verbose_name = "표결"
        verbose_name_plural = "표결"
        ordering = ["sitting", "order", "pk"]

    def __str__(self):
        return self.title

    def clean(self):
        if (
            self.agenda_item_id
            and self.sitting_id
            and self.agenda_item.session_id != self.sitting.session_id
        ):
            raise ValidationError(
                {"agenda_item": "안건은 이 회의가 속한 회기의 안건 가운데에서 골라 주세요."}
            )


class Ballot(models.Model):
    """One member's choice in a recorded vote (찬성 / 반대 / 기권)."""

    class Choice(models.TextChoices):
        YES = "yes", "찬성"
        NO = "no", "반대"
        ABSTAIN = "abstain", "기권"

    vote = models.ForeignKey(
        Vote, on_delete=models.CASCADE, related_name="ballots", verbose_name="표결"
    )
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="ballots", verbose_name="의원"
    )
    choice = models.CharField("표결 내용", max_length=10, choices=Choice.choices)

    class Meta:
        verbose_name = "의원별 표결"
        verbose_name_plural = "의원별 표결"
        ordering = ["vote", "member__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["vote", "member"],
                name="ballot_unique_member",
                violation_error_message="이 표결에 이 의원의 표결 내용이 이미 있습니다. 한 "
                "의원은 한 번만 적습니다.",
            ),
            models.CheckConstraint(
                condition=Q(choice__in=["yes", "no", "abstain"]),
                name="ballot_choice_known",
                violation_error_message="표결 내용은 찬성, 반대, 기권 가운데 하나입니다.",
            ),
        ]

    def __str__(self):
        return f"{self.member.name} {self.get_choice_display()}"

    def clean(self):
        vote = self.vote if self.vote_id else None
        member = self.member if self.member_id else None
        error = member_sitting_error(member, vote.sitting if vote else None)
        if error:
            raise ValidationError({"member": error})


class Speech(models.Model):
    """A member's speech at a sitting: a question to the executive (구정질문, 시정질문 … in
    the council's words, ``CouncilWords.questions``) or a five-minute speech (5분 자유발언)."""

    class Kind(models.TextChoices):
        # Pages show the council's own word for it (Speech.kind_label).
        QUESTION = "question", "집행기관 질문"
        FREE_SPEECH = "free_speech", "5분 자유발언"

    sitting = models.ForeignKey(
        Sitting, on_delete=models.CASCADE, related_name="speeches", verbose_name="회의(차수)"
    )
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="speeches", verbose_name="의원"
    )
    kind = models.CharField("구분", max_length=20, choices=Kind.choices)
    title = models.CharField("주제", max_length=200, help_text="예: 가상천 산책로 안전 대책")
    offset_seconds = models.PositiveIntegerField(
        "영상 위치(초)",
        null=True,
        blank=True,
        help_text="녹화 영상에서 발언이 시작하는 곳, 영상 처음부터 센 초. 예: 1시간 2분 5초는 "
        "3725. 비워 두면 영상 링크 없이 나갑니다.",
    )
    order = models.PositiveSmallIntegerField("순서", default=0)

    class Meta:
        verbose_name = "의원 발언"
        verbose_name_plural = "의원 발언"
        ordering = ["sitting", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["question", "free_speech"]),
                name="speech_kind_known",
                violation_error_message="발언 구분은 집행기관 질문 또는 5분 자유발언입니다.",
            ),
        ]

    def __str__(self):
        return f"{self.member.name} {self.get_kind_display()}: {self.title}"

    def kind_label(self, words: CouncilWords) -> str:
        """The kind in the council's words: 구정질문 (시정질문 …) or 5분 자유발언."""
        if self.kind == self.Kind.QUESTION:
            return words.questions
        return self.get_kind_display()

    @property
    def offset_label(self) -> str:
        """ "1:02:05", "2:05"; "" without an offset."""
        return "" if self.offset_seconds is None else clock_label(self.offset_seconds)

    def clean(self):
        sitting = self.sitting if self.sitting_id else None
        member = self.member if self.member_id else None
        error = member_sitting_error(member, sitting)
        if error:
            raise ValidationError({"member": error})
