"""A database restore never brings back pages cached for the lost timeline.

docs/DEPLOYMENT.md's restore steps, end to end on PostgreSQL with a Redis cache (a throw-away
server): the seed is dumped with pg_dump; a clerk then renames a budget item and the page is
cached with the new name; the database is restored from the dump (the rename is lost, and the
data versions go back to the dump's numbers); a clerk renames the same item again, so its
data version reaches the very number the lost page was cached under. The page must show
the new name, never the lost one.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow

STEP = """
    import json, os, django
    django.setup()
    from django.test import Client
    from django.test.utils import setup_test_environment
    setup_test_environment()
    from budget.models import BudgetItem
    from common.models import DataVersion
    item = BudgetItem.objects.filter(amounts__year=2023, level=4).order_by("pk").first()
    if os.environ.get("RENAME"):
        item.name = os.environ["RENAME"]
        item.save()
    page = Client().get("/budget/2023/")
    print("JSON" + json.dumps({
        "status": page.status_code,
        "cache": page.get("X-Page-Cache"),
        "html": page.content.decode(),
        "name": item.name,
        "version": DataVersion.objects.get(scope="budget.budgetitem").version,
    }))
"""


def pg_tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        pytest.fail(f"{name} is missing: scripts/system-deps.sh installs postgresql-client")
    return found


@pytest.fixture
def restore_world(tmp_path, redis_server):
    if connection.vendor != "postgresql":
        pytest.skip("pg_dump and pg_restore: the PostgreSQL run of the suite tests this")
    settings = connection.settings_dict
    server = f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}"
    name = f"council_restore_{os.getpid()}"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": f"{server}/{name}",
        "REDIS_URL": redis_server.url,
        "DJANGO_SETTINGS_MODULE": "portal.settings",
    }
    base = [f"--host={settings['HOST']}", f"--port={settings['PORT']}"]
    base += [f"--username={settings['USER']}"]

    def run(*command: str, **extra: str) -> str:
        result = subprocess.run(
            command,
            cwd=ROOT,
            env={**env, **extra},
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    def step(**extra: str) -> dict:
        out = run(sys.executable, "-c", textwrap.dedent(STEP), **extra)
        return json.loads(next(line for line in out.splitlines() if line.startswith("JSON"))[4:])

    run(pg_tool("dropdb"), *base, "--if-exists", name)
    run(pg_tool("createdb"), *base, name)
    try:
        run(sys.executable, "manage.py", "migrate", "--noinput")
        run(sys.executable, "manage.py", "load_seed")
        yield run, step, base, name
    finally:
        run(pg_tool("dropdb"), *base, "--if-exists", "--force", name)


def test_a_restore_never_serves_pages_cached_for_the_lost_timeline(restore_world, tmp_path):
    run, step, base, name = restore_world
    dump = tmp_path / "council.dump"
    # docs/DEPLOYMENT.md, "Backups": the nightly dump.
    run(pg_tool("pg_dump"), *base, "--format=custom", f"--file={dump}", name)

    seeded = step()
    original = seeded["name"]
    assert original in seeded["html"]

    lost = step(RENAME="복원으로 사라질 이름")
    assert lost["cache"] == "miss" and "복원으로 사라질 이름" in lost["html"]
    assert step()["cache"] == "hit"  # the lost timeline's page is in Redis

    # docs/DEPLOYMENT.md, "Restoring a backup": the same commands.
    run(pg_tool("dropdb"), *base, "--force", name)
    run(pg_tool("createdb"), *base, name)
    run(pg_tool("pg_restore"), *base, "--no-owner", f"--dbname={name}", str(dump))

    restored = step()
    assert restored["version"] == seeded["version"]
    assert original in restored["html"]
    assert "복원으로 사라질 이름" not in restored["html"]

    renamed = step(RENAME="복원 뒤 새 이름")
    # The new edit brings the data version to the number the lost page was cached under ...
    assert renamed["version"] == lost["version"]
    # ... and still the page is the new timeline's.
    assert "복원 뒤 새 이름" in renamed["html"]
    assert "복원으로 사라질 이름" not in renamed["html"]
    assert renamed["cache"] == "miss"
