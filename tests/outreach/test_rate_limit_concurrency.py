"""The public form's rate limit holds under concurrent posts: 20 posts at once from one
address, limit 5 → exactly 5 saved, 15 answered 429.

Each post runs in its own thread with its own database connection, through Django's whole
request handling (the test client calls the handler in the calling thread), so the threads
really race: on PostgreSQL (as CI runs the suite there) they use the test database; on
SQLite the test database lives in memory, where threads cannot each hold a transaction, so
they share a migrated SQLite *file* instead, with the project's own database settings
(transaction_mode IMMEDIATE), as `runserver`'s threads or two instances on one file would.
"""

from __future__ import annotations

import datetime
import threading
from collections import Counter

import pytest
from django.db import connection, connections
from django.test import Client

from common.models import RateCounter
from council.models import Council
from outreach.models import VisitApplication, VisitProgramSettings

URL = "/outreach/visits/apply/"
POSTS = 20
LIMIT = 5


def _post_data(today: datetime.date, number: int) -> dict:
    return {
        "school": "금나래초등학교",
        "level": "elementary",
        "contact_name": "김교사",
        "phone": f"010-1234-{5600 + number}",  # a different application each
        "email": "teacher@geumnarae.es.kr",
        "wished_date": (today + datetime.timedelta(days=10)).isoformat(),
        "pupils": "30",
        "teachers": "2",
        "homepage": "",
    }


class _Database:
    """Where the threads' connections point: the test database (PostgreSQL) or a migrated
    SQLite file of this test's own."""

    def __init__(self, file_settings: dict | None):
        self.file_settings = file_settings

    def run(self, work):
        """Run `work()` in a new thread on a connection of its own; returns its result."""
        result: dict = {}

        def target():
            try:
                result["value"] = self.in_thread(work)
            except BaseException as error:  # re-raised in the caller
                result["error"] = error

        thread = threading.Thread(target=target)
        thread.start()
        thread.join(timeout=60)
        if "error" in result:
            raise result["error"]
        return result.get("value")

    def in_thread(self, work):
        if self.file_settings is not None:
            wrapper = type(connections["default"])
            connections["default"] = wrapper(dict(self.file_settings), "default")
        try:
            return work()
        finally:
            connections.close_all()


@pytest.fixture
def database(tmp_path, transactional_db, migrated_sqlite):
    """(`migrated_sqlite` is asked for even on PostgreSQL so that the file is migrated in
    the background from the start of the run; only SQLite copies it.)"""
    if connection.vendor != "sqlite":
        return _Database(None)
    path = migrated_sqlite.copy_to(tmp_path / "race.sqlite3")
    return _Database({**connection.settings_dict, "NAME": str(path)})


def test_twenty_concurrent_posts_from_one_address_let_exactly_the_limit_through(
    database, settings, clock
):
    settings.VISIT_APPLY_RATE = f"{LIMIT}/3600"
    today = clock.today

    def set_up():
        council = Council.objects.create(name="금천구의회", district="금천구")
        VisitProgramSettings.objects.create(council=council)

    database.run(set_up)

    start = threading.Barrier(POSTS)
    statuses: list[int] = []
    failures: list[BaseException] = []

    def post(number: int) -> None:
        def work():
            client = Client()
            start.wait(timeout=30)
            return client.post(URL, _post_data(today, number), REMOTE_ADDR="203.0.113.50")

        try:
            statuses.append(database.in_thread(work).status_code)
        except BaseException as error:
            failures.append(error)

    threads = [threading.Thread(target=post, args=(n,)) for n in range(POSTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not failures, failures
    assert Counter(statuses) == {302: LIMIT, 429: POSTS - LIMIT}
    saved, counted = database.run(
        lambda: (
            VisitApplication.objects.count(),
            list(RateCounter.objects.values_list("count", flat=True)),
        )
    )
    assert saved == LIMIT
    assert counted == [LIMIT]
