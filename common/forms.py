"""Form fields of the toolkit: money typed the way the council's documents print it.

MoneyField takes an amount with thousands separators ("4,378,000") in the unit the clerk
picks next to it (원, 천원, 백만원) or types after it ("4,378 천원", a typed unit wins over
the picked one) and stores won, exactly: "4,378.5" 천원 is 4,378,500원, while "1.2345" 천원
(a tenth of a won) is refused rather than rounded. A decrease may be typed as "-1,000" or, as
the council prints it, "△1,000" (only where the amount may be negative). A stored amount is
shown in 원 with separators. Errors say, in Korean, what is wrong and what may be typed.

Admin screens use it for every won amount with ``formfield_overrides = MONEY_FIELDS``.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from common.figures import DECREASE_MARK, MONEY_UNITS

BASE_UNIT = "원"
UNIT_CHOICES = [(unit, unit) for unit in MONEY_UNITS]
EXAMPLE = "예: 4,378,000 (원) 또는 4,378 (천원)"

_NUMBER = re.compile(
    r"""^(?P<sign>[-−△])?\s*
        (?P<whole>\d+|\d{1,3}(?:,\d{3})+)?
        (?:\.(?P<fraction>\d+))?
        \s*(?P<unit>백만원|천원|원)?$""",
    re.VERBOSE,
)


def _places(unit: str) -> int:
    """Decimal places a unit can carry down to one won (천원: 3, 백만원: 6, 원: 0)."""
    return len(str(MONEY_UNITS[unit])) - 1


def parse_money(text: str, unit: str = BASE_UNIT) -> int:
    """The won in `text` typed in `unit` (a unit typed after the number wins). Raises a
    ValidationError with a Korean message for anything else."""
    cleaned = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    match = _NUMBER.match(cleaned)
    if match is None or (match["whole"] is None and match["fraction"] is None):
        if re.fullmatch(r"[-−△]?[\d,]+(\.\d+)?(원|천원|백만원)?", cleaned):
            raise ValidationError(
                f"쉼표는 세 자리마다 찍어 주세요. {EXAMPLE}", code="grouping", params={}
            )
        raise ValidationError(
            f"금액은 숫자로 입력해 주세요. 세 자리마다 쉼표를 찍고 단위(원·천원·백만원)를 "
            f"붙일 수 있습니다. {EXAMPLE}",
            code="invalid",
        )
    unit = match["unit"] or unit
    if unit not in MONEY_UNITS:
        raise ValidationError("단위는 원, 천원, 백만원 중에서 골라 주세요.", code="unit")
    fraction = match["fraction"] or ""
    if len(fraction) > _places(unit):
        if unit == BASE_UNIT:
            message = "원 단위에는 소수점을 쓸 수 없습니다. 1원 단위까지 입력해 주세요."
        else:
            message = (
                f"{unit} 단위로는 소수점 아래 {_places(unit)}자리(1원 단위)까지만 입력할 수 "
                "있습니다. 더 작은 금액은 원 단위로 입력해 주세요."
            )
        raise ValidationError(message, code="fraction")
    try:
        number = Decimal(f"{(match['whole'] or '0').replace(',', '')}.{fraction or '0'}")
    except InvalidOperation:  # pragma: no cover - the pattern admits digits only
        raise ValidationError(f"금액은 숫자로 입력해 주세요. {EXAMPLE}", code="invalid") from None
    won = int(number * MONEY_UNITS[unit])
    return -won if match["sign"] else won


def format_money_input(won: int) -> str:
    """A stored amount as the input shows it: "4,378,000", "-1,000"."""
    return f"{won:,}"


class MoneyInput(forms.MultiWidget):
    """A text box for the amount (named like the field, so a plain number posted as before
    still works) and a unit select (<name>_unit, 원 when absent)."""

    def __init__(self, attrs=None):
        text_attrs = {
            "inputmode": "decimal",  # digits and a point on phones (천원 may need one)
            "autocomplete": "off",
            "spellcheck": "false",
            "size": 18,
            "class": "money-input",
        }
        widgets: dict[str, forms.Widget | type[forms.Widget]] = {
            "": forms.TextInput(attrs=text_attrs),
            "unit": forms.Select(choices=UNIT_CHOICES, attrs={"aria-label": "금액 단위"}),
        }
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if value is None or value == "":
            return ["", BASE_UNIT]
        if isinstance(value, int) or (isinstance(value, str) and value.lstrip("-").isdigit()):
            return [format_money_input(int(value)), BASE_UNIT]
        return [value, BASE_UNIT]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        id_ = context["widget"]["attrs"].get("id")
        if id_:  # the box takes the field's id (its label's), the select <id>_unit
            text, unit = context["widget"]["subwidgets"]
            text["attrs"]["id"] = id_
            unit["attrs"]["id"] = f"{id_}_unit"
        return context

    def id_for_label(self, id_):
        return id_  # the label names the amount's box


class MoneyField(forms.Field):
    """An amount in won (int) typed with separators in a unit; see the module's doc."""

    widget = MoneyInput

    def __init__(self, *, min_value=None, max_value=None, step_size=None, **kwargs):
        kwargs.pop("max_length", None)
        self.min_value, self.max_value = min_value, max_value
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, int):
            return value
        if isinstance(value, (list, tuple)):
            text = value[0] if value else ""
            unit = (value[1] if len(value) > 1 else None) or BASE_UNIT
        else:
            text, unit = value, BASE_UNIT
        if text is None or str(text).strip() == "":
            return None
        return parse_money(str(text), unit)

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        if self.min_value is not None and value < self.min_value:
            if self.min_value == 0:
                raise ValidationError(
                    f"이 금액은 0원 이상이어야 합니다. 감액(-, {DECREASE_MARK})은 입력할 수 "
                    "없습니다.",
                    code="min_value",
                )
            raise ValidationError(
                f"{format_money_input(self.min_value)}원 이상으로 입력해 주세요.", code="min_value"
            )
        if self.max_value is not None and value > self.max_value:
            raise ValidationError(
                f"금액이 너무 큽니다. {format_money_input(self.max_value)}원 이하로 입력해 주세요.",
                code="max_value",
            )


# For a ModelAdmin or an inline whose BigIntegerFields (and PositiveBigIntegerFields) are all
# won amounts: `formfield_overrides = MONEY_FIELDS`.
MONEY_FIELDS = {models.BigIntegerField: {"form_class": MoneyField, "widget": MoneyInput}}
