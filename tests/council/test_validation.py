"""A staff quota's grade is 1급 to 9급, and a wrong one is refused in Korean."""

import pytest
from django.core.exceptions import ValidationError

from council.models import StaffQuota, StaffTable


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
