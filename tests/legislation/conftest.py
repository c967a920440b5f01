"""A small fictional council with members, sittings, attendance and bills."""

import datetime

import pytest

from council.models import Committee, Council, Member, Term
from council.services import member_save
from legislation.models import Bill, BillAction, BillSponsor
from legislation.services import bill_action_record, bill_create, bill_sponsor_add
from sessions_app.models import Attendance, Body, Session, Sitting

D = datetime.date


@pytest.fixture
def council(db):
    return Council.objects.create(name="가상구의회", district="가상구")


@pytest.fixture
def term(council):
    return Term.objects.create(
        council=council, number=9, seats=10, starts_on=D(2022, 7, 1), ends_on=D(2026, 6, 30)
    )


@pytest.fixture
def committee(council):
    return Committee.objects.create(
        council=council, name="행정위원회", short_name="행정위", kind="standing"
    )


def add_member(term, name, **fields):
    return member_save(member=Member(term=term, name=name, **fields))


def add_bill(term, number, title, *, kind=Bill.Kind.ORDINANCE, proposer="members", **fields):
    return bill_create(
        term=term, number=number, title=title, kind=kind, proposer_kind=proposer, **fields
    )


@pytest.fixture
def record(council, term, committee):
    """Two members, a plenary and a committee sitting with attendance, two bills."""
    first = add_member(term, "가나다", party="가상당", constituency="가 선거구",
                       constituency_dongs="일동, 이동")  # fmt: skip
    second = add_member(term, "라마바", party="나상당")
    session = Session.objects.create(
        council=council,
        number=300,
        kind="regular",
        first_day=D(2023, 6, 1),
        last_day=D(2023, 6, 10),
    )
    plenary = Body.objects.create(
        council=council, name="본회의", short_name="본회의", kind="plenary", slug="plenary"
    )
    cbody = Body.objects.create(
        council=council, name="행정위원회", short_name="행정위", kind="standing", slug="admin",
        committee=committee,
    )  # fmt: skip
    s1 = Sitting.objects.create(session=session, body=plenary, number=1, date=D(2023, 6, 1))
    s2 = Sitting.objects.create(session=session, body=plenary, number=2, date=D(2023, 6, 10))
    s3 = Sitting.objects.create(session=session, body=cbody, number=1, date=D(2023, 6, 2))
    Attendance.objects.create(sitting=s1, member=first, status="present")
    Attendance.objects.create(sitting=s2, member=first, status="leave")
    Attendance.objects.create(sitting=s3, member=first, status="absent")
    Attendance.objects.create(sitting=s1, member=second, status="official_trip")

    passed = add_bill(term, 12, "가상구 주차장 설치 조례안", committee=committee, session=session)
    bill_sponsor_add(bill=passed, member=first, role=BillSponsor.Role.LEAD)
    bill_sponsor_add(bill=passed, member=second, role=BillSponsor.Role.CO)
    bill_action_record(bill=passed, date=D(2023, 5, 20), kind=BillAction.Kind.RECEIPT)
    bill_action_record(
        bill=passed, date=D(2023, 5, 22), kind=BillAction.Kind.REFERRAL, committee=committee
    )
    bill_action_record(
        bill=passed, date=D(2023, 6, 10), kind=BillAction.Kind.DECISION,
        result=BillAction.Result.AMENDED,
    )  # fmt: skip
    budget = add_bill(term, 13, "2024년도 예산안", kind=Bill.Kind.BUDGET, proposer="executive")
    bill_action_record(bill=budget, date=D(2023, 11, 20), kind=BillAction.Kind.RECEIPT)
    return {"members": (first, second), "bills": (passed, budget), "session": session}
