"""A citizen subscribes to the schedule in a calendar app: the .ics feeds are valid
iCalendar whose all-day events carry the exact dates, stable UIDs and a link back."""

import datetime

import pytest
from icalendar import Calendar

from sessions_app.models import Body, Session, Sitting


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events_by_uid(cal: Calendar) -> dict:
    return {str(event["UID"]): event for event in cal.walk("VEVENT")}


def test_full_feed_has_every_session_as_an_all_day_event_with_exact_dates(seeded, client):
    cal = parse(client.get("/sessions/calendar.ics"))

    events = events_by_uid(cal)
    assert len(events) == 13
    assert str(cal["X-WR-CALNAME"]) == "금천구의회 회기 일정"
    assert str(cal["VERSION"]) == "2.0" and "PRODID" in cal
    for session in Session.objects.all():
        event = events[f"session-{session.number}@council-portal.kr"]
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        # All-day: plain dates (DTSTART;VALUE=DATE), DTEND the day after the last day.
        assert type(start) is datetime.date and type(end) is datetime.date
        assert start == session.first_day
        assert end == session.last_day + datetime.timedelta(days=1)
        assert isinstance(event.decoded("DTSTAMP"), datetime.datetime)


def test_event_speaks_korean_lists_the_agenda_and_links_back(seeded, client):
    cal = parse(client.get("/sessions/calendar.ics"))
    event = events_by_uid(cal)["session-244@council-portal.kr"]

    assert str(event["SUMMARY"]) == "제244회 금천구의회 정례회"
    description = str(event["DESCRIPTION"])
    assert description.startswith("2023. 6. 8.(목) ~ 6. 30.(금), 23일간")
    assert "- 2022년 결산안 (상임위, 예결특위, 본회의)" in description
    assert "- 구정질문 (본회의)" in description
    assert description.endswith("자세히 보기: http://testserver/sessions/244/")
    assert str(event["URL"]) == "http://testserver/sessions/244/"
    assert b"DTSTART;VALUE=DATE:20230608" in client.get("/sessions/calendar.ics").content
    assert b"DTEND;VALUE=DATE:20230701" in client.get("/sessions/calendar.ics").content


def test_one_day_session_ends_the_next_day(seeded, client):
    cal = parse(client.get("/sessions/234.ics"))

    (event,) = cal.walk("VEVENT")
    assert event.decoded("DTSTART") == datetime.date(2022, 2, 18)
    assert event.decoded("DTEND") == datetime.date(2022, 2, 19)
    assert str(cal["X-WR-CALNAME"]) == "금천구의회 제234회 임시회"


def test_uid_stays_the_same_when_staff_move_a_session(seeded, client):
    session = Session.objects.get(number=245)
    session.first_day = datetime.date(2023, 9, 12)
    session.full_clean()
    session.save()

    event = events_by_uid(parse(client.get("/sessions/245.ics")))["session-245@council-portal.kr"]

    assert event.decoded("DTSTART") == datetime.date(2023, 9, 12)


def test_unknown_session_feed_is_a_404(seeded, client):
    assert client.get("/sessions/999.ics").status_code == 404


def test_body_feed_has_just_that_bodys_sittings(seeded, client):
    session = Session.objects.get(number=243)
    budget = Body.objects.get(slug="budget")
    plenary = Body.objects.get(slug="plenary")
    Sitting.objects.create(session=session, body=budget, number=1, date=datetime.date(2023, 3, 22))
    Sitting.objects.create(session=session, body=budget, number=2, date=datetime.date(2023, 3, 27))
    Sitting.objects.create(session=session, body=plenary, number=1, date=datetime.date(2023, 3, 20))

    cal = parse(client.get("/sessions/calendar.ics?body=budget"))

    events = events_by_uid(cal)
    assert set(events) == {
        "sitting-243-budget-1@council-portal.kr",
        "sitting-243-budget-2@council-portal.kr",
    }
    first = events["sitting-243-budget-1@council-portal.kr"]
    assert str(first["SUMMARY"]) == "제243회 금천구의회 임시회 예산결산특별위원회 제1차"
    assert first.decoded("DTSTART") == datetime.date(2023, 3, 22)
    assert first.decoded("DTEND") == datetime.date(2023, 3, 23)
    description = str(first["DESCRIPTION"])
    assert "- 2023년도 제1회 추가경정예산안 (상임위, 예결특위, 본회의)" in description
    assert "행정사무감사계획안 승인" not in description  # 행감특위 and 본회의 only
    assert str(cal["X-WR-CALNAME"]) == "금천구의회 예산결산특별위원회 회의 일정"


@pytest.mark.parametrize("slug", ["nope", "", "../admin"])
def test_unknown_body_feed_is_a_404(seeded, client, slug):
    assert client.get(f"/sessions/calendar.ics?body={slug}").status_code == 404


def test_feed_is_the_same_bytes_until_a_record_changes(seeded, client, settings):
    settings.PAGE_CACHE_ENABLED = False
    first = client.get("/sessions/calendar.ics").content
    again = client.get("/sessions/calendar.ics").content

    assert first == again  # DTSTAMP is the records' last change, not the time of the request
