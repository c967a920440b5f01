"""The work plan report builder: gathers plain data from every app's selectors into one
WorkPlanReport, which the templates in templates/workplan/ only format (HTML and PDF alike).

The work plan sits above the apps it reports on: it reads council, sessions_app, budget and
outreach through their selectors, and none of them refers to it. Every figure in the report
(totals, changes, rates, day counts, weekdays, participant totals) is computed here or in
those selectors from the stored rows when the report is built; none is stored.

The number of queries is bounded whatever the number of projects or exhibits: each record
table is read once, only when some project shows it.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from budget.models import BudgetAmount, BudgetItem, BudgetYear
from budget.selectors import BudgetComparison, budget_comparison
from common import figures, versioning
from council import models as council_models
from council.selectors import CouncilOverview, StaffOverview, council_overview, staff_table
from outreach import models as outreach_models
from outreach import selectors as outreach
from sessions_app import selectors as sessions
from sessions_app.models import AgendaItem, Body, Session, SessionRules

from ..models import (
    PlanItem,
    Project,
    ProjectExhibit,
    ProjectFinancing,
    ProjectSection,
    Purchase,
    WorkPlan,
)
from ..selectors import FinancingTable, financing_tables, work_plan_for_year
from .text import Line, parse_body

# Every model build_report() reads: the cache keys of the work plan's page and PDF hold
# their data versions (tests/test_page_cache.py checks this against the queries). Not read:
# visit applications and the visit programme's settings, sittings, logins.
REPORT_SCOPES = (
    WorkPlan,
    Project,
    ProjectSection,
    ProjectExhibit,
    PlanItem,
    Purchase,
    ProjectFinancing,
    council_models.Council,
    council_models.Term,
    council_models.Member,
    council_models.Committee,
    council_models.CommitteeMembership,
    council_models.SecretariatUnit,
    council_models.StaffTable,
    council_models.StaffQuota,
    Session,
    SessionRules,
    AgendaItem,  # with its bodies
    Body,
    BudgetItem,
    BudgetAmount,
    BudgetYear,  # the report shows published budget years only
    outreach_models.PRYear,
    outreach_models.PRChannel,
    outreach_models.PRFigure,
    outreach_models.PressCoverage,
    outreach_models.PRTarget,
    outreach_models.ChannelMetric,
    outreach_models.MonitorCohort,
    outreach_models.Monitor,
    outreach_models.MonitorActivity,
    outreach_models.SchoolVisit,
    outreach_models.CommunityActivity,
    outreach_models.RoomRentalYear,
    outreach_models.StudyEvent,
)


def report_version() -> str:
    """The data version of everything the work plan shows (one query): a PDF made at this
    version shows the records as they are now."""
    return versioning.version_key(*REPORT_SCOPES)


Kind = ProjectExhibit.Kind
SECTION_ORDER = [k for k, _ in ProjectSection.Kind.choices]
SECTION_LABELS = dict(ProjectSection.Kind.choices)


class ReportNotFound(LookupError):
    """No work plan is recorded for the year asked."""

    def __init__(self, year: int):
        super().__init__(f"{year}년 주요업무계획이 없습니다.")
        self.year = year


# ---------------------------------------------------------------- plain data


@dataclass
class Part:
    """One block of a section, in `order`: a text block (heading + lines) or an exhibit."""

    order: int
    heading: str = ""
    lines: list[Line] = field(default_factory=list)
    exhibit: str = ""  # a ProjectExhibit.Kind value, or "" for text
    data: Any = None  # the exhibit's data

    @property
    def template(self) -> str:
        return f"workplan/exhibits/{self.exhibit}.html"


@dataclass
class Section:
    kind: str
    label: str  # 사업개요, 추진실적 …
    parts: list[Part]


@dataclass
class PlanItemRow:
    item: PlanItem
    amount: int | None  # quantity × unit cost, or the lump sum


@dataclass
class FinancingLine:
    source: str  # 계, then each source as the council calls it (구비, 시비, 도비 …)
    total: int
    cells: list[int | None]  # aligned with the table's years


@dataclass
class ProjectReport:
    project: Project
    anchor: str
    sections: list[Section]
    plan_items: list[PlanItemRow]
    plan_items_total: int | None
    budget: int | None  # 소요예산 of the plan year: its financing from every source
    financing: FinancingTable | None

    @property
    def number(self) -> int:
        return self.project.number

    @property
    def financing_rows(self) -> list[FinancingLine]:
        """The 계 row first, then one per source, each with a cell per year."""
        if self.financing is None:
            return []
        years = self.financing.years
        return [
            FinancingLine(row.source, row.total, [row.by_year.get(y) for y in years])
            for row in [self.financing.total, *self.financing.rows]
        ]

    @property
    def title(self) -> str:
        return self.project.title


@dataclass
class SessionRow:
    session: Session
    days: int
    agenda: list[tuple[str, list[str]]]  # (title, short names of the bodies handling it)


@dataclass
class SessionsExhibit:
    year: int
    rows: list[SessionRow]
    summary: sessions.YearSummary


@dataclass
class StudyYear:
    year: int
    rows: list[outreach.StudyEventRow]


@dataclass
class PRFiguresExhibit:
    table: outreach.PRTable
    press: outreach.PRRow | None  # 보도자료, with interviews shown beside it
    interviews: outreach.PRRow | None
    channels: list[outreach.PRRow]  # every other channel
    coverage: list[tuple[int | None, list[tuple[str, int]]]]  # per year: total, (tier, count)
    summary: outreach.PressSummary | None


@dataclass
class TargetRow:
    progress: outreach.TargetProgress
    previous_year: int
    previous: int | None  # last year's figure for the channel (press releases with interviews)
    change: figures.Change  # the target against last year's figure


@dataclass
class MonitorActivitiesExhibit:
    cohorts: list[outreach.CohortRow]  # cohorts before the plan year's
    years: list[int]  # latest first
    rows: list[tuple[str, str, list[outreach.ActivityCell | None]]]  # (kind, label, cells)


@dataclass
class PurchasesExhibit:
    purchases: list[Purchase]
    total: int
    total_quantity: int


@dataclass
class RentalYear:
    year: int
    internal: int
    external: int

    @property
    def total(self) -> int:
        return self.internal + self.external


@dataclass
class CommitteeBox:
    """A committee in the council's organisation chart: its name, chair and members."""

    name: str
    chair: str  # the 위원장's name, "" while none is recorded
    members: int  # seats recorded on it


