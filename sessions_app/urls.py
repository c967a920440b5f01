"""Public addresses of sessions_app (see DESIGN.md, "Public addresses"): the schedule of a
year, its month calendar, one session, and the iCalendar feeds."""

from django.urls import path

from . import views

app_name = "sessions_app"

urlpatterns = [
    path("", views.schedule, name="schedule"),
    path("schedule.xlsx", views.schedule_xlsx, name="schedule_xlsx"),
    path("calendar/", views.schedule_calendar, name="calendar"),
    path("calendar.ics", views.calendar_feed, name="calendar_feed"),
    path("<int:number>/", views.session_page, name="session"),
    path("<int:number>.ics", views.session_feed, name="session_feed"),
]
