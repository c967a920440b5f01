"""Seminars, study visits and training; community activities; room rentals.

Totals, changes and progress are computed from stored rows, never stored; every function
runs a fixed number of queries however many years are loaded."""

from __future__ import annotations

from dataclasses import dataclass

from common import figures
from council.models import Council

from ..models import (
    CommunityActivity,
    RoomRentalYear,
    StudyEvent,
)

# ---------------------------------------------------------------- seminars, visits, training


@dataclass(frozen=True)
class StudyEventRow:
    event: StudyEvent
    days: int

    @property
    def participants(self) -> int:
        return self.event.participants


def study_events(council: Council, kind: str | None = None) -> list[StudyEventRow]:
    """Seminars, overseas visits and trainings (one kind or all), latest first. One query."""
    events = StudyEvent.objects.filter(council=council)
    if kind is not None:
        events = events.filter(kind=kind)
    order = {k: i for i, k in enumerate(StudyEvent.Kind.values)}
    rows = [
        StudyEventRow(event=e, days=figures.days_inclusive(e.starts_on, e.ends_on)) for e in events
    ]
    rows.sort(key=lambda r: (order[r.event.kind], -r.event.starts_on.toordinal()))
    return rows


@dataclass
class StudyEventGroup:
    kind: str
    label: str
    rows: list[StudyEventRow]


def study_events_by_kind(council: Council) -> list[StudyEventGroup]:
    """study_events grouped per kind (의원 세미나, 해외비교시찰, 역량개발교육). One query."""
    groups = {k: StudyEventGroup(k, label, []) for k, label in StudyEvent.Kind.choices}
    for row in study_events(council):
        groups[row.event.kind].rows.append(row)
    return list(groups.values())


# ---------------------------------------------------------------- community activities


@dataclass
class ActivityGroup:
    year: int
    activities: list[CommunityActivity]


def community_activities(council: Council) -> list[ActivityGroup]:
    """지역활동 grouped by year, latest year first. One query."""
    groups: dict[int, ActivityGroup] = {}
    for activity in CommunityActivity.objects.filter(council=council).order_by(
        "-year", "order", "pk"
    ):
        groups.setdefault(activity.year, ActivityGroup(activity.year, [])).activities.append(
            activity
        )
    return list(groups.values())


# ---------------------------------------------------------------- room rentals (회의실 대관)


def room_rentals(council: Council, years) -> list[RoomRentalYear]:
    """회의실 대관 실적 of the given years, latest first. One query."""
    return list(RoomRentalYear.objects.filter(council=council, year__in=list(years)))
