"""A citizen follows a bill from 접수 to its decision: the list filters by term, year, kind,
status, proposer and committee; the page shows the timeline, sponsors and documents."""

import datetime
import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from council.models import Committee
from legislation.models import Bill, BillAction, BillDocument
from legislation.services import bill_action_record

from .conftest import add_bill


def text(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_the_status_follows_the_latest_action(client, record):
    page = text(client.get(reverse("legislation:bills")))
    assert "의안 2건" in page
    assert "수정가결" in page  # the ordinance, decided as amended
    assert "접수" in page  # the budget, only received
    assert "구청장" in page  # the executive, in the council's words
    passed, _ = record["bills"]
    bill_action_record(
        bill=passed, date=datetime.date(2023, 6, 20), kind=BillAction.Kind.PROMULGATION,
        promulgation_number="제1234호",
    )  # fmt: skip
    detail = text(client.get(reverse("legislation:bill", args=[passed.pk])))
    assert "<strong>공포</strong>" in detail
    assert "제1234호" in detail
    assert "가나다</a> 의원 대표발의" in detail
    assert "공동발의 (1명)" in detail


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("?kind=budget", ["2024년도 예산안"]),
        ("?status=passed", ["가상구 주차장 설치 조례안"]),
        ("?status=received", ["2024년도 예산안"]),
        ("?proposer=executive", ["2024년도 예산안"]),
        ("?year=2023&term=9", ["2024년도 예산안", "가상구 주차장 설치 조례안"]),
        ("?term=8", []),
    ],
)
def test_the_list_filters(client, record, query, titles):
    page = text(client.get(reverse("legislation:bills") + query))
    for bill in Bill.objects.all():
        assert (bill.title in page) == (bill.title in titles), bill.title
    if not titles:
        assert "조건에 맞는 의안이 없습니다" in page


def test_the_committee_filter(client, record, committee):
    page = text(client.get(reverse("legislation:bills") + f"?committee={committee.pk}"))
    assert "가상구 주차장 설치 조례안" in page and "2024년도 예산안" not in page


def test_a_bill_referred_to_a_committee_is_in_its_charge(client, record, council, term):
    # The clerk named no committee on the bill itself, only recorded the 회부.
    welfare = Committee.objects.create(
        council=council, name="복지건설위원회", short_name="복건위", kind="standing"
    )
    bill = add_bill(term, 40, "가상구 경로당 지원 조례안")
    bill_action_record(bill=bill, date=datetime.date(2023, 6, 1), kind=BillAction.Kind.RECEIPT)
    bill_action_record(
        bill=bill, date=datetime.date(2023, 6, 2), kind=BillAction.Kind.REFERRAL, committee=welfare
    )
    page = text(client.get(reverse("legislation:bill", args=[bill.pk])))
    assert "<dt>소관 위원회</dt><dd>복지건설위원회</dd>" in page
    listed = text(client.get(reverse("legislation:bills") + f"?committee={welfare.pk}"))
    assert "가상구 경로당 지원 조례안" in listed and "가상구 주차장 설치 조례안" not in listed
    assert "가상구 경로당 지원 조례안" in text(
        client.get(reverse("legislation:bills") + f"?committee={welfare.pk}&term=9")
    )
    csv = client.get(reverse("legislation:bills_csv")).content.decode("utf-8-sig")
    assert next(line for line in csv.splitlines() if "경로당" in line).count("복지건설위원회") == 1


@pytest.mark.parametrize(
    "query",
    ["?term=abc", "?year=99999999999999999999", "?kind=x", "?status=%00", "?committee=-1",
     "?page=zzz", "?page=999", "?term=0&kind=budget&status=nope"],
)  # fmt: skip
def test_bad_filters_are_ignored_never_500(client, record, query):
    # A NUL byte is refused by the site's middleware (400); anything else is ignored.
    assert client.get(reverse("legislation:bills") + query).status_code in (200, 400)


def test_an_empty_council_says_so(client, council):
    assert "등록된 의안이 없습니다" in text(client.get(reverse("legislation:bills")))


