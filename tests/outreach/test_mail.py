"""A school-visit application is e-mailed: the new application to the responsible team and a
confirmation to the applicant; the staff's decision to the applicant, an approved visit with
an .ics file. Mail goes by tasks (run inside the call here, Django Q2's sync mode, except
where a test queues them as production does), so a mail server that fails never fails the
form or the admin."""

from __future__ import annotations

import datetime
import os
import smtplib
import subprocess
import sys
from multiprocessing import Queue, Value
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.urls import reverse
from django_q import monitor as q_monitor
from django_q import worker as q_worker
from django_q.conf import Conf
from django_q.models import Failure, OrmQ, Success
from django_q.monitor import monitor
from django_q.signing import SignedPackage
from icalendar import Calendar

from council.models import Council, SecretariatUnit
from outreach import services
from outreach.models import VisitApplication
from tests.outreach.test_apply import form_data as apply_form_data

URL = "/outreach/visits/apply/"
ROOT = Path(__file__).resolve().parents[2]

# The clock of every test (tests/conftest.py) is 2026-12-01 in Seoul; form_data wishes for ten
# days later.
WISHED = datetime.date(2026, 12, 11)
WISHED_LABEL = "2026. 12. 11.(금)"
TEAM_EMAIL = "uisa@council.example.kr"
TEACHER = "teacher@geumnarae.es.kr"


@pytest.fixture
def council(db):
    council = Council.objects.create(
        name="금천구의회",
        district="금천구",
        address="서울특별시 금천구 시흥대로73길 70",
        phone="02-2627-2114",
        calendar_uid_domain="council.example.kr",
    )
    SecretariatUnit.objects.create(
        council=council, kind=SecretariatUnit.Kind.BUREAU, name="의회사무국", order=1
    )
    SecretariatUnit.objects.create(
        council=council,
        kind=SecretariatUnit.Kind.TEAM,
        name="의사팀",
        role=SecretariatUnit.Role.PROCEEDINGS,
        phone="02-2627-2120",
        email=TEAM_EMAIL,
        order=2,
    )
    return council


def form_data(**overrides):
    """The school-visit form as test_apply fills it, wishing for WISHED."""
    return apply_form_data(WISHED - datetime.timedelta(days=10), **overrides)


def mail_to(address: str) -> list:
    return [message for message in mail.outbox if address in message.to]


@pytest.fixture
def application(client, council):
    assert client.post(URL, form_data()).status_code == 302
    mail.outbox.clear()
    return VisitApplication.objects.get()


def clerk() -> User:
    user = User.objects.filter(username="proceedings").first()
    if user is None:
        user = User.objects.create_user("proceedings", password="x-unused-1234", is_staff=True)
        user.groups.add(Group.objects.get(name="의사팀"))
    return user


def decide_in_admin(client, application, action: str):
    client.force_login(clerk())
    return client.post(
        reverse("admin:outreach_visitapplication_changelist"),
        {"action": action, "_selected_action": [application.pk]},
        follow=True,
    )


@pytest.fixture
def queued_only(monkeypatch):
    """Tasks wait in the queue for a worker, as in production."""
    monkeypatch.setattr(Conf, "SYNC", False)


def run_queued_tasks(monkeypatch) -> None:
    """What a worker does with each queued task: run it and record the outcome (Success or
    Failure), through Django Q2's own worker and monitor. (Outside sync mode both close old
    database connections first; here that would close the test's transaction, which on
    PostgreSQL ends the test's connection.)"""
    monkeypatch.setattr(q_worker, "close_old_django_connections", lambda: None)
    monkeypatch.setattr(q_monitor, "close_old_django_connections", lambda: None)
    for package in OrmQ.objects.order_by("pk"):
        task = SignedPackage.loads(package.payload)
        package.delete()  # acknowledged, failed or not (settings: ack_failures)
        tasks, results = Queue(), Queue()
        tasks.put(task)
        tasks.put("STOP")
        q_worker.worker(tasks, results, Value("f", -1))
        results.put("STOP")
        monitor(results)


@pytest.fixture
def smtp_down(monkeypatch):
    """Every attempt to send mail fails as with a mail server that went away."""

    def refuse(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)


# ---------------------------------------------------------------- a school applies


