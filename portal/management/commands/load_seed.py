"""Load the seed document's data (fixtures/*.json) into the database.

The seed's budget years and work plan load as published, as the document was: each budget
year through budget_year_publish and the plan as its first edition through
work_plan_publish (its PDF made by a task: a worker in `make run`, inside the call in
tests), so what the public sees goes through the same services as a clerk's publishing.

Idempotent: when the council already exists the command leaves the records alone (staff may
have edited them), unless --force reloads the seed over them. Fixtures carry explicit primary
keys, so a forced reload updates rows in place and never duplicates them.
"""

import json
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from audit.baseline import history_baseline_create
from budget.models import BudgetAmount, BudgetYear
from budget.services import budget_year_publish
from common import versioning
from council.models import Council
from legislation.seed import bills_from_agenda
from workplan.models import WorkPlan
from workplan.services import work_plan_publish

# Order matters: later fixtures refer to rows of earlier ones.
SEED_FIXTURES = ["council.json", "sessions.json", "budget.json", "outreach.json", "workplan.json"]


def seed_fixture_paths():
    return [str(settings.BASE_DIR / "fixtures" / name) for name in SEED_FIXTURES]


def seed_council_name() -> str:
    """The name of the council the seed describes, read from the seed itself: the code knows
    no council by name."""
    records = json.loads(Path(seed_fixture_paths()[0]).read_text(encoding="utf-8"))
    return next(r["fields"]["name"] for r in records if r["model"] == "council.council")


class Command(BaseCommand):
    help = "시드 문서(2023 주요업무계획)의 데이터를 불러옵니다. 이미 있으면 건너뜁니다."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="이미 불러온 데이터 위에 시드를 다시 덮어씁니다."
        )

    def handle(self, *args, force=False, **options):
        if Council.objects.filter(name=seed_council_name()).exists() and not force:
            self.stdout.write(
                "Seed data already loaded; skipping (use --force to reload). "
                "시드 데이터가 이미 있어 건너뜁니다."
            )
            return
        with transaction.atomic():
            with versioning.batch():  # every model's data version bumped once
                call_command("loaddata", *seed_fixture_paths(), verbosity=0)
                # loaddata sends no history: each record starts its history as "초기 자료".
                history_baseline_create()
                council = Council.objects.get(name=seed_council_name())
                publish_budgets(council)
                # Agenda items that name a bill (예산안, 결산안 …) become bills.
                bills_from_agenda(council)
            # After the batch: the edition records the data version of what it shows.
            publish_work_plans(council)
        self.stdout.write(self.style.SUCCESS("Seed data loaded. 시드 데이터를 불러왔습니다."))


def publish_budgets(council: Council) -> None:
    """Publish the seed's budget years not yet published (a forced reload leaves published
    ones as they are)."""
    published = set(BudgetYear.objects.of(council).published().values_list("year", flat=True))
    amounts = BudgetAmount.objects.filter(item__council=council)
    for year in sorted(set(amounts.values_list("year", flat=True)) - published):
        budget_year_publish(council=council, year=year, user=None)


def publish_work_plans(council: Council) -> None:
    """Publish the seed's work plans never published as their first edition."""
    for plan in WorkPlan.objects.filter(council=council, editions__isnull=True):
        work_plan_publish(work_plan=plan, user=None, note="시드 문서의 발행본")
