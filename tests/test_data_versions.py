"""Data versions (common/versioning.py): one per model, bumped by every save, delete and m2m
change of its records; once per model for a whole loaddata."""

from __future__ import annotations

import datetime
import json
from io import StringIO

from django.core.management import call_command, get_commands
from django.db import connection
from django.test.utils import CaptureQueriesContext

from budget.models import BudgetAmount, BudgetItem
from common import versioning
from sessions_app.models import AgendaItem, Body


def test_a_save_bumps_the_version_of_its_model_only(seeded, clock):
    clock.travel_to(datetime.date(2026, 12, 2))  # a day after the seed was loaded
    before = versioning.versions(BudgetAmount, BudgetItem)
    amount = BudgetAmount.objects.get(item_id=4, year=2023, kind="original")
    amount.amount += 1
    amount.save()

    assert versioning.versions(BudgetAmount, BudgetItem) == {
        "budget.budgetamount": before["budget.budgetamount"] + 1,
        "budget.budgetitem": before["budget.budgetitem"],
    }
    assert versioning.last_changed("budget.budgetamount") > versioning.last_changed(BudgetItem)


def test_an_m2m_change_bumps_the_model_that_declares_the_field(seeded):
    item = AgendaItem.objects.first()
    before = versioning.versions(AgendaItem, Body)["sessions_app.agendaitem"]
    item.bodies.add(Body.objects.exclude(pk__in=item.bodies.all()).first())

    assert versioning.versions(AgendaItem)["sessions_app.agendaitem"] == before + 1
    assert versioning.scope_of(AgendaItem.bodies.through) == "sessions_app.agendaitem"


def test_a_raw_save_outside_a_batch_bumps_at_once(seeded):
    before = versioning.versions(BudgetAmount)["budget.budgetamount"]
    amount = BudgetAmount.objects.first()
    amount.save_base(raw=True)  # as loaddata saves a row

    assert versioning.versions(BudgetAmount)["budget.budgetamount"] == before + 1


def test_a_batch_bumps_each_model_once_at_its_end(seeded):
    before = versioning.versions(BudgetAmount)["budget.budgetamount"]
    with versioning.batch():
        for amount in BudgetAmount.objects.all()[:5]:
            amount.save()
        with versioning.batch():  # an inner batch adds to the outer one
            BudgetAmount.objects.first().save()
        assert versioning.versions(BudgetAmount)["budget.budgetamount"] == before

    assert versioning.versions(BudgetAmount)["budget.budgetamount"] == before + 1


def test_loaddata_is_commons_batched_command():
    assert get_commands()["loaddata"] == "common"


def _data_version_writes(queries) -> list[str]:
    return [
        q["sql"]
        for q in queries
        if q["sql"].startswith(("INSERT", "UPDATE")) and '"council_dataversion"' in q["sql"]
    ]


def test_loading_the_seed_writes_each_data_version_once(db):
    from portal.management.commands.load_seed import seed_fixture_paths

    loaded = {
        record["model"]
        for path in seed_fixture_paths()
        for record in json.loads(open(path, encoding="utf-8").read())
    }
    # load_seed publishes the seed's budget years in the same batch, and then its work plan
    # as its first edition (after the batch, so that the edition records the version of the
    # records it shows: one more update finding no row and an insert). The agenda's bills
    # (legislation.seed) are written in the batch too.
    published = {
        "budget.budgetyear",
        "workplan.edition",
        "legislation.bill",
        "legislation.billaction",
    }
    with CaptureQueriesContext(connection) as ctx:
        call_command("load_seed", stdout=StringIO())

    # Hundreds of rows; one write per model (and an update finding no row yet).
    assert len(_data_version_writes(ctx.captured_queries)) <= len(loaded | published) + 2
    assert versioning.versions(*loaded) == dict.fromkeys(sorted(loaded), 1)

    # Reloaded over itself: the versions exist, one update bumps them all.
    with CaptureQueriesContext(connection) as ctx:
        call_command("load_seed", "--force", stdout=StringIO())
    assert len(_data_version_writes(ctx.captured_queries)) == 1
    assert versioning.versions(*loaded) == dict.fromkeys(sorted(loaded), 2)


def test_a_page_cached_before_loaddata_is_fresh_after_it(seeded, client, tmp_path):
    # 의정활동지원 · 일반운영비 (budget item 4): 2023 amount 36 백만원, total 4,378 백만원.
    assert client.get("/budget/2023/")["X-Page-Cache"] == "miss"
    assert client.get("/budget/2023/")["X-Page-Cache"] == "hit"
    amount = BudgetAmount.objects.get(item_id=4, year=2023, kind="original")
    fixture = tmp_path / "raise.json"
    fixture.write_text(
        json.dumps(
            [
                {
                    "model": "budget.budgetamount",
                    "pk": amount.pk,
                    "fields": {"item": 4, "year": 2023, "kind": "original", "amount": 46_000_000},
                }
            ]
        )
    )

    call_command("loaddata", str(fixture), verbosity=0)

    page = client.get("/budget/2023/")
    assert page["X-Page-Cache"] == "miss"
    html = page.content.decode()
    assert "4,388" in html and "4,378" not in html
