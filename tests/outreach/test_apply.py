"""A school applies for the 지방의회 체험 on the public form, and staff decide in the admin."""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from common.models import RateCounter
from council.models import Council
from outreach import services
from outreach.models import SchoolVisit, VisitApplication, VisitProgramSettings
from sessions_app.models import Session

URL = "/outreach/visits/apply/"


@pytest.fixture
def council(db):
    return Council.objects.create(name="금천구의회", district="금천구")


@pytest.fixture
def today(clock):
    """Seoul's date (the form's rules count from it), on the clock every test runs at."""
    return clock.today


@pytest.fixture
def session_ahead(council, today):
    """A session sitting from 20 to 30 days from now."""
    return Session.objects.create(
        council=council,
        number=300,
        kind=Session.Kind.REGULAR,
        first_day=today + datetime.timedelta(days=20),
        last_day=today + datetime.timedelta(days=30),
    )


def form_data(today, **overrides):
    data = {
        "school": "금나래초등학교",
        "level": "elementary",
        "contact_name": "김교사",
        "phone": "02 1234 5678",
        "email": "teacher@geumnarae.es.kr",
        "wished_date": (today + datetime.timedelta(days=10)).isoformat(),
        "pupils": "30",
        "teachers": "2",
        "message": "4학년 1반입니다.",
        "homepage": "",
    }
    data.update(overrides)
    return data


def errors_of(response) -> str:
    """The text of every field message on the page."""
    html = response.content.decode()
    return " ".join(re.findall(r'class="invalid-feedback">(.*?)</div>', html, re.S))


# ---------------------------------------------------------------- the page


def test_form_states_retention_and_hides_the_honeypot(client, council):
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "신청일로부터 1년 보관 후 파기" in html
    assert 'name="csrfmiddlewaretoken"' in html
    for label in ("학교명", "학교급", "담당 교사 이름", "연락처(전화)", "이메일", "희망일"):
        assert label in html
    # The honeypot is labelled for bots and hidden from people and screen readers.
    assert re.search(r'<div[^>]*class="hp-field"[^>]*aria-hidden="true"', html) or re.search(
        r'<div[^>]*aria-hidden="true"[^>]*class="hp-field"', html
    )
    assert 'for="id_homepage"' in html
    assert "style=" not in html and "<script>" not in html


def test_retention_follows_the_settings(client, council):
    VisitProgramSettings.objects.create(council=council, retention_months=6)
    assert "신청일로부터 6개월 보관 후 파기" in client.get(URL).content.decode()


# ---------------------------------------------------------------- a school applies


def test_valid_application_is_saved_and_confirmed_without_personal_data(client, council, today):
    response = client.post(URL, form_data(today))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("outreach:visit_apply_done") + "?ref=")

    application = VisitApplication.objects.get()
    assert application.status == VisitApplication.Status.RECEIVED
    assert application.program == VisitApplication.Program.EXPERIENCE
    assert application.phone == "02-1234-5678"  # normalised
    assert application.decided_at is None

    done = client.get(response["Location"])
    html = done.content.decode()
    assert done.status_code == 200
    assert "신청이 접수되었습니다" in html
    assert "금나래초등학교" in html and "지방의회 체험" in html and "접수" in html
    for personal in ("김교사", "02-1234-5678", "teacher@geumnarae.es.kr"):
        assert personal not in html


def test_a_session_day_is_accepted_as_plenary_observation(client, council, today, session_ahead):
    wished = today + datetime.timedelta(days=25)
    response = client.post(URL, form_data(today, wished_date=wished.isoformat()))
    assert response.status_code == 302
    application = VisitApplication.objects.get()
    assert application.program == VisitApplication.Program.OBSERVATION
    html = client.get(response["Location"]).content.decode()
    assert "본회의 참관으로 접수했습니다" in html
    assert "제300회 정례회" in html


def test_the_day_after_a_session_is_an_ordinary_visit(client, council, today, session_ahead):
    wished = session_ahead.last_day + datetime.timedelta(days=1)
    client.post(URL, form_data(today, wished_date=wished.isoformat()))
    assert VisitApplication.objects.get().program == VisitApplication.Program.EXPERIENCE


def test_tampered_confirmation_reference_is_a_korean_404(client, council):
    response = client.get(reverse("outreach:visit_apply_done") + "?ref=1:forged")
    assert response.status_code == 404
    assert "페이지를 찾을 수 없습니다" in response.content.decode()