@dataclass
class CouncilChart:
    """의회조직: the chair, the vice chairs and the committees, from the records."""

    seats: int | None
    chair: str  # names, "" while none is recorded
    vice_chairs: list[str]
    standing: list[CommitteeBox]
    special: list[CommitteeBox]


@dataclass
class SecretariatChart:
    """사무국 조직: the bureau over its expert advisers and teams, from the records."""

    bureau: str
    advisers: list[str]
    teams: list[str]


CHAIR_LABEL = council_models.CommitteeMembership.Role.CHAIR.label


def _committee_boxes(rows) -> list[CommitteeBox]:
    boxes = []
    for row in rows:
        chair = next((s.member.name for s in row.seats if s.role_label == CHAIR_LABEL), "")
        boxes.append(CommitteeBox(row.committee.name, chair, len(row.seats)))
    return boxes


@dataclass
class TocEntry:
    label: str
    anchor: str
    level: int


@dataclass
class WorkPlanReport:
    plan: WorkPlan
    year: int
    previous_year: int
    overview: CouncilOverview
    staff: StaffOverview | None
    budget: BudgetComparison | None
    projects: list[ProjectReport]
    built_at: datetime.datetime

    @property
    def council(self):
        return self.plan.council

    @property
    def title(self) -> str:
        return f"{self.previous_year}. 주요업무 추진실적 및 {self.year}. 주요업무계획"

    @property
    def teams(self):
        return next((k.units for k in self.overview.secretariat if k.kind == "team"), [])

    @property
    def bureau(self):
        return next((k.units[0] for k in self.overview.secretariat if k.kind == "bureau"), None)

    @property
    def bureau_name(self) -> str:
        return self.overview.bureau_name

    @property
    def words(self):
        """The council's words (구민/시민, 구의회 청사/시의회 청사 …): council.words."""
        return self.council.words

    @property
    def council_chart(self) -> CouncilChart:
        members = [row.member for row in self.overview.members]
        Role = council_models.Member.Role
        return CouncilChart(
            seats=self.overview.seats,
            chair=next((m.name for m in members if m.role == Role.CHAIR), ""),
            vice_chairs=[m.name for m in members if m.role == Role.VICE_CHAIR],
            standing=_committee_boxes(self.overview.standing),
            special=_committee_boxes(self.overview.special),
        )

    @property
    def secretariat_chart(self) -> SecretariatChart:
        units = {k.kind: [u.name for u in k.units] for k in self.overview.secretariat}
        Unit = council_models.SecretariatUnit.Kind
        return SecretariatChart(
            bureau=self.bureau_name,
            advisers=units.get(Unit.ADVISER, []),
            teams=units.get(Unit.TEAM, []),
        )

    @property
    def toc(self) -> list[TocEntry]:
        entries = [
            TocEntry("I. 일반현황", "general", 1),
            TocEntry("1. 조직 및 인력", "organisation", 2),
            TocEntry("2. 예산현황", "budget", 2),
            TocEntry("II. 주요사업 업무계획", "projects", 1),
        ]
        if self.projects:
            first = self.projects[0]
            label = f"{first.number}. {first.title}"
            if len(self.projects) > 1:
                label += f" 등 {len(self.projects) - 1}개 사업"
            entries.append(TocEntry(label, first.anchor, 2))
        return entries


