"""Seminars, study visits and training (StudyEvent), community activities and room rentals."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from council.models import Council


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


class RoomRentalYear(models.Model):
    """회의실 대관 실적: bookings of the council's rooms in a year (the seed gives totals)."""

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="room_rentals", verbose_name="의회"
    )
    year = models.PositiveSmallIntegerField("연도")
    internal_count = models.PositiveIntegerField("내부 대관(건)", default=0)
    external_count = models.PositiveIntegerField("외부 대관(건)", default=0)

    class Meta:
        db_table = "council_roomrentalyear"
        verbose_name = "회의실 대관 실적"
        verbose_name_plural = "회의실 대관 실적"
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["council", "year"], name="rental_unique_year"),
        ]

    def __str__(self):
        return f"{self.year}년 회의실 대관"
