"""Reads of the work plan shared by its pages, the admin, the report and the PDF."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch, Subquery, Sum

from council.models import Council
from council.words import CouncilWords

from .models import Edition, Project, ProjectFinancing, Rendition, WorkPlan

# ---------------------------------------------------------------- work plans


def work_plan_years(council: Council | None = None, *, published_only: bool = False) -> list[int]:
    """The years with a plan; with `published_only`, with a published edition (what the
    public may see). One query."""
    plans = WorkPlan.objects.all() if council is None else WorkPlan.objects.filter(council=council)
    if published_only:
        plans = plans.published()
    return sorted(plans.values_list("year", flat=True))


# What a list of editions needs: not their kept HTML (a document each).
_EDITION_LIST_FIELDS = ("html", "print_html")


def editions_of_year(year: int) -> list[Edition]:
    """The year's plan's editions, newest first, with the plan and its council, without
    their kept HTML: one query. Empty for a draft (never published) or missing plan."""
    plan = WorkPlan.objects.filter(year=year).order_by("council_id").values("pk")[:1]
    return list(
        Edition.objects.filter(plan=Subquery(plan))
        .select_related("plan__council")
        .defer(*_EDITION_LIST_FIELDS)
        .order_by("-number")
    )


def edition_of_year(year: int, number: int | None = None) -> Edition | None:
    """One edition of the year's plan (the latest without `number`), with no HTML: one
    query."""
    editions = (
        Edition.objects.filter(plan__year=year)
        .select_related("plan")
        .defer(*_EDITION_LIST_FIELDS)
        .order_by("plan__council_id", "-number")
    )
    if number is not None:
        editions = editions.filter(number=number)
    return editions.first()


def edition_body(edition: Edition) -> str:
    """An edition's kept page body (frozen HTML): one query."""
    return Edition.objects.values_list("html", flat=True).get(pk=edition.pk)


def made_rendition(year: int, version: str) -> Rendition | None:
    """The year's PDF made at this data version, if a worker made it: one query."""
    return (
        Rendition.objects.filter(
            work_plan__year=year, version=version, status=Rendition.Status.DONE
        )
        .order_by("work_plan__council_id")
        .first()
    )


def work_plan_of_year(year: int) -> WorkPlan | None:
    """The year's work plan row alone (no projects)."""
    return WorkPlan.objects.filter(year=year).order_by("council_id").first()


def work_plan_for_year(year: int) -> WorkPlan | None:
    """A year's work plan with its council and staff table, and every project's team,
    sections, exhibits, plan items and purchases: six queries however many projects."""
    return (
        WorkPlan.objects.filter(year=year)
        .select_related("council", "staff_table")
        .prefetch_related(
            Prefetch(
                "projects",
                queryset=Project.objects.select_related("team")
                .order_by("number")
                .prefetch_related("sections", "exhibits", "plan_items", "purchases"),
            ),
        )
        .order_by("council_id")
        .first()
    )


# ---------------------------------------------------------------- project financing


@dataclass
class FinancingRow:
    source: str  # "계" for the total row
    by_year: dict[int, int]

    @property
    def total(self) -> int:
        return sum(self.by_year.values())


@dataclass
class FinancingTable:
    """연차별 소요재원: a project's money per year and source, with totals."""

    project_id: int
    years: list[int]
    rows: list[FinancingRow]  # one per source
    total: FinancingRow

    def for_year(self, year: int) -> int | None:
        return self.total.by_year.get(year)


def financing_tables(projects, words: CouncilWords) -> dict[int, FinancingTable]:
    """Financing tables of several projects in one query, keyed by project id; each source
    named as the council calls it (`words`: its council.words)."""
    ids = [p.pk if isinstance(p, Project) else p for p in projects]
    cells: defaultdict[int, defaultdict[str, dict[int, int]]] = defaultdict(
        lambda: defaultdict(dict)
    )
    for project_id, year, source, amount in ProjectFinancing.objects.filter(
        project_id__in=ids
    ).values_list("project_id", "year", "source", "amount"):
        cells[project_id][source][year] = amount
    tables = {}
    for project_id, by_source in cells.items():
        years = sorted({y for by_year in by_source.values() for y in by_year})
        rows = [
            FinancingRow(
                source=ProjectFinancing.Source(source).label_for(words),
                by_year=dict(by_source[source]),
            )
            for source in ProjectFinancing.SOURCE_ORDER
            if source in by_source
        ]
        total = FinancingRow(
            source="계", by_year={y: sum(row.by_year.get(y, 0) for row in rows) for y in years}
        )
        tables[project_id] = FinancingTable(
            project_id=project_id, years=years, rows=rows, total=total
        )
    return tables


def project_budget_for_year(project: Project, year: int) -> int | None:
    """A project's 소요예산 for a year: its financing from every source that year."""
    return ProjectFinancing.objects.filter(project=project, year=year).aggregate(
        total=Sum("amount")
    )["total"]
