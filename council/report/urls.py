"""Public addresses of the work plan: /workplan/<year>/ and /workplan/<year>.pdf."""

from django.urls import path  # noqa: F401

app_name = "workplan"

urlpatterns = []
