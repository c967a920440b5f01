"""The admin base: the class every ModelAdmin of the portal derives from, the admin's money
format, and the read-only data versions.

Each record's admin page gets a "변경 이력" (history) page listing every version with who
made it, when, and what changed (old → new value per field, computed by
django-simple-history's ``diff_against`` in the admin, not in a template), and a clerk who may
change the record can restore an earlier version from there. The version is saved through
the same form, so the model's validation applies to a restored version too.

A change form refuses to save over someone else's newer change (common/concurrency.py):
the clerk keeps what they typed and sees the other change.

The history tables themselves are registered by the ``audit`` app (audit/models.py).
"""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from common import concurrency, figures
from common.models import DataVersion, RateCounter


class AuditedModelAdmin(SimpleHistoryAdmin):
    """Use instead of ``admin.ModelAdmin`` for every model of the domain apps."""

    history_list_per_page = 50

    # ------------------------------------------------------------ initial values

    def get_changeform_initial_data(self, request):
        """Django's initial values from the query string (``?sitting=3`` on an add form, as
        the "추가" links of related records send), minus the relation values that are no id
        at all (``?sitting=nope``): the select widgets look their labels up by id, and a
        value the id's field cannot read was a 500. The form then opens with that field
        empty, as if it had not been given."""
        initial = super().get_changeform_initial_data(request)
        for name, value in list(initial.items()):
            try:
                field = self.opts.get_field(name)
            except FieldDoesNotExist:
                continue
            if not field.is_relation or field.related_model is None:
                continue
            target = field.target_field if field.many_to_one or field.one_to_one else None
            target = target or field.related_model._meta.pk
            values = value if isinstance(value, list) else [value]
            try:
                for one in values:
                    target.clean(one, None)
            except ValidationError:
                del initial[name]
        return initial

    # ------------------------------------------------------------ no lost edits

    def _edit_sources(self, request, obj) -> list[concurrency.Source]:
        inlines = [(i.model, i.fk_name) for i in self.get_inline_instances(request, obj)]
        return concurrency.sources_for(obj, inlines)

    def _changeform_view(self, request, object_id, form_url, extra_context):
        # Django runs this inside a transaction: the row lock holds until the save is done.
        request._edit_conflict = None
        posted = request.POST.get(concurrency.TOKEN_FIELD) if request.method == "POST" else None
        if posted and object_id and "_saveasnew" not in request.POST:
            obj = self.get_object(request, unquote(object_id))
            if obj is not None and self.has_change_permission(request, obj):
                manager = type(obj)._base_manager
                list(manager.select_for_update().filter(pk=obj.pk).values_list("pk"))
                changes = concurrency.changes_since(self._edit_sources(request, obj), posted)
                request._edit_conflict = changes or None
        return super()._changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if not getattr(request, "_edit_conflict", None):
            return form

        class RefusedForm(form):  # type: ignore[valid-type,misc]
            """The record changed since the clerk opened it: keep their input, save nothing."""

            def clean(self):
                cleaned = super().clean()
                raise ValidationError(concurrency.CONFLICT_MESSAGE, code="edit_conflict")
                return cleaned  # pragma: no cover

        return RefusedForm

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if change and obj is not None and obj.pk is not None:
            conflict = getattr(request, "_edit_conflict", None)
            posted = request.POST.get(concurrency.TOKEN_FIELD) if request.method == "POST" else None
            # A form sent back for another mistake keeps the token it was opened with; a
            # refused one carries the new token, so saving again is a deliberate choice.
            token = posted if posted and not conflict else None
            context["version_token"] = token or concurrency.token_for(
                self._edit_sources(request, obj)
            )
            context["edit_conflict"] = conflict
        return super().render_change_form(request, context, add, change, form_url, obj)

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