def test_unknown_bill_is_404(client, record):
    assert client.get(reverse("legislation:bill", args=[999999])).status_code == 404


def test_the_list_pages_through_twenty_at_a_time(client, term):
    for n in range(1, 26):
        add_bill(term, n, f"의안 {n:02d}")
    first = text(client.get(reverse("legislation:bills")))
    assert "의안 25건 (1/2쪽)" in first and "의안 25</a>" in first
    second = text(client.get(reverse("legislation:bills") + "?page=2"))
    assert "의안 01</a>" in second and "의안 25</a>" not in second


@pytest.mark.parametrize("count", [1, 30])
def test_the_list_queries_do_not_grow_with_bills(
    client, term, count, django_assert_max_num_queries
):
    for n in range(1, count + 1):
        add_bill(term, n, f"의안 {n}")
    with django_assert_max_num_queries(18):
        assert client.get(reverse("legislation:bills")).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(reverse("legislation:bills_csv")).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(reverse("legislation:bill_feed")).status_code == 200


def test_an_action_says_what_it_needs(record):
    passed, _ = record["bills"]
    with pytest.raises(ValidationError) as error:
        BillAction(bill=passed, date=datetime.date(2023, 6, 1), kind="decision").full_clean()
    assert "결과" in error.value.message_dict["result"][0]
    with pytest.raises(ValidationError) as error:
        BillAction(bill=passed, date=datetime.date(2023, 6, 1), kind="referral").full_clean()
    assert "위원회" in error.value.message_dict["committee"][0]
    with pytest.raises(ValidationError) as error:
        add_bill(passed.term, 12, "같은 번호")
    assert "같은 의안번호" in str(error.value)


def test_documents_are_pdfs_served_as_pdfs(client, record):
    passed, _ = record["bills"]
    bad = BillDocument(bill=passed, kind="text", file=SimpleUploadedFile("a.pdf", b"<html>"))
    with pytest.raises(ValidationError, match="PDF 파일이 아닙니다"):
        bad.full_clean()
    doc = BillDocument(bill=passed, kind="text", file=SimpleUploadedFile("a.pdf", b"%PDF-1.4 x"))
    doc.full_clean()
    doc.save()
    page = text(client.get(reverse("legislation:bill", args=[passed.pk])))
    url = reverse("legislation:bill_document", args=[passed.pk, doc.pk])
    assert url in page
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_feed_and_downloads(client, record):
    page = text(client.get(reverse("legislation:bills")))
    assert 'type="application/atom+xml"' in page
    feed = text(client.get(reverse("legislation:bill_feed")))
    assert "<feed" in feed and "가상구 주차장 설치 조례안 (수정가결)" in feed
    csv_text = client.get(reverse("legislation:bills_csv")).content.decode("utf-8")
    assert csv_text.startswith("\ufeff대수,의안번호,의안명")
    assert (
        "9,12,가상구 주차장 설치 조례안,조례안,의원,가나다,행정위원회,300,2023-05-20,수정가결"
        in csv_text
    )
    data = json.loads(client.get(reverse("legislation:bills_json") + "?kind=budget").content)
    assert [row["bill_no"] for row in data["rows"]] == [13]
    assert data["rows"][0]["proposer"] == "구청장"


def test_the_admin_screen_of_a_bill(admin_client, record):
    passed, _ = record["bills"]
    page = admin_client.get(reverse("admin:legislation_bill_change", args=[passed.pk]))
    assert page.status_code == 200
    listing = admin_client.get(reverse("admin:legislation_bill_changelist"))
    assert "수정가결" in listing.content.decode()
    _ = io  # keep the import list stable


def test_a_filtered_list_says_what_it_keeps_in_its_title(client, record):
    html = client.get(
        "/bills/", {"term": 9, "kind": "budget", "proposer": "executive", "status": "received"}
    ).content.decode()

    title = html[html.index("<title>") : html.index("</title>")]
    assert title.startswith("<title>의안: 제9대 · 예산안 · 접수 · 구청장 제안 |"), title


def test_an_unfiltered_list_has_the_plain_title(client, record):
    assert "<title>의안 |" in client.get("/bills/").content.decode()
