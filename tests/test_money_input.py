"""A clerk types amounts as the budget documents print them ("4,378,000", "4,378" in 천원,
"△1,000") and the admin stores exact won; a mistake re-shows the form with what was typed and
a Korean message saying what is wrong and what may be typed."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from budget.models import BudgetAmount
from common.forms import MoneyField, MoneyInput, parse_money
from tests.e2e.forms import form_values


@pytest.mark.parametrize(
    ("text", "unit", "won"),
    [
        ("4378000", "원", 4_378_000),
        ("4,378,000", "원", 4_378_000),
        ("4,378", "천원", 4_378_000),
        ("4,378 천원", "원", 4_378_000),  # a typed unit wins over the picked one
        ("4,378천원", "원", 4_378_000),
        ("4,378,000원", "천원", 4_378_000),
        ("4.378", "백만원", 4_378_000),
        ("4,378.5", "천원", 4_378_500),
        ("0.001", "천원", 1),
        (" 36,000,000 ", "원", 36_000_000),
        ("４,３７８", "천원", 4_378_000),  # full-width digits and comma
        ("-1,000", "원", -1_000),
        ("△1,000", "천원", -1_000_000),
        ("0", "원", 0),
    ],
)
def test_amounts_typed_with_separators_in_a_unit_are_exact_won(text, unit, won):
    assert parse_money(text, unit) == won


@pytest.mark.parametrize(
    ("text", "unit", "message"),
    [
        ("4,37,8000", "원", "쉼표는 세 자리마다"),
        ("4378,000", "원", "쉼표는 세 자리마다"),
        ("1.2345", "천원", "소수점 아래 3자리(1원 단위)까지만"),
        ("1.0000001", "백만원", "소수점 아래 6자리(1원 단위)까지만"),
        ("100.5", "원", "원 단위에는 소수점을 쓸 수 없습니다"),
        ("사백만", "원", "금액은 숫자로 입력해 주세요"),
        ("4,378 달러", "원", "금액은 숫자로 입력해 주세요"),
        ("1e6", "원", "금액은 숫자로 입력해 주세요"),
        ("-", "원", "금액은 숫자로 입력해 주세요"),
        ("4,378", "만원", "단위는 원, 천원, 백만원 중에서"),
    ],
)
def test_anything_else_is_refused_with_a_korean_message(text, unit, message):
    with pytest.raises(ValidationError) as error:
        parse_money(text, unit)
    assert message in error.value.messages[0]


def test_field_keeps_to_its_range_and_blank_is_none():
    field = MoneyField(min_value=0, max_value=10_000, required=False)
    assert field.clean(["", "원"]) is None
    assert field.clean(["10", "천원"]) == 10_000
    with pytest.raises(ValidationError, match="0원 이상"):
        field.clean(["△1", "원"])
    with pytest.raises(ValidationError, match="10,000원 이하"):
        field.clean(["10.001", "천원"])
    with pytest.raises(ValidationError, match="필수"):
        MoneyField().clean(["", "원"])
    assert MoneyField().clean("4,378,000") == 4_378_000  # a post without the unit select


def test_input_shows_the_stored_amount_with_separators_and_a_unit_select():
    html = MoneyInput().render("amount", 36_000_000, attrs={"id": "id_amount"})

    assert 'name="amount" value="36,000,000"' in html
    assert 'inputmode="decimal"' in html and 'id="id_amount"' in html
    assert 'name="amount_unit"' in html and 'aria-label="금액 단위"' in html
    assert '<option value="천원">천원</option>' in html


URL = "/admin/budget/budgetitem/4/change/"  # 의정활동지원 · 일반운영비, 2023: 36,000,000원


def post_amount(admin_client, text: str, unit: str | None = None):
    data = form_values(admin_client.get(URL).content.decode())
    assert data["amounts-0-year"] == ["2023"]
    assert data["amounts-0-amount"] == ["36,000,000"]
    data["amounts-0-amount"] = [text]
    if unit is not None:
        data["amounts-0-amount_unit"] = [unit]
    response = admin_client.post(URL, data)
    response.amount_pk = int(data["amounts-0-id"][0])
    return response


def amount_of(response) -> int:
    return BudgetAmount.objects.get(pk=response.amount_pk).amount


def test_admin_saves_an_amount_typed_with_separators(seeded, admin_client):
    response = post_amount(admin_client, "4,378,000")

    assert response.status_code == 302
    assert amount_of(response) == 4_378_000


def test_admin_saves_an_amount_in_the_unit_picked(seeded, admin_client):
    response = post_amount(admin_client, "4,378", "천원")

    assert response.status_code == 302
    assert amount_of(response) == 4_378_000


def test_admin_saves_an_amount_typed_with_its_unit(seeded, admin_client):
    response = post_amount(admin_client, "46 백만원")

    assert response.status_code == 302
    assert amount_of(response) == 46_000_000


def test_bad_amount_reshows_the_form_with_the_text_kept_and_a_korean_error(seeded, admin_client):
    response = post_amount(admin_client, "4,37,8000", "천원")

    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="4,37,8000"' in html
    assert '<option value="천원" selected>천원</option>' in html
    assert "쉼표는 세 자리마다 찍어 주세요" in html
    assert amount_of(response) == 36_000_000


def test_too_fine_an_amount_in_thousands_is_refused_not_rounded(seeded, admin_client):
    response = post_amount(admin_client, "4,378.0005", "천원")

    assert response.status_code == 200
    assert "천원 단위로는 소수점 아래 3자리(1원 단위)까지만" in response.content.decode()
    assert amount_of(response) == 36_000_000


@pytest.mark.parametrize(
    "url",
    [
        "/admin/budget/budgetamount/add/",
        "/admin/workplan/purchase/add/",
        "/admin/workplan/projectfinancing/add/",
        "/admin/workplan/planitem/add/",
    ],
)
def test_every_won_amount_in_the_admin_takes_separators(seeded, admin_client, url):
    html = admin_client.get(url).content.decode()

    assert 'inputmode="decimal"' in html
    assert "_unit" in html
