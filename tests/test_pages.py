"""Site-wide pages: error pages in Korean, the base layout's landmarks."""

import pytest
from django.template.loader import render_to_string


@pytest.mark.django_db
def test_unknown_address_shows_korean_404(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "페이지를 찾을 수 없습니다" in html
    assert '<html lang="ko">' in html


def test_500_page_renders_without_context():
    html = render_to_string("500.html")

    assert "일시적인 오류가 발생했습니다" in html
    assert '<html lang="ko">' in html


@pytest.mark.django_db
def test_base_layout_has_skip_link_first_and_menu(client):
    html = client.get("/").content.decode()

    body = html.split("<body>", 1)[1]
    first_link = body.split("<a ", 1)[1]
    assert first_link.startswith('class="skip-link" href="#content"')
    for href in ("/sessions/", "/budget/", "/outreach/", "/council/", "/workplan/"):
        assert f'href="{href}"' in html
    assert 'aria-current="page"' in html
    assert " style=" not in html
    assert "<script" not in html
