"""Public addresses of sessions_app (see DESIGN.md, "Public addresses"): the schedule of a
year, its month calendar, one session and its sittings, a body's sittings, and the feeds
(iCalendar and Atom)."""

from django.urls import path

from . import views

app_name = "sessions_app"

urlpatterns = [
    path("", views.schedule, name="schedule"),
    path("schedule.xlsx", views.schedule_xlsx, name="schedule_xlsx"),
    path("calendar/", views.schedule_calendar, name="calendar"),
    path("sessions.csv", views.sessions_csv, name="sessions_csv"),
    path("sessions.json", views.sessions_json, name="sessions_json"),
    path("sittings.csv", views.sittings_csv, name="sittings_csv"),
    path("sittings.json", views.sittings_json, name="sittings_json"),
    path("attendance.csv", views.attendance_csv, name="attendance_csv"),
    path("attendance.json", views.attendance_json, name="attendance_json"),
    path("calendar.ics", views.calendar_feed, name="calendar_feed"),
    path("feed/", views.sessions_atom, name="sessions_atom"),
    path("sittings/feed/", views.sittings_atom, name="sittings_atom"),
    path("minutes/", views.minutes_page, name="minutes"),
    path("minutes/feed/", views.minutes_atom, name="minutes_atom"),
    path("bodies/<str:slug>/", views.body_page, name="body"),
    path("bodies/<str:slug>/feed/", views.body_atom, name="body_atom"),
    path("<int:number>/", views.session_page, name="session"),
    path("<int:number>.ics", views.session_feed, name="session_feed"),
    path("<int:number>/sittings/<int:pk>/", views.sitting_page, name="sitting"),
]
