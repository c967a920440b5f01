"""`manage.py generate_demo --years N`: a fictional council with N years of valid records,
the same for the same arguments, only into an empty database; every public page of its
latest year renders."""

from __future__ import annotations

import datetime
from collections import Counter

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import transaction

from budget.models import BudgetAmount, BudgetItem
from common import figures
from council.models import Council, Member, Term
from outreach.models import PRFigure, PRYear
from portal import demo
from sessions_app import rules
from sessions_app.models import AgendaItem, Session, SessionRules, Sitting
from workplan.models import PlanItem, Project, ProjectFinancing, ProjectSection, WorkPlan

pytestmark = pytest.mark.django_db


def _domain_records():
    for label in settings.DOMAIN_APPS:
        for model in apps.get_app_config(label).get_models():
            yield from model._default_manager.all()


def _fingerprint() -> list:
    """What a second run with the same arguments must give again."""
    return [
        list(Session.objects.values_list("number", "kind", "first_day", "last_day")),
        list(Sitting.objects.order_by("pk").values_list("body__slug", "date", "starts_at")),
        list(AgendaItem.objects.order_by("pk").values_list("title", flat=True)),
        list(BudgetAmount.objects.order_by("pk").values_list("item__name", "year", "amount")),
        list(PRFigure.objects.order_by("pk").values_list("channel__name", "count", "cost")),
        list(ProjectFinancing.objects.order_by("pk").values_list("year", "amount")),
    ]


def test_one_year_is_a_whole_valid_council(clock):
    summary = demo.generate(years=1)

    year = clock.today.year
    assert (summary.first_year, summary.last_year) == (year, year)
    council = Council.objects.get()
    assert "예시" in council.name
    assert Member.objects.count() >= 15  # made-up members
    assert Term.objects.filter(starts_on__lte=datetime.date(year, 1, 1)).exists()
    sessions = list(Session.objects.all())
    assert 8 <= len(sessions) <= 10
    kinds = Counter(s.kind for s in sessions)
    assert kinds[Session.Kind.REGULAR] == 2
    limits = SessionRules.objects.get()
    days = sum(figures.days_inclusive(s.first_day, s.last_day) for s in sessions)
    assert 85 <= days <= limits.max_days_per_year
    for session in sessions:
        others = [o for o in sessions if o.pk != session.pk]
        assert rules.ordinance_errors(session, others=others, rules=limits) == {}
        assert session.agenda_items.exists()
        assert session.sittings.filter(body__kind="plenary").exists()
    assert Sitting.objects.count() >= 8 * len(sessions)
    assert AgendaItem.objects.filter(bodies__isnull=True).count() == 0
    assert 200 <= BudgetItem.objects.count() <= 400  # a few hundred lines
    assert BudgetAmount.objects.filter(year=year).count() >= 150
    assert PRYear.objects.count() == 1 and PRFigure.objects.exists()
    plan = WorkPlan.objects.get(year=year)
    assert Project.objects.filter(plan=plan).count() == 8
    assert ProjectSection.objects.exists() and PlanItem.objects.exists()
    assert ProjectFinancing.objects.filter(project__plan=plan, year=year).exists()
    assert sum(summary.counts.values()) == sum(1 for _ in _domain_records())

    # Every record passes the whole of its model's validation, the database's constraints
    # (unique numbers, names …) checked by Django as well.
    for record in _domain_records():
        record.full_clean()


def test_three_years_give_each_year_its_records(clock):
    summary = demo.generate(years=3, first_year=2022)

    assert (summary.first_year, summary.last_year) == (2022, 2024)
    per_year = Counter(s.first_day.year for s in Session.objects.all())
    assert sorted(per_year) == [2022, 2023, 2024]
    assert all(8 <= count <= 10 for count in per_year.values())
    numbers = list(Session.objects.in_date_order().values_list("number", flat=True))
    assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))  # consecutive
    limits = SessionRules.objects.get()
    sessions = list(Session.objects.all())
    for session in sessions:
        others = [o for o in sessions if o.pk != session.pk]
        assert rules.ordinance_errors(session, others=others, rules=limits) == {}
        for sitting in session.sittings.all():
            assert session.first_day <= sitting.date <= session.last_day
            assert sitting.date.weekday() < 5
    # About 150 sittings a year, as a district council holds: mostly its committees'.
    sittings = Counter(s.date.year for s in Sitting.objects.all())
    assert sorted(sittings) == [2022, 2023, 2024]
    assert all(130 <= count <= 175 for count in sittings.values()), sittings
    plenary = Sitting.objects.filter(body__kind="plenary").count()
    assert 3 * plenary < sum(sittings.values()) < 8 * plenary
    assert sorted(WorkPlan.objects.values_list("year", flat=True)) == [2022, 2023, 2024]
    assert set(BudgetAmount.objects.values_list("year", flat=True)) == {2022, 2023, 2024}
    assert set(PRYear.objects.values_list("year", flat=True)) == {2022, 2023, 2024}
    # Held sessions are records, those after today (2026-12-01) would be planned: none here.
    assert not Session.objects.exclude(date_status=Session.DateStatus.HELD).exists()
    for sitting in Sitting.objects.all()[:200]:
        sitting.full_clean()


