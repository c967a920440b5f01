"""Public addresses of outreach (see DESIGN.md, "Public addresses")."""

from django.urls import include, path

app_name = "outreach"

urlpatterns = [
    path("visits/apply/", include("outreach.applications")),
]
