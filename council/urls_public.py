"""Public addresses of the council pages: /council/."""

from django.urls import path

from council import public_views

app_name = "council"

urlpatterns = [
    path("", public_views.overview, name="overview"),
]
