"""Citizen monitors (의정모니터): cohorts, recommenders and activities by year.

Totals, changes and progress are computed from stored rows, never stored; every function
runs a fixed number of queries however many years are loaded."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Prefetch

from council.models import Council

from ..models import (
    Monitor,
    MonitorActivity,
    MonitorCohort,
)

# ---------------------------------------------------------------- citizen monitors (의정모니터)


@dataclass(frozen=True)
class Recommender:
    name: str
    count: int


@dataclass
class CohortRow:
    cohort: MonitorCohort
    size: int | None  # counted from Monitor rows where they exist, else appointed_count
    counted_from_rows: bool
    recommenders: list[Recommender]  # who recommended how many (empty without rows)
    opinions: int | None  # opinions submitted by the cohort's monitors (None without rows)


@dataclass
class ActivityCell:
    kind: str
    count: int
    place: str
    participants: int | None
    note: str

    @property
    def unit(self) -> str:
        return "건" if self.kind == MonitorActivity.Kind.OPINIONS else "회"


@dataclass
class ActivityYear:
    year: int
    by_kind: dict[str, ActivityCell] = field(default_factory=dict)

    def cells(self, kinds: list[str]) -> list[ActivityCell | None]:
        return [self.by_kind.get(k) for k in kinds]


@dataclass
class MonitorOverview:
    cohorts: list[CohortRow]
    activity_kinds: list[tuple[str, str]]  # (value, label) of kinds with any activity
    activity_years: list[ActivityYear]  # latest first

    def activity_rows(self):
        """(year, [cell per kind]) for a table: kinds as columns."""
        kinds = [k for k, _ in self.activity_kinds]
        return [(ay.year, ay.cells(kinds)) for ay in self.activity_years]


def monitor_overview(council: Council) -> MonitorOverview:
    """Cohorts with their size, recommenders and opinions, and activities by year. Three
    queries."""
    cohorts = list(
        MonitorCohort.objects.filter(council=council).prefetch_related(
            Prefetch(
                "monitors",
                queryset=Monitor.objects.select_related("recommended_by").order_by("name"),
            )
        )
    )
    rows = []
    for cohort in cohorts:
        monitors = list(cohort.monitors.all())
        if monitors:
            by_member = Counter(m.recommended_by.name for m in monitors)
            rows.append(
                CohortRow(
                    cohort=cohort,
                    size=len(monitors),
                    counted_from_rows=True,
                    recommenders=[Recommender(n, c) for n, c in sorted(by_member.items())],
                    opinions=sum(m.opinions_submitted for m in monitors),
                )
            )
        else:
            rows.append(
                CohortRow(
                    cohort=cohort,
                    size=cohort.appointed_count,
                    counted_from_rows=False,
                    recommenders=[],
                    opinions=None,
                )
            )

    years: dict[int, ActivityYear] = {}
    seen_kinds = set()
    for activity in MonitorActivity.objects.filter(council=council):
        ay = years.setdefault(activity.year, ActivityYear(activity.year))
        ay.by_kind[activity.kind] = ActivityCell(
            activity.kind, activity.count, activity.place, activity.participants, activity.note
        )
        seen_kinds.add(activity.kind)
    kinds = [(k, label) for k, label in MonitorActivity.Kind.choices if k in seen_kinds]
    return MonitorOverview(
        cohorts=rows,
        activity_kinds=kinds,
        activity_years=[years[y] for y in sorted(years, reverse=True)],
    )
