"""Reads of the council itself shared by pages, the admin and the work plan report."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.http import Http404

from council import versioning
from council.models import Council, SecretariatUnit


def the_council() -> Council:
    """The council this portal serves (the one Council row).

    A deployment serves one council; another council is other data, not other code.
    """
    council = Council.objects.order_by("pk").first()
    if council is None:
        raise Http404("의회 정보가 아직 등록되지 않았습니다.")
    return council


@dataclass(frozen=True)
class PageInfo:
    """What every public page states at its foot: who is responsible, how fresh it is."""

    team: str
    changed_at: datetime.datetime | None


def page_info(council: Council, team_name: str, *scopes: str) -> PageInfo:
    """The responsible team (by name, as the secretariat calls it) and the time the records
    the page shows (the given apps) last changed. Two queries."""
    team = (
        SecretariatUnit.objects.filter(council=council, name=team_name)
        .values_list("name", flat=True)
        .first()
    )
    return PageInfo(team=team or "의회사무국", changed_at=versioning.last_changed(*scopes))
