"""A citizen opens a sitting's page: its day, times, place, body and agenda, the recording
with a link per agenda item that plays from where it begins, the live stream on the
sitting's day only, and the minutes; the clerk keeps the marks on the sitting's admin."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from sessions_app.models import AgendaItem, Body, Session, Sitting, VideoMark, video_at

D = datetime.date


@pytest.fixture
def sitting(seeded, clock):
    clock.travel_to(D(2023, 3, 19))
    session = Session.objects.get(number=243)
    sitting = Sitting(
        session=session,
        body=Body.objects.get(slug="plenary"),
        number=1,
        date=D(2023, 3, 20),
        starts_at=datetime.time(10, 0),
        video_url="https://www.youtube.com/watch?v=abc123",
        live_url="https://live.example.kr/council",
    )
    sitting.full_clean()
    sitting.save()
    item = AgendaItem.objects.filter(session=session, bodies__slug="plenary").first()
    VideoMark.objects.create(
        sitting=sitting, label="안건 보고", offset_seconds=3725, agenda_item=item
    )
    VideoMark.objects.create(sitting=sitting, label="개회", offset_seconds=0)
    return sitting


def page(client, sitting) -> str:
    response = client.get(f"/sessions/{sitting.session.number}/sittings/{sitting.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_recording_links_each_mark_at_its_time_in_order(sitting, client):
    html = page(client, sitting)

    assert '<a href="https://www.youtube.com/watch?v=abc123">녹화 영상 보기</a>' in html
    opening = html.index("https://www.youtube.com/watch?v=abc123&amp;t=0")
    report = html.index("https://www.youtube.com/watch?v=abc123&amp;t=3725")
    assert opening < report  # in order of time
    assert '<time datetime="PT3725S">1:02:05</time> 안건 보고' in html
    assert "2023. 3. 20.(월)" in html and "10:00" in html and "본회의" in html


def test_the_live_stream_shows_on_the_sittings_day_only(sitting, client, clock):
    assert "live.example.kr" not in page(client, sitting)  # the day before
    clock.travel_to(D(2023, 3, 20))
    assert '<a href="https://live.example.kr/council">생중계 보기</a>' in page(client, sitting)
    clock.travel_to(D(2023, 3, 21))
    assert "live.example.kr" not in page(client, sitting)


def test_a_video_address_plays_from_a_time():
    assert video_at("https://youtu.be/x", 90) == "https://youtu.be/x?t=90"
    assert (
        video_at("https://www.youtube.com/watch?v=x", 5) == "https://www.youtube.com/watch?v=x&t=5"
    )
    assert (
        video_at("https://vod.example.kr/243-1.mp4", 60) == "https://vod.example.kr/243-1.mp4#t=60"
    )
    assert video_at("https://vod.example.kr/a.mp4#t=3", 60) == "https://vod.example.kr/a.mp4#t=60"


def test_a_mark_takes_an_agenda_item_of_the_sittings_own_session(sitting):
    other = AgendaItem.objects.exclude(session=sitting.session).first()
    mark = VideoMark(sitting=sitting, label="다른 회기 안건", offset_seconds=10, agenda_item=other)
    with pytest.raises(ValidationError) as error:
        mark.full_clean()
    assert "이 회의가 속한 회기의 안건" in str(error.value)


def test_a_negative_offset_is_refused(sitting):
    with pytest.raises(ValidationError):
        VideoMark(sitting=sitting, label="x", offset_seconds=-1).full_clean()


def test_a_sitting_of_another_session_number_is_a_404(sitting, client):
    assert client.get(f"/sessions/242/sittings/{sitting.pk}/").status_code == 404
    assert client.get("/sessions/243/sittings/999999999/").status_code == 404


def test_the_clerk_adds_marks_on_the_sittings_admin(sitting, admin_client):
    url = f"/admin/sessions_app/sitting/{sitting.pk}/change/"
    response = admin_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "영상 위치" in html and 'name="video_marks-0-offset_seconds"' in html


def test_the_sitting_page_is_in_the_sitemap(sitting, client):
    xml = client.get("/sitemap.xml").content.decode()
    assert f"/sessions/243/sittings/{sitting.pk}/" in xml
    assert "/sessions/bodies/plenary/" in xml
    assert "/sessions/minutes/" in xml


def test_video_marks_are_in_the_history(sitting):
    mark = VideoMark.objects.get(offset_seconds=0)
    mark.label = "개의"
    mark.save()
    assert [h.label for h in mark.history.order_by("history_date")] == ["개회", "개의"]
