"""A citizen reading a session's agenda goes on to the bills each item handles (/bills/<id>/),
the page reading them in a fixed number of queries however many bills there are."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from legislation.models import Bill
from sessions_app.models import AgendaItem, Session


def agenda_rows(html: str) -> dict[str, str]:
    """Each agenda row's title and its bills' cell."""
    table = html.split('<caption id="agenda-caption">', 1)[1].split("</table>", 1)[0]
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>", 1)[1], re.S):
        title = re.search(r'<th scope="row">(.*?)</th>', row, re.S).group(1)
        rows[title] = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)[-1]
    return rows


def test_each_agenda_item_links_its_bills(seeded, client):
    session = Session.objects.get(number=242)
    items = list(session.agenda_items.order_by("order", "pk"))
    with_bills = [item for item in items if item.bills.exists()]
    assert with_bills, "the seed's agenda names bills"
    html = client.get("/sessions/242/").content.decode()
    assert '<th scope="col">의안</th>' in html
    rows = agenda_rows(html)
    for item in items:
        cell = rows[item.title]
        bills = list(item.bills.all())
        for bill in bills:
            assert f'<a href="/bills/{bill.pk}/">의안번호 {bill.number}' in cell
        if not bills:
            assert cell == "-"
    # Every link answers.
    for pk in re.findall(r'href="/bills/(\d+)/"', html):
        assert client.get(f"/bills/{pk}/").status_code == 200


def test_an_item_with_two_bills_links_both(seeded, client):
    item = AgendaItem.objects.filter(session__number=242).order_by("order", "pk").first()
    first, second = Bill.objects.order_by("pk")[:2]
    item.bills.set([first, second])
    cell = agenda_rows(client.get("/sessions/242/").content.decode())[item.title]
    assert f'href="/bills/{first.pk}/"' in cell and f'href="/bills/{second.pk}/"' in cell


def test_the_session_page_keeps_its_query_budget_however_many_bills(
    seeded, client, settings, django_assert_max_num_queries
):
    settings.PAGE_CACHE_ENABLED = False
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/sessions/242/").status_code == 200
    items = list(AgendaItem.objects.filter(session__number=242))
    bills = list(Bill.objects.all()[:10])
    assert len(bills) > 3
    for item in items:
        item.bills.add(*bills)
    with django_assert_max_num_queries(len(ctx.captured_queries)):
        html = client.get("/sessions/242/").content.decode()
    assert html.count(f'href="/bills/{bills[0].pk}/"') == len(items)


@pytest.mark.parametrize("path", ["/sessions/242/"])
def test_the_session_page_reads_bills_by_a_prefetch(seeded, client, settings, path):
    """One query reads the agenda's bills (through Bill.agenda_items' table), none per item."""
    settings.PAGE_CACHE_ENABLED = False
    with CaptureQueriesContext(connection) as ctx:
        client.get(path)
    reads = [q["sql"] for q in ctx.captured_queries if '"legislation_bill"' in q["sql"]]
    assert len(reads) == 1, reads
