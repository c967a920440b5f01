"""The admin site, its header naming the council's portal ("<포털 이름> 관리").

The name is read from the council's record when an admin page is rendered, not when the
urls are loaded: a renamed portal shows at once, a public page never pays for it, and an
empty database shows the generic "의정 포털 관리".
"""

from __future__ import annotations

from functools import wraps

from django.contrib import admin
from django.contrib.admin.views.main import ERROR_FLAG
from django.http import HttpResponseRedirect
from django.utils.functional import SimpleLazyObject, lazy

from portal.errors import current_site

GENERIC_HEADER = "의정 포털 관리"


class PortalAdminSite(admin.AdminSite):
    site_header = GENERIC_HEADER
    site_title = GENERIC_HEADER
    index_title = "의정 자료 관리"

    def each_context(self, request):
        context = super().each_context(request)
        site = SimpleLazyObject(current_site)
        header = lazy(lambda: f"{site.portal_name} 관리", str)()
        context["site_header"] = header
        context["site_title"] = header
        return context

    def admin_view(self, view, cacheable=False):
        """Every admin page, with a filter value too large for a date answered as Django
        answers other bad filters (back to the list with ?e=1, "잘못된 검색 조건"), not a
        500: the admin's date_hierarchy turns ?first_day__year=99…9 into a date and catches
        ValueError but not OverflowError (third-party admins such as django-axes' too)."""
        wrapped = super().admin_view(view, cacheable)

        @wraps(wrapped)
        def guarded(request, *args, **kwargs):
            try:
                return wrapped(request, *args, **kwargs)
            except OverflowError:
                return HttpResponseRedirect(f"{request.path}?{ERROR_FLAG}=1")

        return guarded
