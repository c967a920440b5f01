"""The budget admin's "엑셀 가져오기": upload a year's sheet, read the preview of every change,
then apply it in one transaction (budget.imports, the same service as manage.py
import_budget).

The uploaded file is kept between the two steps in Django's default storage under a random
token that only the uploading session knows, so the clerk never uploads it twice and every
app server can read it. Applying (or a new upload) deletes it.
"""

from __future__ import annotations

import secrets

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from council.shortcuts import council_or_404

from . import imports
from .selectors import budget_years

SESSION_KEY = "budget_imports"
STORE = imports.UPLOAD_FOLDER


class BudgetImportForm(forms.Form):
    year = forms.IntegerField(
        label="연도",
        min_value=1990,
        max_value=2100,
        error_messages={
            "required": "가져올 예산의 연도를 입력하세요.",
            "invalid": "연도는 2024처럼 네 자리 숫자로 입력하세요.",
            "min_value": "연도는 1990년부터 2100년 사이여야 합니다.",
            "max_value": "연도는 1990년부터 2100년 사이여야 합니다.",
        },
    )
    file = forms.FileField(
        label="엑셀 파일(.xlsx)",
        help_text=(
            "예산 화면의 '엑셀(XLSX)' 내려받기와 같은 양식입니다. 머리글 위에 '(단위: 천원)'처럼 "
            f"원·천원·백만원 중 하나를 적으세요. {imports.MAX_BYTES // (1024 * 1024)}MB 이하."
        ),
        error_messages={"required": "올릴 엑셀 파일을 고르세요."},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > imports.MAX_BYTES:
            raise forms.ValidationError(imports.file_errors(b"x" * (imports.MAX_BYTES + 1))[0])
        content = upload.read()
        errors = imports.file_errors(content)
        if errors:
            raise forms.ValidationError(errors)
        self.content = content
        return upload


class BudgetImportAdminMixin:
    """Adds the import's two screens to a ModelAdmin (BudgetItemAdmin); its changelist
    template links them."""

    def get_urls(self):
        wrap = self.admin_site.admin_view  # type: ignore[attr-defined]
        return [
            path("import/", wrap(self.budget_import_view), name="budget_budgetitem_import"),
            path(
                "import/<str:token>/",
                wrap(self.budget_import_preview_view),
                name="budget_budgetitem_import_preview",
            ),
            *super().get_urls(),  # type: ignore[misc]
        ]

    # ------------------------------------------------------------ helpers

    def _check_import_permission(self, request) -> None:
        if not (
            self.has_change_permission(request)  # type: ignore[attr-defined]
            and request.user.has_perm("budget.change_budgetamount")
        ):
            raise PermissionDenied

    def _import_context(self, request, **extra):
        opts = self.model._meta  # type: ignore[attr-defined]
        return {
            **self.admin_site.each_context(request),  # type: ignore[attr-defined]
            "opts": opts,
            "changelist_url": reverse("admin:budget_budgetitem_changelist"),
            **extra,
        }

    @staticmethod
    def _stored(request, token: str) -> dict:
        found = request.session.get(SESSION_KEY, {}).get(token)
        if not found or not default_storage.exists(found["path"]):
            raise Http404("가져오기 파일을 찾을 수 없습니다. 처음부터 다시 올리세요.")
        return found

    @staticmethod
    def _forget(request, token: str) -> None:
        stored = request.session.get(SESSION_KEY, {})
        found = stored.pop(token, None)
        request.session[SESSION_KEY] = stored
        if found:
            default_storage.delete(found["path"])

    # ------------------------------------------------------------ views

    def budget_import_view(self, request):
        self._check_import_permission(request)
        council = council_or_404()
        if request.method == "POST":
            form = BudgetImportForm(request.POST, request.FILES)
            if form.is_valid():
                token = secrets.token_urlsafe(24)
                saved = default_storage.save(f"{STORE}/{token}.xlsx", ContentFile(form.content))
                stored = request.session.get(SESSION_KEY, {})
                for old in list(stored):  # one upload at a time per clerk
                    self._forget(request, old)
                    stored = request.session.get(SESSION_KEY, {})
                stored[token] = {
                    "path": saved,
                    "year": form.cleaned_data["year"],
                    "name": form.cleaned_data["file"].name,
                }
                request.session[SESSION_KEY] = stored
                return redirect("admin:budget_budgetitem_import_preview", token=token)
            status = 400
        else:
            years = budget_years(council)
            form = BudgetImportForm(initial={"year": years[-1] + 1 if years else None})
            status = 200
        return TemplateResponse(
            request,
            "admin/budget/import_form.html",
            self._import_context(request, title="예산 엑셀 가져오기", form=form),
            status=status,
        )

    def budget_import_preview_view(self, request, token: str):
        self._check_import_permission(request)
        council = council_or_404()
        stored = self._stored(request, token)
        year = stored["year"]
        if request.method == "POST":
            with default_storage.open(stored["path"], "rb") as handle:
                content = handle.read()
            try:
                result = imports.budget_import_apply(
                    council=council, year=year, file=content, user=request.user
                )
            except imports.BudgetImportError:
                pass  # the records changed since the preview: show it again with the errors
            else:
                self._forget(request, token)
                preview = result.preview
                created = f", 새 항목 {result.created_items}개" if result.created_items else ""
                messages.success(
                    request,
                    f"{year}년 본예산을 가져왔습니다. 금액 {result.changed_rows}개 행이 "
                    f"바뀌었습니다 (새 금액 {len(preview.new)}, 바뀐 금액 {len(preview.changed)}, "
                    f"지운 금액 {len(preview.removed)}{created}).",
                )
                return redirect("admin:budget_budgetitem_changelist")
        with default_storage.open(stored["path"], "rb") as handle:
            preview = imports.budget_import_preview(council=council, year=year, file=handle.read())
        return TemplateResponse(
            request,
            "admin/budget/import_preview.html",
            self._import_context(
                request,
                title=f"{year}년 예산 가져오기 미리보기",
                preview=preview,
                file_name=stored["name"],
                upload_url=reverse("admin:budget_budgetitem_import"),
            ),
        )
