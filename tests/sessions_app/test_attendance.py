"""The clerk records who attended a sitting, on the sitting's own admin screen: one row per
member, a member of another term refused, a second row for the same member refused."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from council.models import Council, Member, Term
from sessions_app.models import Attendance, Body, Session, Sitting


@pytest.fixture
def sitting(db):
    council = Council.objects.create(name="가상구의회", district="가상구")
    Term.objects.create(
        council=council,
        number=9,
        seats=10,
        starts_on=datetime.date(2022, 7, 1),
        ends_on=datetime.date(2026, 6, 30),
    )
    session = Session.objects.create(
        council=council,
        number=300,
        kind="regular",
        first_day=datetime.date(2023, 6, 1),
        last_day=datetime.date(2023, 6, 10),
    )
    body = Body.objects.create(
        council=council, name="본회의", short_name="본회의", kind="plenary", slug="plenary"
    )
    return Sitting.objects.create(session=session, body=body, number=1, date=session.first_day)


def member_of(term_number, council, name):
    term = Term.objects.filter(council=council, number=term_number).first() or (
        Term.objects.create(
            council=council,
            number=term_number,
            seats=10,
            starts_on=datetime.date(2018, 7, 1),
            ends_on=datetime.date(2022, 6, 30),
        )
    )
    return Member.objects.create(term=term, name=name)


def test_a_member_of_another_term_cannot_attend(sitting):
    old = member_of(8, sitting.session.council, "가나다")
    row = Attendance(sitting=sitting, member=old, status="present")
    with pytest.raises(ValidationError) as error:
        row.full_clean()
    assert "임기(제8대" in error.value.message_dict["member"][0]


def test_one_row_per_member_and_sitting(sitting):
    member = member_of(9, sitting.session.council, "가나다")
    Attendance.objects.create(sitting=sitting, member=member, status="present")
    with pytest.raises(ValidationError) as error:
        Attendance(sitting=sitting, member=member, status="leave").full_clean()
    assert "이미 있습니다" in str(error.value)


def test_the_sitting_screen_records_attendance(admin_client, sitting):
    first = member_of(9, sitting.session.council, "가나다")
    second = member_of(9, sitting.session.council, "라마바")
    url = reverse("admin:sessions_app_sitting_change", args=[sitting.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    assert "출결" in page.content.decode()
    data = {
        "session": sitting.session_id,
        "body": sitting.body_id,
        "number": 1,
        "date": "2023-06-01",
        "video_url": "",
        "live_url": "",
        "video_marks-TOTAL_FORMS": 0,
        "video_marks-INITIAL_FORMS": 0,
        "votes-TOTAL_FORMS": 0,
        "votes-INITIAL_FORMS": 0,
        "speeches-TOTAL_FORMS": 0,
        "speeches-INITIAL_FORMS": 0,
        "attendances-TOTAL_FORMS": 2,
        "attendances-INITIAL_FORMS": 0,
        "attendances-0-member": first.pk,
        "attendances-0-status": "present",
        "attendances-1-member": second.pk,
        "attendances-1-status": "leave",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert dict(sitting.attendances.values_list("member__name", "status")) == {
        "가나다": "present",
        "라마바": "leave",
    }
