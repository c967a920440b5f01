"""Two clerks open the same record; the first saves. The second one's save is refused with
the first one's change shown, nothing of either is lost, and saving again after reading it
is the second clerk's deliberate choice."""

from __future__ import annotations

import datetime
import re
from html import unescape

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import reverse

from council.models import Council
from outreach.models import PRChannel, PRFigure, PRYear
from sessions_app.models import Body, Session, Sitting
from tests.audit.forms import form_values

PASSWORD = "lost-edits-password-3"


def clerk_client(username: str, group: str) -> Client:
    user = User.objects.create_user(username, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    return client


def text_of(response) -> str:
    html = response.content.decode()
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)).replace("\xa0", " "))


@pytest.fixture
def figure(db):
    council = Council.objects.create(name="가상구의회", district="가상구")
    year = PRYear.objects.create(council=council, year=2023)
    channel = PRChannel.objects.create(
        council=council, name="보도자료", measure=PRChannel.Measure.PRESS_RELEASE, unit="건"
    )
    return PRFigure.objects.create(pr_year=year, channel=channel, count=50)


def open_form(client, url) -> dict[str, list[str]]:
    page = client.get(url)
    assert page.status_code == 200
    form_id = re.search(r'<form [^>]*id="(\w+_form)"', page.content.decode()).group(1)
    return form_values(page.content.decode(), form_id)


def test_the_second_clerk_cannot_silently_undo_the_first(figure):
    hong = clerk_client("hong", "의회홍보팀")
    park = clerk_client("park", "의회홍보팀")
    url = reverse("admin:outreach_prfigure_change", args=[figure.pk])

    hong_form = open_form(hong, url)
    park_form = open_form(park, url)
    assert hong_form["_version"] == park_form["_version"]

    hong_form["count"] = ["55"]
    assert hong.post(url, hong_form).status_code == 302

    park_form["count"] = ["61"]
    refused = park.post(url, park_form)
    assert refused.status_code == 200
    figure.refresh_from_db()
    assert figure.count == 55  # hong's change stands
    page = text_of(refused)
    assert "다른 사용자가 먼저 저장했습니다" in page
    assert "먼저 저장된 다른 변경" in page
    assert re.search(r"hong .*변경 .*건수·부수: 50 → 55", page)
    # What park typed is still in the form.
    again = form_values(refused.content.decode(), "prfigure_form")
    assert again["count"] == ["61"]
    assert again["_version"] != park_form["_version"]

    # Having read hong's change, park saves deliberately.
    assert park.post(url, again).status_code == 302
    figure.refresh_from_db()
    assert figure.count == 61
    users = [r.history_user.username for r in figure.history.order_by("history_id")[1:]]
    assert users == ["hong", "park"]


def test_a_form_sent_back_for_a_mistake_still_catches_a_later_change(figure):
    hong = clerk_client("hong", "의회홍보팀")
    park = clerk_client("park", "의회홍보팀")
    url = reverse("admin:outreach_prfigure_change", args=[figure.pk])
    park_form = open_form(park, url)

    park_form["count"] = ["-3"]
    mistake = park.post(url, park_form)
    assert mistake.status_code == 200
    kept = form_values(mistake.content.decode(), "prfigure_form")
    assert kept["_version"] == park_form["_version"]  # the version park opened

    hong_form = open_form(hong, url)
    hong_form["count"] = ["55"]
    assert hong.post(url, hong_form).status_code == 302

    kept["count"] = ["61"]
    refused = park.post(url, kept)
    assert refused.status_code == 200
    assert "다른 사용자가 먼저 저장했습니다" in text_of(refused)
    figure.refresh_from_db()
    assert figure.count == 55


def test_a_change_to_an_inline_row_counts_as_a_change_of_the_record(db):
    council = Council.objects.create(name="가상구의회", district="가상구")
    session = Session.objects.create(
        council=council,
        number=301,
        kind=Session.Kind.EXTRAORDINARY,
        first_day=datetime.date(2023, 2, 14),
        last_day=datetime.date(2023, 2, 16),
    )
    body = Body.objects.create(
        council=council, name="본회의", short_name="본회의", kind="plenary", slug="plenary"
    )
    sitting = Sitting.objects.create(
        session=session, body=body, number=1, date=datetime.date(2023, 2, 14)
    )
    kim = clerk_client("kim", "의사팀")
    lee = clerk_client("lee", "의사팀")
    session_url = reverse("admin:sessions_app_session_change", args=[session.pk])
    lee_form = open_form(lee, session_url)

    # kim corrects the sitting on its own page.
    sitting_url = reverse("admin:sessions_app_sitting_change", args=[sitting.pk])
    kim_form = open_form(kim, sitting_url)
    kim_form["place"] = ["제1회의실"]
    assert kim.post(sitting_url, kim_form).status_code == 302

    # lee, on the session's page opened before, moves the sitting to the next day.
    prefix = next(k for k in lee_form if k.endswith("-0-date")).removesuffix("-0-date")
    lee_form[f"{prefix}-0-date"] = ["2023-02-15"]
    refused = lee.post(session_url, lee_form)
    assert refused.status_code == 200
    page = text_of(refused)
    assert "다른 사용자가 먼저 저장했습니다" in page
    assert re.search(r"kim .*차수.*변경", page)
    sitting.refresh_from_db()
    assert sitting.date == datetime.date(2023, 2, 14)
    assert sitting.place == "제1회의실"


def test_a_form_without_a_version_saves_as_before(figure):
    """An old tab or a script that posts no version is not blocked."""
    hong = clerk_client("hong", "의회홍보팀")
    url = reverse("admin:outreach_prfigure_change", args=[figure.pk])
    form = open_form(hong, url)
    del form["_version"]
    form["count"] = ["70"]
    assert hong.post(url, form).status_code == 302
    figure.refresh_from_db()
    assert figure.count == 70


def test_a_garbled_version_is_ignored_not_an_error(figure):
    hong = clerk_client("hong", "의회홍보팀")
    url = reverse("admin:outreach_prfigure_change", args=[figure.pk])
    form = open_form(hong, url)
    form["_version"] = ["x'; DROP"]
    form["count"] = ["71"]
    assert hong.post(url, form).status_code == 302
    assert PRFigure.objects.get(pk=figure.pk).count == 71