def test_a_new_application_is_mailed_to_the_team_and_confirmed_to_the_applicant(client, council):
    response = client.post(URL, form_data())
    assert response.status_code == 302

    (team,) = mail_to(TEAM_EMAIL)
    assert team.subject == f"[지방의회 체험 신청] 금나래초등학교 {WISHED_LABEL} 학생 30명"
    assert team.reply_to == [TEACHER]  # the team answers the teacher directly
    assert WISHED_LABEL in team.body
    assert "학생 30명, 인솔교사 2명" in team.body
    for detail in ("김교사", "02-1234-5678", TEACHER, "4학년 1반입니다."):
        assert detail in team.body
    assert "승인 또는 반려" in team.body

    (confirmation,) = mail_to(TEACHER)
    assert (
        confirmation.subject == f"[금천구의회] 지방의회 체험 신청이 접수되었습니다 ({WISHED_LABEL})"
    )
    assert confirmation.reply_to == [TEAM_EMAIL]
    body = confirmation.body
    assert body.startswith("김교사 선생님, 안녕하세요.")
    assert f"희망일: {WISHED_LABEL}" in body
    assert "학생 30명, 인솔교사 2명" in body
    assert "다음 단계" in body and "승인 또는 반려 결과를 이 이메일 주소로 알려 드립니다" in body
    assert "의회사무국 의사팀" in body and "02-2627-2120" in body
    assert "신청일로부터 1년 보관 후 파기" in body
    assert "&" not in body  # plain text, nothing HTML-escaped
    assert len(mail.outbox) == 2


def test_a_names_special_characters_stay_as_typed(client, council):
    client.post(URL, form_data(school="A&B 초등학교"))
    assert all("A&B 초등학교" in message.body for message in mail.outbox)
    assert "&amp;" not in mail.outbox[0].body


def test_a_session_day_is_announced_as_plenary_observation(client, council):
    from sessions_app.models import Session

    Session.objects.create(
        council=council,
        number=300,
        kind=Session.Kind.REGULAR,
        first_day=WISHED - datetime.timedelta(days=1),
        last_day=WISHED + datetime.timedelta(days=5),
    )
    client.post(URL, form_data())
    (confirmation,) = mail_to(TEACHER)
    assert "본회의 참관 신청이 접수되었습니다" in confirmation.subject
    assert "본회의 참관으로 진행합니다" in confirmation.body


def test_without_a_team_address_the_bureau_gets_it(client, council):
    SecretariatUnit.objects.filter(role=SecretariatUnit.Role.PROCEEDINGS).update(email="")
    SecretariatUnit.objects.filter(kind=SecretariatUnit.Kind.BUREAU).update(
        email="bureau@council.example.kr"
    )
    client.post(URL, form_data())
    assert len(mail_to("bureau@council.example.kr")) == 1
    assert mail_to(TEACHER)[0].reply_to == ["bureau@council.example.kr"]


def test_without_any_address_only_the_applicant_is_mailed(client, council):
    SecretariatUnit.objects.update(email="")
    client.post(URL, form_data())
    assert [message.to for message in mail.outbox] == [[TEACHER]]
    assert mail.outbox[0].reply_to == []
    assert Success.objects.filter(result="skipped: no address to send to").count() == 1


def test_a_refused_form_sends_nothing(client, council):
    response = client.post(URL, form_data(pupils="500"))
    assert response.status_code == 400
    assert mail.outbox == []


# ---------------------------------------------------------------- staff decide


def test_an_approved_visit_is_mailed_with_its_day_as_a_calendar_file(client, application):
    response = decide_in_admin(client, application, "approve")
    assert "신청 1건을 승인했습니다" in response.content.decode()

    (message,) = mail.outbox
    assert message.to == [TEACHER]
    assert message.subject == f"[금천구의회] 지방의회 체험 신청이 승인되었습니다 ({WISHED_LABEL})"
    assert f"희망일: {WISHED_LABEL}" in message.body
    assert "장소: 서울특별시 금천구 시흥대로73길 70" in message.body
    assert "02-2627-2120" in message.body

    ((filename, content, mimetype),) = message.attachments
    assert filename == "visit-20261211.ics"
    assert mimetype == "text/calendar"
    (event,) = Calendar.from_ical(content).walk("VEVENT")
    assert event.decoded("dtstart") == WISHED  # an all-day event on the day
    assert event.decoded("dtend") == WISHED + datetime.timedelta(days=1)
    assert str(event["uid"]) == f"visit-application-{application.pk}@council.example.kr"
    assert str(event["summary"]) == "금천구의회 지방의회 체험"
    assert str(event["location"]) == "서울특별시 금천구 시흥대로73길 70"
    assert "금나래초등학교 학생 30명, 인솔교사 2명" in str(event["description"])


