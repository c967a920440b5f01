"""The search page's query parameters: q and the facet filters, each checked."""

from __future__ import annotations

from django import forms

from .models import SearchEntry
from .selectors import MAX_QUERY


class SearchForm(forms.Form):
    q = forms.CharField(
        label="검색어",
        required=False,
        max_length=MAX_QUERY,
        strip=True,
        error_messages={"max_length": f"검색어는 {MAX_QUERY}자 이내로 입력하세요."},
    )
    term = forms.IntegerField(required=False, min_value=1, max_value=999)
    session = forms.IntegerField(required=False, min_value=1, max_value=99999)
    body = forms.CharField(required=False, max_length=100)
    year = forms.IntegerField(required=False, min_value=1900, max_value=2200)
    kind = forms.ChoiceField(required=False, choices=[("", ""), *SearchEntry.Kind.choices])
    page = forms.IntegerField(required=False, min_value=1, max_value=10000)

    def clean_q(self):
        value = self.cleaned_data["q"]
        if "\x00" in value or any(ord(char) < 32 and char not in "\t\n\r" for char in value):
            raise forms.ValidationError(
                "검색어에 쓸 수 없는 글자가 있습니다. 글자와 숫자로 입력하세요."
            )
        return value

    def filters(self) -> dict[str, object]:
        data = self.cleaned_data
        found = {
            "term_number": data.get("term"),
            "session_number": data.get("session"),
            "body_name": data.get("body") or None,
            "year": data.get("year"),
            "kind": data.get("kind") or None,
        }
        return {column: value for column, value in found.items() if value is not None}
