"""A citizen finds their way: the visit application from the home page and /outreach/, a
footer with the secretariat's address and phone and the privacy and guide pages on every
page, a favicon."""

from __future__ import annotations

import re

import pytest

from tests.e2e.public_pages import PAGE_IDS


def test_the_visit_application_is_linked_from_home_and_outreach(seeded, client):
    for path in ("/", "/outreach/"):
        html = client.get(path).content.decode()
        assert 'href="/outreach/visits/apply/"' in html, path
    assert client.get("/outreach/visits/apply/").status_code == 200


@pytest.mark.parametrize("path", PAGE_IDS)
def test_every_public_page_has_the_footer_with_contact_and_policies(seeded, client, path):
    council = seeded
    # The seed's document prints no phone number; a clerk records it (의회 › 전화번호).
    council.phone = "02-1234-5678"
    council.save()
    html = client.get(path).content.decode()
    footer = html.split('<footer class="site-footer">')[1]
    assert council.address in footer
    assert f'href="tel:{council.phone}"' in footer
    assert 'href="/privacy/"' in footer and "개인정보처리방침" in footer
    assert 'href="/guide/"' in footer and "이용안내" in footer
    assert '<link rel="icon" href="/static/favicon.svg"' in html


def test_the_privacy_policy_says_what_the_records_say(seeded, client):
    from outreach.models import VisitProgramSettings

    html = client.get("/privacy/").content.decode()
    assert "<h1>개인정보처리방침</h1>" in html
    assert "신청일로부터 <strong>1년</strong> 보관" in html
    assert "의회사무국 의사팀에 연락해 주세요" in html
    assert "의회사무국은 이 포털에서" in html  # the particle fits the bureau's name

    settings, _ = VisitProgramSettings.objects.get_or_create(council=seeded)
    settings.retention_months = 18
    settings.save()
    assert "신청일로부터 <strong>18개월</strong> 보관" in client.get("/privacy/").content.decode()


def test_the_guide_gives_the_calendar_address_to_subscribe_to(seeded, client):
    html = client.get("/guide/").content.decode()
    assert "<h1>이용안내</h1>" in html
    assert "http://testserver/sessions/calendar.ics" in html
    assert not re.search(r"\s,", html)  # no stray space before a comma


def test_the_favicon_is_served(client, db):
    answer = client.get("/favicon.ico")
    assert answer.status_code == 301
    assert answer["Location"] == "/static/favicon.svg"
    icon = client.get("/static/favicon.svg")
    assert icon.status_code == 200
    assert b"<svg" in b"".join(icon.streaming_content)
