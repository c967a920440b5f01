"""Staff quotas cannot go below zero: PositiveSmallIntegerField makes full_clean refuse -1 with
Django's own message, in Korean because LANGUAGE_CODE is ko-kr."""

import re

import pytest
from django.core.exceptions import ValidationError

from council.models import StaffQuota, StaffTable

HANGUL = re.compile("[가-힣]")


@pytest.mark.parametrize("field", ["authorised", "current"])
def test_negative_headcount_is_refused_in_korean(seeded, field):
    values = {"authorised": 1, "current": 1, field: -1}
    quota = StaffQuota(
        table=StaffTable.objects.get(council=seeded),
        category=StaffQuota.Category.CAREER,
        grade=3,
        **values,
    )

    with pytest.raises(ValidationError) as caught:
        quota.full_clean()

    errors = caught.value.message_dict
    assert list(errors) == [field]
    message = errors[field][0]
    assert HANGUL.search(message), message
    # Django's ko translation: "0 이상의 값을 입력해 주세요."
    assert "0 이상" in message


def test_grade_outside_1_to_9_is_refused(seeded):
    quota = StaffQuota(
        table=StaffTable.objects.get(council=seeded),
        category=StaffQuota.Category.SPECIAL,
        grade=10,
        authorised=1,
        current=0,
    )

    with pytest.raises(ValidationError) as caught:
        quota.full_clean()

    assert "직급은 1급부터 9급까지 입력할 수 있습니다." in caught.value.message_dict["grade"]
