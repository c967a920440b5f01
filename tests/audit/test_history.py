"""A clerk of 의회홍보팀 logs in, edits a PR figure, cannot touch the budget, and the
figure's history shows the edit (who, when, old → new); the clerk restores the old value."""

from __future__ import annotations

import datetime
import re
from html import unescape

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from budget.models import BudgetItem
from council.models import Council
from outreach.models import PRChannel, PRFigure, PRYear
from sessions_app.models import AgendaItem, Body, Session

PASSWORD = "history-test-password-7"


@pytest.fixture
def council(db):
    return Council.objects.create(name="금천구의회", district="금천구")


@pytest.fixture
def figure(council):
    year = PRYear.objects.create(council=council, year=2022)
    channel = PRChannel.objects.create(
        council=council, name="보도자료", measure=PRChannel.Measure.PRESS_RELEASE, unit="건"
    )
    return PRFigure.objects.create(pr_year=year, channel=channel, count=50)


def clerk(username: str, group: str) -> User:
    user = User.objects.create_user(username, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def log_in(client, username: str) -> None:
    """Through the admin's login form, as a person does (django-axes watches it)."""
    response = client.post(
        reverse("admin:login"),
        {"username": username, "password": PASSWORD, "next": reverse("admin:index")},
    )
    assert response.status_code == 302, response.content.decode()[:500]


def change_figure(client, figure, count: int):
    url = reverse("admin:outreach_prfigure_change", args=[figure.pk])
    return client.post(
        url,
        {"pr_year": figure.pr_year_id, "channel": figure.channel_id, "count": count, "cost": ""},
    )


def history_url(obj) -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk])


def test_a_pr_clerk_edits_a_figure_and_its_history_shows_who_and_what(client, figure, council):
    clerk("hong", "의회홍보팀")
    log_in(client, "hong")

    assert change_figure(client, figure, 55).status_code == 302
    figure.refresh_from_db()
    assert figure.count == 55

    # The budget is another team's: no list, no add form, no change.
    item = BudgetItem.objects.create(council=council, name="의정활동지원", level=1)
    assert client.get(reverse("admin:budget_budgetitem_changelist")).status_code == 403
    assert client.get(reverse("admin:budget_budgetitem_add")).status_code == 403
    budget_change = reverse("admin:budget_budgetitem_change", args=[item.pk])
    assert client.post(budget_change, {"name": "바뀐 이름"}).status_code == 403
    item.refresh_from_db()
    assert item.name == "의정활동지원"

    record = figure.history.latest()
    assert record.history_user.username == "hong"
    assert record.history_type == "~"

    html = client.get(history_url(figure)).content.decode()
    assert "변경한 사람" in html and "hong" in html
    assert "변경 내용 (이전 → 이후)" in html
    text = re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)).replace("\xa0", " "))
    assert re.search(r"건수·부수: 50 → 55", text)


def test_the_clerk_restores_an_earlier_version(client, figure):
    clerk("hong", "의회홍보팀")
    log_in(client, "hong")
    change_figure(client, figure, 55)
    first = figure.history.earliest()
    assert first.count == 50

    revert_url = reverse("admin:outreach_prfigure_simple_history", args=[figure.pk, first.pk])
    page = client.get(revert_url)
    assert "이 버전으로 되돌리기" in page.content.decode()
    response = client.post(
        revert_url,
        {"pr_year": figure.pr_year_id, "channel": figure.channel_id, "count": 50, "cost": ""},
    )
    assert response.status_code == 302
    figure.refresh_from_db()
    assert figure.count == 50
    assert figure.history.count() == 3  # created, changed, restored: nothing is lost
    assert figure.history.latest().history_user.username == "hong"


def test_the_auditor_reads_history_but_cannot_restore(client, figure):
    clerk("hong", "의회홍보팀")
    log_in(client, "hong")
    change_figure(client, figure, 55)
    client.logout()

    clerk("audit", "감사(열람)")
    log_in(client, "audit")
    page = client.get(history_url(figure))
    assert page.status_code == 200
    assert "hong" in page.content.decode()
    first = figure.history.earliest()
    revert_url = reverse("admin:outreach_prfigure_simple_history", args=[figure.pk, first.pk])
    assert "이 버전으로 되돌리기" not in client.get(revert_url).content.decode()
    response = client.post(
        revert_url,
        {"pr_year": figure.pr_year_id, "channel": figure.channel_id, "count": 50, "cost": ""},
    )
    assert response.status_code == 403
    figure.refresh_from_db()
    assert figure.count == 55


def test_another_team_cannot_see_or_restore_the_figure(client, figure):
    clerk("kim", "의사팀")
    log_in(client, "kim")
    assert client.get(history_url(figure)).status_code == 403


def test_deletions_are_kept_with_who_deleted(client, figure):
    clerk("hong", "의회홍보팀")
    log_in(client, "hong")
    url = reverse("admin:outreach_prfigure_delete", args=[figure.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not PRFigure.objects.filter(pk=figure.pk).exists()
    record = PRFigure.history.filter(id=figure.pk).latest()
    assert record.history_type == "-"
    assert record.history_user.username == "hong"
    assert record.count == 50  # the full row is kept


def test_agenda_bodies_are_part_of_the_history(council):
    session = Session.objects.create(
        council=council,
        number=242,
        kind=Session.Kind.EXTRAORDINARY,
        first_day=datetime.date(2023, 2, 14),
        last_day=datetime.date(2023, 2, 23),
    )
    plenary = Body.objects.create(
        council=council, name="본회의", short_name="본회의", kind="plenary", slug="plenary"
    )
    standing = Body.objects.create(
        council=council, name="상임위원회", short_name="상임위", kind="standing", slug="standing"
    )
    item = AgendaItem.objects.create(session=session, title="결산검사위원 선임")
    item.bodies.set([plenary])
    item.title = "결산검사위원 선임의 건"
    item.save()
    item.bodies.set([plenary, standing])
    item.save()

    # Each change of the bodies is a version of its own, with the bodies as they were.
    versions = list(item.history.order_by("history_date", "history_id"))
    changed = [v for v in versions[1:] if "bodies" in v.diff_against(v.prev_record).changed_fields]
    assert len(changed) == 2
    last = changed[-1]
    assert sorted(last.bodies.values_list("body", flat=True)) == sorted([plenary.pk, standing.pk])
    assert list(last.prev_record.bodies.values_list("body", flat=True)) == [plenary.pk]


def test_admin_login_is_locked_after_repeated_failures_with_a_korean_page(client, db, settings):
    clerk("hong", "의회홍보팀")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(reverse("admin:login"), {"username": "hong", "password": "wrong"})
        assert response.status_code == 200
    locked = client.post(reverse("admin:login"), {"username": "hong", "password": "wrong"})
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "로그인이 잠시 제한되었습니다" in html
    assert "30분 뒤에 다시 로그인할 수 있습니다" in html
    # Even the right password is refused while locked.
    again = client.post(reverse("admin:login"), {"username": "hong", "password": PASSWORD})
    assert again.status_code == 429


def test_a_successful_login_resets_the_failure_count(client, db, settings):
    clerk("hong", "의회홍보팀")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(reverse("admin:login"), {"username": "hong", "password": "wrong"})
    log_in(client, "hong")
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(reverse("admin:login"), {"username": "hong", "password": "wrong"})
        assert response.status_code == 200


def test_staff_sessions_expire(settings):
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
