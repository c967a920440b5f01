"""The admin base: the class every ModelAdmin of the portal derives from, the admin's money
format, and the read-only data versions.

Each record's admin page gets a "변경 이력" (history) page listing every version with who
made it, when, and what changed (old → new value per field, computed by
django-simple-history's ``diff_against`` in the admin, not in a template), and a clerk who may
change the record can restore an earlier version from there. The version is saved through
the same form, so the model's validation applies to a restored version too.

The history tables themselves are registered by the ``audit`` app (audit/models.py).
"""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from common import figures
from common.models import DataVersion, RateCounter


class AuditedModelAdmin(SimpleHistoryAdmin):
    """Use instead of ``admin.ModelAdmin`` for every model of the domain apps."""

    history_list_per_page = 50

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # django-simple-history lets anyone who may *view* the history post the restore
        # form; restoring is a change, so it needs the change permission.
        if request.method == "POST":
            obj = self.get_object(request, unquote(object_id))
            if not self.has_change_permission(request, obj):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


def won(value):
    """Money for the admin, exact to the won: "1,234,000원"; "-" when unknown."""
    text = figures.format_money(value, "원")
    return text if value is None else f"{text}원"


# Addresses typed without a scheme ("www.example.go.kr") are public sites served over https.
HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}


@admin.register(DataVersion)
class DataVersionAdmin(admin.ModelAdmin):
    """When each model's records last changed (common/versioning.py keeps these counters).

    Shown so staff can see what public pages report as 최종 수정; nobody edits them by hand,
    since caches of pages and of the work plan PDF are keyed on them.
    """

    list_display = ["scope", "version", "changed_at"]
    search_fields = ["scope"]
    ordering = ["scope"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RateCounter)
class RateCounterAdmin(admin.ModelAdmin):
    """Rate-limit counters (the public form's submissions per client address and window).

    Read-only: the subject is a keyed hash, so nobody can tell whose counter it is. Deleting
    a counter lifts that limit at once (e.g. for a school that shares one address).
    """

    list_display = ["scope", "window_start", "count", "expires_at"]
    list_filter = ["scope"]
    ordering = ["-window_start"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
