"""A citizen finds a bill and a member from the site search: the result links to the bill's
or the member's own page, and a new action on a bill is found as soon as it is recorded."""

import datetime

from legislation.models import BillAction
from legislation.services import bill_action_record
from search.models import SearchEntry


def test_a_word_of_a_bill_title_finds_the_bill_page(client, record):
    passed, _budget = record["bills"]

    response = client.get("/search/", {"q": "주차장", "kind": "bill"})
    html = response.content.decode()

    assert response.status_code == 200
    assert f'href="/bills/{passed.pk}/"' in html
    assert "가상구 주차장 설치 조례안" in html
    assert client.get(f"/bills/{passed.pk}/").status_code == 200


def test_a_sponsor_name_finds_the_bills_they_sponsored(client, record):
    first, _second = record["members"]
    passed, budget = record["bills"]

    html = client.get("/search/", {"q": first.name, "kind": "bill"}).content.decode()

    assert f"/bills/{passed.pk}/" in html
    assert f"/bills/{budget.pk}/" not in html


def test_a_members_result_opens_their_profile(client, record):
    first, _second = record["members"]

    html = client.get("/search/", {"q": "가상당", "kind": "member"}).content.decode()

    assert f'href="/members/{first.pk}/"' in html


def test_a_recorded_action_is_searchable_at_once(client, record):
    _passed, budget = record["bills"]
    entry = SearchEntry.objects.get(kind="bill", object_id=budget.pk)
    assert "의결" not in entry.body

    bill_action_record(
        bill=budget,
        date=datetime.date(2023, 12, 15),
        kind=BillAction.Kind.DECISION,
        result=BillAction.Result.ORIGINAL,
    )

    entry = SearchEntry.objects.get(kind="bill", object_id=budget.pk)
    assert "의결" in entry.body
    assert entry.year == 2023
