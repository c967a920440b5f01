"""The one place where figures are computed and formatted for people.

- money: stored in won (int); shown in the unit a table names (원, 천원, 백만원), rounded half
  up for display only.
- change: year-over-year change and rate, computed from stored values, never from rounded
  ones; decreases are marked with △ (changes) and a minus sign (rates), as the council prints.
- days: the one day-count function (first to last day inclusive) and Korean date formats with
  the weekday.

Every page, feed, CSV and the work plan report go through these functions (templates through
the filters in common/templatetags/figures.py).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

MONEY_UNITS = {"원": 1, "천원": 1_000, "백만원": 1_000_000}
DECREASE_MARK = "△"
WEEKDAYS = "월화수목금토일"


def _unit_divisor(unit: str) -> int:
    try:
        return MONEY_UNITS[unit]
    except KeyError:
        raise ValueError(f"unknown money unit {unit!r}; use one of {list(MONEY_UNITS)}") from None


def round_half_up(value: Decimal | int, places: int = 0) -> Decimal:
    quantum = Decimal(1).scaleb(-places)
    return Decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)


def in_unit(won: int, unit: str = "원") -> Decimal:
    """Won expressed in a display unit, rounded half up to a whole number of that unit."""
    return round_half_up(Decimal(won) / _unit_divisor(unit))


def format_money(won: int | None, unit: str = "원", empty: str = "-") -> str:
    """4378000000 → "4,378" in 백만원. None → "-". Negative amounts carry △."""
    if won is None:
        return empty
    # in_unit(abs(won), unit) in whole numbers (half up), without Decimal: a budget page
    # formats some three hundred amounts.
    divisor = _unit_divisor(unit)
    value, remainder = divmod(abs(won), divisor)
    if remainder * 2 >= divisor:
        value += 1
    text = f"{int(value):,}"
    return f"{DECREASE_MARK}{text}" if won < 0 and value != 0 else text


def format_change(delta: int | None, unit: str = "원", empty: str = "-") -> str:
    """A change in won, in a display unit: increases plain, decreases with △."""
    return format_money(delta, unit, empty=empty)


def format_count_change(delta: int | None, empty: str = "-") -> str:
    if delta is None:
        return empty
    return f"{DECREASE_MARK}{abs(delta):,}" if delta < 0 else f"{delta:,}"


def format_rate(rate: Decimal | None, places: int = 2, empty: str = "-") -> str:
    """19.3240… → "19.32%"; -12.37 → "-12.37%"; None → "-"."""
    if rate is None:
        return empty
    value = round_half_up(rate, places)
    if value == 0:
        value = abs(value)
    return f"{value:,.{places}f}%"


def share(part: int | None, whole: int | None) -> Decimal | None:
    """part as a percentage of whole (a limit used, a target reached); None without a whole."""
    if not whole:
        return None
    return Decimal(part or 0) * 100 / Decimal(whole)


@dataclass(frozen=True)
class Change:
    """Year-over-year comparison of two stored values (won, counts …).

    `note` says why there is no fair comparison, and is shown instead of one: "비교 자료
    없음" when the earlier year has no data at all (an item is not new because the records
    start this year), a product made every other year in its off year, a year counted only
    in part. With a note there is no delta, no rate, nothing new and nothing gone."""

    current: int | None
    previous: int | None
    note: str = ""

    @property
    def delta(self) -> int | None:
        if self.note or (self.current is None and self.previous is None):
            return None
        return (self.current or 0) - (self.previous or 0)

    @property
    def is_new(self) -> bool:
        """There is something this year and nothing (or zero) the year before, which has data."""
        return not self.note and bool(self.current) and not self.previous

    @property
    def is_gone(self) -> bool:
        return not self.note and bool(self.previous) and not self.current

    @property
    def rate(self) -> Decimal | None:
        """Percentage change; None where the base is missing or zero (an item new this year)."""
        if not self.previous or self.delta is None:
            return None
        return Decimal(self.delta) * 100 / Decimal(self.previous)

    @property
    def direction(self) -> str:
        delta = self.delta
        if not delta:
            return "same"
        return "up" if delta > 0 else "down"

    def rate_label(self, places: int = 2) -> str:
        if self.note:
            return self.note
        if self.is_new:
            return "신규"
        if self.current is None and self.previous is None:
            return "-"
        if not self.previous:
            return "-"
        return format_rate(self.rate, places)


# Why a change is not shown (Change.note).
NO_BASE = "비교 자료 없음"


def year_over_year(current: int | None, previous: int | None, *, note: str = "") -> Change:
    return Change(current=current, previous=previous, note=note)


# ---------------------------------------------------------------- days and dates


def days_inclusive(first: datetime.date, last: datetime.date) -> int:
    """Days from first to last, both counted: 2. 14. ~ 2. 23. is 10 days."""
    return (last - first).days + 1


def weekday_ko(day: datetime.date) -> str:
    return WEEKDAYS[day.weekday()]


def format_day(day: datetime.date | None, with_year: bool = True, weekday: bool = True) -> str:
    """2023-02-14 → "2023. 2. 14.(화)" (or "2. 14.(화)" without the year)."""
    if day is None:
        return ""
    text = f"{day.month}. {day.day}."
    if with_year:
        text = f"{day.year}. {text}"
    if weekday:
        text += f"({weekday_ko(day)})"
    return text


def format_period(
    first: datetime.date, last: datetime.date, with_year: bool = True, weekday: bool = True
) -> str:
    """A span of days: "2023. 2. 14.(화) ~ 2. 23.(목)"; a single day is one date."""
    if first == last:
        return format_day(first, with_year=with_year, weekday=weekday)
    last_has_year = with_year and last.year != first.year
    return (
        f"{format_day(first, with_year=with_year, weekday=weekday)} ~ "
        f"{format_day(last, with_year=last_has_year, weekday=weekday)}"
    )
