"""The admin's set-up wizard (/admin/onboarding/): a superuser uploads or pastes a council's
description (YAML) and the same service as `manage.py setup_council` writes it."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from portal import onboarding

MAX_BYTES = 1_000_000


class DescriptionForm(forms.Form):
    file = forms.FileField(label="설명 파일 (YAML)", required=False)
    text = forms.CharField(
        label="또는 설명을 여기에 붙여 넣기",
        required=False,
        widget=forms.Textarea(attrs={"rows": 20, "cols": 80}),
    )

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload is not None:
            if upload.size > MAX_BYTES:
                raise forms.ValidationError("설명 파일은 1MB 이하여야 합니다.")
            try:
                data["text"] = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                raise forms.ValidationError(
                    "설명 파일을 읽을 수 없습니다. UTF-8로 저장한 YAML 파일을 올려 주세요."
                ) from None
        if not data.get("text", "").strip():
            raise forms.ValidationError("설명 파일을 올리거나 설명을 붙여 넣어 주세요.")
        return data


def onboarding_view(request, site):
    if not request.user.is_superuser:
        raise PermissionDenied
    errors: list[str] = []
    form = DescriptionForm()
    if request.method == "POST":
        form = DescriptionForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                description = onboarding.description_from_yaml(form.cleaned_data["text"])
                council = onboarding.council_set_up(description=description)
            except onboarding.CouncilExists as refused:
                errors = [str(refused)]
            except onboarding.DescriptionError as wrong:
                errors = wrong.errors
            else:
                messages.success(request, f"{council.name}을(를) 만들었습니다.")
                return redirect("admin:index")
            # Keep what was sent, the uploaded file's text included, for correcting it.
            form = DescriptionForm(initial={"text": form.cleaned_data["text"]})
    context = {
        **site.each_context(request),
        "title": "새 의회 만들기",
        "form": form,
        "errors": errors,
    }
    status = 400 if errors or form.errors else 200
    return TemplateResponse(request, "admin/portal/onboarding.html", context, status=status)
