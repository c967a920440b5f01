"""Every screen of the secretariat's admin opens for a superuser: the list, the add form and
the change form of the first record of every model of the four apps, so no model is
forgotten."""

import datetime

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from common.models import RateCounter
from council.models import Committee, CommitteeMembership, Member, Term
from council.services import member_save
from outreach.models import Monitor, MonitorCohort, VisitApplication, VisitProgramSettings
from sessions_app.models import (
    Attendance,
    Ballot,
    Body,
    Session,
    Sitting,
    Speech,
    VideoMark,
    Vote,
)

MAX_CHANGELIST_QUERIES = 15
REGISTERED = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)
APP_MODELS = ("common", "council", "sessions_app", "budget", "outreach", "legislation", "workplan")
# Bills' sponsors, actions and documents are kept on the bill's own screen (inlines).
INLINE_ONLY = {
    "legislation.BillSponsor",
    "legislation.BillAction",
    "legislation.BillDocument",
    "sessions_app.Ballot",  # entered on its vote's screen (VoteAdmin's BallotInline)
}


@pytest.fixture
def records(seeded):
    """The seed has no member list, memberships, sittings, monitors or visit applications; add
    one of each so every change form is opened with a real record."""
    member = member_save(
        member=Member(
            term=Term.objects.get(council=seeded, number=9), name="홍길동", role=Member.Role.CHAIR
        )
    )
    CommitteeMembership.objects.create(
        committee=Committee.objects.filter(council=seeded).first(),
        member=member,
        role=CommitteeMembership.Role.CHAIR,
    )
    session = Session.objects.filter(council=seeded).order_by("first_day").first()
    sitting = Sitting.objects.create(
        session=session,
        body=Body.objects.get(council=seeded, kind=Body.Kind.PLENARY),
        number=1,
        date=session.first_day,
        video_url="https://vod.example.kr/1.mp4",
    )
    VideoMark.objects.create(sitting=sitting, label="개회", offset_seconds=0)
    Attendance.objects.create(sitting=sitting, member=member, status="present")
    vote = Vote.objects.create(sitting=sitting, title="가상 조례안")
    Ballot.objects.create(vote=vote, member=member, choice="yes")
    Speech.objects.create(sitting=sitting, member=member, kind="free_speech", title="주제")
    Monitor.objects.create(
        cohort=MonitorCohort.objects.get(council=seeded, term_number=9, half="first"),
        name="김모니터",
        recommended_by=member,
        recommended_on=datetime.date(2023, 2, 15),
        resident_since=datetime.date(2010, 1, 1),
    )
    VisitProgramSettings.objects.get_or_create(council=seeded)
    VisitApplication.objects.create(
        council=seeded,
        school="금천초등학교",
        level=VisitApplication.Level.ELEMENTARY,
        contact_name="이선생",
        phone="02-123-4567",
        email="teacher@example.com",
        wished_date=datetime.date(2023, 5, 10),
        pupils=25,
    )
    RateCounter.objects.take("visit-apply", "203.0.113.1", limit=5, seconds=3600)
    from workplan.models import Rendition, WorkPlan

    Rendition.objects.create(work_plan=WorkPlan.objects.order_by("pk").first(), version="v1")
    Group.objects.get_or_create(name="의사팀")  # roles may already exist (audit app)
    return seeded


def test_every_model_of_the_four_apps_is_registered():
    from django.apps import apps

    missing = [
        model._meta.label
        for label in APP_MODELS
        for model in apps.get_app_config(label).get_models()
        if model not in admin.site._registry and model._meta.label not in INLINE_ONLY
    ]
    assert missing == []


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_every_screen_of_the_four_apps_opens_with_a_fixed_number_of_queries(
    admin_client, admin_user, records
):
    """Every model of the four apps, with records: the list (which annotates or joins what it
    shows: no query per row, N+1), the add form (403 where adding is switched off) and the
    change form of its first record. Failures are collected so one broken screen does not
    hide another. (The screens of auth and django-axes are the libraries' own.)"""
    request = RequestFactory().get("/")
    request.user = admin_user
    failures = []
    ours = [(m, a) for m, a in REGISTERED if m._meta.app_label in APP_MODELS]
    for model, model_admin in ours:
        label = model._meta.label
        with CaptureQueriesContext(connection) as queries:
            status = admin_client.get(admin_url(model, "changelist")).status_code
        if status != 200:
            failures.append(f"{label} list: {status}")
        elif len(queries) > MAX_CHANGELIST_QUERIES:
            failures.append(f"{label} list: {len(queries)} queries")

        expected = 200 if model_admin.has_add_permission(request) else 403
        status = admin_client.get(admin_url(model, "add")).status_code
        if status != expected:
            failures.append(f"{label} add: {status} (expected {expected})")

        obj = model.objects.order_by("pk").first()
        if obj is None:
            failures.append(f"{label}: no record to open")
            continue
        status = admin_client.get(admin_url(model, "change", obj.pk)).status_code
        if status != 200:
            failures.append(f"{label} change #{obj.pk}: {status}")

    assert failures == []
    assert len(ours) > 35


def test_staff_table_shows_its_totals(admin_client, seeded):
    response = admin_client.get(reverse("admin:council_stafftable_changelist"))

    row = response.content.decode()
    assert 'class="field-authorised_total">32<' in row
    assert 'class="field-current_total">23<' in row


def test_work_plan_lists_its_projects_with_links(admin_client, seeded):
    plan = seeded.work_plans.get(year=2023)

    response = admin_client.get(reverse("admin:workplan_workplan_change", args=[plan.pk]))

    page = response.content.decode()
    project = plan.projects.get(number=10)
    assert reverse("admin:workplan_project_change", args=[project.pk]) in page
    assert 'value="의회 전산장비 보강"' in page
