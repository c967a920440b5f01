"""Minutes are published within the ordinance's deadline (Geumcheon: 2 days after a plenary
sitting, 5 after a committee sitting, counted in calendar days after the sitting). Staff see
each sitting's status; citizens see the link once published."""

import datetime
import re

import pytest

from sessions_app import selectors
from sessions_app.models import Body, Session, Sitting
from sessions_app.selectors import MinutesStatus, minutes_compliance

D = datetime.date


@pytest.fixture
def session(seeded):
    return Session.objects.get(number=244)  # 2023. 6. 8. ~ 6. 30.


def sitting(session, slug, date, published=None, number=1):
    return Sitting.objects.create(
        session=session,
        body=Body.objects.get(slug=slug),
        number=number,
        date=date,
        minutes_published_on=published,
        minutes_url="https://minutes.example.org/x" if published else "",
    )


@pytest.mark.parametrize(
    ("slug", "published", "on", "status", "taken", "due"),
    [
        # plenary on Mon 6. 12.: due Wed 6. 14.
        ("plenary", D(2023, 6, 12), D(2023, 6, 20), MinutesStatus.ON_TIME, 0, D(2023, 6, 14)),
        ("plenary", D(2023, 6, 14), D(2023, 6, 20), MinutesStatus.ON_TIME, 2, D(2023, 6, 14)),
        ("plenary", D(2023, 6, 15), D(2023, 6, 20), MinutesStatus.LATE, 3, D(2023, 6, 14)),
        ("plenary", None, D(2023, 6, 14), MinutesStatus.NOT_DUE, None, D(2023, 6, 14)),
        ("plenary", None, D(2023, 6, 15), MinutesStatus.OVERDUE, None, D(2023, 6, 14)),
        # committee (예결특위) on Mon 6. 12.: due Sat 6. 17. (calendar days, weekend included)
        ("budget", D(2023, 6, 17), D(2023, 6, 20), MinutesStatus.ON_TIME, 5, D(2023, 6, 17)),
        ("budget", D(2023, 6, 18), D(2023, 6, 20), MinutesStatus.LATE, 6, D(2023, 6, 17)),
        ("budget", None, D(2023, 6, 17), MinutesStatus.NOT_DUE, None, D(2023, 6, 17)),
        ("budget", None, D(2023, 6, 18), MinutesStatus.OVERDUE, None, D(2023, 6, 17)),
        # a publication date entered ahead does not count until it comes
        ("plenary", D(2023, 6, 14), D(2023, 6, 13), MinutesStatus.NOT_DUE, None, D(2023, 6, 14)),
    ],
)
def test_compliance_of_constructed_sittings(session, slug, published, on, status, taken, due):
    row = minutes_compliance(
        sitting(session, slug, D(2023, 6, 12), published),
        rules=session.council.session_rules,
        on=on,
    )

    assert (row.status, row.days_taken, row.due_on) == (status, taken, due)


def test_overdue_counts_days_past_the_deadline(session):
    row = minutes_compliance(
        sitting(session, "plenary", D(2023, 6, 12)),
        rules=session.council.session_rules,
        on=D(2023, 6, 19),
    )

    assert (row.days_elapsed, row.deadline_days, row.days_over) == (7, 2, 5)


def test_deadlines_come_from_the_councils_rules(session):
    rules = session.council.session_rules
    rules.plenary_minutes_days = 3
    rules.save()

    row = minutes_compliance(
        sitting(session, "plenary", D(2023, 6, 12), D(2023, 6, 15)), rules=rules, on=D(2023, 7, 1)
    )

    assert row.status == MinutesStatus.ON_TIME


def test_report_counts_each_status_and_filters_by_status(session):
    sitting(session, "plenary", D(2023, 6, 8), D(2023, 6, 9))  # on time
    sitting(session, "plenary", D(2023, 6, 12), D(2023, 6, 16), number=2)  # late
    sitting(session, "budget", D(2023, 6, 12))  # overdue on 6. 20.
    sitting(session, "audit", D(2023, 6, 19))  # not yet due on 6. 20.
    sitting(session, "audit", D(2023, 6, 26), number=2)  # after the day: not listed

    report = selectors.minutes_report(session.council, on=D(2023, 6, 20))
    late = selectors.minutes_report(session.council, on=D(2023, 6, 20), status="late")

    assert report.counts == {"on_time": 1, "late": 1, "overdue": 1, "not_due": 1}
    assert [str(r.sitting) for r in late.rows] == ["제244회 정례회 본회의 제2차"]


def test_admin_compliance_page_lists_sittings_with_days_against_deadline(
    session, admin_client, clock
):
    clock.travel_to(D(2023, 6, 20))
    sitting(session, "plenary", D(2023, 6, 12), D(2023, 6, 15))
    sitting(session, "budget", D(2023, 6, 12))

    response = admin_client.get("/admin/sessions_app/sitting/minutes-compliance/?year=2023")

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>회의록 공개 현황</h1>" in html
    table = html.split('<table id="result_list">')[1].split("</table>")[0]
    rows = [
        " ".join(re.sub(r"<[^>]+>", " ", row).split())
        for row in re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>")[1], re.S)
    ]
    # Same day: in the bodies' order (committees first, the plenary last).
    assert rows == [
        "제244회 정례회 예산결산특별위원회 제1차 2023. 6. 12.(월) 5일 2023. 6. 17.(토) - "
        "8일 경과 (미공개) · 기한 3일 초과 기한 경과(미공개)",
        "제244회 정례회 본회의 제1차 2023. 6. 12.(월) 2일 2023. 6. 14.(수) 2023. 6. 15.(목) "
        "3일 · 기한 1일 초과 기한 후 공개",
    ]
    assert "기한 내 공개: <strong>0</strong>건" in html
    assert "기한 후 공개: <strong>1</strong>건" in html


def test_admin_compliance_page_ignores_a_bad_filter(session, admin_client):
    response = admin_client.get("/admin/sessions_app/sitting/minutes-compliance/?year=x&status=y")

    assert response.status_code == 200


def test_sitting_changelist_shows_minutes_status_and_links_the_report(session, admin_client, clock):
    clock.travel_to(D(2023, 6, 20))
    sitting(session, "plenary", D(2023, 6, 12), D(2023, 6, 14))

    html = admin_client.get("/admin/sessions_app/sitting/").content.decode()

    assert "기한 내 공개 (2일 / 기한 2일)" in html
    assert 'href="/admin/sessions_app/sitting/minutes-compliance/"' in html


def test_compliance_page_is_for_staff_only(session, client):
    response = client.get("/admin/sessions_app/sitting/minutes-compliance/")

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
