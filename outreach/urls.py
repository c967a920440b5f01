"""Public addresses of outreach (see DESIGN.md, "Public addresses")."""

from django.urls import include, path

from . import views

app_name = "outreach"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("visits/apply/", include("outreach.applications")),
]
