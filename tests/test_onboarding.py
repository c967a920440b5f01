"""A new council gets from an empty database to its first published schedule: the
description sets up the council, its term, limits, committees (each with its body) and
teams with their permission groups; a clerk then adds a session and the public sees it."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from audit.roles import GENERAL_AFFAIRS, PROCEEDINGS, PUBLIC_RELATIONS, role_group
from council.models import Committee, Council, SecretariatUnit, Term
from sessions_app.models import Body, Session, SessionRules
from sessions_app.services import session_create

EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "examples" / "council.yaml"

pytestmark = pytest.mark.django_db


def test_setup_council_creates_the_council_with_its_bodies_teams_and_groups():
    call_command("setup_council", str(EXAMPLE))

    council = Council.objects.get()
    assert (council.name, council.kind, council.phone) == (
        "가상구의회",
        "autonomous_district",
        "02-000-0000",
    )
    term = Term.objects.get()
    assert (term.number, term.starts_on) == (9, datetime.date(2026, 7, 1))
    assert SessionRules.objects.get(council=council).max_days_per_year == 100
    committees = list(Committee.objects.order_by("order"))
    assert [c.name for c in committees] == [
        "의회운영위원회",
        "행정복지위원회",
        "예산결산특별위원회",
    ]
    for committee in committees:
        assert committee.body.short_name == committee.short_name
        assert committee.body.kind == committee.kind
    assert Body.objects.get(kind=Body.Kind.PLENARY).slug == "plenary"
    assert Body.objects.get(kind=Body.Kind.STANDING, committee=None).slug == "standing"
    teams = dict(SecretariatUnit.objects.exclude(role="").values_list("role", "name"))
    assert teams == {
        GENERAL_AFFAIRS: "총무팀",
        PROCEEDINGS: "의사운영팀",
        PUBLIC_RELATIONS: "홍보담당팀",
    }
    assert role_group(PROCEEDINGS).name == "의사운영팀"
    assert role_group(PROCEEDINGS).permissions.filter(codename="add_session").exists()
    assert Group.objects.filter(name="홍보담당팀").exists()


def test_a_clerk_adds_the_first_session_and_the_public_schedule_and_feed_show_it(client):
    call_command("setup_council", str(EXAMPLE))
    council = Council.objects.get()

    session_create(
        council=council,
        number=301,
        kind=Session.Kind.EXTRAORDINARY,
        first_day=datetime.date(2026, 12, 8),
        last_day=datetime.date(2026, 12, 10),
    )

    page = client.get("/sessions/")
    assert page.status_code == 200
    assert "제301회" in page.content.decode()
    feed = client.get("/sessions/calendar.ics").content.decode()
    assert "제301회" in feed
    assert "@council.example.kr" in feed


def test_a_bad_description_names_the_key_and_writes_nothing(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace("name: 행정복지위원회", "name: ''").replace(
        "kind: 특별위원회", "kind: 소위원회"
    )
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")

    with pytest.raises(CommandError) as refused:
        call_command("setup_council", str(bad))

    message = str(refused.value)
    assert "committees[2].name: 비어 있습니다" in message
    assert "committees[3].kind: '소위원회'은(는) 쓸 수 없습니다" in message
    assert not Council.objects.exists()


def test_a_record_the_model_refuses_is_named_and_nothing_is_written(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8").replace("phone: 02-000-0000", "phone: 12345")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")

    with pytest.raises(CommandError, match=r"council\.phone: 전화번호는"):
        call_command("setup_council", str(bad))
    assert not Council.objects.exists()

    # A later record wrong: the council itself is not kept either.
    text = EXAMPLE.read_text(encoding="utf-8").replace("ends_on: 2030-06-30", "ends_on: 2026-01-01")
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError, match=r"term\.ends_on: 임기 종료일은"):
        call_command("setup_council", str(bad))
    assert not Council.objects.exists()
    assert not Body.objects.exists()


def test_a_second_run_refuses(tmp_path):
    call_command("setup_council", str(EXAMPLE))

    with pytest.raises(CommandError, match="이미 의회가 등록되어 있습니다"):
        call_command("setup_council", str(EXAMPLE))
    assert Council.objects.count() == 1


def _checklist(html: str) -> dict[str, bool]:
    import re

    box = html.split('id="publication-checklist"', 1)[1].split("</ul>", 1)[0]
    return {
        title: state == "done"
        for state, title in re.findall(
            r'<li class="(done|missing)">.*?<a [^>]*>([^<]+)</a>', box, re.S
        )
    }


def test_the_checklist_shows_what_is_missing_and_ticks_it_as_records_appear(admin_client):
    found = _checklist(admin_client.get("/admin/").content.decode())
    assert found and not any(found.values())  # an empty database: everything to do

    call_command("setup_council", str(EXAMPLE))
    found = _checklist(admin_client.get("/admin/").content.decode())
    assert found["의회 정보와 연락처"]
    assert found["현재 대수(임기)"]
    assert found["회기 운영 조례 기준"]
    assert found["위원회와 회의체"]
    assert found["사무국 팀의 역할과 전화번호"]
    assert not found["2026년 회기 일정"]
    assert not found["현재 의원 명단"]

    session_create(
        council=Council.objects.get(),
        number=301,
        kind=Session.Kind.EXTRAORDINARY,
        first_day=datetime.date(2026, 12, 8),
        last_day=datetime.date(2026, 12, 10),
    )
    assert _checklist(admin_client.get("/admin/").content.decode())["2026년 회기 일정"]
    assert not found["2026년 예산 공개"] and not found["2026년 주요업무계획 발행"]

    # A committee added by hand without its body is an open item again.
    Committee.objects.create(
        council=Council.objects.get(), name="윤리특별위원회", short_name="윤리특위", kind="special"
    )
    assert not _checklist(admin_client.get("/admin/").content.decode())["위원회와 회의체"]


def test_the_admin_index_with_the_checklist_costs_the_same_queries_whatever_the_rows(
    admin_client, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    call_command("setup_council", str(EXAMPLE))
    admin_client.get("/admin/")  # warm the session and content types
    with CaptureQueriesContext(connection) as few:
        admin_client.get("/admin/")
    council = Council.objects.get()
    for number in range(1, 6):
        session_create(
            council=council,
            number=number,
            kind=Session.Kind.EXTRAORDINARY,
            first_day=datetime.date(2026, 1, number * 5),
            last_day=datetime.date(2026, 1, number * 5),
        )
        Committee.objects.create(
            council=council, name=f"특별위원회{number}", short_name=f"특{number}", kind="special"
        )

    # Django's index (session, user, recent actions), the team names and the checklist's one.
    with django_assert_max_num_queries(len(few)):
        admin_client.get("/admin/")
    assert len(few) <= 8


def test_a_superuser_sets_up_the_council_by_uploading_the_description(admin_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = EXAMPLE.read_text(encoding="utf-8").replace("short_name: 운영위", "short_name: ''")
    response = admin_client.post(
        "/admin/onboarding/",
        {"file": SimpleUploadedFile("council.yaml", bad.encode(), "application/x-yaml")},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "committees[1].short_name: 비어 있습니다" in html
    assert "가상구의회" in html  # what was sent stays in the form
    assert not Council.objects.exists()

    upload = SimpleUploadedFile("council.yaml", EXAMPLE.read_bytes(), "application/x-yaml")
    response = admin_client.post("/admin/onboarding/", {"file": upload})

    assert response.status_code == 302
    assert Council.objects.get().name == "가상구의회"
    assert Body.objects.filter(committee__isnull=False).count() == 3


def test_the_wizard_is_for_superusers_only(client):
    from django.contrib.auth.models import User

    client.force_login(User.objects.create_user("clerk", is_staff=True))

    assert client.get("/admin/onboarding/").status_code == 403


def test_a_budget_entered_but_not_published_is_still_an_open_item(admin_client, seeded):
    """In 2023 the seed's budget and work plan are published; a 2024 draft is not."""
    import time_machine

    from budget.models import BudgetAmount, BudgetYear

    with time_machine.travel(datetime.datetime(2023, 3, 2, 10, 0), tick=False):
        found = _checklist(admin_client.get("/admin/").content.decode())
    assert found["2023년 예산"] and found["2023년 예산 공개"]
    assert found["2023년 주요업무계획"] and found["2023년 주요업무계획 발행"]

    some = BudgetAmount.objects.filter(year=2023).first()
    BudgetAmount.objects.create(item=some.item, year=2024, kind=some.kind, amount=1_000_000)
    with time_machine.travel(datetime.datetime(2024, 1, 5, 10, 0), tick=False):
        found = _checklist(admin_client.get("/admin/").content.decode())
    assert found["2024년 예산"] and not found["2024년 예산 공개"]
    assert not BudgetYear.objects.filter(year=2024, published_at__isnull=False).exists()