def test_approving_and_recording_the_visit_mails_once(client, application):
    decide_in_admin(client, application, "approve_and_record_visit")
    assert len(mail.outbox) == 1
    assert "승인되었습니다" in mail.outbox[0].subject


def test_a_rejection_is_mailed_with_its_reason_and_no_calendar_file(client, application):
    services.decide_visit_application(
        application=application,
        status=VisitApplication.Status.REJECTED,
        decided_by=clerk(),
        note="희망일에 본회의장 공사",
    )
    (message,) = mail.outbox
    assert message.to == [TEACHER]
    assert message.subject == f"[금천구의회] 지방의회 체험 신청이 반려되었습니다 ({WISHED_LABEL})"
    assert "반려 사유: 희망일에 본회의장 공사" in message.body
    assert "다른 날짜로 다시 신청하실 수 있습니다" in message.body
    assert message.attachments == []


def test_the_same_decision_twice_is_mailed_once(client, application):
    decide_in_admin(client, application, "approve")
    decide_in_admin(client, application, "approve")
    assert len(mail.outbox) == 1


def test_a_decision_changed_before_its_mail_went_is_not_mailed(
    client, application, queued_only, monkeypatch
):
    staff = clerk()
    for status in (VisitApplication.Status.APPROVED, VisitApplication.Status.REJECTED):
        services.decide_visit_application(application=application, status=status, decided_by=staff)
    run_queued_tasks(monkeypatch)
    (message,) = mail.outbox
    assert "반려되었습니다" in message.subject


def test_an_erased_application_is_not_mailed(application, queued_only, monkeypatch):
    services.decide_visit_application(
        application=application, status=VisitApplication.Status.APPROVED, decided_by=clerk()
    )
    task_name = f"visit-mail-approved-{application.pk}"
    VisitApplication.objects.all().delete()
    run_queued_tasks(monkeypatch)
    assert mail.outbox == []
    assert Success.objects.get(name=task_name).result == "skipped: the application was erased"


# ---------------------------------------------------------------- a mail server outage


def test_with_the_mail_server_down_the_application_is_saved_and_confirmed(
    client, council, queued_only, smtp_down, monkeypatch
):
    response = client.post(URL, form_data())

    assert response.status_code == 302
    assert VisitApplication.objects.get().school == "금나래초등학교"
    done = client.get(response["Location"])
    assert done.status_code == 200
    assert "신청이 접수되었습니다" in done.content.decode()
    assert OrmQ.objects.count() == 2  # the team's mail and the confirmation, for a worker

    run_queued_tasks(monkeypatch)

    assert mail.outbox == []
    failures = list(Failure.objects.order_by("name"))
    assert [f.func for f in failures] == ["outreach.tasks.send_visit_mail"] * 2
    assert all("SMTPServerDisconnected" in f.result for f in failures)
    assert VisitApplication.objects.count() == 1  # the failed tasks touched nothing


def test_with_the_mail_server_down_the_decision_is_saved(
    client, application, queued_only, smtp_down, monkeypatch
):
    response = decide_in_admin(client, application, "approve")

    assert "신청 1건을 승인했습니다" in response.content.decode()
    application.refresh_from_db()
    assert application.status == VisitApplication.Status.APPROVED
    run_queued_tasks(monkeypatch)
    assert Failure.objects.get().args == (application.pk, "approved")


# ---------------------------------------------------------------- settings


def _mail_settings(**env) -> str:
    base = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": os.environ.get("HOME", "/")}
    code = (
        "import portal.settings as s; print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, "
        "s.EMAIL_HOST_USER, s.EMAIL_HOST_PASSWORD, s.EMAIL_USE_TLS, s.DEFAULT_FROM_EMAIL)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_development_prints_mail_and_production_sends_it_by_smtp_from_the_environment():
    assert _mail_settings(DJANGO_DEBUG="1").startswith(
        "django.core.mail.backends.console.EmailBackend "
    )
    assert _mail_settings(
        DJANGO_SECRET_KEY="x" * 50,
        DJANGO_EMAIL_HOST="smtp.example.kr",
        DJANGO_EMAIL_PORT="587",
        DJANGO_EMAIL_HOST_USER="portal",
        DJANGO_EMAIL_HOST_PASSWORD="secret",
        DJANGO_EMAIL_USE_TLS="1",
        DJANGO_DEFAULT_FROM_EMAIL="noreply@council.example.kr",
    ) == (
        "django.core.mail.backends.smtp.EmailBackend smtp.example.kr 587 portal secret True "
        "noreply@council.example.kr"
    )
