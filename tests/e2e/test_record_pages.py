"""The legislative record's pages with a record on them pass axe and the Nu checker.

The seed names no members (public_pages.py checks the empty states), so this test adds one
fictional member to the seed's term, with attendance at the seed's sittings and a bill they
sponsored followed from 접수 to 공포, then checks the member list, the member's page, the
bill's page, a sitting's page, its minutes and a search that finds them at a phone's and a
desktop's width.
"""

import datetime

import pytest

from council.models import Committee, Member, Term
from council.services import member_save
from legislation.models import Bill, BillAction, BillSponsor
from legislation.services import bill_action_record, bill_create, bill_sponsor_add
from minutes.services import minutes_save
from search.services import reindex
from sessions_app.models import Attendance, Body, Session, Sitting

from .conftest import require_vnu
from .test_accessibility import axe_violations, describe
from .test_html_validity import nu_errors

pytestmark = pytest.mark.e2e

D = datetime.date


def record_timeline_to_promulgation(bill: Bill, *, decided_on: datetime.date, committee) -> None:
    """The bill's way from 접수 to 공포 (제1234호): referred to `committee`, passed as
    proposed (원안가결) on `decided_on`, transferred, promulgated."""
    for offset, kind, result, number in [
        (-10, BillAction.Kind.RECEIPT, "", ""),
        (-8, BillAction.Kind.REFERRAL, "", ""),
        (0, BillAction.Kind.DECISION, BillAction.Result.ORIGINAL, ""),
        (5, BillAction.Kind.TRANSFER, "", ""),
        (20, BillAction.Kind.PROMULGATION, "", "제1234호"),
    ]:
        bill_action_record(
            bill=bill,
            date=decided_on + datetime.timedelta(days=offset),
            kind=kind,
            result=result,
            promulgation_number=number,
            committee=committee if kind == BillAction.Kind.REFERRAL else None,
        )


def _record() -> list[tuple[str, str, str]]:
    """(path, what it shows, a text it must show) of each page."""
    term = Term.objects.order_by("-number").first()
    member = member_save(
        member=Member(
            term=term,
            name="가상의원",
            party="가상당",
            constituency="가 선거구",
            constituency_dongs="일동, 이동",
        )
    )
    # The seed's sessions have no sittings recorded: three plenary sittings of one.
    session = Session.objects.filter(first_day__gte=term.starts_on).order_by("first_day")[0]
    plenary = Body.objects.get(council=term.council, kind=Body.Kind.PLENARY)
    sittings = [
        Sitting.objects.create(session=session, body=plenary, number=number, date=session.first_day)
        for number in (1, 2, 3)
    ]
    for sitting, status in zip(sittings, ["present", "leave", "absent"], strict=False):
        Attendance.objects.create(sitting=sitting, member=member, status=status)
    bill = bill_create(
        term=term,
        number=9001,
        title="가상구 주차장 설치 조례안",
        kind=Bill.Kind.ORDINANCE,
        proposer_kind=Bill.Proposer.MEMBERS,
    )
    bill_sponsor_add(bill=bill, member=member, role=BillSponsor.Role.LEAD)
    day = sittings[0].date
    committee = Committee.objects.filter(council=term.council).order_by("order", "pk")[0]
    record_timeline_to_promulgation(bill, decided_on=day, committee=committee)
    sitting = sittings[0]
    minutes_save(
        sitting=sitting,
        text="\n\n".join(
            [
                "의장: 회의를 열겠습니다.",
                "가상의원: 가상구 주차장 설치 조례안의 제안 이유를 설명드리겠습니다. "
                "(https://example.kr/가상구/조례안/주차장/설치/제안설명자료.pdf)",
                "의장: 원안대로 가결되었음을 선포합니다.",
            ]
        ),
    )
    # Published on time for the first sitting, late for the third, not yet for the second.
    Sitting.objects.filter(pk=sittings[0].pk).update(minutes_published_on=sittings[0].date)
    Sitting.objects.filter(pk=sittings[2].pk).update(
        minutes_published_on=sittings[2].date + datetime.timedelta(days=60)
    )
    reindex()  # a worker indexes a save; here, at once
    return [
        (f"/members/?term={term.number}", "의원 목록 (의원 한 명)", "가상의원"),
        (f"/members/{member.pk}/", "의원 한 명의 활동", "가상의원"),
        (f"/bills/{bill.pk}/", "접수에서 공포까지의 의안", "가상의원"),
        (
            f"/sessions/{sitting.session.number}/sittings/{sitting.pk}/",
            "출결이 있는 회의",
            "가상의원",
        ),
        (f"/minutes/{sitting.pk}/", "문단 번호가 붙은 회의록", "가상의원"),
        ("/search/?q=가상의원", "회의록 문단, 의안, 의원이 찾아진 검색 결과", "가상의원"),
        ("/sessions/minutes/", "회의록 공개 기한 준수 (제때, 늦게, 아직)", "33.3%"),
    ]


@pytest.mark.parametrize("width", [320, 1280], ids=["320px", "1280px"])
def test_the_record_pages_meet_wcag(site, audit_page, width):
    audit_page.set_viewport_size({"width": width, "height": 800})
    found = []
    for path, what, shows in _record():
        response = audit_page.goto(site + path)
        assert response.status == 200, f"{what} ({path}) answered {response.status}"
        assert shows in audit_page.content(), f"{what} ({path}) does not show {shows}"
        violations = axe_violations(audit_page)
        if violations:
            found.append(f"{what} ({path}) @ {width}px:\n{describe(violations)}")
        # Nothing wider than the screen: a phone reads it without scrolling sideways.
        overflow = audit_page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 0:
            found.append(f"{what} ({path}) @ {width}px: {overflow} px wider than the screen")
    assert not found, "\n".join(found)


def test_the_record_pages_are_valid_html(seeded, client, tmp_path):
    java = require_vnu()
    names = {}
    for index, (path, what, _shows) in enumerate(_record()):
        response = client.get(path)
        assert response.status_code == 200, f"{what} ({path}) answered {response.status_code}"
        (tmp_path / f"page{index:02d}.html").write_bytes(response.content)
        names[f"page{index:02d}.html"] = f"{what} ({path})"

    errors = nu_errors(java, tmp_path)

    report = "\n".join(f"{names[name]}:\n  - " + "\n  - ".join(e) for name, e in errors.items())
    assert not errors, "invalid HTML:\n" + report
