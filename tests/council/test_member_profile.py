"""A clerk records a member's profile: the photo is checked and shrunk on upload, the
constituency's 동 and contact are kept, committee seats carry dates, and a person who served
in two terms is one person with two members."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from common.uploads import PdfFileValidator, resized_image
from council.models import Committee, CommitteeMembership, Council, Member, Person, Term
from council.services import member_save


def picture(fmt="JPEG", size=(1600, 1200)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 40, 40)).save(out, format=fmt)
    return out.getvalue()


@pytest.fixture
def term(db):
    council = Council.objects.create(name="가상구의회", district="가상구")
    return Term.objects.create(
        council=council,
        number=9,
        seats=10,
        starts_on=datetime.date(2022, 7, 1),
        ends_on=datetime.date(2026, 6, 30),
    )


def test_a_photo_is_shrunk_to_600_pixels_keeping_its_format():
    resized = resized_image(SimpleUploadedFile("big.png", picture("PNG")))
    assert (resized.width, resized.height) == (600, 450)
    assert resized.extension == "png"
    assert Image.open(io.BytesIO(resized.content.read())).format == "PNG"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"GIF89a not really", "JPEG, PNG, WebP"),
        (picture("GIF"), "JPEG, PNG, WebP"),
    ],
)
def test_other_files_are_refused_in_korean(content, message):
    with pytest.raises(ValidationError) as error:
        resized_image(SimpleUploadedFile("x.jpg", content))
    assert message in error.value.messages[0]


def test_a_pdf_is_known_by_its_first_bytes_and_size():
    check = PdfFileValidator(max_bytes=100)
    check(SimpleUploadedFile("a.pdf", b"%PDF-1.7 hello"))
    with pytest.raises(ValidationError, match="PDF 파일이 아닙니다"):
        check(SimpleUploadedFile("a.pdf", b"<html>"))
    with pytest.raises(ValidationError, match="100MB|너무 큽니다"):
        check(SimpleUploadedFile("a.pdf", b"%PDF-" + b"x" * 200))


def test_a_new_member_gets_a_person_and_a_small_photo(term):
    member = member_save(
        member=Member(
            term=term, name="가나다", constituency="가 선거구", constituency_dongs="일동, 이동"
        ),
        photo=SimpleUploadedFile("me.jpg", picture()),
    )
    member.refresh_from_db()
    assert member.person.name == "가나다"
    assert member.dongs == ["일동", "이동"]
    with member.photo.open("rb") as stored:
        assert Image.open(stored).size == (600, 450)
    assert not member.photo.name.endswith("me.jpg")  # the uploader's name is not kept


def test_one_person_across_two_terms(term):
    earlier = Term.objects.create(
        council=term.council,
        number=8,
        seats=10,
        starts_on=datetime.date(2018, 7, 1),
        ends_on=datetime.date(2022, 6, 30),
    )
    first = member_save(member=Member(term=earlier, name="가나다"))
    member_save(member=Member(term=term, name="가나다", person=first.person))
    assert Person.objects.get().members.count() == 2


def test_a_committee_seat_ends_after_it_starts(term):
    committee = Committee.objects.create(
        council=term.council, name="행정위원회", short_name="행정위", kind="standing"
    )
    seat = CommitteeMembership(
        committee=committee,
        member=member_save(member=Member(term=term, name="가나다")),
        starts_on=datetime.date(2023, 1, 1),
        ends_on=datetime.date(2022, 1, 1),
    )
    with pytest.raises(ValidationError) as error:
        seat.full_clean()
    assert "선임일보다 뒤" in error.value.message_dict["ends_on"][0]


def test_the_admin_shrinks_an_uploaded_photo_and_refuses_a_fake(admin_client, term):
    url = reverse("admin:council_member_add")
    data = {
        "term": term.pk,
        "name": "라마바",
        "role": "member",
        "memberships-TOTAL_FORMS": 0,
        "memberships-INITIAL_FORMS": 0,
    }
    response = admin_client.post(
        url, {**data, "photo": SimpleUploadedFile("x.jpg", b"not a picture")}
    )
    assert response.status_code == 200
    assert Member.objects.count() == 0
    response = admin_client.post(url, {**data, "photo": SimpleUploadedFile("x.jpg", picture())})
    assert response.status_code == 302, response.content.decode()[:3000]
    member = Member.objects.get()
    assert member.person.name == "라마바"
    with member.photo.open("rb") as stored:
        assert Image.open(stored).size == (600, 450)
