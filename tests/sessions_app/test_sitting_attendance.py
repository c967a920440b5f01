"""A citizen opens a sitting's page and sees each member's attendance (출석 / 청가 / 결석 /
출장) with the counts, each name linking to the member's page; the page's queries do not
grow with the members, and a change of attendance shows at once (page cache on)."""

from __future__ import annotations

import datetime

import pytest

from council.models import Member, Term
from council.services import member_save
from sessions_app.models import Attendance, Body, Session, Sitting

D = datetime.date


@pytest.fixture
def sitting(seeded, clock):
    clock.travel_to(D(2023, 3, 25))
    return Sitting.objects.create(
        session=Session.objects.get(number=243),
        body=Body.objects.get(slug="plenary"),
        number=1,
        date=D(2023, 3, 20),
    )


def add_members(sitting, statuses) -> list[Member]:
    term = Term.objects.get(starts_on__lte=sitting.date, ends_on__gte=sitting.date)
    start = Member.objects.count()
    members = []
    for offset, status in enumerate(statuses):
        member = member_save(
            member=Member(term=term, name=f"가상{start + offset:02d}", party="가상당")
        )
        Attendance.objects.create(sitting=sitting, member=member, status=status)
        members.append(member)
    return members


def url(sitting) -> str:
    return f"/sessions/{sitting.session.number}/sittings/{sitting.pk}/"


def test_each_members_attendance_and_the_counts(sitting, client):
    first, second, third = add_members(sitting, ["present", "leave", "official_trip"])

    html = client.get(url(sitting)).content.decode()

    assert "출석 1명 · 청가 1명 · 결석 0명 · 출장 1명" in html
    assert f'<a href="/members/{second.pk}/">{second.name}</a>' in html
    row = html[html.index(f"/members/{second.pk}/") :]
    assert row.index("청가") < row.index("</tr>")


def test_a_sitting_without_attendance_says_so(sitting, client):
    assert "이 회의의 출결이 아직 등록되지 않았습니다." in client.get(url(sitting)).content.decode()


def test_a_change_of_attendance_shows_at_once(sitting, client, settings):
    settings.PAGE_CACHE_ENABLED = True
    (member,) = add_members(sitting, ["present"])
    assert "출석 1명" in client.get(url(sitting)).content.decode()

    Attendance.objects.filter(member=member).update(status="absent")
    Attendance.objects.get(member=member).save()  # as the admin saves it

    assert "결석 1명" in client.get(url(sitting)).content.decode()


def test_the_query_count_does_not_grow_with_members(
    sitting, client, settings, django_assert_max_num_queries
):
    settings.PAGE_CACHE_ENABLED = False  # every request renders the page
    add_members(sitting, ["present", "absent"])
    client.get(url(sitting))
    with django_assert_max_num_queries(12) as few:
        client.get(url(sitting))
    add_members(sitting, ["present"] * 10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url(sitting))
