"""Public addresses of minutes: /minutes/<sitting id>/ (paragraph anchors #p-1 …)."""

from django.urls import path

from . import views

app_name = "minutes"

urlpatterns = [
    path("<int:sitting_id>/", views.minutes_page, name="detail"),
]