def test_a_secretariat_fills_in_the_workbook_form_and_gets_the_same_council(admin_client, tmp_path):
    """The wizard's workbook form holds the example; filled in (here: one committee
    renamed) and uploaded, it sets up the council as the YAML does."""
    import io

    from openpyxl import load_workbook

    response = admin_client.get(reverse("admin:onboarding_form"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[:2] == ["council", "term"]
    committees = book["committees"]
    assert [c.value for c in committees[1]][:2] == ["name", "short_name"]
    committees["A3"] = "복지건설위원회"
    saved = io.BytesIO()
    book.save(saved)

    upload = SimpleUploadedFile("의회.xlsx", saved.getvalue())
    created = admin_client.post(reverse("admin:onboarding"), {"file": upload, "text": ""})
    assert created.status_code == 302, created.content.decode()[:2000]
    council = Council.objects.get()
    assert council.name == "가상구의회"
    assert Term.objects.get().starts_on == datetime.date(2026, 7, 1)
    assert list(Committee.objects.order_by("order").values_list("name", flat=True)) == [
        "의회운영위원회",
        "복지건설위원회",
        "예산결산특별위원회",
    ]
    assert role_group(PROCEEDINGS).name == "의사운영팀"

    # The command reads the same workbook (here into a database that has a council).
    path = tmp_path / "council.xlsx"
    path.write_bytes(saved.getvalue())
    with pytest.raises(CommandError, match="이미"):
        call_command("setup_council", str(path))


def test_a_bad_workbook_names_the_row_and_a_broken_file_is_a_korean_error(tmp_path):
    import io

    import yaml
    from openpyxl import load_workbook

    from portal.onboarding_xlsx import description_workbook

    book = load_workbook(
        io.BytesIO(description_workbook(yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))))
    )
    book["committees"]["A3"] = None  # the second committee without its name
    book.create_sheet("메모")
    saved = io.BytesIO()
    book.save(saved)
    path = tmp_path / "council.xlsx"
    path.write_bytes(saved.getvalue())
    with pytest.raises(CommandError) as failed:
        call_command("setup_council", str(path))
    assert "시트 '메모': 알 수 없는 시트입니다" in str(failed.value)
    book.remove(book["메모"])
    book.save(path)
    with pytest.raises(CommandError, match=r"committees\[2\]\.name"):
        call_command("setup_council", str(path))
    assert not Council.objects.exists()

    path.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(CommandError, match="엑셀 파일\\(.xlsx\\)을 읽을 수 없습니다"):
        call_command("setup_council", str(path))
