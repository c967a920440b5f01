"""A clerk deletes a session by mistake: the confirmation says what goes with it, the
"삭제된 항목" page lists the deletion with its sittings and agenda, and one click brings all
of it back, agenda bodies included, with the restore in the history."""

from __future__ import annotations

import datetime
import re
from html import unescape

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import reverse

from audit.deletions import RESTORE_REASON
from council.models import Council
from sessions_app.models import AgendaItem, Body, Session, Sitting

DELETED = reverse("admin:deleted")


def clerk_client(username: str, group: str) -> Client:
    user = User.objects.create_user(username, password="pw-deleted-9", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    return client


def text_of(response) -> str:
    html = response.content.decode()
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)).replace("\xa0", " "))


@pytest.fixture
def session(db):
    council = Council.objects.create(name="가상구의회", district="가상구")
    session = Session.objects.create(
        council=council,
        number=301,
        kind=Session.Kind.EXTRAORDINARY,
        first_day=datetime.date(2023, 2, 14),
        last_day=datetime.date(2023, 2, 16),
    )
    plenary = Body.objects.create(
        council=council, name="본회의", short_name="본회의", kind="plenary", slug="plenary"
    )
    for number in (1, 2):
        Sitting.objects.create(
            session=session,
            body=plenary,
            number=number,
            date=datetime.date(2023, 2, 13 + number),
        )
    item = AgendaItem.objects.create(session=session, title="2023년도 업무보고의 건")
    item.bodies.set([plenary])
    return session


def test_a_deleted_session_comes_back_with_its_sittings_and_agenda(session):
    kim = clerk_client("kim", "의사팀")
    delete_url = reverse("admin:sessions_app_session_delete", args=[session.pk])
    confirm = text_of(kim.get(delete_url))
    assert "삭제된 항목 에서 함께 삭제된 항목과 함께 되살릴 수 있습니다" in confirm
    assert "차수" in confirm  # Django lists what goes with it
    assert kim.post(delete_url, {"post": "yes"}).status_code == 302
    assert not Session.objects.exists() and not Sitting.objects.exists()

    page = kim.get(DELETED)
    listed = text_of(page)
    assert "회기 «" in listed and "301" in listed
    assert "회의(차수) 2건, 주요 안건 1건" in listed
    assert "kim" in listed
    key = re.search(r'name="deletion" value="([^"]+)"', page.content.decode()).group(1)

    restored = kim.post(DELETED, {"deletion": key}, follow=True)
    assert "되살렸습니다" in text_of(restored)
    back = Session.objects.get(pk=session.pk)
    assert back.number == 301
    assert sorted(back.sittings.values_list("number", flat=True)) == [1, 2]
    item = AgendaItem.objects.get(session=back)
    assert list(item.bodies.values_list("slug", flat=True)) == ["plenary"]
    latest = back.history.latest()
    assert latest.history_type == "+"
    assert latest.history_user.username == "kim"
    assert latest.history_change_reason == RESTORE_REASON
    # Restored, it is no longer listed; the same button again changes nothing.
    assert "되살릴 수 있는 삭제 기록이 없습니다" in text_of(kim.get(DELETED))
    again = kim.post(DELETED, {"deletion": key}, follow=True)
    assert "되살릴 삭제 기록을 찾을 수 없습니다" in text_of(again)
    assert Session.objects.count() == 1


def test_another_team_neither_sees_nor_restores_the_deletion(session):
    kim = clerk_client("kim", "의사팀")
    kim.post(reverse("admin:sessions_app_session_delete", args=[session.pk]), {"post": "yes"})
    key = re.search(r'name="deletion" value="([^"]+)"', kim.get(DELETED).content.decode()).group(1)
    hong = clerk_client("hong", "의회홍보팀")
    assert "되살릴 수 있는 삭제 기록이 없습니다" in text_of(hong.get(DELETED))
    assert hong.post(DELETED, {"deletion": key}).status_code == 403
    assert not Session.objects.exists()


def test_a_garbled_key_is_a_korean_message_not_an_error(session):
    kim = clerk_client("kim", "의사팀")
    for key in ["", "x", "sessions_app.session:abc", "nope.model:1", "sessions_app.session:999"]:
        response = kim.post(DELETED, {"deletion": key}, follow=True)
        assert response.status_code == 200
        assert "되살릴 삭제 기록을 찾을 수 없습니다" in text_of(response)


def test_the_page_reads_in_a_few_queries_whatever_was_deleted(
    session, django_assert_max_num_queries
):
    kim = clerk_client("kim", "의사팀")
    kim.post(reverse("admin:sessions_app_session_delete", args=[session.pk]), {"post": "yes"})
    from audit.models import tracked_models

    budget = 2 * len(tracked_models()) + 12
    with django_assert_max_num_queries(budget):
        assert kim.get(DELETED).status_code == 200
