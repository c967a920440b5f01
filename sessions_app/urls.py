"""Public addresses of sessions_app (see DESIGN.md, "Public addresses")."""

from django.urls import path  # noqa: F401

app_name = "sessions_app"

urlpatterns = []
