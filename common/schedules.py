"""Recurring tasks as data: each app's migration declares its own with daily_schedule(),
so every deployment that migrates runs them (Django Q2's Schedule table, read by the
workers; the admin's 시스템 section shows and can pause them)."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

SEOUL = ZoneInfo("Asia/Seoul")


def next_time_of_day(hour: int, now: datetime.datetime | None = None) -> datetime.datetime:
    """The next moment it is `hour`:00 in Seoul, after `now`."""
    now = (now or datetime.datetime.now(datetime.UTC)).astimezone(SEOUL)
    due = now.replace(hour=hour, minute=0, second=0, microsecond=0)
    if due <= now:
        due += datetime.timedelta(days=1)
    return due


def daily_schedule(name: str, func: str, hour: int):
    """A migration operation's function pair that keeps `func` running daily at `hour`:00
    (Seoul), under `name`; undone, it removes the schedule."""

    def forward(apps, schema_editor):
        schedule = apps.get_model("django_q", "Schedule")
        schedule.objects.update_or_create(
            name=name,
            defaults={
                "func": func,
                "schedule_type": "D",
                "repeats": -1,
                "next_run": next_time_of_day(hour),
            },
        )

    def backward(apps, schema_editor):
        apps.get_model("django_q", "Schedule").objects.filter(name=name).delete()

    return forward, backward
