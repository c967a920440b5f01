"""A resident follows one member in a feed reader: the bills the member sponsored (대표발의
and 공동발의), each entry updated on its latest action's day, announced on the member's
page."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from legislation.models import BillAction, BillSponsor
from legislation.services import bill_action_record, bill_sponsor_add

from .conftest import add_bill, add_member

ATOM = "{http://www.w3.org/2005/Atom}"


def feed_of(client, member) -> ET.Element:
    response = client.get(reverse("legislation:member_feed", args=[member.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    # What Atom 1.0 requires of a feed and of each entry (RFC 4287, 4.1.1 and 4.1.2).
    for name in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{name}") is not None, name
    for entry in root.iter(f"{ATOM}entry"):
        for name in ("id", "title", "updated"):
            assert entry.find(f"{ATOM}{name}") is not None, name
    return root


def entries(root: ET.Element) -> list[dict[str, str]]:
    return [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "link": entry.find(f"{ATOM}link").get("href").removeprefix("http://testserver"),
            "summary": entry.findtext(f"{ATOM}summary") or "",
            "updated": entry.findtext(f"{ATOM}updated"),
            "published": entry.findtext(f"{ATOM}published"),
        }
        for entry in root.iter(f"{ATOM}entry")
    ]


def test_the_feed_lists_the_members_bills_by_their_latest_action(client, record, term):
    first, second = record["members"]
    passed, budget = record["bills"]
    # A later bill co-sponsored by the first member, received after the passed one's decision.
    later = add_bill(term, 14, "가상구 공원 조례안")
    bill_sponsor_add(bill=later, member=second, role=BillSponsor.Role.LEAD)
    bill_sponsor_add(bill=later, member=first, role=BillSponsor.Role.CO)
    bill_action_record(bill=later, date=datetime.date(2023, 7, 3), kind=BillAction.Kind.RECEIPT)

    root = feed_of(client, first)
    assert root.findtext(f"{ATOM}title") == "가상구의회 가나다 의원 (제9대) 발의 의안"
    assert root.findtext(f"{ATOM}id").endswith(f"/members/{first.pk}/feed/")
    got = entries(root)
    assert [e["link"] for e in got] == [f"/bills/{later.pk}/", f"/bills/{passed.pk}/"]
    newest, decided = got
    assert newest["title"] == "[14] 가상구 공원 조례안 (접수)"
    assert newest["summary"].startswith("공동발의 · 조례안 · 접수")
    assert newest["updated"] == "2023-07-03T00:00:00+09:00"
    assert decided["title"] == "[12] 가상구 주차장 설치 조례안 (수정가결)"
    assert decided["summary"].startswith("대표발의")
    assert decided["updated"] == "2023-06-10T00:00:00+09:00"  # the decision, not the receipt
    assert decided["published"] == "2023-05-20T00:00:00+09:00"
    assert root.findtext(f"{ATOM}updated") == "2023-07-03T00:00:00+09:00"
    # The executive's budget bill has no member sponsor: in nobody's feed.
    assert all(f"/bills/{budget.pk}/" != e["link"] for e in entries(feed_of(client, second)))


def test_a_bill_without_any_action_still_has_a_fixed_date(client, term):
    member = add_member(term, "사아자")
    bill = add_bill(term, 1, "접수 전 의안")
    bill_sponsor_add(bill=bill, member=member, role=BillSponsor.Role.LEAD)
    (entry,) = entries(feed_of(client, member))
    assert entry["updated"] == "2022-07-01T00:00:00+09:00"  # the term's first day
    assert entry["published"] is None


def test_a_member_with_no_bills_has_an_empty_feed(client, term):
    member = add_member(term, "차카타")
    assert entries(feed_of(client, member)) == []


@pytest.mark.parametrize("pk", [987654, 2**63, 10**40])
def test_an_unknown_member_has_no_feed(client, record, pk):
    assert client.get(f"/members/{pk}/feed/").status_code == 404


def test_the_members_page_announces_the_feed(client, record):
    first, _ = record["members"]
    page = client.get(reverse("legislation:member", args=[first.pk])).content.decode()
    head = page.split("</head>", 1)[0]
    feed = reverse("legislation:member_feed", args=[first.pk])
    assert (
        f'<link rel="alternate" type="application/atom+xml" title="가나다 의원 발의 의안 (Atom)" '
        f'href="{feed}">'
    ) in head
    body = page.split("</head>", 1)[1]
    assert f'<a href="{feed}">구독: 가나다 의원 발의 의안 피드 (Atom)</a>' in body


@pytest.mark.parametrize("count", [1, 30])
def test_the_feed_keeps_a_query_budget_independent_of_bills(
    client, term, settings, count, django_assert_max_num_queries
):
    settings.PAGE_CACHE_ENABLED = False
    member = add_member(term, "가나다")
    for n in range(1, count + 1):
        bill = add_bill(term, n, f"의안 {n}")
        bill_sponsor_add(bill=bill, member=member, role=BillSponsor.Role.CO)
        bill_action_record(bill=bill, date=datetime.date(2023, 1, n % 28 + 1), kind="receipt")
    with django_assert_max_num_queries(6):
        root = feed_of(client, member)
    assert len(entries(root)) == count