# ---------------------------------------------------------------- exhibits


def _study_years(council, kind: str, before_year: int) -> list[StudyYear]:
    by_year: dict[int, list] = defaultdict(list)
    for row in outreach.study_events(council, kind):
        if row.event.starts_on.year < before_year:
            by_year[row.event.starts_on.year].append(row)
    return [StudyYear(y, by_year[y]) for y in sorted(by_year, reverse=True)]


def _sessions(council, year: int) -> SessionsExhibit:
    rows = []
    found = list(sessions.sessions_in_year(council, year))
    for session in found:
        agenda = []
        for item in session.agenda_items.all():
            # Bodies come in their order (Body.order: committees first, the plenary last),
            # the same order the schedule pages and the calendar feeds use.
            agenda.append((item.title, [b.short_name for b in item.bodies.all()]))
        rows.append(SessionRow(session, sessions.session_days(session), agenda))
    return SessionsExhibit(year, rows, sessions.summarize_sessions(year, found))


# The plan's PR table: its own year (counted in part when the plan is issued) and the three
# before, as the printed plan has it, whatever the number of years recorded.
PR_TABLE_YEARS = 4


class _Reads:
    """Record tables several exhibits share, each read at most once per report."""

    def __init__(self, council, year: int):
        self.council = council
        self.year = year

    @cached_property
    def pr_table(self) -> outreach.PRTable:
        return outreach.pr_table(self.council, until=self.year, span=PR_TABLE_YEARS)

    @cached_property
    def monitors(self) -> outreach.MonitorOverview:
        return outreach.monitor_overview(self.council)

    @cached_property
    def session_rules(self):
        return sessions.session_rules(self.council)


def _pr_figures(table: outreach.PRTable) -> PRFiguresExhibit:
    Measure = outreach_models.PRChannel.Measure
    press = table.row(Measure.PRESS_RELEASE)
    interviews = table.row(Measure.INTERVIEW)
    paired = {id(row) for row in (press, interviews) if row is not None}
    coverage = []
    for year in table.year_numbers:
        cells = [(row.label, row.cell(year).count) for row in table.coverage]
        tiers = [(label, count) for label, count in cells if count is not None]
        coverage.append((table.coverage_total.cell(year).count, tiers))
    return PRFiguresExhibit(
        table=table,
        press=press,
        interviews=interviews,
        channels=[r for r in table.rows if id(r) not in paired],
        coverage=coverage,
        summary=outreach.press_summary(table),
    )


def _pr_targets(council, table: outreach.PRTable, year: int) -> list[TargetRow]:
    rows = []
    for progress in outreach.pr_targets(council, year):
        channel = progress.target.channel
        if channel.measure == outreach_models.PRChannel.Measure.PRESS_RELEASE:
            previous = outreach.press_release_count(table, year - 1)
        else:
            channel_row = table.channel_row(channel.pk)
            cell = channel_row.cell(year - 1) if channel_row else None
            previous = cell.count if cell else None
        rows.append(
            TargetRow(
                progress=progress,
                previous_year=year - 1,
                previous=previous,
                change=figures.year_over_year(progress.target.target, previous),
            )
        )
    return rows


def _monitors(
    overview: outreach.MonitorOverview, year: int
) -> tuple[outreach.CohortRow | None, MonitorActivitiesExhibit]:
    current = next(
        (c for c in overview.cohorts if c.cohort.starts_on and c.cohort.starts_on.year == year),
        None,
    )
    if current is None:  # the latest cohort begun by the plan year
        begun = [
            c for c in overview.cohorts if c.cohort.starts_on and c.cohort.starts_on.year <= year
        ]
        current = max(begun, key=lambda c: c.cohort.starts_on, default=None)
    past = [c for c in overview.cohorts if c is not current]
    past.sort(key=lambda c: (c.cohort.term_number, c.cohort.half != "first"))
    years = [ay.year for ay in overview.activity_years if ay.year < year]
    rows = [
        (kind, label, [ay.by_kind.get(kind) for ay in overview.activity_years if ay.year < year])
        for kind, label in overview.activity_kinds
    ]
    return current, MonitorActivitiesExhibit(cohorts=past, years=years, rows=rows)


