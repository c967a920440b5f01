"""The seed names no members, but its agenda names bills: those are stored as bills, linked
to their session and agenda item, and the pages read well without members."""

from django.urls import reverse

from legislation.models import Bill, BillAction
from legislation.seed import bill_kind, bill_title, bills_from_agenda


def test_which_agenda_titles_are_bills():
    assert bill_kind("2022년 제2회 추가경정예산안") == ("supplementary_budget", "executive")
    assert bill_kind("2023년도 예산안, 구정질문 등") == ("budget", "executive")
    assert bill_kind("2021년 결산안 심사, 구정질문 등") == ("settlement", "executive")
    assert bill_kind("예산결산특별위원회 구성") == ("resolution", "members")
    assert bill_kind("행정사무감사계획안 승인") == ("other", "committee")
    assert bill_kind("결산검사위원 선임") is None
    assert bill_kind("2023년도 주요업무계획 보고") is None
    assert bill_title("2021년 결산안 심사, 구정질문 등") == "2021년 결산안"
    assert bill_title("윤리특별위원회 구성") == "윤리특별위원회 구성 결의안"


def test_the_seed_has_its_bills(seeded, client):
    bills = Bill.objects.of(seeded)
    titles = set(bills.values_list("title", flat=True))
    assert {
        "2024년 예산안",
        "2023년도 예산안",
        "2022년 결산안",
        "행정사무감사계획안 승인",
    } <= titles
    # Before the 9th term (the only one recorded) there is no bill: February 2022's 추경.
    assert not bills.filter(session__number=234).exists()
    numbers = sorted(bills.values_list("number", flat=True))
    assert numbers == list(range(1, len(numbers) + 1))
    budget = bills.get(title="2024년 예산안")
    assert budget.session.number == 246
    assert list(budget.agenda_items.values_list("title", flat=True)) == ["2024년 예산안"]
    assert budget.committee.name == "예산결산특별위원회"
    receipt = BillAction.objects.get(bill=budget)
    assert (receipt.kind, receipt.date) == ("receipt", budget.session.first_day)
    # A planned session's dates are not given: no action.
    assert not BillAction.objects.filter(bill__session__number=245).exists()
    assert bills_from_agenda(seeded) == 0  # already there

    page = client.get(reverse("legislation:bills")).content.decode()
    assert f"의안 {bills.count()}건" in page
    assert "2024년 예산안" in page and "구청장" in page
    members = client.get(reverse("legislation:members")).content.decode()
    assert "제9대에 등록된 의원이 없습니다" in members


def test_menu_and_sitemap_lead_to_members_and_bills(seeded, client):
    home = client.get("/").content.decode()
    assert '<a href="/members/">의원</a>' in home and '<a href="/bills/">의안</a>' in home
    sitemap = client.get("/sitemap.xml").content.decode()
    bill = Bill.objects.of(seeded).first()
    assert f"/bills/{bill.pk}/</loc>" in sitemap and "/members/</loc>" in sitemap
    council_page = client.get("/council/").content.decode()
    assert "의원 명단이 아직 등록되지 않았습니다" in council_page
