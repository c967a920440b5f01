"""A clerk who mistypes a session's dates or reuses its number is stopped with a Korean
message, through the same full_clean() the admin forms run."""

import datetime

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from sessions_app.models import Session


def new_session(council, **fields):
    values = {
        "council": council,
        "number": 300,
        "kind": Session.Kind.EXTRAORDINARY,
        "first_day": datetime.date(2023, 9, 1),
        "last_day": datetime.date(2023, 9, 7),
    }
    values.update(fields)
    return Session(**values)


def test_a_valid_new_session_passes(seeded):
    new_session(seeded).full_clean()


def test_last_day_before_first_day_is_refused(seeded):
    session = new_session(seeded, last_day=datetime.date(2023, 8, 31))

    with pytest.raises(ValidationError) as caught:
        session.full_clean()

    assert caught.value.message_dict == {"last_day": ["마지막 날은 첫날과 같거나 뒤여야 합니다."]}


def test_a_one_day_session_is_allowed(seeded):
    new_session(seeded, last_day=datetime.date(2023, 9, 1)).full_clean()


def test_duplicate_session_number_is_refused(seeded):
    existing = Session.objects.filter(council=seeded).order_by("number").first()
    session = new_session(seeded, number=existing.number)

    with pytest.raises(ValidationError) as caught:
        session.full_clean()

    messages = [m for ms in caught.value.message_dict.values() for m in ms]
    assert messages == ["같은 번호의 회기가 이미 있습니다."]
    assert set(caught.value.message_dict) <= {NON_FIELD_ERRORS, "number"}
