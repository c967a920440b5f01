"""Public addresses of the work plan: /workplan/<year>/ and /workplan/<year>.pdf (the latest
published edition), /workplan/<year>/editions/<n>/ and .pdf (each edition)."""

from django.urls import path

from . import views

app_name = "workplan"

urlpatterns = [
    path("", views.latest, name="latest"),
    path("<int:year>/", views.workplan_html, name="html"),
    path("<int:year>.pdf", views.workplan_pdf_view, name="pdf"),
    path("<int:year>/editions/<int:number>/", views.edition_html, name="edition"),
    path("<int:year>/editions/<int:number>.pdf", views.edition_pdf_view, name="edition_pdf"),
]
