"""The one place figures are computed and formatted (common/figures.py)."""

import datetime
from decimal import Decimal

from common import figures
from sessions_app.selectors import LimitUse

D = datetime.date


def test_money_is_shown_in_the_tables_unit_rounded_half_up_for_display_only():
    assert figures.format_money(4_378_000_000, "백만원") == "4,378"
    assert figures.format_money(4_378_000_000, "천원") == "4,378,000"
    assert figures.format_money(2_500_000, "백만원") == "3"  # half up, not to even
    assert figures.format_money(None, "백만원") == "-"


def test_decreases_carry_the_triangle_and_rates_a_minus_sign():
    change = figures.year_over_year(85_000_000, 97_000_000)
    assert figures.format_change(change.delta, "백만원") == "△12"
    assert change.rate_label() == "-12.37%"


def test_rates_come_from_stored_values_and_new_or_gone_items_are_named():
    assert figures.year_over_year(4_378, 3_669).rate_label() == "19.32%"
    assert figures.year_over_year(8, None).rate_label() == "신규"
    assert figures.year_over_year(8, 0).rate_label() == "신규"
    assert figures.year_over_year(None, 175).rate_label() == "-100.00%"
    assert figures.year_over_year(0, 0).rate_label() == "-"


def test_session_days_count_both_ends_and_dates_carry_korean_weekdays():
    assert figures.days_inclusive(D(2023, 2, 14), D(2023, 2, 23)) == 10
    assert figures.days_inclusive(D(2022, 2, 18), D(2022, 2, 18)) == 1
    assert figures.format_period(D(2023, 6, 8), D(2023, 6, 30)) == "2023. 6. 8.(목) ~ 6. 30.(금)"


def test_share_of_a_whole_is_one_calculation_for_limits_and_targets():
    assert figures.share(55, 70) == Decimal(55) * 100 / Decimal(70)
    assert figures.share(3, 0) is None
    # A limit's meter rounds half up like every other figure (Python's round() would give 72).
    assert LimitUse(label="연간 회기일수", used=29, limit=40).percent == 73
    assert LimitUse(label="연간 회기일수", used=80, limit=110).percent == 73
    assert LimitUse(label="연간 회기일수", used=120, limit=110).percent == 100
