"""A citizen follows the council in a feed reader: the sessions, the sittings, one
committee's sittings and the minutes as they are published, each an Atom feed announced on
the page it follows; every entry links to a page that answers."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sessions_app.models import Body, Session, Sitting

ATOM = "{http://www.w3.org/2005/Atom}"


def parse(response) -> ET.Element:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    # What Atom 1.0 requires of a feed and of each entry (RFC 4287, 4.1.1 and 4.1.2).
    for name in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{name}") is not None, name
    for entry in root.iter(f"{ATOM}entry"):
        for name in ("id", "title", "updated"):
            assert entry.find(f"{ATOM}{name}") is not None, name
        assert entry.find(f"{ATOM}link[@rel='alternate']") is not None
    return root


def entries(root: ET.Element) -> list[dict[str, str]]:
    return [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "link": entry.find(f"{ATOM}link").get("href"),
            "summary": entry.findtext(f"{ATOM}summary") or "",
            "updated": entry.findtext(f"{ATOM}updated"),
        }
        for entry in root.iter(f"{ATOM}entry")
    ]


def path_of(link: str) -> str:
    return link.removeprefix("http://testserver")


def sit(number, slug, n, date, **fields) -> Sitting:
    sitting = Sitting(
        session=Session.objects.get(number=number),
        body=Body.objects.get(slug=slug),
        number=n,
        date=date,
        **fields,
    )
    sitting.full_clean()
    sitting.save()
    return sitting


@pytest.fixture
def budget_committee_year(seeded, clock):
    """The budget committee met in 제243회 and meets again in the last session, a week
    ahead of today; a plenary sitting in 제243회."""
    Body.objects.filter(slug="budget").update(place="제1위원회 회의실")
    held = sit(
        243,
        "budget",
        1,
        datetime.date(2023, 3, 21),
        starts_at=datetime.time(10, 0),
        minutes_published_on=datetime.date(2023, 3, 24),
        minutes_url="https://minutes.example.kr/243-budget-1",
    )
    plenary = sit(243, "plenary", 1, datetime.date(2023, 3, 20))
    last = Session.objects.order_by("-first_day").first()
    clock.travel_to(last.first_day - datetime.timedelta(days=7))
    ahead = sit(
        last.number,
        "budget",
        1,
        last.first_day + datetime.timedelta(days=2),
        starts_at=datetime.time(14, 0),
        ends_at=datetime.time(17, 0),
        place="제2위원회 회의실",
    )
    return {"held": held, "plenary": plenary, "ahead": ahead, "last": last}


def test_a_citizen_subscribes_to_the_budget_committee_and_sees_its_next_sitting(
    budget_committee_year, client
):
    ahead = budget_committee_year["ahead"]
    body_page = client.get("/sessions/bodies/budget/").content.decode()
    # The committee's page announces its feed; the reader finds it from the page.
    assert (
        '<link rel="alternate" type="application/atom+xml" '
        'title="금천구의회 예산결산특별위원회 회의 (Atom)" href="/sessions/bodies/budget/feed/">'
    ) in body_page

    root = parse(client.get("/sessions/bodies/budget/feed/"))
    assert root.findtext(f"{ATOM}title") == "금천구의회 예산결산특별위원회 회의"
    found = entries(root)
    # Only the committee's sittings, the one ahead first, with its time and place.
    assert len(found) == 2
    first = found[0]
    assert first["title"].startswith(f"제{ahead.session.number}회")
    assert "예산결산특별위원회 제1차" in first["title"]
    assert "14:00~17:00" in first["summary"]
    assert "장소: 제2위원회 회의실" in first["summary"]
    assert first["updated"].startswith(f"{ahead.date.isoformat()}T14:00:00+09:00")
    # Its link opens the sitting's page with the same day, time and place.
    page = client.get(path_of(first["link"]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "14:00" in html and "제2위원회 회의실" in html
    # The held sitting carries its minutes link, the plenary's sitting is not in this feed.
    assert "https://minutes.example.kr/243-budget-1" in found[1]["summary"]
    assert all("본회의" not in entry["title"] for entry in found)


def test_every_feed_is_valid_atom_and_each_entry_links_to_a_page_that_answers(
    budget_committee_year, client
):
    for path in (
        "/sessions/feed/",
        "/sessions/sittings/feed/",
        "/sessions/minutes/feed/",
        "/sessions/bodies/plenary/feed/",
        "/sessions/bodies/standing/feed/",
    ):
        root = parse(client.get(path))
        assert root.find(f"{ATOM}link[@rel='self']").get("href").endswith(path)
        for entry in entries(root):
            assert client.get(path_of(entry["link"]).split("#")[0]).status_code == 200, entry


def test_the_feeds_have_distinct_ids(budget_committee_year, client):
    ids = [
        parse(client.get(path)).findtext(f"{ATOM}id")
        for path in ("/sessions/feed/", "/sessions/sittings/feed/", "/sessions/minutes/feed/")
    ]
    assert len(set(ids)) == 3


def test_minutes_feed_shows_only_published_minutes_newest_first_dated_by_publication(
    budget_committee_year, client
):
    plenary = budget_committee_year["plenary"]
    plenary.minutes_published_on = datetime.date(2023, 3, 22)
    plenary.save()
    # Entered ahead: not public until its day comes.
    ahead = budget_committee_year["ahead"]
    ahead.minutes_published_on = ahead.date + datetime.timedelta(days=1)
    ahead.minutes_url = "https://minutes.example.kr/not-yet"
    ahead.save()

    found = entries(parse(client.get("/sessions/minutes/feed/")))

    assert [e["title"] for e in found] == [
        "[회의록] 제243회 임시회 예산결산특별위원회 제1차",
        "[회의록] 제243회 임시회 본회의 제1차",
    ]
    assert found[0]["updated"].startswith("2023-03-24T00:00:00+09:00")
    assert found[1]["updated"].startswith("2023-03-22")
    sittings = parse(client.get("/sessions/sittings/feed/"))
    assert b"not-yet" not in client.get("/sessions/sittings/feed/").content
    assert len(entries(sittings)) == 3


def test_a_planned_session_says_so_in_the_sessions_feed(seeded, client, clock):
    clock.travel_to(datetime.date(2023, 1, 2))
    planned = Session.objects.get(number=242)
    assert planned.date_status == Session.DateStatus.PLANNED

    found = {e["link"]: e for e in entries(parse(client.get("/sessions/feed/")))}

    entry = found["http://testserver/sessions/242/"]
    assert entry["title"].startswith("제242회 임시회 [예정]")
    assert "2023년도 주요업무계획 보고" in entry["summary"]


def test_the_schedule_and_session_pages_announce_the_feeds(seeded, client):
    for path in ("/sessions/", "/sessions/242/"):
        html = client.get(path).content.decode()
        for feed in ("/sessions/feed/", "/sessions/sittings/feed/", "/sessions/minutes/feed/"):
            assert 'type="application/atom+xml" title="금천구의회' in html
            assert f'href="{feed}"' in html


def test_an_unknown_body_is_a_404(seeded, client):
    assert client.get("/sessions/bodies/없는위원회/feed/").status_code == 404
    assert client.get("/sessions/bodies/없는위원회/").status_code == 404


def _queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "path",
    [
        "/sessions/feed/",
        "/sessions/sittings/feed/",
        "/sessions/minutes/feed/",
        "/sessions/bodies/budget/feed/",
        "/sessions/bodies/standing/feed/",
        "/sessions/bodies/budget/",
    ],
)
def test_feeds_and_the_body_page_keep_a_query_budget_independent_of_rows(
    seeded, client, settings, django_assert_max_num_queries, path
):
    settings.PAGE_CACHE_ENABLED = False
    session = Session.objects.get(number=243)
    budget = Body.objects.get(slug="budget")
    plenary = Body.objects.get(slug="plenary")
    Sitting.objects.create(
        session=session,
        body=budget,
        number=1,
        date=session.first_day,
        minutes_published_on=session.first_day,
    )
    few = _queries(client, path)
    sittings = []
    for session in Session.objects.all():
        for n in range(1, 5):
            for body in (budget, plenary):
                sittings.append(
                    Sitting(
                        session=session,
                        body=body,
                        number=n,
                        date=session.first_day,
                        minutes_published_on=session.last_day,
                    )
                )
    Sitting.objects.bulk_create(sittings, ignore_conflicts=True)
    assert Sitting.objects.count() > 60

    with django_assert_max_num_queries(few):
        assert client.get(path).status_code == 200
