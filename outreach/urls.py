"""Public addresses of outreach (see DESIGN.md, "Public addresses")."""

from django.urls import path

from . import views

app_name = "outreach"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("pr.xlsx", views.pr_xlsx, name="pr_xlsx"),
    path("visits/apply/", views.apply, name="visit_apply"),
    path("visits/apply/done/", views.apply_done, name="visit_apply_done"),
]
