"""Forms of sessions_app: the query strings of the schedule (year, kind) and of the staff's
minutes report (year, status), each read and validated once."""

from __future__ import annotations

from django import forms

from .models import Session
from .selectors import MinutesStatus


class ScheduleQueryForm(forms.Form):
    """`?year=2023&kind=regular` on /sessions/ and /sessions/calendar/. Anything malformed is
    invalid (the views answer 404, never 500); a missing year means the current one."""

    year = forms.IntegerField(required=False, min_value=1, max_value=9999)
    kind = forms.ChoiceField(required=False, choices=[("", "전체"), *Session.Kind.choices])


class MinutesReportQueryForm(forms.Form):
    """`?year=2023&status=late` on the staff's 회의록 공개 현황 page."""

    year = forms.IntegerField(required=False, min_value=1, max_value=9999)
    status = forms.ChoiceField(required=False, choices=[("", "전체"), *MinutesStatus.choices])
