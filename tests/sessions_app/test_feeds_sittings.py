"""A citizen's calendar shows each sitting (차수) at its time and place, says whether the
session's dates are only planned, and the 상임위원회 feed carries every standing committee's
sittings; the session page lists the same times and places."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar

from sessions_app.models import Body, Session, Sitting

SEOUL = ZoneInfo("Asia/Seoul")
DOMAIN = "council-portal.kr"


def parse(response) -> Calendar:
    assert response.status_code == 200
    return Calendar.from_ical(response.content)


def events_by_uid(cal: Calendar) -> dict:
    return {str(event["UID"]): event for event in cal.walk("VEVENT")}


def sit(session_number, slug, number, date, **fields) -> Sitting:
    sitting = Sitting(
        session=Session.objects.get(number=session_number),
        body=Body.objects.get(slug=slug),
        number=number,
        date=date,
        **fields,
    )
    sitting.full_clean()
    sitting.save()
    return sitting


@pytest.fixture
def places(seeded):
    Body.objects.filter(slug="plenary").update(place="본회의장")
    Body.objects.filter(kind=Body.Kind.STANDING).update(place="위원회 회의실")


def test_timed_sitting_starts_in_seoul_time_at_its_bodys_place(places, client):
    sit(243, "plenary", 1, datetime.date(2023, 3, 20), starts_at=datetime.time(10, 0))

    response = client.get("/sessions/243.ics")
    event = events_by_uid(parse(response))[f"sitting-243-plenary-1@{DOMAIN}"]

    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert start == datetime.datetime(2023, 3, 20, 10, 0, tzinfo=SEOUL)
    assert start.utcoffset() == datetime.timedelta(hours=9)
    assert end - start == datetime.timedelta(hours=2)  # no end time recorded: two hours
    assert str(event["LOCATION"]) == "본회의장"
    assert b"DTSTART;TZID=Asia/Seoul:20230320T100000" in response.content
    # The feed defines the zone it names.
    (zone,) = parse(response).walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Asia/Seoul"
    assert "장소: 본회의장" in str(event["DESCRIPTION"])
    assert str(event["DESCRIPTION"]).startswith("2023. 3. 20.(월) 10:00 본회의 제1차")


def test_sitting_with_its_own_place_and_end_time(places, client):
    sit(
        243,
        "budget",
        1,
        datetime.date(2023, 3, 22),
        starts_at=datetime.time(14, 0),
        ends_at=datetime.time(17, 30),
        place="제2회의실",
    )

    event = events_by_uid(parse(client.get("/sessions/calendar.ics")))[
        f"sitting-243-budget-1@{DOMAIN}"
    ]

    assert event.decoded("DTSTART") == datetime.datetime(2023, 3, 22, 14, 0, tzinfo=SEOUL)
    assert event.decoded("DTEND") == datetime.datetime(2023, 3, 22, 17, 30, tzinfo=SEOUL)
    assert str(event["LOCATION"]) == "제2회의실"


def test_untimed_sitting_is_all_day_and_without_a_place_has_no_location(seeded, client):
    sit(244, "audit", 1, datetime.date(2023, 6, 12))

    event = events_by_uid(parse(client.get("/sessions/244.ics")))[f"sitting-244-audit-1@{DOMAIN}"]

    assert type(event.decoded("DTSTART")) is datetime.date
    assert event.decoded("DTSTART") == datetime.date(2023, 6, 12)
    assert event.decoded("DTEND") == datetime.date(2023, 6, 13)
    assert "LOCATION" not in event


def test_planned_sessions_and_their_sittings_are_tentative_others_confirmed(seeded, client):
    assert Session.objects.get(number=243).date_status == Session.DateStatus.PLANNED
    assert Session.objects.get(number=244).date_status == Session.DateStatus.OPENING_FIXED
    held = Session.objects.filter(date_status=Session.DateStatus.HELD).first()
    sit(243, "plenary", 1, datetime.date(2023, 3, 20))

    events = events_by_uid(parse(client.get("/sessions/calendar.ics")))

    assert str(events[f"session-243@{DOMAIN}"]["STATUS"]) == "TENTATIVE"
    assert str(events[f"sitting-243-plenary-1@{DOMAIN}"]["STATUS"]) == "TENTATIVE"
    assert str(events[f"session-244@{DOMAIN}"]["STATUS"]) == "CONFIRMED"  # 개회일 확정
    assert str(events[f"session-{held.number}@{DOMAIN}"]["STATUS"]) == "CONFIRMED"


def test_standing_committees_feed_carries_each_standing_committees_sittings(places, client):
    sit(243, "steering", 1, datetime.date(2023, 3, 21), starts_at=datetime.time(10, 0))
    sit(243, "admin-finance", 1, datetime.date(2023, 3, 21), starts_at=datetime.time(14, 0))
    sit(243, "welfare-construction", 1, datetime.date(2023, 3, 22))
    sit(243, "budget", 1, datetime.date(2023, 3, 23))
    sit(243, "plenary", 1, datetime.date(2023, 3, 20))

    cal = parse(client.get("/sessions/calendar.ics?body=standing"))

    assert set(events_by_uid(cal)) == {
        f"sitting-243-steering-1@{DOMAIN}",
        f"sitting-243-admin-finance-1@{DOMAIN}",
        f"sitting-243-welfare-construction-1@{DOMAIN}",
    }
    first = events_by_uid(cal)[f"sitting-243-admin-finance-1@{DOMAIN}"]
    assert str(first["SUMMARY"]) == "제243회 금천구의회 임시회 행정재경위원회 제1차"
    assert str(first["LOCATION"]) == "위원회 회의실"
    assert str(cal["X-WR-CALNAME"]) == "금천구의회 상임위원회 회의 일정"
    # One committee's own feed keeps to its sittings.
    own = parse(client.get("/sessions/calendar.ics?body=admin-finance"))
    assert set(events_by_uid(own)) == {f"sitting-243-admin-finance-1@{DOMAIN}"}


def test_uid_stays_when_a_sittings_time_and_place_change(places, client, settings):
    settings.PAGE_CACHE_ENABLED = False
    sitting = sit(243, "plenary", 1, datetime.date(2023, 3, 20))
    uid = f"sitting-243-plenary-1@{DOMAIN}"
    assert type(events_by_uid(parse(client.get("/sessions/243.ics")))[uid].decoded("DTSTART")) is (
        datetime.date
    )

    sitting.starts_at = datetime.time(11, 0)
    sitting.place = "대회의실"
    sitting.save()

    event = events_by_uid(parse(client.get("/sessions/243.ics")))[uid]
    assert event.decoded("DTSTART") == datetime.datetime(2023, 3, 20, 11, 0, tzinfo=SEOUL)
    assert str(event["LOCATION"]) == "대회의실"


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "path", ["/sessions/calendar.ics", "/sessions/243.ics", "/sessions/calendar.ics?body=standing"]
)
def test_feed_queries_do_not_grow_with_sittings(places, client, settings, path):
    settings.PAGE_CACHE_ENABLED = False
    sit(243, "steering", 1, datetime.date(2023, 3, 21))
    few = _queries(client, path)

    for number, slug in enumerate(["steering", "admin-finance", "welfare-construction"], 2):
        sit(243, slug, number, datetime.date(2023, 3, 22), starts_at=datetime.time(10, 0))
    sit(244, "admin-finance", 1, datetime.date(2023, 6, 9), place="제1회의실")

    assert _queries(client, path) == few


def test_session_page_lists_each_sittings_time_and_place(places, client):
    sit(
        243,
        "plenary",
        1,
        datetime.date(2023, 3, 20),
        starts_at=datetime.time(10, 0),
        ends_at=datetime.time(11, 30),
    )
    sit(243, "budget", 1, datetime.date(2023, 3, 22), place="제2회의실")

    html = client.get("/sessions/243/").content.decode()

    assert '<time datetime="10:00">10:00</time>~<time datetime="11:30">11:30</time>' in html
    assert "<td>본회의장</td>" in html  # the plenary's usual place
    assert "<td>제2회의실</td>" in html


@pytest.mark.parametrize(
    ("starts_at", "ends_at", "message"),
    [
        (None, datetime.time(12, 0), "시작 시각도 입력해 주세요"),
        (datetime.time(12, 0), datetime.time(10, 0), "시작 시각보다 늦어야"),
        (datetime.time(12, 0), datetime.time(12, 0), "시작 시각보다 늦어야"),
    ],
)
def test_end_time_needs_a_start_before_it(seeded, starts_at, ends_at, message):
    sitting = Sitting(
        session=Session.objects.get(number=243),
        body=Body.objects.get(slug="plenary"),
        number=1,
        date=datetime.date(2023, 3, 20),
        starts_at=starts_at,
        ends_at=ends_at,
    )
    with pytest.raises(ValidationError) as error:
        sitting.full_clean()
    assert message in " ".join(error.value.message_dict["ends_at"])


def test_clerk_sets_time_and_place_in_the_admin(places, admin_client):
    sitting = sit(243, "plenary", 1, datetime.date(2023, 3, 20))
    url = f"/admin/sessions_app/sitting/{sitting.pk}/change/"
    form = admin_client.get(url).content.decode()
    assert 'name="starts_at"' in form and 'name="ends_at"' in form and 'name="place"' in form

    response = admin_client.post(
        url,
        {
            "session": sitting.session_id,
            "body": sitting.body_id,
            "number": 1,
            "date": "2023-03-20",
            "starts_at": "10:00",
            "ends_at": "",
            "place": "",
            "minutes_published_on": "",
            "minutes_url": "",
            "video_url": "",
            "live_url": "",
            # The video marks' inline (none here).
            "video_marks-TOTAL_FORMS": "0",
            "video_marks-INITIAL_FORMS": "0",
            # The sitting's attendance (an inline): none entered here.
            "attendances-TOTAL_FORMS": 0,
            "attendances-INITIAL_FORMS": 0,
            # Its recorded votes and members' speeches (inlines): none here.
            "votes-TOTAL_FORMS": 0,
            "votes-INITIAL_FORMS": 0,
            "speeches-TOTAL_FORMS": 0,
            "speeches-INITIAL_FORMS": 0,
        },
    )

    assert response.status_code == 302
    sitting.refresh_from_db()
    assert sitting.starts_at == datetime.time(10, 0)
    assert sitting.location == "본회의장"
