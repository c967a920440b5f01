"""Citizen monitors (의정모니터): cohorts, monitors and their activities."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models

from council.models import Council, Member


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
        # The per-member limit spans records: outreach/rules.py, called by the admin's
        # forms and outreach.services.monitor_create.
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
