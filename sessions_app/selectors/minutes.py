"""Minutes publication: deadlines, compliance per sitting, the staff's report."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import models
from django.db.models import Count, DurationField, ExpressionWrapper, F, Q
from django.db.models.functions import ExtractYear

from common import figures
from council.models import Council

from ..models import Body, Session, SessionRules, Sitting
from .sessions import session_rules

# ---------------------------------------------------------------- minutes publication
#
# How days are counted (the ordinance: "본회의 2일 이내, 위원회 5일 이내"): calendar days after
# the sitting, weekends and holidays included. A sitting's minutes are due on the sitting date
# plus the body's deadline (plenary: SessionRules.plenary_minutes_days, every other body:
# committee_minutes_days); minutes published on or before that day are on time. "Days taken"
# is the publication date minus the sitting date: published the same day is 0 days, the next
# day 1 day. Minutes count as published from their publication date on (a date entered ahead
# does not count until it comes).


class MinutesStatus(models.TextChoices):
    ON_TIME = "on_time", "기한 내 공개"
    LATE = "late", "기한 후 공개"
    OVERDUE = "overdue", "기한 경과(미공개)"
    NOT_DUE = "not_due", "공개 기한 전"


@dataclass(frozen=True)
class MinutesCompliance:
    sitting: Sitting
    deadline_days: int
    due_on: datetime.date
    status: MinutesStatus
    days_taken: int | None  # publication date − sitting date; None while unpublished
    days_elapsed: int  # days since the sitting on the day asked about (or until publication)

    @property
    def status_label(self) -> str:
        return self.status.label

    @property
    def is_published(self) -> bool:
        return self.days_taken is not None

    @property
    def days_over(self) -> int:
        """Days past the deadline (late or overdue); 0 when within it."""
        return max(0, self.days_elapsed - self.deadline_days)


def minutes_deadline_days(rules: SessionRules, body: Body) -> int:
    return rules.plenary_minutes_days if body.is_plenary else rules.committee_minutes_days


def minutes_due_on(sitting_date: datetime.date, deadline_days: int) -> datetime.date:
    """The last day minutes are on time: the sitting date plus the deadline's days."""
    return sitting_date + datetime.timedelta(days=deadline_days)


# Any Monday: the staff's example counts from a sitting held on a Monday.
_A_MONDAY = datetime.date(2024, 1, 1)


@dataclass(frozen=True)
class DeadlineExample:
    """ "2일 기한인 회의가 월요일에 열렸다면 수요일까지": a deadline counted out for staff."""

    days: int
    held: str  # "월요일"
    due: str  # "수요일", "다음 주 월요일", "3주 뒤 수요일"; "그날" for 0 days


def deadline_example(days: int) -> DeadlineExample:
    """How a deadline of `days` falls for a sitting held on a Monday, with the weekday names
    of common/figures and the same due date as minutes_compliance()."""
    due_on = minutes_due_on(_A_MONDAY, days)
    held = f"{figures.weekday_ko(_A_MONDAY)}요일"
    if days == 0:
        return DeadlineExample(days=days, held=held, due="그날")
    weeks = (due_on - _A_MONDAY).days // 7
    ahead = "" if weeks == 0 else "다음 주 " if weeks == 1 else f"{weeks}주 뒤 "
    return DeadlineExample(days=days, held=held, due=f"{ahead}{figures.weekday_ko(due_on)}요일")


def minutes_published(sitting: Sitting, *, on: datetime.date) -> bool:
    return sitting.minutes_published_on is not None and sitting.minutes_published_on <= on


def minutes_compliance(
    sitting: Sitting, *, rules: SessionRules, on: datetime.date
) -> MinutesCompliance:
    deadline = minutes_deadline_days(rules, sitting.body)
    due_on = minutes_due_on(sitting.date, deadline)
    published_on = sitting.minutes_published_on
    if published_on is not None and minutes_published(sitting, on=on):
        taken = (published_on - sitting.date).days
        status = MinutesStatus.ON_TIME if taken <= deadline else MinutesStatus.LATE
        elapsed = taken
    else:
        taken = None
        elapsed = max(0, (on - sitting.date).days)
        status = MinutesStatus.OVERDUE if on > due_on else MinutesStatus.NOT_DUE
    return MinutesCompliance(
        sitting=sitting,
        deadline_days=deadline,
        due_on=due_on,
        status=status,
        days_taken=taken,
        days_elapsed=elapsed,
    )


