"""Public relations figures per year and channel, press coverage by tier, SNS metrics and targets."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from council.models import Council


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
    """A PR channel (보도자료, 광고, 의회보 …) as the council names it, and what it counts."""

    class Measure(models.TextChoices):
        PRESS_RELEASE = "press_release", "보도자료"
        INTERVIEW = "interview", "인터뷰"
        PRESS_COVERAGE = "press_coverage", "언론보도"
        ADVERTISEMENT = "advertisement", "광고"
        VIDEO = "video", "영상"
        SNS = "sns", "SNS"
        NEWSLETTER = "newsletter", "의회보·소식지"
        WHITE_PAPER = "white_paper", "의정백서"
        HANDBOOK = "handbook", "의회수첩"
        OTHER = "other", "기타"

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="pr_channels", verbose_name="의회"
    )
    name = models.CharField("매체", max_length=50)
    measure = models.CharField(
        "집계 구분",
        max_length=20,
        choices=Measure.choices,
        default=Measure.OTHER,
        help_text="이 매체가 세는 것. 보도자료와 인터뷰는 합쳐 '보도자료 실적'으로 요약하므로 "
        "보도자료·인터뷰·언론보도는 의회마다 한 매체만 고를 수 있습니다.",
    )
    unit = models.CharField("단위", max_length=10, help_text="예: 건, 개, 부")
    remark = models.CharField("비고", max_length=100, blank=True)
    cycle_years = models.PositiveSmallIntegerField(
        "제작 주기(년)",
        default=1,
        help_text="해마다 만들면 1, 격년 제작이면 2. 만들지 않는 해는 '격년 제작'으로 표시하고, "
        "만든 해는 직전 판과 비교합니다.",
    )
    order = models.PositiveSmallIntegerField("순서", default=0)

    class Meta:
        verbose_name = "홍보 매체"
        verbose_name_plural = "홍보 매체"
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "measure"],
                # The measures the press summary adds up: one channel each.
                condition=Q(measure__in=["press_release", "interview", "press_coverage"]),
                name="prchannel_unique_single_measure",
                violation_error_message="보도자료·인터뷰·언론보도는 의회마다 한 매체만 고를 수 "
                "있습니다. 이미 그 구분인 매체가 있으니 다른 구분(예: 기타)을 골라 주세요.",
            ),
            models.CheckConstraint(
                condition=Q(cycle_years__gte=1),
                name="prchannel_cycle_at_least_a_year",
                violation_error_message="제작 주기는 1년 이상이어야 합니다 (해마다 만들면 1).",
            ),
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
