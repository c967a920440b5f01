"""Public addresses of budget (see DESIGN.md, "Public addresses")."""

from django.urls import path  # noqa: F401

app_name = "budget"

urlpatterns = []
