"""The admin's "삭제된 항목" page (/admin/deleted/): the latest deletions a clerk may see, each
with what went with it, and a button that brings the whole group back (audit/deletions.py).
Hooked into the admin site's urls by portal/admin_site.py."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from audit.deletions import deletion_restore, deletions


def deleted_view(request, site):
    if not request.user.is_active or not request.user.is_staff:
        raise PermissionDenied
    if request.method == "POST":
        try:
            group = deletion_restore(key=request.POST.get("deletion", ""), user=request.user)
        except ValidationError as refused:
            messages.error(request, " ".join(refused.messages))
        else:
            tops = ", ".join(group.top_labels())
            extra = f" (함께: {group.others_summary()})" if group.others else ""
            messages.success(request, f"{tops}을(를) 되살렸습니다{extra}.")
        return redirect("admin:deleted")
    context = {
        **site.each_context(request),
        "title": "삭제된 항목",
        "deletions": deletions(user=request.user),
    }
    return TemplateResponse(request, "admin/audit/deleted.html", context)