# ---------------------------------------------------------------- the rules


def test_errors_keep_what_was_typed_and_speak_korean_per_field(client, council, today):
    data = form_data(
        today,
        wished_date=(today + datetime.timedelta(days=3)).isoformat(),
        pupils="41",
        teachers="6",
        phone="12345",
        email="not-an-email",
    )
    response = client.post(URL, data)
    assert response.status_code == 400
    html = response.content.decode()
    messages = errors_of(response)
    first = today + datetime.timedelta(days=7)
    assert f"{first.year}. {first.month}. {first.day}." in messages  # what is allowed
    assert "7일 뒤" in messages
    assert "1명부터 40명까지" in messages
    assert "1명부터 5명까지" in messages
    assert "전화번호 형식이 올바르지 않습니다" in messages
    assert "이메일 주소 형식이 올바르지 않습니다" in messages
    assert 'value="금나래초등학교"' in html and 'value="김교사"' in html
    assert "4학년 1반입니다." in html
    assert "입력 내용을 확인해 주세요" in html
    assert not VisitApplication.objects.exists()


def test_missing_fields_each_get_a_korean_message(client, council):
    response = client.post(URL, {"homepage": ""})
    assert response.status_code == 400
    messages = errors_of(response)
    for text in (
        "학교명을 입력해 주세요",
        "학교급(초등학교·중학교·고등학교)을 골라 주세요",
        "담당 교사 이름을 입력해 주세요",
        "전화번호를 입력해 주세요",
        "이메일 주소를 입력해 주세요",
        "희망일을 입력해 주세요",
        "참가 학생 수를 입력해 주세요",
    ):
        assert text in messages


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("level", "university", "초등학교, 중학교, 고등학교 중에서"),
        ("wished_date", "2024-13-45", "연-월-일 형식"),
        ("pupils", "많이", "숫자로 입력"),
        ("pupils", "0", "1명부터 40명까지"),
        ("teachers", "0", "1명부터 5명까지"),
        ("school", "가" * 101, "100자 이내"),
    ],
)
def test_each_rule_names_what_is_allowed(client, council, today, field, value, message):
    response = client.post(URL, form_data(today, **{field: value}))
    assert response.status_code == 400
    assert message in errors_of(response)


def test_the_date_must_be_within_the_horizon(client, council, today):
    late = today + datetime.timedelta(days=366)
    response = client.post(URL, form_data(today, wished_date=late.isoformat()))
    assert "까지 고를 수 있습니다" in errors_of(response)


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("010-1234-5678", "010-1234-5678"),
        ("01012345678", "010-1234-5678"),
        ("010 123 4567", "010-123-4567"),
        ("02-123-4567", "02-123-4567"),
        ("0212345678", "02-1234-5678"),
        ("031-123-4567", "031-123-4567"),
        ("070-1234-5678", "070-1234-5678"),
        ("1588-1234", "1588-1234"),
    ],
)
def test_korean_phone_formats_are_accepted_and_normalised(client, council, today, typed, stored):
    assert client.post(URL, form_data(today, phone=typed)).status_code == 302
    assert VisitApplication.objects.get().phone == stored


@pytest.mark.parametrize("typed", ["12345", "010-12-5678", "+1 555 123 4567", "099-123-4567"])
def test_other_phone_numbers_are_refused(client, council, today, typed):
    response = client.post(URL, form_data(today, phone=typed))
    assert "전화번호 형식이 올바르지 않습니다" in errors_of(response)


def test_staff_change_the_limits_in_the_settings(client, council, today):
    # The seed's 금나래초등학교 brought 183 pupils of 9 classes with 9 teachers.
    VisitProgramSettings.objects.create(
        council=council, lead_days=14, max_pupils=200, max_teachers=10
    )
    too_soon = form_data(today, wished_date=(today + datetime.timedelta(days=10)).isoformat())
    assert "14일 뒤" in errors_of(client.post(URL, too_soon))
    big = form_data(
        today,
        wished_date=(today + datetime.timedelta(days=15)).isoformat(),
        pupils="183",
        teachers="9",
    )
    assert client.post(URL, big).status_code == 302
    assert VisitApplication.objects.get().pupils == 183


