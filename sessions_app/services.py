"""Writes of sessions and the ordinance's checks on them.

Every way a session is saved (the admin form, `session_create`, a management command, a test)
runs Session.full_clean(), whose clean() calls `check_session_against_ordinance` below, so no
path can store a session that breaks the council's limits or overlaps another session.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction

from council import figures
from council.models import Council

from . import selectors
from .models import AgendaItem, Session


def ordinance_errors(session: Session) -> dict[str, list[str]]:
    """What is wrong with a candidate session against the other sessions of its council and
    the council's ordinance limits (SessionRules), as {field: [Korean messages]}.

    - it may not overlap another session of the council;
    - an extraordinary session is at most `max_extraordinary_days` long;
    - a year's sessions total at most `max_days_per_year` days, its regular sessions at most
      `max_regular_days_per_year`. A session counts in the year of its first day (as in
      selectors.sessions_in_year and the work plan), all of its days included.

    Limits are skipped when the council has no rules recorded. Two to three queries.
    """
    if not (session.council_id and session.first_day and session.last_day and session.kind):
        return {}
    if session.last_day < session.first_day:
        return {}  # Session.clean() reports the dates themselves
    errors: dict[str, list[str]] = {}
    others = Session.objects.filter(council_id=session.council_id)
    if session.pk:
        others = others.exclude(pk=session.pk)

    overlapping = others.filter(
        first_day__lte=session.last_day, last_day__gte=session.first_day
    ).order_by("first_day")
    for other in overlapping:
        errors.setdefault("first_day", []).append(
            f"{other}({figures.format_period(other.first_day, other.last_day)})와 기간이 "
            f"겹칩니다. 회기는 다른 회기와 겹칠 수 없습니다."
        )

    rules = selectors.session_rules(session.council)
    if rules is None:
        return errors
    days = figures.days_inclusive(session.first_day, session.last_day)
    if session.kind == Session.Kind.EXTRAORDINARY and days > rules.max_extraordinary_days:
        errors.setdefault("last_day", []).append(
            f"임시회는 회기당 {rules.max_extraordinary_days}일 이내여야 합니다. "
            f"입력한 회기는 {days}일입니다."
        )

    year = session.first_day.year
    before = selectors.summarize_sessions(year, others.filter(first_day__year=year))
    if before.total.days + days > rules.max_days_per_year:
        errors.setdefault("last_day", []).append(
            f"{year}년 회기일수가 연간 한도 {rules.max_days_per_year}일을 넘습니다 "
            f"(기존 {before.total.days}일 + 이 회기 {days}일 = {before.total.days + days}일)."
        )
    if (
        session.kind == Session.Kind.REGULAR
        and before.regular.days + days > rules.max_regular_days_per_year
    ):
        errors.setdefault("last_day", []).append(
            f"{year}년 정례회 회기일수가 연간 한도 {rules.max_regular_days_per_year}일을 "
            f"넘습니다 (기존 {before.regular.days}일 + 이 회기 {days}일 = "
            f"{before.regular.days + days}일)."
        )
    return errors


def check_session_against_ordinance(session: Session) -> None:
    """Raise a ValidationError naming each broken limit (see ordinance_errors)."""
    errors = ordinance_errors(session)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def session_create(
    *,
    council: Council,
    number: int,
    kind: str,
    first_day: datetime.date,
    last_day: datetime.date,
    date_status: str = Session.DateStatus.HELD,
    agenda: Sequence[str] = (),
) -> Session:
    """Create a session (and its main agenda items, in order) after every check the admin
    runs: field validation, the dates, the unique number and the ordinance's limits."""
    session = Session(
        council=council,
        number=number,
        kind=kind,
        first_day=first_day,
        last_day=last_day,
        date_status=date_status,
    )
    session.full_clean()
    session.save()
    for position, title in enumerate(agenda, start=1):
        item = AgendaItem(session=session, title=title, order=position * 10)
        item.full_clean()
        item.save()
    return session
