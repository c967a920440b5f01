"""The minutes admin: 회의록 추가 is an upload (PDF, HWPX or text), whose extracted text the
clerk reads in a preview before 저장 (as the budget's 엑셀 가져오기). The upload waits in
default storage under a token only the uploading session knows; the text is extracted by a
task (minutes.tasks.extract_upload) and the preview waits for it."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from common.admin import AuditedModelAdmin
from sessions_app.models import Sitting

from . import extraction, services
from .models import Minutes, paragraphs

SESSION_KEY = "minutes_uploads"


class MinutesUploadForm(forms.Form):
    sitting = forms.ModelChoiceField(
        label="회의(차수)",
        queryset=Sitting.objects.select_related("session", "body").order_by("-date"),
        error_messages={"required": "회의록을 올릴 회의(차수)를 고르세요."},
    )
    file = forms.FileField(
        label="회의록 파일",
        help_text=f"{extraction.ALLOWED} 파일, {extraction.MAX_BYTES // (1024 * 1024)}MB 이하.",
        error_messages={"required": "올릴 회의록 파일을 고르세요."},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > extraction.MAX_BYTES:
            raise forms.ValidationError(
                extraction.file_errors(b"x" * (extraction.MAX_BYTES + 1))[0]
            )
        content = upload.read()
        errors = extraction.file_errors(content)
        if errors:
            raise forms.ValidationError(errors)
        self.content = content
        return upload


@admin.register(Minutes)
class MinutesAdmin(AuditedModelAdmin):
    list_display = ("sitting", "sitting_date", "extracted_at")
    list_select_related = ("sitting__session", "sitting__body")
    search_fields = ("sitting__body__name",)
    fields = ("sitting", "text", "source", "extracted_at")
    readonly_fields = ("sitting", "source", "extracted_at")

    @admin.display(description="회의일", ordering="sitting__date")
    def sitting_date(self, obj):
        return obj.sitting.date

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("upload/", wrap(self.upload_view), name="minutes_minutes_upload"),
            path(
                "upload/<str:token>/",
                wrap(self.upload_preview_view),
                name="minutes_minutes_upload_preview",
            ),
            *super().get_urls(),
        ]

    def add_view(self, request, form_url="", extra_context=None):
        """회의록 추가 is the upload: its form, then the preview."""
        return self.upload_view(request)

    def _context(self, request, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "changelist_url": reverse("admin:minutes_minutes_changelist"),
            **extra,
        }

    def upload_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        if request.method == "POST":
            form = MinutesUploadForm(request.POST, request.FILES)
            if form.is_valid():
                token = services.upload_keep(content=form.content)
                stored = request.session.get(SESSION_KEY, {})
                for old in list(stored):  # one upload at a time per clerk
                    services.upload_discard(old)
                stored = {
                    token: {
                        "sitting": form.cleaned_data["sitting"].pk,
                        "name": form.cleaned_data["file"].name,
                    }
                }
                request.session[SESSION_KEY] = stored
                return redirect("admin:minutes_minutes_upload_preview", token=token)
            status = 400
        else:
            form = MinutesUploadForm(initial={"sitting": request.GET.get("sitting")})
            status = 200
        return TemplateResponse(
            request,
            "admin/minutes/upload_form.html",
            self._context(request, title="회의록 올리기", form=form),
            status=status,
        )

    def upload_preview_view(self, request, token: str):
        if not self.has_add_permission(request):
            raise PermissionDenied
        stored = request.session.get(SESSION_KEY, {}).get(token)
        if not stored:
            raise Http404("올린 회의록 파일을 찾을 수 없습니다. 처음부터 다시 올리세요.")
        sitting = (
            Sitting.objects.select_related("session", "body").filter(pk=stored["sitting"]).first()
        )
        state, text = services.upload_state(token)
        if sitting is None or state == "missing":
            raise Http404("올린 회의록 파일을 찾을 수 없습니다. 처음부터 다시 올리세요.")
        if request.method == "POST" and state == "done":
            minutes = services.minutes_save_upload(
                sitting=sitting, token=token, file_name=stored["name"]
            )
            request.session[SESSION_KEY] = {}
            messages.success(
                request,
                f"{sitting.session} {sitting.body.name} 제{sitting.number}차 회의록을 저장했습니다 "
                f"(문단 {len(paragraphs(minutes.text))}개). 검색 색인은 잠시 뒤 반영됩니다.",
            )
            return redirect("admin:minutes_minutes_changelist")
        existing = Minutes.objects.filter(sitting=sitting).exists()
        return TemplateResponse(
            request,
            "admin/minutes/upload_preview.html",
            self._context(
                request,
                title="회의록 미리보기",
                sitting=sitting,
                state=state,
                text=text,
                paragraphs=paragraphs(text) if state == "done" else [],
                file_name=stored["name"],
                replaces=existing,
                upload_url=reverse("admin:minutes_minutes_upload"),
            ),
        )
