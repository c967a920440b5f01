"""A second council, built from data alone (no seed), shows its own names and words on every
page, feed, error page, in the admin and in the work plan PDF: the code names no council.

가람시의회 is a city council (시): its residents are 시민, its projects are paid from 시비 and
도비, its teams are 의사운영팀, 총무팀 and 홍보담당관, its secretariat 의회사무과.
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.auth.models import Permission
from django.db import DatabaseError
from django.test import Client
from django.utils import timezone

from audit.roles import PROCEEDINGS, PUBLIC_RELATIONS, group_permissions, role_group
from budget.models import BudgetAmount, BudgetItem
from budget.services import budget_year_publish
from council.models import Committee, Council, SecretariatUnit, StaffQuota, StaffTable, Term
from outreach.models import PRChannel, PRFigure, PRYear, VisitProgramSettings
from sessions_app.models import AgendaItem, Body, Session, SessionRules, Sitting
from workplan.models import Project, ProjectExhibit, ProjectFinancing, ProjectSection, WorkPlan
from workplan.services import work_plan_publish

YEAR = timezone.localdate().year
PORTAL = "가람시의회 열린의정 포털"
PHONE = "031-987-6543"
ADDRESS = "가람시 한빛대로 100"
UID_DOMAIN = "council.garam.example.kr"
TEAMS = {"의사운영팀": "proceedings", "총무팀": "general_affairs", "홍보담당관": "public_relations"}
# Words of a district council (and of the seed) that a city council never shows.
FOREIGN = ("금천", "구민", "구비", "구의회", "의회사무국", "의사팀", "의정팀", "의회홍보팀")


def _unit(council, kind, name, order, role=""):
    unit = SecretariatUnit(council=council, kind=kind, name=name, order=order, role=role)
    unit.full_clean()
    unit.save()
    return unit


def build_garam() -> Council:
    council = Council(
        name="가람시의회",
        district="가람시",
        kind=Council.Kind.CITY,
        portal_name=PORTAL,
        address=ADDRESS,
        phone=PHONE,
        calendar_uid_domain=UID_DOMAIN,
        slogan="시민과 함께 여는 의회",
    )
    council.full_clean()
    council.save()
    Term.objects.create(
        council=council,
        number=3,
        seats=12,
        starts_on=datetime.date(YEAR - 1, 7, 1),
        ends_on=datetime.date(YEAR + 3, 6, 30),
    )
    _unit(council, "bureau", "의회사무과", 1)
    teams = {
        name: _unit(council, "team", name, order, role)
        for order, (name, role) in enumerate(TEAMS.items(), start=2)
    }
    committee = Committee.objects.create(
        council=council, name="기획행정위원회", short_name="기행", kind="standing", order=1
    )

    # Sessions: bodies get their slugs from their names (본회의, 기획행정위원회).
    plenary = Body(council=council, name="본회의", short_name="본회의", kind="plenary", order=9)
    standing = Body(
        council=council,
        name="기획행정위원회",
        short_name="기행위",
        kind="standing",
        committee=committee,
        order=1,
    )
    for body in (plenary, standing):
        body.full_clean()
        body.save()
    SessionRules.objects.create(
        council=council,
        basis="가람시의회 회의규칙",
        max_days_per_year=100,
        max_regular_days_per_year=60,
        max_extraordinary_days=15,
        plenary_minutes_days=3,
        committee_minutes_days=7,
    )
    session = Session.objects.create(
        council=council,
        number=71,
        kind=Session.Kind.EXTRAORDINARY,
        first_day=datetime.date(YEAR, 3, 6),
        last_day=datetime.date(YEAR, 3, 10),
    )
    item = AgendaItem.objects.create(session=session, title="가람시 도시계획 조례 일부개정조례안")
    item.bodies.set([standing, plenary])
    Sitting.objects.create(session=session, body=plenary, number=1, date=session.first_day)
    Sitting.objects.create(
        session=session, body=standing, number=1, date=session.first_day + datetime.timedelta(1)
    )

    # Budget, staff, PR.
    programme = BudgetItem.objects.create(council=council, level=1, name="의정활동 지원")
    for year, amount in ((YEAR - 1, 900_000_000), (YEAR, 1_000_000_000)):
        BudgetAmount.objects.create(item=programme, year=year, amount=amount)
    table = StaffTable.objects.create(council=council, basis_date=datetime.date(YEAR, 1, 1))
    StaffQuota.objects.create(table=table, category="career", grade=6, authorised=4, current=4)
    releases = PRChannel(
        council=council, name="보도자료", measure=PRChannel.Measure.PRESS_RELEASE, unit="건"
    )
    releases.full_clean()
    releases.save()
    for year, count in ((YEAR - 2, 30), (YEAR - 1, 40)):
        pr_year = PRYear.objects.create(council=council, year=year)
        PRFigure.objects.create(pr_year=pr_year, channel=releases, count=count)
    VisitProgramSettings.objects.create(
        council=council,
        intro="시의회 본회의장에서 의원과 만나는 체험입니다.\n- 장소: 가람시의회 본회의장",
    )

    # The work plan: a project of 총무팀 paid from 시비, 도비 and 국비, with the rentals table.
    plan = WorkPlan.objects.create(
        council=council, year=YEAR, issued_on=datetime.date(YEAR, 1, 15), staff_table=table
    )
    project = Project.objects.create(
        plan=plan, number=1, title="의정 역량 강화", team=teams["총무팀"]
    )
    ProjectSection.objects.create(project=project, kind="overview", body="의원 연수 운영")
    ProjectExhibit.objects.create(project=project, kind="room_rentals", section="overview")
    Source = ProjectFinancing.Source
    for source, amount in ((Source.OWN, 50_000_000), (Source.UPPER_TIER, 20_000_000)):
        ProjectFinancing.objects.create(project=project, year=YEAR, source=source, amount=amount)
    ProjectFinancing.objects.create(
        project=project, year=YEAR + 1, source=Source.NATIONAL, amount=10_000_000
    )

    # Published, as the secretariat would: the public sees published years only.
    for year in (YEAR - 1, YEAR):
        budget_year_publish(council=council, year=year, user=None)
    work_plan_publish(work_plan=plan, user=None, note="")
    return council


@pytest.fixture
def garam(db):
    return build_garam()


def text_of(response) -> str:
    return response.content.decode()


def assert_none_foreign(text: str, where: str) -> None:
    found = [word for word in FOREIGN if word in text]
    assert found == [], f"{where} shows {found}"


def footer_of(html: str) -> str:
    return html[html.index('<footer class="site-footer">') :]


PAGES = {
    "/": None,  # the secretariat as a whole
    "/sessions/": "의사운영팀",
    "/sessions/71/": "의사운영팀",
    "/sessions/calendar/": "의사운영팀",
    f"/budget/{YEAR}/": "총무팀",
    "/outreach/": "홍보담당관",
    "/council/": "총무팀",
    f"/workplan/{YEAR}/": "총무팀",
}


@pytest.mark.parametrize("path", list(PAGES))
def test_every_public_page_shows_the_councils_names(garam, client, path):
    response = client.get(path)
    html = text_of(response)

    assert response.status_code == 200, path
    assert "가람시의회" in html
    footer = footer_of(html)
    assert f"담당: {PAGES[path] or '의회사무과'}" in footer
    assert "가람시의회 의회사무과" in footer
    assert PHONE in footer and ADDRESS in footer
    assert_none_foreign(html, path)


def test_home_page_is_titled_with_the_portals_name(garam, client):
    html = text_of(client.get("/"))
    assert f"<title>{PORTAL}</title>" in html
    assert f"<h1>{PORTAL}</h1>" in html
    assert f'content="{PORTAL}:' in html  # the meta description


def test_outreach_speaks_of_citizens_of_a_city(garam, client):
    html = text_of(client.get("/outreach/"))
    assert "시민에게 의정활동을 알린" in html
    assert "시민이 지역 현안에 대한 의견" in html


def test_council_page_names_its_secretariat(garam, client):
    html = text_of(client.get("/council/"))
    assert "의회사무과는 1국, 3팀입니다" in html
    assert '<h2 id="secretariat">의회사무과</h2>' in html


def test_work_plan_page_shows_city_funds_and_the_city_council_building(garam, client):
    html = text_of(client.get(f"/workplan/{YEAR}/"))
    rows = re.findall(r'<th scope="row">([^<]+)</th><td class="num">', html)
    assert rows[:4] == ["계", "시비", "도비", "국비"]
    assert "시의회 청사 회의실 대관" in html
    assert "조직 : 의장, 부의장, 상임위원회, 의회사무과" in html


def test_feeds_carry_the_councils_names_and_uid_domain(garam, client):
    everything = text_of(client.get("/sessions/calendar.ics"))
    assert f"UID:session-71@{UID_DOMAIN}" in everything
    assert "제71회 가람시의회 임시회" in everything
    one = text_of(client.get("/sessions/71.ics"))
    assert f"UID:session-71@{UID_DOMAIN}" in one

    # A body's Korean slug, made from its name, addresses its feed.
    assert Body.objects.get(council=garam, name="본회의").slug == "본회의"
    response = client.get("/sessions/calendar.ics", {"body": "기획행정위원회"})
    assert response.status_code == 200
    assert "filename*=utf-8''sessions-" in response["Content-Disposition"]
    body_feed = text_of(response)
    assert f"UID:sitting-71-기획행정위원회-1@{UID_DOMAIN}" in body_feed.replace("\r\n ", "")
    for feed in (everything, one, body_feed):
        assert_none_foreign(feed, "feed")


def test_schedule_links_to_each_bodys_feed_by_its_encoded_slug(garam, client):
    html = text_of(client.get("/sessions/"))
    assert "?body=%EB%B3%B8%ED%9A%8C%EC%9D%98" in html  # 본회의


def test_404_page_names_the_portal_and_whom_to_ask(garam, client):
    response = client.get("/no-such-page/")
    html = text_of(response)
    assert response.status_code == 404
    assert f"페이지를 찾을 수 없습니다 | {PORTAL}" in html
    assert f"가람시의회 의회사무과(전화 {PHONE})" in html
    assert_none_foreign(html, "404")


@pytest.fixture
def failing_budget(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("forced for the 500 page")

    monkeypatch.setattr("budget.views.budget_comparison", broken)
    return Client(raise_request_exception=False)


def test_500_page_names_the_council_and_its_contact(garam, failing_budget):
    response = failing_budget.get(f"/budget/{YEAR}/")
    html = text_of(response)
    assert response.status_code == 500
    assert f"<title>일시적인 오류 | {PORTAL}</title>" in html
    assert f"가람시의회 의회사무과(전화 {PHONE})에 문의해 주세요" in html
    assert ADDRESS in html
    assert_none_foreign(html, "500")


def test_500_page_falls_back_to_generic_words_when_the_database_fails(
    garam, failing_budget, monkeypatch
):
    def down():
        raise DatabaseError("database is down")

    monkeypatch.setattr("portal.errors.site_identity", down)
    response = failing_budget.get(f"/budget/{YEAR}/")
    html = text_of(response)
    assert response.status_code == 500
    assert "<title>일시적인 오류 | 의정 포털</title>" in html
    assert "의회사무국에 문의해 주세요" in html


def test_admin_header_names_the_portal(garam, admin_client):
    html = text_of(admin_client.get("/admin/"))
    assert f"{PORTAL} 관리" in html
    assert "금천" not in html


@pytest.mark.django_db
def test_admin_of_an_empty_database_has_a_generic_header(client):
    html = text_of(client.get("/admin/login/"))
    assert "의정 포털 관리" in html


def test_minutes_page_counts_the_example_from_the_councils_deadline(garam, admin_client):
    html = text_of(admin_client.get("/admin/sessions_app/sitting/minutes-compliance/"))
    assert "3일 기한인 회의가 월요일에 열렸다면 목요일까지 공개해야" in html


def test_visit_application_pages_name_the_councils_team_and_text(garam, client):
    html = text_of(client.get("/outreach/visits/apply/"))
    assert '<p class="lead">시의회 본회의장에서 의원과 만나는 체험입니다.</p>' in html
    assert "<li>장소: 가람시의회 본회의장</li>" in html
    assert "신청하신 내용은 의사운영팀에서 확인한 뒤" in html
    assert "(의회사무과 직원만 열람)" in html
    assert_none_foreign(html, "apply")

    VisitProgramSettings.objects.filter(council=garam).update(accepting=False)
    closed = text_of(client.get("/outreach/visits/apply/"))
    assert f"가람시의회 의회사무과 의사운영팀(전화 {PHONE})에 전화로 문의해 주세요" in closed


def test_the_proceedings_teams_own_phone_wins_over_the_councils(garam, client):
    SecretariatUnit.objects.filter(name="의사운영팀").update(phone="031-987-6500")
    VisitProgramSettings.objects.filter(council=garam).update(accepting=False)
    assert "의사운영팀(전화 031-987-6500)" in text_of(client.get("/outreach/visits/apply/"))


def test_permission_groups_are_named_after_the_councils_teams(garam):
    proceedings = role_group(PROCEEDINGS)
    assert proceedings.name == "의사운영팀"
    assert role_group(PUBLIC_RELATIONS).name == "홍보담당관"
    got = set(
        Permission.objects.filter(group=proceedings).values_list(
            "content_type__app_label", "codename"
        )
    )
    assert got == group_permissions()[PROCEEDINGS]

    # A renamed team renames its group: the same group, members and permissions kept.
    unit = SecretariatUnit.objects.get(name="의사운영팀")
    unit.name = "의사담당관"
    unit.save()
    renamed = role_group(PROCEEDINGS)
    assert (renamed.pk, renamed.name) == (proceedings.pk, "의사담당관")


def test_two_teams_swapping_names_swap_their_groups_names(garam):
    pr, proceedings = role_group(PUBLIC_RELATIONS), role_group(PROCEEDINGS)
    SecretariatUnit.objects.filter(name="의사운영팀").update(name="임시")
    SecretariatUnit.objects.filter(name="홍보담당관").update(name="의사운영팀")
    unit = SecretariatUnit.objects.get(name="임시")
    unit.name = "홍보담당관"
    unit.save()  # the signal renames both groups in one go
    assert role_group(PUBLIC_RELATIONS).pk == pr.pk
    assert role_group(PUBLIC_RELATIONS).name == "의사운영팀"
    assert (role_group(PROCEEDINGS).pk, role_group(PROCEEDINGS).name) == (
        proceedings.pk,
        "홍보담당관",
    )


@pytest.mark.slow
def test_work_plan_pdf_shows_the_councils_names_and_words(garam, client):
    from tests.report.conftest import compact, pdf_pages

    response = client.get(f"/workplan/{YEAR}.pdf")
    assert response.status_code == 200
    text = compact(" ".join(pdf_pages(response.getvalue())))
    for words in ("가람시의회", "의회사무과", "총무팀", "시비", "도비", "시의회청사회의실대관"):
        assert compact(words) in text, words
    assert_none_foreign(text, "PDF")
