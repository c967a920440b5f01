"""The secretariat's screens for bills: one screen per bill with its sponsors, its actions
(접수 … 공포) and its documents inline. The status is shown, computed, never typed."""

from __future__ import annotations

from django.contrib import admin

from common.admin import AuditedModelAdmin

from . import rules, selectors
from .models import Bill, BillAction, BillDocument, BillSponsor


class BillSponsorInline(admin.TabularInline):
    model = BillSponsor
    extra = 0
    fields = ["member", "role"]
    autocomplete_fields = ["member"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("member", "bill")


class BillActionInline(admin.TabularInline):
    model = BillAction
    extra = 1
    fields = ["date", "kind", "result", "committee", "promulgation_number", "note"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("committee", "bill")


class BillDocumentInline(admin.TabularInline):
    model = BillDocument
    extra = 0
    fields = ["kind", "file"]


@admin.register(Bill)
class BillAdmin(AuditedModelAdmin):
    list_display = ["number", "title", "term", "kind", "proposer_kind", "committee", "status"]
    list_display_links = ["number", "title"]
    list_filter = ["term", "kind", "proposer_kind", "committee"]
    list_select_related = ["term__council", "committee"]
    search_fields = ["title", "number"]
    ordering = ["-term__number", "-number"]
    autocomplete_fields = ["session", "agenda_items"]
    fieldsets = [
        (None, {"fields": ["term", "number", "title", "kind"]}),
        ("제안·소관", {"fields": ["proposer_kind", "committee"]}),
        ("회기·안건", {"fields": ["session", "agenda_items"]}),
        ("내용", {"fields": ["summary"]}),
    ]
    inlines = [BillSponsorInline, BillActionInline, BillDocumentInline]

    def get_queryset(self, request):
        return selectors.with_status(super().get_queryset(request))

    @admin.display(description="상태")
    def status(self, obj):
        return rules.status_label(obj.latest_kind, obj.latest_result)
