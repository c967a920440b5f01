"""The query string of /bills/ (term, year, kind, status, proposer, committee, page), read
and validated once. A malformed value is ignored, never an error page."""

from __future__ import annotations

from django import forms

from . import rules
from .models import Bill
from .selectors import BillFilters


class BillQueryForm(forms.Form):
    term = forms.IntegerField(required=False, min_value=1, max_value=999, label="대수")
    year = forms.IntegerField(required=False, min_value=1, max_value=9999, label="접수 연도")
    kind = forms.ChoiceField(
        required=False, choices=[("", "전체"), *Bill.Kind.choices], label="종류"
    )
    status = forms.ChoiceField(
        required=False,
        choices=[("", "전체"), *((s.key, s.label) for s in rules.STATUSES)],
        label="상태",
    )
    proposer = forms.ChoiceField(
        required=False, choices=[("", "전체"), *Bill.Proposer.choices], label="제안자"
    )
    committee = forms.IntegerField(required=False, min_value=1, label="소관 위원회")

    def filters(self) -> BillFilters:
        """The valid part of the query (a malformed field counts as not given)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return BillFilters(
            term=data.get("term"),
            year=data.get("year"),
            kind=data.get("kind") or "",
            status=data.get("status") or "",
            proposer=data.get("proposer") or "",
            committee=data.get("committee"),
        )


class MemberQueryForm(forms.Form):
    """`?term=9` on /members/: a malformed term is a 400, an unknown one a 404."""

    term = forms.IntegerField(required=False, min_value=1, max_value=999, label="대수")
