"""Public addresses of the work plan: /workplan/<year>/ and /workplan/<year>.pdf."""

from django.urls import path

from . import views

app_name = "workplan"

urlpatterns = [
    path("", views.latest, name="latest"),
    path("<int:year>/", views.workplan_html, name="html"),
    path("<int:year>.pdf", views.workplan_pdf_view, name="pdf"),
]
