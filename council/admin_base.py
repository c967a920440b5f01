"""The base class of every ModelAdmin of the portal.

Each record's admin page gets a "변경 이력" (history) page listing every version with who
made it, when, and what changed (old → new value per field, computed by
django-simple-history's ``diff_against`` in the admin, not in a template), and a clerk who may
change the record can restore an earlier version from there. The version is saved through
the same form, so the model's validation applies to a restored version too.

The history tables themselves are registered by the ``audit`` app (audit/models.py).
"""

from simple_history.admin import SimpleHistoryAdmin


class AuditedModelAdmin(SimpleHistoryAdmin):
    """Use instead of ``admin.ModelAdmin`` for every model of the four domain apps."""

    history_list_per_page = 50
