"""A session a clerk adds or changes is found by the search at once (it waited for the nightly
rebuild before), and a deleted one is gone; the nightly task rebuilds nothing when every kind
follows its records."""

import datetime

from search.models import SearchEntry
from search.tasks import reindex_unwatched
from sessions_app.models import AgendaItem, Session


def _found(client, query: str) -> str:
    response = client.get("/search/", {"q": query, "kind": "session"})
    assert response.status_code == 200
    return response.content.decode()


def test_a_new_session_and_its_agenda_are_found_at_once(client, seeded):
    council = Session.objects.order_by("pk").first().council
    session = Session.objects.create(
        council=council,
        number=250,
        kind=Session.Kind.EXTRAORDINARY,
        first_day=datetime.date(2023, 10, 10),
        last_day=datetime.date(2023, 10, 14),
    )
    assert 'href="/sessions/250/"' in _found(client, "임시회")

    AgendaItem.objects.create(session=session, title="가상구 청년 기본 조례안")
    assert 'href="/sessions/250/"' in _found(client, "청년 기본 조례안")

    session.delete()
    assert not SearchEntry.objects.filter(kind="session", object_id=session.pk).exists()


def test_the_nightly_task_has_nothing_left_to_rebuild(seeded):
    before = SearchEntry.objects.count()
    assert reindex_unwatched() == {}
    assert SearchEntry.objects.count() == before
