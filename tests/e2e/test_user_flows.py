"""What clerks and citizens do, done in a real browser against the live, seeded site.

Every tab obeys the site's Content-Security-Policy: a refused script or style fails the test.
The page cache is on, so each flow also proves that an edit shows at once.
"""

from __future__ import annotations

import datetime
import re

import pytest

from sessions_app.models import Session

from .conftest import admin_login
from .forms import pdf_text

pytestmark = pytest.mark.e2e


def _fill_session_form(page, *, number: int, kind: str, first: datetime.date, last: datetime.date):
    page.get_by_label("의회").select_option(label="금천구의회")
    page.get_by_label("회기 번호").fill(str(number))
    page.get_by_label("구분").select_option(label=kind)
    page.locator("#id_first_day").fill(first.isoformat())
    page.locator("#id_last_day").fill(last.isoformat())


def test_a_clerk_adds_a_session_and_a_citizen_finds_it_everywhere(
    site, clerk, page, browser, clock
):
    # Citizens have already seen (and so cached) the schedule, the feed and the home page.
    first = clock.today + datetime.timedelta(days=10)
    last = first + datetime.timedelta(days=4)
    year_schedule = f"{site}/sessions/?year={first.year}"
    citizen = browser.new_context(locale="ko-KR")
    for url in (year_schedule, f"{site}/sessions/calendar.ics", f"{site}/"):
        assert "제250회" not in citizen.request.get(url).text()

    # The clerk adds 제250회 임시회 with one agenda item in the admin.
    admin_login(page, site)
    page.goto(f"{site}/admin/sessions_app/session/add/")
    _fill_session_form(page, number=250, kind="임시회", first=first, last=last)
    page.get_by_text("주요 안건 더 추가하기").click()
    page.locator("input[name='agenda_items-0-title']").fill("금천구 청년 기본 조례안")
    page.get_by_role("button", name="저장", exact=True).click()
    expect_message = page.locator(".messagelist .success")
    assert "제250회" in expect_message.inner_text()

    session = Session.objects.get(number=250)
    assert (session.first_day, session.last_day) == (first, last)
    assert list(session.agenda_items.values_list("title", flat=True)) == ["금천구 청년 기본 조례안"]

    # A citizen finds it on the year's schedule, on its own page, in the feed and at home.
    tab = citizen.new_page()
    tab.goto(year_schedule)
    sessions = tab.get_by_role("table", name=re.compile(r"회기 \d+건"))
    row = sessions.get_by_role("row").filter(has_text="제250회")
    assert "임시회" in row.inner_text() and "5" in row.inner_text()
    row.get_by_role("link", name=re.compile("제250회")).click()
    tab.wait_for_url(f"{site}/sessions/250/")
    assert "금천구 청년 기본 조례안" in tab.locator("main").inner_text()

    feed = citizen.request.get(f"{site}/sessions/calendar.ics")
    assert feed.ok and feed.headers["content-type"].startswith("text/calendar")
    body = feed.text()
    assert "제250회" in body and f"DTSTART;VALUE=DATE:{first:%Y%m%d}" in body

    tab.goto(f"{site}/")
    featured = tab.locator(".featured-session")
    assert "다음 회기" in featured.inner_text() and "제250회" in featured.inner_text()
    citizen.close()


def test_a_clerk_is_refused_a_16_day_extraordinary_session(site, clerk, page, clock):
    first = clock.today + datetime.timedelta(days=20)
    admin_login(page, site)
    page.goto(f"{site}/admin/sessions_app/session/add/")
    _fill_session_form(
        page, number=251, kind="임시회", first=first, last=first + datetime.timedelta(days=15)
    )
    page.get_by_role("button", name="저장", exact=True).click()
    page.wait_for_load_state()

    assert page.locator(".errornote").is_visible(), f"the session was saved: {page.url}"
    errors = page.locator(".errornote, .errorlist").all_inner_texts()
    assert any("15일" in error for error in errors), errors
    assert page.url.endswith("/admin/sessions_app/session/add/")
    assert not Session.objects.filter(number=251).exists()

    # 15 days is allowed: the clerk shortens it by one day and it saves.
    page.locator("#id_last_day").fill((first + datetime.timedelta(days=14)).isoformat())
    page.get_by_role("button", name="저장", exact=True).click()
    page.wait_for_url(f"{site}/admin/sessions_app/session/")
    assert Session.objects.filter(number=251).exists()


def test_a_clerk_corrects_a_budget_amount_and_the_next_edition_shows_the_new_total(
    site, clerk, page, browser, tmp_path
):
    citizen = browser.new_context(locale="ko-KR", accept_downloads=True)
    before = citizen.request.get(f"{site}/workplan/2023.pdf")
    assert before.ok and before.headers["content-type"] == "application/pdf"
    assert "4,378" in pdf_text(before.body())  # 2023 total, 백만원; now cached

    # 의정활동지원 · 일반운영비 2023: 36 → 46 백만원.
    admin_login(page, site)
    page.goto(f"{site}/admin/budget/budgetitem/4/change/")
    amount = page.locator("input[name='amounts-0-amount']")
    assert page.locator("input[name='amounts-0-year']").input_value() == "2023"
    assert amount.input_value() == "36,000,000"  # shown with separators
    amount.fill("46,000,000")
    page.get_by_role("button", name="저장", exact=True).click()
    page.wait_for_url(re.compile(r"/admin/budget/budgetitem/(\?.*)?$"))

    # The published edition does not change by itself: the citizen still gets 4,378.
    unchanged = citizen.request.get(f"{site}/workplan/2023.pdf")
    assert "4,378" in pdf_text(unchanged.body()) and "4,388" not in pdf_text(unchanged.body())

    # The clerk publishes a correction (제2판), which the citizen then gets.
    from workplan.models import WorkPlan
    from workplan.services import work_plan_publish

    work_plan_publish(work_plan=WorkPlan.objects.get(year=2023), user=clerk, note="예산액 정정")

    # The citizen downloads the work plan from its page, as a person would.
    tab = citizen.new_page()
    tab.goto(f"{site}/workplan/2023/")
    with tab.expect_download() as download_info:
        tab.get_by_role("link", name=re.compile("PDF")).first.click()
    saved = tmp_path / "workplan-2023.pdf"
    download_info.value.save_as(saved)
    text = pdf_text(saved.read_bytes())
    assert "4,388" in text and "4,378" not in text
    citizen.close()


def test_a_citizen_switches_budget_units_and_years(site, page):
    response = page.goto(f"{site}/budget/2023/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    lead = page.locator(".lead")
    assert "4,378백만원" in lead.inner_text()

    page.get_by_role("navigation", name="금액 단위 선택").get_by_role("link", name="천원").click()
    page.wait_for_url(re.compile(r"/budget/2023/\?unit="))
    assert "4,378,000천원" in lead.inner_text()
    assert "(단위: 천원" in page.locator("main").inner_text()

    page.get_by_role("navigation", name="연도 선택").get_by_role("link", name="2022년").click()
    page.wait_for_url(re.compile(r"/budget/2022/\?unit="))
    assert page.get_by_role("heading", level=1).inner_text().startswith("2022년 예산")
    assert "3,669,000천원" in lead.inner_text()

    page.get_by_role("navigation", name="금액 단위 선택").get_by_role("link", name="백만원").click()
    page.wait_for_url(f"{site}/budget/2022/")
    assert "3,669백만원" in lead.inner_text()
