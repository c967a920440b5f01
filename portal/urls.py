"""Root URL configuration.

Public addresses are stable (bookmarks, feeds and print links depend on them); see
docs/ARCHITECTURE.md for the full table.
"""

from django.contrib import admin
from django.urls import include, path

from portal.health import healthz
from portal.views import HomeView

admin.site.site_header = "금천구의회 의정 포털 관리"
admin.site.site_title = "금천구의회 의정 포털 관리"
admin.site.index_title = "의정 자료 관리"

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    # Each app owns its public addresses.
    path("sessions/", include("sessions_app.urls")),
    path("budget/", include("budget.urls")),
    path("outreach/", include("outreach.urls")),
    path("council/", include("council.urls")),
    path("workplan/", include("workplan.urls")),
]
