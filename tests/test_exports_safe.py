"""Open-data exports are safe to open in a spreadsheet (OWASP "CSV injection"): a text cell
that begins with = + - @, a tab or a carriage return is written with a leading ' so the
spreadsheet shows it as text; numbers stay numbers; the JSON keeps the values as they are."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest

from budget.models import BudgetAmount, BudgetItem
from common.exports import safe_row, spreadsheet_cell

FORMULAS = ['=HYPERLINK("http://x","y")', "+1", "-1", "@SUM(A1)", "\tx", "\rx"]


@pytest.mark.parametrize("text", FORMULAS)
def test_text_that_a_spreadsheet_would_run_gets_a_leading_quote(text):
    assert spreadsheet_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["여비", "", "a=b", "1+1", " =x", "'quoted", "총계"])
def test_other_text_is_written_as_it_is(text):
    assert spreadsheet_cell(text) == text


@pytest.mark.parametrize("number", [-4348, 0, 12_000_000, Decimal("-1.5"), -2.5])
def test_numbers_stay_numbers_even_when_negative(number):
    assert spreadsheet_cell(number) == number


def test_safe_row_neutralises_each_text_cell_and_keeps_numbers():
    row = {"name": "=1+1", "amount": -4348, "year": 2023, "note": None}
    assert safe_row(row) == {"name": "'=1+1", "amount": -4348, "year": 2023, "note": None}


def test_budget_csv_writes_formula_names_as_text_and_json_unchanged(seeded, client):
    leaves = list(
        BudgetItem.objects.filter(level=BudgetItem.Level.CATEGORY)
        .filter(amounts__year=2023)
        .distinct()
        .order_by("pk")[: len(FORMULAS)]
    )
    assert len(leaves) == len(FORMULAS)
    for leaf, name in zip(leaves, FORMULAS, strict=True):
        leaf.name = name
        leaf.save()

    response = client.get("/budget/2023.csv")
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    names = {row["name"] for row in rows}
    for name in FORMULAS:
        assert "'" + name in names, name
        assert name not in names, name
    first = next(r for r in rows if r["name"] == "'" + FORMULAS[0] and r["year"] == "2023")
    amount = BudgetAmount.objects.get(item=leaves[0], year=2023).amount
    assert first["amount"] == str(amount)  # numbers as written (amounts are never negative)
    assert all(not r[k].startswith(("=", "+", "@", "\t", "\r")) for r in rows for k in r)
    assert all(not r[k].startswith("-") for r in rows for k in r if k != "amount")

    data = json.loads(client.get("/budget/2023.json").content)
    json_names = {row["name"] for row in data["rows"]}
    assert set(FORMULAS) <= json_names  # the JSON carries the names as they are
    assert (
        next(r for r in data["rows"] if r["name"] == FORMULAS[0] and r["year"] == 2023)["amount"]
        == amount
    )
