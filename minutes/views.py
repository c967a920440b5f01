"""The public minutes page: one sitting's minutes text, each paragraph numbered with an
anchor (#p-12) that search results link to."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from common.caching import cached_page
from council.models import Council, SecretariatUnit
from council.selectors import PAGE_INFO_SCOPES, page_info
from council.shortcuts import council_or_404
from sessions_app.models import Body, Session, Sitting

from . import selectors
from .models import Minutes, paragraphs

SCOPES = (Council, Session, Body, Sitting, Minutes, *PAGE_INFO_SCOPES)
RESPONSIBLE_TEAM = SecretariatUnit.Role.PROCEEDINGS


@require_safe
@cached_page(*SCOPES)
def minutes_page(request, sitting_id: int):
    council = council_or_404()
    # Record ids are 64-bit: a longer number names no sitting (and would overflow the query).
    minutes = selectors.minutes_of_sitting(council, sitting_id) if sitting_id < 2**63 else None
    if minutes is None:
        raise Http404("그 회의의 회의록 본문이 아직 등록되지 않았습니다.")
    sitting = minutes.sitting
    session = sitting.session
    return render(
        request,
        "minutes/minutes_detail.html",
        {
            "minutes": minutes,
            "sitting": sitting,
            "session": session,
            "paragraphs": paragraphs(minutes.text),
            "breadcrumbs": [
                ("회기 일정", reverse("sessions_app:schedule")),
                (str(session), reverse("sessions_app:session", args=[session.number])),
                (f"{sitting.body.name} 제{sitting.number}차 회의록", ""),
            ],
            "page_info": page_info(council, RESPONSIBLE_TEAM, *SCOPES),
        },
    )
