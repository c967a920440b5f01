"""On a cohort's page a clerk may type several monitors at once; four from one member are
refused together, since each row alone would pass the model's check."""

from django.urls import reverse

from council.models import Member, Term
from outreach.models import Monitor, MonitorCohort


def cohort_form(cohort, member, names):
    data = {
        "council": str(cohort.council_id),
        "term_number": str(cohort.term_number),
        "half": cohort.half,
        "operated": "on",
        "starts_on": cohort.starts_on.isoformat(),
        "ends_on": cohort.ends_on.isoformat(),
        "planned_size": str(cohort.planned_size),
        "max_per_member": str(cohort.max_per_member),
        "min_residency_years": str(cohort.min_residency_years),
        "basis": cohort.basis,
        "note": cohort.note,
        "monitors-TOTAL_FORMS": str(len(names)),
        "monitors-INITIAL_FORMS": "0",
        "monitors-MIN_NUM_FORMS": "0",
        "monitors-MAX_NUM_FORMS": "1000",
    }
    for i, name in enumerate(names):
        data.update(
            {
                f"monitors-{i}-name": name,
                f"monitors-{i}-recommended_by": str(member.pk),
                f"monitors-{i}-recommended_on": "2023-02-15",
                f"monitors-{i}-resident_since": "2015-01-01",
                f"monitors-{i}-opinions_submitted": "0",
            }
        )
    return data


def test_four_monitors_from_one_member_on_the_cohort_page_are_refused(admin_client, seeded):
    cohort = MonitorCohort.objects.get(council=seeded, term_number=9, half="first")
    member = Member.objects.create(term=Term.objects.get(council=seeded, number=9), name="홍길동")
    url = reverse("admin:outreach_monitorcohort_change", args=[cohort.pk])

    response = admin_client.post(url, cohort_form(cohort, member, ["가", "나", "다", "라"]))

    assert response.status_code == 200
    assert "의원 한 명은 의정모니터를 3명까지 추천할 수 있습니다." in response.content.decode()
    assert not Monitor.objects.exists()

    response = admin_client.post(url, cohort_form(cohort, member, ["가", "나", "다"]))

    assert response.status_code == 302
    assert Monitor.objects.filter(cohort=cohort, recommended_by=member).count() == 3
