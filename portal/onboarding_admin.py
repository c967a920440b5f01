"""The admin's set-up wizard (/admin/onboarding/): a superuser uploads a council's description
(YAML or the workbook of portal/onboarding_xlsx.py) or pastes the YAML, and the same service
as `manage.py setup_council` writes it. /admin/onboarding/form.xlsx is the example's
workbook, to fill in."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from common.spreadsheets import xlsx_response
from portal import onboarding, onboarding_xlsx

MAX_BYTES = 1_000_000


class DescriptionForm(forms.Form):
    file = forms.FileField(label="설명 파일 (YAML 또는 엑셀 .xlsx)", required=False)
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
            content = upload.read()
            if onboarding_xlsx.looks_like_workbook(content):
                data["workbook"] = content
                return data
            try:
                data["text"] = content.decode("utf-8-sig")
            except UnicodeDecodeError:
                raise forms.ValidationError(
                    "설명 파일을 읽을 수 없습니다. UTF-8로 저장한 YAML 파일이나 엑셀(.xlsx) "
                    "파일을 올려 주세요."
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
                workbook = form.cleaned_data.get("workbook")
                if workbook is not None:
                    description = onboarding_xlsx.description_from_workbook(workbook)
                else:
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
            form = DescriptionForm(initial={"text": form.cleaned_data.get("text", "")})
    context = {
        **site.each_context(request),
        "title": "새 의회 만들기",
        "form": form,
        "errors": errors,
    }
    status = 400 if errors or form.errors else 200
    return TemplateResponse(request, "admin/portal/onboarding.html", context, status=status)


EXAMPLE = settings.BASE_DIR / "docs" / "examples" / "council.yaml"


def onboarding_form_view(request, site) -> HttpResponse:
    """The example description as a workbook, for a secretariat to fill in."""
    if not request.user.is_superuser:
        raise PermissionDenied
    import yaml

    try:
        data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    except OSError:
        raise Http404("예시 설명 파일이 없습니다 (docs/examples/council.yaml).") from None
    return xlsx_response(onboarding_xlsx.description_sheets(data), "의회-설명-양식.xlsx")
