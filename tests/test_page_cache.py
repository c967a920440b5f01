"""Public pages are rendered once per change of their records, and never shown stale.

A citizen's second visit is served from the shared cache with no database work beyond reading
the data versions; a clerk's edit or deletion in the admin shows on the very next visit.
"""

from __future__ import annotations

import pytest

from tests.e2e.forms import form_values, pdf_text

# Public pages and downloads that are cached whole (common/caching.py).
CACHED_PAGES = [
    "/",
    "/sessions/",
    "/sessions/?year=2022",
    "/sessions/242/",
    "/sessions/calendar.ics",
    "/sessions/242.ics",
    "/budget/2023/",
    "/budget/2023/?unit=천원",
    "/budget/2023.csv",
    "/budget/2023.json",
    "/outreach/",
    "/council/",
    "/workplan/2023/",
]


def admin_form(admin_client, url: str) -> dict[str, list[str]]:
    response = admin_client.get(url)
    assert response.status_code == 200
    return form_values(response.content.decode())


@pytest.mark.parametrize("path", CACHED_PAGES)
def test_second_visit_is_served_from_the_cache_without_database_work(
    seeded, client, django_assert_max_num_queries, path
):
    first = client.get(path)
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"

    # Reading the data versions (and, with the database cache, the cached page itself).
    with django_assert_max_num_queries(2):
        second = client.get(path)

    assert second.status_code == 200
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_second_download_of_the_work_plan_pdf_is_served_from_the_cache(
    seeded, client, django_assert_max_num_queries
):
    first = client.get("/workplan/2023.pdf")
    assert first.status_code == 200 and first["X-Workplan-Cache"] == "miss"

    # The version lookup and the cached PDF (a query with the database cache, none with
    # Redis); the file name is cached with it. No rendering and no figure computed.
    with django_assert_max_num_queries(2):
        second = client.get("/workplan/2023.pdf")

    assert second["X-Workplan-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == "application/pdf"


def test_a_clerks_budget_edit_shows_on_the_next_visit_page_and_pdf(seeded, client, admin_client):
    # 의정활동지원 · 일반운영비 (budget item 4): 2023 amount 36 백만원, total 4,378 백만원.
    assert "4,378" in client.get("/budget/2023/").content.decode()
    assert "4,378" in pdf_text(client.get("/workplan/2023.pdf").content)
    assert client.get("/budget/2023/")["X-Page-Cache"] == "hit"

    url = "/admin/budget/budgetitem/4/change/"
    data = admin_form(admin_client, url)
    assert data["amounts-0-year"] == ["2023"] and data["amounts-0-amount"] == ["36000000"]
    data["amounts-0-amount"] = ["46000000"]
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]

    page = client.get("/budget/2023/")
    assert page["X-Page-Cache"] == "miss"
    html = page.content.decode()
    assert "4,388" in html and "4,378" not in html
    pdf = client.get("/workplan/2023.pdf")
    assert pdf["X-Workplan-Cache"] == "miss"
    text = pdf_text(pdf.content)
    assert "4,388" in text and "4,378" not in text


def test_a_clerks_deletion_shows_on_the_next_visit(seeded, client, admin_client):
    from sessions_app.models import Session

    assert "제245회" in client.get("/sessions/?year=2023").content.decode()
    assert "제245회" in client.get("/sessions/calendar.ics").content.decode()
    assert client.get("/sessions/?year=2023")["X-Page-Cache"] == "hit"

    session = Session.objects.get(number=245)
    response = admin_client.post(
        f"/admin/sessions_app/session/{session.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Session.objects.filter(number=245).exists()

    page = client.get("/sessions/?year=2023")
    assert page["X-Page-Cache"] == "miss"
    assert "제245회" not in page.content.decode()
    assert "제244회" in page.content.decode()
    assert "제245회" not in client.get("/sessions/calendar.ics").content.decode()


def test_staff_browsing_the_public_site_get_fresh_pages_and_leave_the_cache_alone(
    seeded, client, admin_client
):
    assert "X-Page-Cache" not in admin_client.get("/sessions/")
    assert client.get("/sessions/")["X-Page-Cache"] == "miss"


def test_page_cache_can_be_switched_off(seeded, client, settings):
    settings.PAGE_CACHE_ENABLED = False
    client.get("/budget/2023/")
    assert "X-Page-Cache" not in client.get("/budget/2023/")


def test_a_deploy_that_changes_a_template_never_serves_what_the_old_code_cached(tmp_path, settings):
    """Cache keys hold a fingerprint of the code, templates and styles as well as the data
    versions: new print CSS must not wait for a record edit to reach the PDF."""
    from common import versioning

    settings.BASE_DIR = tmp_path
    template = tmp_path / "templates" / "workplan" / "print.html"
    template.parent.mkdir(parents=True)
    template.write_text("<p>old layout</p>")
    try:
        versioning.code_fingerprint.cache_clear()
        before = versioning.code_fingerprint()
        template.write_text("<p>new layout</p>")
        versioning.code_fingerprint.cache_clear()
        after = versioning.code_fingerprint()
    finally:
        versioning.code_fingerprint.cache_clear()

    assert before != after
