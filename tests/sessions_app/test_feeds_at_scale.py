"""The calendar feeds hold every year: their queries, and the model instances they build,
stay the same however many years of sessions, sittings and agenda items there are
(generated with portal.demo). The full feed of twenty years once took seconds, most of it
spent building a model instance for every session, item, body link and sitting; it reads
plain rows now (sessions_app/selectors/feeds.py)."""

from contextlib import contextmanager

import pytest
from django.db import connection, transaction
from django.db.models.signals import post_init
from django.test.utils import CaptureQueriesContext

from portal import demo
from sessions_app.models import Session, Sitting

pytestmark = pytest.mark.django_db


@contextmanager
def counting_instances():
    made = []

    def count(sender, **kwargs):
        made.append(sender)

    post_init.connect(count, weak=False, dispatch_uid="count-instances")
    try:
        yield made
    finally:
        post_init.disconnect(dispatch_uid="count-instances")


def _measure(client, years: int, paths) -> dict:
    """Queries and events of each feed with `years` generated years (rolled back after)."""
    found = {}
    with transaction.atomic():
        demo.generate(years=years, first_year=2020)
        number = Session.objects.order_by("number").last().number
        for path in paths:
            path = path.format(number=number)
            client.get(path)  # the first request also reads the data versions' rows once
            with CaptureQueriesContext(connection) as queries, counting_instances() as made:
                response = client.get(path)
            assert response.status_code == 200, path
            found[path.replace(str(number), "<n>")] = (
                len(queries),
                response.content.count(b"BEGIN:VEVENT"),
                len(made),
            )
        found["records"] = Session.objects.count() + Sitting.objects.count()
        transaction.set_rollback(True)
    return found


def test_feed_queries_do_not_grow_with_years(client, settings):
    settings.PAGE_CACHE_ENABLED = False
    paths = [
        "/sessions/calendar.ics",
        "/sessions/calendar.ics?body=standing",
        "/sessions/calendar.ics?body=plenary",
        "/sessions/{number}.ics",
    ]
    one, four = _measure(client, 1, paths), _measure(client, 4, paths)

    assert four["records"] > 3 * one["records"]
    full = "/sessions/calendar.ics"
    assert one[full][1] < four[full][1] == four["records"]  # every year's events …
    for path in [full, *paths[1:3], "/sessions/<n>.ics"]:
        assert four[path][0] == one[path][0], path  # … in the same queries
        assert four[path][2] == one[path][2], path  # … and no model instance per row
    assert one[full][0] <= 8
