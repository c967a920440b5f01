"""The base class of every ModelAdmin of the portal.

Each record's admin page gets a "변경 이력" (history) page listing every version with who
made it, when, and what changed (old → new value per field, computed by
django-simple-history's ``diff_against`` in the admin, not in a template), and a clerk who may
change the record can restore an earlier version from there. The version is saved through
the same form, so the model's validation applies to a restored version too.

The history tables themselves are registered by the ``audit`` app (audit/models.py).
"""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin


class AuditedModelAdmin(SimpleHistoryAdmin):
    """Use instead of ``admin.ModelAdmin`` for every model of the four domain apps."""

    history_list_per_page = 50

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # django-simple-history lets anyone who may *view* the history post the restore
        # form; restoring is a change, so it needs the change permission.
        if request.method == "POST":
            obj = self.get_object(request, unquote(object_id))
            if not self.has_change_permission(request, obj):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)
