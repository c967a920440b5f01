"""Forms of sessions_app: the query strings of the schedule (year, kind) and of the staff's
minutes report (year, status), each read and validated once."""

from __future__ import annotations

from django import forms

from . import services
from .models import Session
from .selectors import MinutesStatus


class ScheduleQueryForm(forms.Form):
    """`?year=2023&kind=regular` on /sessions/ and /sessions/calendar/. Anything malformed is
    invalid (the views answer 404, never 500); a missing year means the current one."""

    year = forms.IntegerField(required=False, min_value=1, max_value=9999)
    kind = forms.ChoiceField(required=False, choices=[("", "전체"), *Session.Kind.choices])


class OpenDataQueryForm(forms.Form):
    """`?year=2023` on the attendance's open data: the sittings of that year; none, every
    year. Anything malformed is invalid (the views answer 400)."""

    year = forms.IntegerField(required=False, min_value=1, max_value=9999)


class MinutesReportQueryForm(forms.Form):
    """`?year=2023&status=late` on the staff's 회의록 공개 현황 page."""

    year = forms.IntegerField(required=False, min_value=1, max_value=9999)
    status = forms.ChoiceField(required=False, choices=[("", "전체"), *MinutesStatus.choices])


class SessionForm(forms.ModelForm):
    """The admin's session form: Session.clean() checks the record itself, then the rules
    across sessions (overlaps, the ordinance's limits) are added field by field, so a clerk
    sees every broken limit next to the date that breaks it, with what they typed kept."""

    class Meta:
        model = Session
        fields = ["council", "number", "kind", "first_day", "last_day", "date_status"]

    def _post_clean(self):
        super()._post_clean()  # builds the instance and runs Session.full_clean()
        for field, messages in services.session_ordinance_errors(self.instance).items():
            for message in messages:
                self.add_error(field if field in self.fields else None, message)