def minutes_compliance_list(
    council: Council,
    *,
    on: datetime.date,
    year: int | None = None,
    status: MinutesStatus | str | None = None,
) -> list[MinutesCompliance]:
    """Every sitting of the council held up to the day (of a year, if given), newest first,
    with its minutes' compliance; optionally only those of one status. Two queries."""
    rules = session_rules(council)
    if rules is None:
        return []
    sittings = (
        Sitting.objects.of(council)
        .held_by(on)
        .select_related("session", "body")
        .order_by("-date", "body__order", "number")
    )
    if year is not None:
        sittings = sittings.in_year(year)
    rows = [minutes_compliance(sitting, rules=rules, on=on) for sitting in sittings]
    if status:
        rows = [row for row in rows if row.status == status]
    return rows


def count_by_status(rows: list[MinutesCompliance]) -> dict[str, int]:
    """{status value: number of sittings}, every status present (0 if none)."""
    counts = {value: 0 for value in MinutesStatus.values}
    for row in rows:
        counts[row.status] += 1
    return counts


@dataclass(frozen=True)
class SittingRow:
    """A sitting as the session page shows it: its minutes' link once published."""

    sitting: Sitting
    published: bool
    compliance: MinutesCompliance | None  # None when the council has no rules recorded


def session_sittings(
    session: Session, *, rules: SessionRules | None, on: datetime.date
) -> list[SittingRow]:
    """The sittings of a session fetched with session_detail (no further query)."""
    return [
        SittingRow(
            sitting=sitting,
            published=minutes_published(sitting, on=on),
            compliance=minutes_compliance(sitting, rules=rules, on=on) if rules else None,
        )
        for sitting in session.sittings.all()
    ]


@dataclass(frozen=True)
class MinutesReport:
    """The staff's "회의록 공개 현황": sittings up to a day with their minutes' compliance."""

    on: datetime.date
    year: int | None
    status: str  # "" for every status
    rows: list[MinutesCompliance]  # of the status asked for
    counts: dict[str, int]  # every status, over the whole period
    rules: SessionRules | None

    @property
    def plenary_example(self) -> DeadlineExample | None:
        """The plenary deadline counted out from a Monday (the page's worked example)."""
        return deadline_example(self.rules.plenary_minutes_days) if self.rules else None

    @property
    def status_counts(self) -> list[tuple[str, str, int]]:
        """(value, label, count) of each status, in MinutesStatus order."""
        return [(s.value, s.label, self.counts[s.value]) for s in MinutesStatus]


def minutes_report(
    council: Council, *, on: datetime.date, year: int | None = None, status: str = ""
) -> MinutesReport:
    rows = minutes_compliance_list(council, on=on, year=year)
    return MinutesReport(
        on=on,
        year=year,
        status=status,
        rows=[row for row in rows if not status or row.status == status],
        counts=count_by_status(rows),
        rules=session_rules(council),
    )


# ---------------------------------------------------------------- the public on-time record


@dataclass(frozen=True)
class OnTimeShare:
    """A body's year: how many sittings' minutes were due by the day (published, or past
    their deadline unpublished) and how many of them were published within the deadline."""

    year: int
    body_name: str
    body_short_name: str
    due: int
    on_time: int

    @property
    def late(self) -> int:
        return self.due - self.on_time

    @property
    def rate(self):
        """The on-time share in percent (common.figures.share); None when nothing was due."""
        return figures.share(self.on_time, self.due)


def minutes_on_time_shares(
    council: Council, *, rules: SessionRules | None, on: datetime.date
) -> list[OnTimeShare]:
    """Per year and body, the share of sittings whose minutes met the ordinance's deadline,
    counted in one aggregate query, the same way as minutes_compliance() (a sitting counts
    once its minutes are published or past due; not yet due, it waits). The latest year
    first, bodies in their order. Empty when the council has no rules (session_rules)."""
    if rules is None:
        return []
    plenary = Q(body__kind=Body.Kind.PLENARY)
    days = {True: rules.plenary_minutes_days, False: rules.committee_minutes_days}
    published = Q(minutes_published_on__isnull=False, minutes_published_on__lte=on)
    past_due = (plenary & Q(date__lt=on - datetime.timedelta(days=days[True]))) | (
        ~plenary & Q(date__lt=on - datetime.timedelta(days=days[False]))
    )
    within = (plenary & Q(taken__lte=datetime.timedelta(days=days[True]))) | (
        ~plenary & Q(taken__lte=datetime.timedelta(days=days[False]))
    )
    rows = (
        Sitting.objects.of(council)
        .held_by(on)
        .alias(
            taken=ExpressionWrapper(
                F("minutes_published_on") - F("date"), output_field=DurationField()
            )
        )
        .values("body__name", "body__short_name", "body__order", year=ExtractYear("date"))
        .annotate(
            due=Count("pk", filter=published | past_due),
            on_time=Count("pk", filter=published & within),
        )
        .order_by("-year", "body__order", "body__name")
    )
    return [
        OnTimeShare(
            year=row["year"],
            body_name=row["body__name"],
            body_short_name=row["body__short_name"],
            due=row["due"],
            on_time=row["on_time"],
        )
        for row in rows
    ]
