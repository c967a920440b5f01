"""Public addresses of the council pages: /council/."""

from django.urls import path

from . import views

app_name = "council"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("members.xlsx", views.members_xlsx, name="members_xlsx"),
]