def _exhibit_data(kind: str, reads: _Reads, year: int) -> Any:
    council = reads.council
    if kind == Kind.SEMINARS:
        return _study_years(council, "seminar", year)
    if kind == Kind.OVERSEAS:
        return _study_years(council, "overseas", year)
    if kind == Kind.TRAININGS:
        return _study_years(council, "training", year)
    if kind == Kind.COMMUNITY:
        return [g for g in outreach.community_activities(council) if year - 1 <= g.year <= year]
    if kind == Kind.ROOM_RENTALS:
        return [
            RentalYear(r.year, r.internal_count, r.external_count)
            for r in outreach.room_rentals(council, [year - 1])
        ]
    if kind in (Kind.SESSION_RULES, Kind.MINUTES_RULES):
        return reads.session_rules
    if kind == Kind.SESSIONS_HELD:
        return _sessions(council, year - 1)
    if kind == Kind.SESSIONS_PLANNED:
        return _sessions(council, year)
    if kind == Kind.SCHOOL_VISITS:
        visits = outreach.school_visits(council).visits
        return sorted(
            (v for v in visits if v.starts_on.year == year - 1), key=lambda v: v.starts_on
        )
    if kind in (Kind.MONITOR_COHORT, Kind.MONITOR_ACTIVITIES):
        current, activities = _monitors(reads.monitors, year)
        return current if kind == Kind.MONITOR_COHORT else activities
    if kind == Kind.PR_FIGURES:
        return _pr_figures(reads.pr_table)
    if kind == Kind.PR_METRICS:
        return outreach.channel_metrics(council, year - 1)
    if kind == Kind.PR_TARGETS:
        return _pr_targets(council, reads.pr_table, year)
    raise ValueError(f"unknown exhibit kind {kind!r}")


# ---------------------------------------------------------------- projects


def _project_report(
    project: Project,
    exhibit_data: dict[str, Any],
    financing: dict[int, FinancingTable],
    year: int,
) -> ProjectReport:
    parts: dict[str, list[Part]] = defaultdict(list)
    for section in project.sections.all():
        parts[section.kind].append(
            Part(order=section.order, heading=section.heading, lines=parse_body(section.body))
        )
    for exhibit in project.exhibits.all():
        if exhibit.kind == Kind.PURCHASES:
            purchases = list(project.purchases.all())
            data = PurchasesExhibit(
                purchases, sum(p.amount for p in purchases), sum(p.quantity for p in purchases)
            )
        else:
            data = exhibit_data[exhibit.kind]
        parts[exhibit.section].append(Part(order=exhibit.order, exhibit=exhibit.kind, data=data))
    sections = [
        Section(kind, SECTION_LABELS[kind], sorted(parts[kind], key=lambda p: (p.order, p.exhibit)))
        for kind in SECTION_ORDER
        if parts.get(kind)
    ]
    items = [PlanItemRow(item, item.amount) for item in project.plan_items.all()]
    amounts = [row.amount for row in items if row.amount is not None]
    table = financing.get(project.pk)
    return ProjectReport(
        project=project,
        anchor=f"project-{project.number}",
        sections=sections,
        plan_items=items,
        plan_items_total=sum(amounts) if amounts else None,
        budget=table.for_year(year) if table else None,
        financing=table,
    )


def build_report(year: int) -> WorkPlanReport:
    """Everything the year's work plan shows, computed from the records now.

    Raises ReportNotFound when no work plan is recorded for the year.
    """
    plan = work_plan_for_year(year)
    if plan is None:
        raise ReportNotFound(year)
    council = plan.council
    projects = list(plan.projects.all())
    kinds = {e.kind for p in projects for e in p.exhibits.all()} - {Kind.PURCHASES}
    reads = _Reads(council, year)
    exhibit_data = {kind: _exhibit_data(kind, reads, year) for kind in sorted(kinds)}
    financing = financing_tables(projects, council.words)
    basis = plan.staff_table.basis_date if plan.staff_table else plan.issued_on
    return WorkPlanReport(
        plan=plan,
        year=year,
        previous_year=year - 1,
        overview=council_overview(council),
        staff=staff_table(council, basis),
        # A published document shows no draft budget: published years only.
        budget=budget_comparison(council, year, published_only=True),
        projects=[_project_report(p, exhibit_data, financing, year) for p in projects],
        built_at=datetime.datetime.now(datetime.UTC),
    )