def test_closed_form_shows_a_notice_and_saves_nothing(client, council, today):
    VisitProgramSettings.objects.create(council=council, accepting=False)
    response = client.post(URL, form_data(today))
    assert "지금은 온라인 신청을 받지 않습니다" in response.content.decode()
    assert not VisitApplication.objects.exists()


# ---------------------------------------------------------------- abuse


def test_a_filled_honeypot_looks_accepted_but_saves_nothing(client, council, today):
    response = client.post(URL, form_data(today, homepage="http://spam.example"))
    assert response.status_code == 302
    assert not VisitApplication.objects.exists()
    assert "신청을 받았습니다" in client.get(response["Location"]).content.decode()


def test_posting_without_csrf_token_is_refused_in_korean(council, today):
    client = Client(enforce_csrf_checks=True)
    response = client.post(URL, form_data(today))
    assert response.status_code == 403
    assert "보안 확인(CSRF)에 실패" in response.content.decode()
    assert not VisitApplication.objects.exists()


def nth(today, number: int) -> dict:
    """The form's data for the number-th of several different applications (another phone
    each, so none is a duplicate of another)."""
    return form_data(today, phone=f"010-1234-{5600 + number}")


def test_rate_limit_per_address_answers_429_in_korean(client, council, today, settings):
    settings.VISIT_APPLY_RATE = "2/3600"
    for number in range(2):
        assert client.post(URL, nth(today, number), REMOTE_ADDR="203.0.113.7").status_code == 302
    blocked = client.post(URL, nth(today, 2), REMOTE_ADDR="203.0.113.7")
    assert blocked.status_code == 429
    # Windows start on the hour: at 08:30 the next one begins in 30 minutes.
    assert blocked["Retry-After"] == "1800"
    assert "요청이 너무 많습니다" in blocked.content.decode()
    assert "약 30분 뒤에" in blocked.content.decode()
    assert VisitApplication.objects.count() == 2
    # Another address is not affected.
    assert client.post(URL, nth(today, 3), REMOTE_ADDR="203.0.113.8").status_code == 302


def test_the_limit_lifts_when_the_window_ends(client, council, today, settings, clock):
    settings.VISIT_APPLY_RATE = "1/3600"
    assert client.post(URL, nth(today, 0), REMOTE_ADDR="203.0.113.7").status_code == 302
    assert client.post(URL, nth(today, 1), REMOTE_ADDR="203.0.113.7").status_code == 429
    clock.travel_to(clock.now + datetime.timedelta(minutes=31))
    assert client.post(URL, nth(today, 1), REMOTE_ADDR="203.0.113.7").status_code == 302
    # The expired window's counter was deleted on the way.
    assert RateCounter.objects.count() == 1


def test_invalid_and_duplicate_posts_are_not_counted(client, council, today, settings):
    settings.VISIT_APPLY_RATE = "2/3600"
    address = {"REMOTE_ADDR": "203.0.113.7"}
    assert client.post(URL, form_data(today, phone="12345"), **address).status_code == 400
    assert client.post(URL, nth(today, 0), **address).status_code == 302
    assert client.post(URL, nth(today, 0), **address).status_code == 409  # the same again
    assert client.post(URL, nth(today, 1), **address).status_code == 302
    assert client.post(URL, nth(today, 2), **address).status_code == 429


def test_the_counter_keeps_no_address(client, council, today):
    client.post(URL, form_data(today), REMOTE_ADDR="203.0.113.7")
    counter = RateCounter.objects.get()
    assert counter.scope == "visit-apply" and counter.count == 1
    stored = " ".join(str(value) for value in RateCounter.objects.values_list().get())
    assert "203.0.113.7" not in stored
    assert len(counter.digest) == 64  # an HMAC-SHA256 keyed with SECRET_KEY


