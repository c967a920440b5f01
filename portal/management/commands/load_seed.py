"""Load the seed document's data (fixtures/*.json) into the database.

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

from council.models import Council

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
            call_command("loaddata", *seed_fixture_paths(), verbosity=0)
        self.stdout.write(self.style.SUCCESS("Seed data loaded. 시드 데이터를 불러왔습니다."))
