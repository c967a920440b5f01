"""의정모니터: a member may recommend at most three residents per cohort, each living in the
district for two years or more on the day of recommendation (the cohort's ordinance rules)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from council.models import Member, Term
from outreach.models import Monitor, MonitorCohort
from outreach.services import check_monitor_quota, monitor_create

RECOMMENDED_ON = datetime.date(2023, 2, 15)


@pytest.fixture
def cohort(seeded):
    return MonitorCohort.objects.get(council=seeded, term_number=9, half="first")


@pytest.fixture
def member(seeded):
    return Member.objects.create(term=Term.objects.get(council=seeded, number=9), name="홍길동")


def monitor(cohort, member, name="김모니터", resident_since=datetime.date(2015, 1, 1)):
    return Monitor(
        cohort=cohort,
        name=name,
        recommended_by=member,
        recommended_on=RECOMMENDED_ON,
        resident_since=resident_since,
    )


def test_seeded_cohort_carries_the_ordinance_rules(cohort):
    assert (cohort.max_per_member, cohort.min_residency_years) == (3, 2)


def test_two_years_to_the_day_is_enough(cohort, member):
    monitor(cohort, member, resident_since=datetime.date(2021, 2, 15)).full_clean()


def test_less_than_two_years_residency_is_refused(cohort, member):
    candidate = monitor(cohort, member, resident_since=datetime.date(2021, 2, 16))

    with pytest.raises(ValidationError) as caught:
        candidate.full_clean()

    errors = caught.value.message_dict
    assert list(errors) == ["resident_since"]
    assert errors["resident_since"][0].startswith(
        "추천일 현재 관내에 2년 이상 거주한 사람만 추천할 수 있습니다."
    )


def test_a_fourth_monitor_from_one_member_is_refused(cohort, member):
    for name in ["가", "나", "다"]:
        first_three = monitor(cohort, member, name=f"{name}모니터")
        first_three.full_clean()
        first_three.save()

    fourth = monitor(cohort, member, name="라모니터")
    fourth.full_clean()  # the record itself is fine; the limit spans records
    with pytest.raises(ValidationError) as caught:
        check_monitor_quota(fourth)

    assert caught.value.message_dict == {
        "recommended_by": [
            "의원 한 명은 의정모니터를 3명까지 추천할 수 있습니다. 이 의원은 이미 3명을 추천했습니다."
        ]
    }


def test_editing_one_of_three_monitors_is_still_allowed(cohort, member):
    saved = []
    for name in ["가", "나", "다"]:
        m = monitor(cohort, member, name=f"{name}모니터")
        m.save()
        saved.append(m)

    saved[0].opinions_submitted = 2
    saved[0].full_clean()
    check_monitor_quota(saved[0])


def test_monitor_create_refuses_a_fourth_and_stores_nothing(cohort, member):
    for name in ["가", "나", "다"]:
        monitor_create(
            cohort=cohort,
            name=f"{name}모니터",
            recommended_by=member,
            recommended_on=RECOMMENDED_ON,
            resident_since=datetime.date(2015, 1, 1),
        )

    with pytest.raises(ValidationError):
        monitor_create(
            cohort=cohort,
            name="라모니터",
            recommended_by=member,
            recommended_on=RECOMMENDED_ON,
            resident_since=datetime.date(2015, 1, 1),
        )

    assert Monitor.objects.filter(cohort=cohort, recommended_by=member).count() == 3


def test_the_monitor_page_refuses_a_fourth_and_keeps_what_was_typed(cohort, member, admin_client):
    for name in ["가", "나", "다"]:
        monitor(cohort, member, name=f"{name}모니터").save()

    response = admin_client.post(
        "/admin/outreach/monitor/add/",
        {
            "cohort": cohort.pk,
            "name": "라모니터",
            "recommended_by": member.pk,
            "recommended_on": "2023-02-15",
            "resident_since": "2015-01-01",
            "opinions_submitted": "0",
        },
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "이 의원은 이미 3명을 추천했습니다." in page
    assert 'value="라모니터"' in page
    assert not Monitor.objects.filter(name="라모니터").exists()