def test_the_limit_holds_while_the_cache_is_down(client, council, today, settings):
    """Counting does not use the cache: with Redis unreachable the limit still holds."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        }
    }
    settings.VISIT_APPLY_RATE = "1/3600"
    assert client.post(URL, nth(today, 0), REMOTE_ADDR="203.0.113.7").status_code == 302
    assert client.post(URL, nth(today, 1), REMOTE_ADDR="203.0.113.7").status_code == 429
    assert VisitApplication.objects.count() == 1


def behind_proxy(client_ip: str, spoofed: str = "198.51.100.1") -> dict:
    """What the app sees behind our proxy: REMOTE_ADDR is the proxy, the client's own
    (made-up) X-Forwarded-For entry on the left, the entry the proxy added on the right."""
    return {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": f"{spoofed}, {client_ip}"}


def test_behind_a_proxy_each_client_has_its_own_limit(client, council, today, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.VISIT_APPLY_RATE = "2/3600"
    for number in range(2):
        response = client.post(URL, nth(today, number), **behind_proxy("203.0.113.20"))
        assert response.status_code == 302
    assert client.post(URL, nth(today, 2), **behind_proxy("203.0.113.20")).status_code == 429
    # Changing the left-most, client-written entry does not escape the limit ...
    for spoofed in ("198.51.100.99", "203.0.113.21", "junk"):
        again = client.post(URL, nth(today, 3), **behind_proxy("203.0.113.20", spoofed))
        assert again.status_code == 429
    # ... while another client behind the same proxy is not affected.
    assert client.post(URL, nth(today, 4), **behind_proxy("203.0.113.21")).status_code == 302


def test_a_forged_forwarded_for_header_does_not_escape_the_limit(client, council, today, settings):
    """Without proxies of ours (the default), X-Forwarded-For is not read at all."""
    settings.VISIT_APPLY_RATE = "1/3600"
    assert client.post(URL, nth(today, 0), REMOTE_ADDR="203.0.113.9").status_code == 302
    forged = client.post(
        URL, nth(today, 1), REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="198.51.100.1"
    )
    assert forged.status_code == 429


# ---------------------------------------------------------------- duplicates


def test_the_same_application_again_is_refused_kindly_and_keeps_the_form(client, council, today):
    assert client.post(URL, form_data(today)).status_code == 302
    # A double click or a resubmission: the same school, day and phone (typed differently).
    again = form_data(today, school=" 금나래초등학교 ", phone="02-1234-5678", pupils="31")
    response = client.post(URL, again)
    assert response.status_code == 409
    html = response.content.decode()
    assert "이미 접수된 신청입니다" in html
    assert "같은 신청을 다시 보내지 않으셔도 됩니다" in html
    assert "처리 상태: 접수" in html
    assert "입력하신 내용은 그대로 남아 있습니다" in html
    assert 'value="31"' in html and 'value="김교사"' in html and "4학년 1반입니다." in html
    assert VisitApplication.objects.count() == 1


def test_other_days_phones_and_rejected_ones_are_not_duplicates(client, council, today):
    assert client.post(URL, form_data(today)).status_code == 302
    other_day = (today + datetime.timedelta(days=11)).isoformat()
    assert client.post(URL, form_data(today, wished_date=other_day)).status_code == 302
    assert client.post(URL, form_data(today, phone="010-9999-8888")).status_code == 302
    VisitApplication.objects.update(
        status=VisitApplication.Status.REJECTED, decided_at=timezone.now()
    )
    assert client.post(URL, form_data(today)).status_code == 302
    assert VisitApplication.objects.count() == 4


def test_the_service_refuses_a_duplicate_too(council, today):
    def submit():
        return services.submit_visit_application(
            council=council,
            school="금나래초등학교",
            level="elementary",
            contact_name="김교사",
            phone="02-1234-5678",
            email="t@school.kr",
            wished_date=today + datetime.timedelta(days=10),
            pupils=20,
            teachers=1,
        )

    first = submit()
    with pytest.raises(services.DuplicateApplication) as refused:
        submit()
    assert refused.value.existing == first


# ---------------------------------------------------------------- names


ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"


@pytest.mark.parametrize("field", ["school", "contact_name"])
@pytest.mark.parametrize(
    "value",
    [ZERO_WIDTH, "\u200b \u200b", "123", "---!!", "1-2\u200b3", "\u3164\u3164", "\u00ad\u200e"],
)
def test_a_name_needs_a_letter(client, council, today, field, value):
    response = client.post(URL, form_data(today, **{field: value}))
    assert response.status_code == 400
    messages = errors_of(response)
    what = "학교명에는" if field == "school" else "담당 교사 이름에는"
    assert f"{what} 글자(한글·영문 등)가 한 자 이상 들어가야 합니다" in messages
    assert "숫자·기호나 보이지 않는 문자만으로는 입력할 수 없습니다" in messages
    assert not VisitApplication.objects.exists()


def test_invisible_characters_are_not_stored_in_names(client, council, today):
    typed = form_data(
        today, school="금나래\u200b초등\ufeff학교", contact_name="\u2060김\u200d교사  Kim"
    )
    assert client.post(URL, typed).status_code == 302
    application = VisitApplication.objects.get()
    assert application.school == "금나래초등학교"
    assert application.contact_name == "김교사 Kim"


@pytest.mark.parametrize("name", ["O'Neil", "제2중학교", "Seoul Int'l School", "이-수진"])
def test_names_with_letters_and_marks_are_fine(client, council, today, name):
    assert client.post(URL, form_data(today, school=name, contact_name=name)).status_code == 302


# ---------------------------------------------------------------- staff decide


@pytest.fixture
def application(client, council, today):
    client.post(URL, form_data(today))
    return VisitApplication.objects.get()


def clerk(group: str, username: str) -> User:
    user = User.objects.create_user(username, password="x-unused-1234", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def test_approval_records_who_and_when_and_creates_the_visit(application):
    staff = clerk("의사팀", "proceedings")
    decided = services.decide_visit_application(
        application=application, status=VisitApplication.Status.APPROVED, decided_by=staff
    )
    assert decided.status == VisitApplication.Status.APPROVED
    assert decided.decided_by == staff
    assert decided.decided_at is not None
    visit = services.create_school_visit(application=decided, decided_by=staff)
    assert SchoolVisit.objects.get() == visit
    assert (visit.school, visit.pupils, visit.teachers) == ("금나래초등학교", 30, 2)
    assert visit.starts_on == application.wished_date
    # Made once: asking again returns the same record.
    assert services.create_school_visit(application=decided) == visit
    assert SchoolVisit.objects.count() == 1


def test_a_received_application_cannot_become_a_visit(application):
    with pytest.raises(ValueError, match="승인한 신청만"):
        services.create_school_visit(application=application)


def test_rejection_records_who_and_the_reason(application):
    staff = clerk("의사팀", "proceedings")
    decided = services.decide_visit_application(
        application=application,
        status=VisitApplication.Status.REJECTED,
        decided_by=staff,
        note="희망일에 본회의장 공사",
    )
    assert decided.status == VisitApplication.Status.REJECTED
    assert decided.decision_note == "희망일에 본회의장 공사"
    assert not SchoolVisit.objects.exists()


def test_personal_data_is_for_the_proceedings_team_only(client, application):
    url = reverse("admin:outreach_visitapplication_change", args=[application.pk])
    client.force_login(clerk("의회홍보팀", "pr"))
    assert client.get(url).status_code == 403
    client.force_login(clerk("의사팀", "proceedings"))
    response = client.get(url)
    assert response.status_code == 200
    assert "teacher@geumnarae.es.kr" in response.content.decode()


# ---------------------------------------------------------------- retention


def test_purge_erases_old_applications_and_their_history(council, today):
    def submit(school):
        return services.submit_visit_application(
            council=council,
            school=school,
            level="middle",
            contact_name="박교사",
            phone="010-1111-2222",
            email="park@school.kr",
            wished_date=today + datetime.timedelta(days=10),
            pupils=20,
            teachers=1,
        )

    old, recent = submit("오래된중학교"), submit("최근중학교")
    now = timezone.now()
    VisitApplication.objects.filter(pk=old.pk).update(
        submitted_at=now - datetime.timedelta(days=370)
    )
    VisitApplication.objects.filter(pk=recent.pk).update(
        submitted_at=now - datetime.timedelta(days=300)
    )
    assert VisitApplication.history.filter(id=old.pk).exists()

    out = __import__("io").StringIO()
    call_command("purge_visit_applications", stdout=out)

    assert "1건을 파기했습니다" in out.getvalue()
    assert list(VisitApplication.objects.values_list("school", flat=True)) == ["최근중학교"]
    assert not VisitApplication.history.filter(id=old.pk).exists()
    assert not VisitApplication.history.filter(email="park@school.kr", id=old.pk).exists()
    assert VisitApplication.history.filter(id=recent.pk).exists()


def test_retention_months_count_calendar_months():
    moment = datetime.datetime(2024, 3, 31, 12, 0, tzinfo=datetime.UTC)
    assert services._months_before(moment, 1) == moment.replace(month=2, day=29)
    assert services._months_before(moment, 12) == moment.replace(year=2023)
    assert services._months_before(moment, 15) == moment.replace(year=2022, month=12)


def test_staff_approve_in_the_admin_and_the_visit_is_recorded(client, application):
    staff = clerk("의사팀", "proceedings")
    client.force_login(staff)
    changelist = reverse("admin:outreach_visitapplication_changelist")
    assert "금나래초등학교" in client.get(changelist).content.decode()
    response = client.post(
        changelist,
        {"action": "approve_and_record_visit", "_selected_action": [application.pk]},
        follow=True,
    )
    assert "신청 1건을 승인했습니다" in response.content.decode()
    application.refresh_from_db()
    assert application.status == VisitApplication.Status.APPROVED
    assert application.decided_by == staff
    assert application.school_visit.school == "금나래초등학교"
    # The decision is in the record's history, with who made it.
    assert application.history.latest().history_user == staff


def test_staff_reject_in_the_admin(client, application):
    client.force_login(clerk("의사팀", "proceedings"))
    client.post(
        reverse("admin:outreach_visitapplication_changelist"),
        {"action": "reject", "_selected_action": [application.pk]},
    )
    application.refresh_from_db()
    assert application.status == VisitApplication.Status.REJECTED
    assert application.decided_at is not None
    assert not SchoolVisit.objects.exists()


def test_the_auditor_cannot_decide(client, application):
    client.force_login(clerk("감사(열람)", "auditor"))
    response = client.post(
        reverse("admin:outreach_visitapplication_changelist"),
        {"action": "approve", "_selected_action": [application.pk]},
    )
    assert response.status_code in (200, 302, 403)
    application.refresh_from_db()
    assert application.status == VisitApplication.Status.RECEIVED


# ---------------------------------------------------------------- errors, accessibly


def _html(response) -> str:
    return response.content.decode()


def test_the_error_summary_lists_every_error_with_a_link_to_its_field(client, council, today):
    response = client.post(URL, form_data(today, contact_name="", pupils="500", level=""))
    html = _html(response)

    assert response.status_code == 400
    assert re.search(r"<title>입력 오류 3건 - 지방의회 체험 신청 \| [^<]+</title>", html)
    summary = re.search(r'<div class="form-errors" id="error-summary"[^>]*>(.*?)</div>', html, re.S)
    assert summary
    opening = re.search(r'<div class="form-errors" id="error-summary"[^>]*>', html).group(0)
    assert 'tabindex="-1"' in opening and "autofocus" in opening
    links = re.findall(r'<a href="(#[^"]+)">([^<]+)</a>', summary.group(1))
    assert [href for href, _ in links] == ["#id_level_0", "#id_contact_name", "#id_pupils"]
    assert "담당 교사 이름을 입력해 주세요." in dict(links)["#id_contact_name"]
    for href, _ in links:  # every link has its target on the page
        assert f'id="{href[1:]}"' in html
    # The summary comes first, right under the page's heading.
    assert html.index('id="error-summary"') < html.index("privacy-notice")


def test_a_page_without_errors_has_no_summary_and_the_plain_title(client, council):
    html = _html(client.get(URL))
    assert "error-summary" not in html and "autofocus" not in html
    assert "<title>지방의회 체험 신청 | " in html


def test_the_radio_groups_error_belongs_to_the_group(client, council, today):
    html = _html(client.post(URL, form_data(today, level="")))

    group = re.search(r'<fieldset id="div_id_level"[^>]*>(.*?)</fieldset>', html, re.S)
    assert group
    opening = re.search(r'<fieldset id="div_id_level"[^>]*>', html).group(0)
    assert 'aria-describedby="id_level_error"' in opening and 'aria-required="true"' in opening
    body = group.group(1)
    # Legend, then the error, then the choices: not inside the last choice's box.
    assert body.index("<legend") < body.index('id="id_level_error"') < body.index('id="id_level_0"')
    assert body.count('class="form-check"') == 3
    for choice in re.findall(r'<div class="form-check">(.*?)</div>', body, re.S):
        assert "id_level_error" not in choice and "required" in choice


def test_required_fields_are_explained_and_required(client, council):
    html = _html(client.get(URL))
    assert "* </span> 표시는 필수 항목입니다" in html.replace("*</span>", "* </span>")
    assert html.index("필수 항목입니다") < html.index('id="id_school"')
    for name in ("school", "contact_name", "phone", "email", "wished_date", "pupils", "teachers"):
        tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', html).group(0)
        assert " required" in tag, name
    assert not re.search(r'<textarea[^>]*name="message"[^>]*required', html)
