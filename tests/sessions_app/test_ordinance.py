"""Staff cannot save a session that breaks the council's ordinance (SessionRules) or overlaps
another session, through any path: the rule itself (check_session_against_ordinance, which
forms and services call), the session_create service, and the admin's add form, which keeps
what the clerk typed and says what is wrong.

Seeded 2023: 5 sessions, 80 days in all (regular 51, extraordinary 29), the last one
제246회 11. 23. ~ 12. 20.; the limits are 110 days a year, 55 regular days, 15 days per
extraordinary session.
"""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError

from sessions_app.models import Session
from sessions_app.services import check_session_against_ordinance, session_create

D = datetime.date
EXTRA = Session.Kind.EXTRAORDINARY
REGULAR = Session.Kind.REGULAR


def messages_of(error: ValidationError) -> list[str]:
    return [m for ms in error.message_dict.values() for m in ms]


def create(council, *, number=247, kind=EXTRA, first_day, last_day):
    return session_create(
        council=council, number=number, kind=kind, first_day=first_day, last_day=last_day
    )


# ---------------------------------------------------------------- each limit, at and past it


def test_extraordinary_session_of_15_days_is_accepted(seeded):
    session = create(seeded, first_day=D(2023, 10, 4), last_day=D(2023, 10, 18))

    assert Session.objects.get(number=247) == session


def test_extraordinary_session_of_16_days_is_refused(seeded):
    with pytest.raises(ValidationError) as caught:
        create(seeded, first_day=D(2023, 10, 4), last_day=D(2023, 10, 19))

    assert caught.value.message_dict == {
        "last_day": ["임시회는 회기당 15일 이내여야 합니다. 입력한 회기는 16일입니다."]
    }
    assert not Session.objects.filter(number=247).exists()


def test_regular_days_up_to_55_are_accepted_and_56_refused(seeded):
    # 51 regular days already; a 4-day regular session brings the year to exactly 55.
    check_session_against_ordinance(
        Session(
            council=seeded,
            number=247,
            kind=REGULAR,
            first_day=D(2023, 10, 4),
            last_day=D(2023, 10, 7),
        )
    )

    with pytest.raises(ValidationError) as caught:
        check_session_against_ordinance(
            Session(
                council=seeded,
                number=247,
                kind=REGULAR,
                first_day=D(2023, 10, 4),
                last_day=D(2023, 10, 8),
            )
        )

    assert messages_of(caught.value) == [
        "2023년 정례회 회기일수가 연간 한도 55일을 넘습니다 (기존 51일 + 이 회기 5일 = 56일)."
    ]


def test_year_total_up_to_110_days_is_accepted_and_111_refused(seeded):
    # 80 days + 15 (제247회) = 95; then 15 more is exactly 110, 16 would be 111 (and 16 days is
    # also too long for an extraordinary session, so the 16th day comes from a 2-day session).
    create(seeded, number=247, first_day=D(2023, 4, 3), last_day=D(2023, 4, 17))
    create(seeded, number=248, first_day=D(2023, 5, 1), last_day=D(2023, 5, 13))  # 13 → 108
    create(seeded, number=249, first_day=D(2023, 7, 10), last_day=D(2023, 7, 11))  # 2 → 110

    with pytest.raises(ValidationError) as caught:
        create(seeded, number=250, first_day=D(2023, 8, 1), last_day=D(2023, 8, 1))

    assert messages_of(caught.value) == [
        "2023년 회기일수가 연간 한도 110일을 넘습니다 (기존 110일 + 이 회기 1일 = 111일)."
    ]


def test_the_issue_example_95_plus_16_names_every_broken_limit(seeded):
    create(seeded, number=247, first_day=D(2023, 4, 3), last_day=D(2023, 4, 17))  # 95 days

    with pytest.raises(ValidationError) as caught:
        create(seeded, number=248, first_day=D(2023, 10, 4), last_day=D(2023, 10, 19))

    assert messages_of(caught.value) == [
        "임시회는 회기당 15일 이내여야 합니다. 입력한 회기는 16일입니다.",
        "2023년 회기일수가 연간 한도 110일을 넘습니다 (기존 95일 + 이 회기 16일 = 111일).",
    ]


def test_limits_are_the_councils_data_not_constants(seeded):
    rules = seeded.session_rules
    rules.max_extraordinary_days = 20
    rules.save()

    create(seeded, first_day=D(2023, 10, 4), last_day=D(2023, 10, 23))  # 20 days

    assert Session.objects.get(number=247).last_day == D(2023, 10, 23)


def test_editing_a_session_does_not_count_it_twice(seeded):
    session = Session.objects.get(number=246)  # 28 of the 51 regular days
    session.last_day = D(2023, 12, 24)  # 32 days: 23 + 32 = 55, at the limit

    check_session_against_ordinance(session)


def test_a_session_counts_in_the_year_of_its_first_day(seeded):
    # 2024 is empty: a session from 2023-12-29 counts towards 2023's 110 days.
    create(seeded, number=247, first_day=D(2023, 12, 29), last_day=D(2024, 1, 2))  # 5 → 85
    create(seeded, number=248, first_day=D(2023, 4, 3), last_day=D(2023, 4, 17))  # 15 → 100

    with pytest.raises(ValidationError) as caught:
        create(seeded, number=249, first_day=D(2023, 5, 1), last_day=D(2023, 5, 11))

    assert "(기존 100일 + 이 회기 11일 = 111일)" in messages_of(caught.value)[0]
    # 2024 has used nothing yet.
    create(seeded, number=249, first_day=D(2024, 1, 3), last_day=D(2024, 1, 17))