def test_same_arguments_give_the_same_records():
    made = []
    for _ in range(2):
        with transaction.atomic():
            demo.generate(years=2, first_year=2020, seed=7)
            made.append(_fingerprint())
            transaction.set_rollback(True)
    assert made[0] == made[1] and made[0][0]

    with transaction.atomic():
        demo.generate(years=2, first_year=2020, seed=8)
        assert _fingerprint() != made[0]
        transaction.set_rollback(True)


def test_latest_year_plans_what_is_still_ahead(clock):
    demo.generate(years=1)

    today = clock.today
    ahead = Session.objects.filter(first_day__gt=today)
    assert all(s.date_status == Session.DateStatus.PLANNED for s in ahead)
    assert not Sitting.objects.filter(date__gte=today, minutes_published_on__isnull=False)


@pytest.mark.parametrize("years", [1, 3])
def test_every_public_page_of_the_latest_year_renders(client, clock, years):
    summary = demo.generate(years=years)

    urls = demo.public_urls(summary.last_year)
    assert len(urls) > 25
    for url in urls:
        response = client.get(url.path)
        assert response.status_code == url.status, url.path
        if url.status == 200:  # the attendance's open data is streamed
            assert response.getvalue() if response.streaming else response.content, url.path
    html = client.get(f"/sessions/?year={summary.last_year}").content.decode()
    assert "가상구의회" in html
    feed = client.get("/sessions/calendar.ics").content.decode()
    assert feed.count("BEGIN:VEVENT") == Session.objects.count() + Sitting.objects.count()


def test_refuses_a_database_with_records():
    Council.objects.create(name="어느 의회", district="어느 구")

    with pytest.raises(CommandError, match="이미 기록이 있어 예시 데이터를 만들지 않았습니다"):
        call_command("generate_demo", "--years", "1")
    assert Council.objects.count() == 1
    assert not Session.objects.exists()


def test_refuses_to_run_twice(capsys):
    call_command("generate_demo", "--years", "1")
    out = capsys.readouterr().out
    assert "예시 데이터를 만들었습니다" in out
    made = Session.objects.count()

    with pytest.raises(CommandError, match="빈 데이터베이스에만"):
        call_command("generate_demo", "--years", "1")
    assert Session.objects.count() == made


def test_refuses_years_out_of_range():
    with pytest.raises(CommandError, match="연도 수는"):
        call_command("generate_demo", "--years", "0")
    assert not Council.objects.exists()


def test_members_attend_and_sponsor_bills_that_move_to_their_decision(client, clock):
    """The demo's members (made-up names) attend their bodies' sittings, sponsor ordinances,
    and the agenda's bills carry their actions up to today; a member's page counts them."""
    from legislation.models import Bill, BillAction, BillSponsor
    from sessions_app.models import Attendance

    demo.generate(years=2)
    members = Member.objects.select_related("person")
    assert all(m.name.startswith("가상") for m in members)
    assert Member.objects.values("person").distinct().count() < members.count()  # re-elected
    held = Sitting.objects.filter(date__lte=clock.today)
    assert Attendance.objects.count() >= held.count()
    assert not Attendance.objects.filter(sitting__date__gt=clock.today).exists()
    assert Bill.objects.filter(kind=Bill.Kind.BUDGET).exists()
    assert BillAction.objects.filter(kind=BillAction.Kind.PROMULGATION).exists()
    assert not BillAction.objects.filter(date__gt=clock.today).exists()
    lead = BillSponsor.objects.filter(role="lead").select_related("member").first()
    member = lead.member
    page = client.get(f"/members/{member.pk}/").content.decode()
    n = BillSponsor.objects.filter(member=member, role="lead").count()
    assert f"대표발의 {n}건" in page
    present = Attendance.objects.filter(
        member=member, status="present", sitting__body__kind="plenary"
    ).count()
    assert f'<th scope="row">본회의</th>\n            <td class="num">{present}</td>' in page


def test_the_demo_records_a_few_votes_and_speeches_a_year(client, clock):
    """Held plenary sittings carry some recorded votes (the members present vote) and
    speeches; the sitting's page shows the tally, the speaker's page counts the speeches."""
    from sessions_app.models import Attendance, Ballot, Speech, Vote

    demo.generate(years=2)
    votes = Vote.objects.select_related("sitting__session", "sitting__body")
    assert votes.exists() and Speech.objects.filter(kind="question").exists()
    assert Speech.objects.filter(kind="free_speech").exists()
    assert all(v.sitting.body.is_plenary and v.sitting.date <= clock.today for v in votes)
    vote = votes.first()
    present = Attendance.objects.filter(sitting=vote.sitting, status="present").count()
    assert vote.ballots.count() == present
    yes = vote.ballots.filter(choice=Ballot.Choice.YES).count()
    sitting = vote.sitting
    html = client.get(f"/sessions/{sitting.session.number}/sittings/{sitting.pk}/").content
    assert f"{vote.title}: 찬성 {yes}명".encode() in html
    speech = Speech.objects.select_related("member").first()
    page = client.get(f"/members/{speech.member.pk}/").content.decode()
    assert speech.title in page
