"""A citizen reads who sits on the council and who staffs it at /council/."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from council.models import Committee, CommitteeMembership, Member, Term
from tests.budget.test_pages import row_starting, table_rows

# Queries of /council/ on a cache miss, however many members and committees are loaded.
COUNCIL_PAGE_QUERIES = 18


def _get(client):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/council/")
    assert response.status_code == 200
    return response.content.decode(), len(ctx)


def test_the_seed_has_seats_but_no_names_and_says_so(seeded, client):
    html, _ = _get(client)

    assert "의원 명단이 아직 등록되지 않았습니다" in html
    assert "제9대 의원 정수는 10명입니다" in html
    assert "의원 10명, 상임위원회 3개, 특별위원회 3개" in html
    assert "의회운영위원회" in html and "예산결산특별위원회" in html
    assert "위원 명단 미등록" in html


def test_secretariat_is_counted_from_its_units(seeded, client):
    html, _ = _get(client)

    assert "의회사무국은 1국, 3전문위원, 3팀입니다" in html
    assert "복지건설전문위원" in html and "의회홍보팀" in html


def test_staff_table_totals_and_over_and_under_filled_grades(seeded, client):
    html, _ = _get(client)
    rows = table_rows(html, "staff-table")

    assert row_starting(rows, "합계")[1:3] == ["32", "23"]
    assert row_starting(rows, "일반직 계")[1:3] == ["23", "17"]
    career_6 = next(r for r in rows if r[:2] == ["일반직", "6급"])
    assert career_6[2:] == ["3", "4", "초과 1"]
    fixed_7 = next(r for r in rows if r[:2] == ["임기제", "7급"])
    assert fixed_7[2:] == ["5", "2", "결원 3"]
    assert "기준일: 2023. 2." in html
    assert "담당: 의정팀" in html


def _add_members(council, count):
    term = Term.objects.get(council=council, number=9)
    committees = list(Committee.objects.filter(council=council))
    for i in range(count):
        member = Member.objects.create(
            term=term, name=f"의원{i:02d}", role="chair" if i == 0 else "member"
        )
        CommitteeMembership.objects.create(
            committee=committees[i % len(committees)],
            member=member,
            role="chair" if i < len(committees) else "member",
        )


def test_members_with_role_and_committee(seeded, client):
    _add_members(seeded, 2)

    html, _ = _get(client)

    assert "의원 명단이 아직 등록되지 않았습니다" not in html
    assert "제9대 의원 (2명, 정수 10명 중 8석 미등록)" in html
    assert re.search(
        r'<th scope="row"><a href="/members/\d+/">의원00</a></th>\s*<td>의장</td>', html
    )
    assert "의회운영위원회 위원장" in html
    assert "의원00 (위원장)" in html


def test_query_count_does_not_grow_with_members(seeded, client, django_assert_max_num_queries):
    _add_members(seeded, 1)
    _, before = _get(client)
    extra = [f"추가{i}" for i in range(12)]
    term = Term.objects.get(council=seeded, number=9)
    committee = Committee.objects.get(council=seeded, name="예산결산특별위원회")
    for name in extra:
        member = Member.objects.create(term=term, name=name)
        CommitteeMembership.objects.create(committee=committee, member=member)

    with django_assert_max_num_queries(COUNCIL_PAGE_QUERIES):
        html, after = _get(client)

    assert "추가11" in html
    assert after == before


@pytest.mark.django_db
def test_without_any_council_the_page_is_404_not_500(client):
    assert client.get("/council/").status_code == 404


def test_each_committee_links_its_sittings_and_their_feed(seeded, client):
    """A committee with a body (its sittings) links that body's page and Atom feed, which the
    body's page announces in its head."""
    from sessions_app.models import Body

    html, _ = _get(client)
    bodies = Body.objects.filter(committee__isnull=False).select_related("committee")
    assert bodies
    rows = re.findall(r"<tr>(.*?)</tr>", html, re.S)
    for body in bodies:
        (row,) = [r for r in rows if f'<th scope="row">{body.committee.name}</th>' in r]
        page = f"/sessions/bodies/{body.slug}/"
        assert f'<a href="{page}">회의 일정' in row and f'<a href="{page}feed/">피드 (Atom)' in row
        head = client.get(page).content.decode().split("</head>", 1)[0]
        assert f'type="application/atom+xml" title="금천구의회 {body.name} 회의 (Atom)"' in head
