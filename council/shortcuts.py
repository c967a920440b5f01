"""View helpers: turn a missing council into a Korean 404, as django.shortcuts does for
objects. Selectors return None; views decide that a missing record is a 404."""

from __future__ import annotations

from django.http import Http404

from .models import Council
from .selectors import the_council


def council_or_404() -> Council:
    council = the_council()
    if council is None:
        raise Http404("의회 정보가 아직 등록되지 않았습니다.")
    return council
