"""A citizen finds a member and their record: attendance per kind of sitting, the bills
they sponsored with their outcome, committee seats with dates, the terms they served."""

import datetime
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from council.models import CommitteeMembership, Term
from council.services import member_save

from .conftest import add_member


def text(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def cells(page, label):
    """The counts of the attendance row `label` (본회의 / 위원회)."""
    row = page.split(f'<th scope="row">{label}</th>', 1)[1].split("</tr>", 1)[0]
    return [int(c.split(">")[1]) for c in row.split("</td>") if ">" in c]


def test_a_members_page_counts_their_record(client, record, committee):
    first, _ = record["members"]
    CommitteeMembership.objects.create(
        committee=committee, member=first, role="chair", starts_on=datetime.date(2022, 7, 10)
    )
    page = text(client.get(reverse("legislation:member", args=[first.pk])))
    # 출석, 청가, 결석, 출장, 합계
    assert cells(page, "본회의") == [1, 1, 0, 0, 2]
    assert cells(page, "위원회") == [0, 0, 1, 0, 1]
    assert "대표발의 1건, 공동발의 0건" in page
    assert "가상구 주차장 설치 조례안" in page and "수정가결" in page
    assert "행정위원회 위원장 (2022. 7. 10. ~ )" in page
    assert "일동, 이동" in page
    assert "1선" in page


def test_the_list_shows_the_current_term_and_earlier_ones(client, record, council):
    first, _ = record["members"]
    earlier = Term.objects.create(
        council=council, number=8, seats=10,
        starts_on=datetime.date(2018, 7, 1), ends_on=datetime.date(2022, 6, 30),
    )  # fmt: skip
    member_save(member=type(first)(term=earlier, name="가나다", person=first.person))
    page = text(client.get(reverse("legislation:members")))
    assert "제9대 의원 2명" in page and "2선" in page
    older = text(client.get(reverse("legislation:members") + "?term=8"))
    assert "제8대 의원 1명" in older and "라마바" not in older
    detail = text(client.get(reverse("legislation:member", args=[first.pk])))
    assert "2선" in detail and "제8대</a>" in detail


@pytest.mark.parametrize(
    ("query", "status"), [("?term=7", 404), ("?term=x", 400), ("?term=-1", 400)]
)
def test_unknown_or_bad_terms(client, record, query, status):
    assert client.get(reverse("legislation:members") + query).status_code == status
    assert client.get(reverse("legislation:members_csv") + query).status_code == status


def test_no_members_reads_well(client, term):
    assert "제9대에 등록된 의원이 없습니다" in text(client.get(reverse("legislation:members")))


def test_no_term_reads_well(client, council):
    assert "등록된 의원이 없습니다" in text(client.get(reverse("legislation:members")))


def test_unknown_member_is_404(client, record):
    assert client.get(reverse("legislation:member", args=[987654])).status_code == 404


@pytest.mark.parametrize("count", [1, 25])
def test_the_list_queries_do_not_grow_with_members(
    client, term, count, django_assert_max_num_queries
):
    for n in range(count):
        add_member(term, f"의원{n:02d}")
    with django_assert_max_num_queries(16):
        assert client.get(reverse("legislation:members")).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("legislation:members_json")).status_code == 200


def test_a_photo_is_served_as_an_image(client, term):
    out = io.BytesIO()
    Image.new("RGB", (900, 900)).save(out, format="PNG")
    member = add_member(term, "사진있음")
    member_save(member=member, photo=SimpleUploadedFile("p.png", out.getvalue()))
    page = text(client.get(reverse("legislation:member", args=[member.pk])))
    assert reverse("legislation:member_photo", args=[member.pk]) in page
    response = client.get(reverse("legislation:member_photo", args=[member.pk]))
    assert response["Content-Type"] == "image/png"


def test_downloads(client, record):
    csv_text = client.get(reverse("legislation:members_csv")).content.decode("utf-8")
    assert csv_text.startswith("\ufeff대수,의원명,직위,정당,선거구")
    assert '9,가나다,의원,가상당,가 선거구,"일동, 이동",1,' in csv_text
    data = json.loads(client.get(reverse("legislation:members_json")).content)
    assert {row["name"] for row in data["rows"]} == {"가나다", "라마바"}
