"""A clerk opening the admin finds the records grouped by the team's work, in Korean, what
they use most first; the libraries' records (login attempts …) wait in a last 시스템
section; a team's clerk sees their own sections first and nothing they may not open."""

from __future__ import annotations

import re

import pytest
from django.contrib import admin
from django.contrib.auth.models import User

from audit.roles import AUDITOR, GENERAL_AFFAIRS, PROCEEDINGS, PUBLIC_RELATIONS, role_group
from portal.admin_site import SECTIONS, SYSTEM, admin_sections


def sections(html: str) -> list[tuple[str, list[str]]]:
    """[(section title, [model names in order]), …] from the index's content."""
    content = html.split('id="content-main"', 1)[1].split('id="content-related"', 1)[0]
    found = []
    for block in re.split(r'<div class="app-', content)[1:]:
        title = re.search(r'class="section"[^>]*>([^<]+)<', block).group(1).strip()
        names = re.findall(r'<th scope="row" id="[^"]+">\s*(?:<a [^>]*>)?([^<]+?)\s*<', block)
        found.append((title, names))
    return found


def test_superuser_sees_the_sections_in_order_with_korean_names(seeded, admin_client):
    found = sections(admin_client.get("/admin/").content.decode())

    assert [title for title, _ in found] == [
        "회기·회의 (의사팀)",
        "의안 (의사팀)",
        "지방의회 체험 (의사팀)",
        "예산 (의정팀)",
        "주요업무계획 (의정팀)",
        "의원 연수·지역활동·대관 (의정팀)",
        "의정 홍보 (의회홍보팀)",
        "의회 조직 (의정팀)",
        "사용자·권한",
        "시스템",
    ]
    by_title = dict(found)
    assert by_title["회기·회의 (의사팀)"] == [
        "회기",
        "회의(차수)",
        "출결",
        "표결",
        "의원 발언",
        "회의록",
        "주요 안건",
        "영상 위치",
        "회의체",
        "회기 운영 조례 기준",
    ]
    assert by_title["예산 (의정팀)"] == ["연도별 예산액", "예산 항목", "연도별 예산 공개"]
    assert by_title["사용자·권한"] == ["사용자", "권한 그룹"]
    assert by_title["시스템"] == [
        "로그인 시도(잠금)",
        "로그인 실패 기록",
        "로그인 기록",
        "요청 횟수 제한 계수",
        "자료 버전",
        "대기 중인 작업",
        "실패한 작업",
        "완료된 작업",
        "예약 작업",
    ]
    # No English library names and no section link to a page that does not exist.
    html = admin_client.get("/admin/").content.decode()
    assert "access attempt" not in html.lower()


def test_every_registered_model_is_in_exactly_one_section():
    listed = [label for section in SECTIONS for label in section.models]
    registered = {model._meta.label_lower for model in admin.site._registry}

    assert len(listed) == len(set(listed))
    assert registered == set(listed)


def test_a_model_without_a_section_lands_in_the_system_section():
    model = {"model": User, "name": "누군가", "admin_url": "/x/"}
    stray = type("Meta", (), {"label_lower": "elsewhere.thing"})
    other = {"model": type("Thing", (), {"_meta": stray}), "name": "새 자료", "admin_url": "/y/"}
    app_dict = {"auth": {"models": [model]}, "elsewhere": {"models": [other]}}

    result = admin_sections(app_dict, team_names={}, first_roles=set())

    assert [s["app_label"] for s in result] == ["users", SYSTEM]
    assert [m["name"] for m in result[-1]["models"]] == ["새 자료"]


@pytest.fixture
def clerk(seeded):
    def make(role: str) -> User:
        user = User.objects.create_user(f"clerk-{role}", is_staff=True)
        user.groups.add(role_group(role))
        return user

    return make


def test_proceedings_clerk_sees_their_sections_first_and_only_what_they_may_open(clerk, client):
    client.force_login(clerk(PROCEEDINGS))

    found = sections(client.get("/admin/").content.decode())

    # Their own work first, then the council's organisation they look things up in.
    assert [title for title, _ in found] == [
        "회기·회의 (의사팀)",
        "의안 (의사팀)",
        "지방의회 체험 (의사팀)",
        "의회 조직 (의정팀)",
    ]
    assert found[0][1][:2] == ["회기", "회의(차수)"]


def test_pr_clerk_sees_pr_first_and_no_system_records(clerk, client):
    client.force_login(clerk(PUBLIC_RELATIONS))

    titles = [title for title, _ in sections(client.get("/admin/").content.decode())]

    assert titles == ["의정 홍보 (의회홍보팀)", "의회 조직 (의정팀)"]


def test_general_affairs_clerk_starts_with_the_budget(clerk, client):
    client.force_login(clerk(GENERAL_AFFAIRS))

    titles = [title for title, _ in sections(client.get("/admin/").content.decode())]

    assert titles == [
        "예산 (의정팀)",
        "주요업무계획 (의정팀)",
        "의원 연수·지역활동·대관 (의정팀)",
        "의회 조직 (의정팀)",
    ]


def test_auditor_finds_the_login_records_under_system(clerk, client):
    client.force_login(clerk(AUDITOR))

    found = dict(sections(client.get("/admin/").content.decode()))

    assert found["시스템"] == [
        "로그인 시도(잠금)",
        "로그인 실패 기록",
        "로그인 기록",
        "자료 버전",
        "대기 중인 작업",
        "실패한 작업",
        "완료된 작업",
        "예약 작업",
    ]


def test_a_renamed_team_renames_its_sections(seeded, admin_client):
    from council.models import SecretariatUnit

    unit = SecretariatUnit.objects.get(role=SecretariatUnit.Role.PROCEEDINGS)
    unit.name = "의사운영팀"
    unit.save()

    titles = [title for title, _ in sections(admin_client.get("/admin/").content.decode())]

    assert titles[0] == "회기·회의 (의사운영팀)"


def test_app_pages_keep_djangos_list(seeded, admin_client):
    response = admin_client.get("/admin/sessions_app/")

    assert response.status_code == 200
    assert "회기" in response.content.decode()


def test_side_bar_of_other_screens_shows_the_sections_without_a_query_for_team_names(
    seeded, admin_client
):
    html = admin_client.get("/admin/sessions_app/session/").content.decode()
    sidebar = html.split('id="nav-sidebar"', 1)[1].split("</nav>", 1)[0]

    assert '<span class="section" id="section-proceedings">회기·회의</span>' in sidebar
    assert "로그인 시도(잠금)" in sidebar
    assert "current-app" not in sidebar  # a section has no page of its own
