"""A citizen follows the council's record in a real browser, as the legislative-record issue's
"done when" tells it: finds a member and their attendance, follows a bill from 접수 to 공포,
finds the sitting where a word was said and opens its minutes at that place, and subscribes
to a committee's feed.

The seed names no members, so the test adds a fictional one to the seed's term, with a
committee sitting, its minutes, and a bill, all made through the apps' services.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from council.models import Committee, Member, Term
from council.services import member_save
from legislation.models import Bill, BillSponsor
from legislation.services import bill_create, bill_sponsor_add
from minutes.services import minutes_save
from search.services import reindex
from sessions_app.models import Attendance, Body, Session, Sitting

from .test_record_pages import record_timeline_to_promulgation

pytestmark = pytest.mark.e2e

ATOM = "{http://www.w3.org/2005/Atom}"
WORD = "공영주차장"


def _record():
    term = Term.objects.order_by("-number").first()
    member = member_save(
        member=Member(term=term, name="가상의원", party="가상당", constituency="가 선거구")
    )
    session = Session.objects.filter(first_day__gte=term.starts_on).order_by("first_day")[0]
    committee = Committee.objects.filter(council=term.council, body__isnull=False).order_by(
        "order", "pk"
    )[0]
    body = Body.objects.get(committee=committee)
    plenary = Body.objects.get(council=term.council, kind=Body.Kind.PLENARY)
    sitting = Sitting.objects.create(session=session, body=body, number=1, date=session.first_day)
    later = [
        Sitting.objects.create(session=session, body=plenary, number=n, date=session.first_day)
        for n in (1, 2)
    ]
    for at, status in zip([sitting, *later], ["present", "present", "leave"], strict=True):
        Attendance.objects.create(sitting=at, member=member, status=status)
    minutes_save(
        sitting=sitting,
        text="\n\n".join(
            [
                "위원장: 회의를 열겠습니다.",
                "가상의원: 예산안 설명을 들었습니다.",
                f"가상의원: 역 앞 {WORD} 설치를 조례로 정해 주실 것을 요청합니다.",
                "위원장: 산회를 선포합니다.",
            ]
        ),
    )
    bill = bill_create(
        term=term,
        number=9001,
        title="가상구 공영주차장 설치 조례안",
        kind=Bill.Kind.ORDINANCE,
        proposer_kind=Bill.Proposer.MEMBERS,
    )
    bill_sponsor_add(bill=bill, member=member, role=BillSponsor.Role.LEAD)
    record_timeline_to_promulgation(bill, decided_on=sitting.date, committee=committee)
    # The tasks that index a save run on a worker; the test indexes at once.
    reindex()
    return member, bill, sitting, committee


def test_a_citizen_finds_a_member_a_bill_a_word_in_the_minutes_and_a_committee_feed(site, page):
    member, bill, sitting, committee = _record()

    # The word, typed in the header's search box on the home page.
    page.goto(f"{site}/")
    page.get_by_role("search", name="사이트 검색").get_by_label("검색").fill(WORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    results = page.get_by_role("region", name="검색 결과")
    minutes_hit = results.get_by_role("listitem").filter(has_text="3번째 문단")
    assert WORD in minutes_hit.locator("mark").first.inner_text()
    # The bill of the same name is found too.
    assert results.get_by_role("link", name=re.compile(bill.title)).count() == 1

    # Its link opens the minutes at the paragraph where the word was said.
    minutes_hit.get_by_role("link").first.click()
    page.wait_for_url(re.compile(rf"/minutes/{sitting.pk}/#p-3$"))
    target = page.locator(":target")
    assert WORD in target.inner_text()
    assert target.evaluate("el => el.getBoundingClientRect().top") < page.viewport_size["height"]

    # The member, from the list of the term's members: their attendance, counted.
    page.goto(f"{site}/members/")
    page.get_by_role("link", name=re.compile(member.name)).first.click()
    page.wait_for_url(f"{site}/members/{member.pk}/")
    attendance = page.get_by_role("table", name="회의별 출결 (회의 수)")
    header = [cell.strip() for cell in attendance.locator("thead th").all_inner_texts()]
    counted = {}
    for row in attendance.locator("tbody tr").all():
        cells = [cell.strip() for cell in row.locator("th, td").all_inner_texts()]
        counted[cells[0]] = dict(zip(header[1:], cells[1:], strict=True))
    present = sum(int(row["출석"]) for row in counted.values())
    leave = sum(int(row["청가"]) for row in counted.values())
    assert (present, leave) == (2, 1), counted
    assert sum(int(row["합계"]) for row in counted.values()) == 3, counted

    # The bill they sponsored, from 접수 to 공포.
    page.get_by_role("table", name=re.compile("발의 의안")).get_by_role(
        "link", name=bill.title
    ).click()
    page.wait_for_url(f"{site}/bills/{bill.pk}/")
    steps = page.locator("ol.timeline > li").all_inner_texts()
    assert [step.split(") ", 1)[1].split(" ")[0].rstrip(":") for step in steps] == [
        "접수",
        "회부",
        "의결",
        "이송",
        "공포",
    ], steps
    assert committee.name in steps[1] and "원안가결" in steps[2] and "제1234호" in steps[4]
    # The committee it was referred to is the one in charge.
    facts = page.locator("dl.facts").inner_text()
    assert re.search(rf"소관 위원회\s+{committee.name}", facts), facts
    assert "공포" in facts  # its status

    # The committee's feed, from the council's page, lists the committee's sitting.
    page.goto(f"{site}/council/")
    feed_link = page.get_by_role("link", name=f"피드 (Atom) ({committee.name})")
    href = feed_link.get_attribute("href")
    feed = page.context.request.get(f"{site}{href}")
    assert feed.ok and "atom" in feed.headers["content-type"]
    entries = ET.fromstring(feed.body()).findall(f"{ATOM}entry")
    links = [entry.find(f"{ATOM}link").get("href") for entry in entries]
    assert any(f"/sittings/{sitting.pk}/" in link for link in links), links
    # The committee's own page announces the same feed.
    page.goto(f"{site}{href.removesuffix('feed/')}")
    assert page.locator(f"link[rel='alternate'][href$='{href}']").count() == 1
