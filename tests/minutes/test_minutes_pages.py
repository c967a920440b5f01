"""The clerk uploads a sitting's minutes, reads the extracted text, saves it; the session page
links it and the minutes page numbers its paragraphs (#p-2)."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from minutes.models import Minutes
from minutes.services import minutes_save
from sessions_app.models import Body, Session, Sitting

TEXT = "의장 개의를 선포합니다.\n\n예산안을 상정합니다.\n조례안을 가결합니다.\n"


@pytest.fixture
def sitting(seeded):
    session = Session.objects.get(number=244)
    return Sitting.objects.create(
        session=session,
        body=Body.objects.get(slug="plenary"),
        number=1,
        date=datetime.date(2023, 6, 12),
    )


@pytest.fixture
def staff_client(client, db):
    user = get_user_model().objects.create_superuser("clerk", "clerk@example.org", "pw-12345678")
    client.force_login(user)
    return client


def test_upload_preview_then_save(staff_client, sitting, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("minutes.txt", TEXT.encode("cp949"), content_type="text/plain")
    response = staff_client.post(
        reverse("admin:minutes_minutes_upload"), {"sitting": sitting.pk, "file": upload}
    )
    assert response.status_code == 302
    preview = staff_client.get(response["Location"])
    assert "예산안을 상정합니다." in preview.content.decode()
    assert "문단 3개" in preview.content.decode()
    assert not Minutes.objects.exists()  # nothing saved before 저장

    saved = staff_client.post(response["Location"])

    assert saved.status_code == 302
    minutes = Minutes.objects.get(sitting=sitting)
    assert minutes.text.splitlines()[2] == "예산안을 상정합니다."
    assert minutes.source.name.startswith("minutes/")


def test_a_bad_upload_is_refused_with_400(staff_client, sitting):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("x.png", b"\x89PNG\r\n\x1a\n\x00\x00")
    response = staff_client.post(
        reverse("admin:minutes_minutes_upload"), {"sitting": sitting.pk, "file": upload}
    )

    assert response.status_code == 400
    assert "읽을 수 없는 파일" in response.content.decode()


def test_minutes_page_numbers_paragraphs_and_session_page_links_it(
    client, sitting, django_assert_max_num_queries
):
    minutes_save(sitting=sitting, text=TEXT)
    for number in range(2, 7):  # more sittings with minutes: no query more
        minutes_save(
            sitting=Sitting.objects.create(
                session=sitting.session,
                body=sitting.body,
                number=number,
                date=datetime.date(2023, 6, 12 + number),
            ),
            text=TEXT,
        )

    page = client.get(f"/minutes/{sitting.pk}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert '<li id="p-2">' in html and "예산안을 상정합니다." in html

    with django_assert_max_num_queries(18):
        session_page = client.get("/sessions/244/")
    assert f'href="/minutes/{sitting.pk}/"' in session_page.content.decode()


def test_a_sitting_without_minutes_text_is_a_404(client, sitting):
    assert client.get(f"/minutes/{sitting.pk}/").status_code == 404