# ---------------------------------------------------------------- overlaps


@pytest.mark.parametrize(
    ("first_day", "last_day"),
    [
        (D(2023, 3, 29), D(2023, 4, 2)),  # starts on 제243회's last day
        (D(2023, 3, 15), D(2023, 3, 20)),  # ends on its first day
        (D(2023, 3, 22), D(2023, 3, 24)),  # inside it
    ],
)
def test_a_session_overlapping_another_is_refused(seeded, first_day, last_day):
    with pytest.raises(ValidationError) as caught:
        create(seeded, first_day=first_day, last_day=last_day)

    assert caught.value.message_dict == {
        "first_day": [
            "제243회 임시회(2023. 3. 20.(월) ~ 3. 29.(수))와 기간이 겹칩니다. "
            "회기는 다른 회기와 겹칠 수 없습니다."
        ]
    }


def test_a_session_the_day_after_another_is_accepted(seeded):
    session = create(seeded, first_day=D(2023, 3, 30), last_day=D(2023, 3, 31))

    assert session.pk is not None


def test_session_create_stores_the_agenda_in_order(seeded):
    session = session_create(
        council=seeded,
        number=247,
        kind=EXTRA,
        first_day=D(2023, 10, 4),
        last_day=D(2023, 10, 6),
        agenda=["조례안 심사", "부의안건"],
    )

    assert [item.title for item in session.agenda_items.order_by("order")] == [
        "조례안 심사",
        "부의안건",
    ]


# ---------------------------------------------------------------- the admin's add form


def add_form_data(council, **fields):
    data = {
        "council": council.pk,
        "number": "247",
        "kind": "extraordinary",
        "first_day": "2023-10-04",
        "last_day": "2023-10-19",
        "date_status": "",
    }
    for prefix in ("agenda_items", "sittings"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    data.update(fields)
    return data


def test_admin_refuses_a_16_day_extraordinary_session_and_keeps_what_was_typed(
    seeded, admin_client
):
    response = admin_client.post("/admin/sessions_app/session/add/", add_form_data(seeded))

    assert response.status_code == 200  # the form again, not a redirect
    html = response.content.decode()
    assert "임시회는 회기당 15일 이내여야 합니다. 입력한 회기는 16일입니다." in html
    assert 'value="2023-10-19"' in html and 'value="247"' in html
    assert not Session.objects.filter(number=247).exists()


def test_admin_accepts_a_15_day_extraordinary_session(seeded, admin_client):
    response = admin_client.post(
        "/admin/sessions_app/session/add/", add_form_data(seeded, last_day="2023-10-18")
    )

    assert response.status_code == 302
    assert Session.objects.get(number=247).last_day == D(2023, 10, 18)


def test_admin_refuses_an_overlapping_session(seeded, admin_client):
    response = admin_client.post(
        "/admin/sessions_app/session/add/",
        add_form_data(seeded, first_day="2023-06-30", last_day="2023-07-02"),
    )

    html = response.content.decode()
    assert "제244회 정례회(2023. 6. 8.(목) ~ 6. 30.(금))와 기간이 겹칩니다." in html
    assert not Session.objects.filter(number=247).exists()


def test_admin_refuses_a_year_over_110_days(seeded, admin_client):
    create(seeded, number=247, first_day=D(2023, 4, 3), last_day=D(2023, 4, 17))  # 95 days

    response = admin_client.post(
        "/admin/sessions_app/session/add/", add_form_data(seeded, number="248")
    )

    assert (
        "2023년 회기일수가 연간 한도 110일을 넘습니다 (기존 95일 + 이 회기 16일 = 111일)."
        in response.content.decode()
    )


# ---------------------------------------------------------------- numbers without gaps


def test_admin_warns_but_saves_when_a_number_skips_one(seeded, admin_client):
    response = admin_client.post(
        "/admin/sessions_app/session/add/",
        add_form_data(seeded, number="248", last_day="2023-10-06"),
    )

    assert response.status_code == 302
    assert Session.objects.filter(number=248).exists()
    warnings = [m for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert [str(m) for m in warnings] == [
        "제246회 다음 번호는 제247회입니다. 입력한 제248회는 제247회를 건너뜁니다. "
        "번호가 맞는지 확인해 주세요."
    ]


def test_admin_does_not_warn_for_the_next_number(seeded, admin_client):
    response = admin_client.post(
        "/admin/sessions_app/session/add/",
        add_form_data(seeded, last_day="2023-10-06"),
        follow=True,
    )

    assert not [m for m in response.context["messages"] if m.level_tag == "warning"]
    assert Session.objects.filter(number=247).exists()


def test_admin_refuses_a_duplicate_number(seeded, admin_client):
    response = admin_client.post(
        "/admin/sessions_app/session/add/",
        add_form_data(seeded, number="246", last_day="2023-10-06"),
    )

    assert "같은 번호의 회기가 이미 있습니다." in response.content.decode()
    assert Session.objects.filter(number=246).count() == 1
