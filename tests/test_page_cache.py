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
    "/sessions/feed/",
    "/sessions/bodies/budget/feed/",
    "/sessions/bodies/budget/",
    "/sessions/minutes/",
    "/sessions/sittings.csv",
    "/sessions/sessions.json",
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


@pytest.mark.parametrize("path", ["/", "/budget/2023/", "/sessions/calendar.ics"])
def test_a_hit_carries_the_same_security_headers_as_the_page_it_replays(seeded, client, path):
    """A hit is answered before most of the middleware (common.caching.PageCacheMiddleware):
    the headers that middleware gave the rendered page come with every hit all the same."""
    first = client.get(path)
    second = client.get(path)
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    for header in (
        "Content-Security-Policy",
        "X-Frame-Options",
        "Permissions-Policy",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
        "Content-Type",
        "Content-Language",
    ):
        assert second[header] == first[header], header
    assert "frame-ancestors 'none'" in second["Content-Security-Policy"]
    assert "Set-Cookie" not in second


def test_second_download_of_the_work_plan_pdf_is_served_as_made(
    seeded, client, django_assert_max_num_queries
):
    first = client.get("/workplan/2023.pdf")
    assert first.status_code == 200 and first["X-Workplan-Cache"] == "edition"

    # The published edition; then its stored file. No rendering and no figure computed.
    with django_assert_max_num_queries(1):
        second = client.get("/workplan/2023.pdf")

    assert second.getvalue() == first.getvalue()
    assert second["Content-Type"] == "application/pdf"


def test_a_clerks_budget_edit_shows_on_the_next_visit_page_and_staffs_pdf(
    seeded, client, admin_client
):
    # 의정활동지원 · 일반운영비 (budget item 4): 2023 amount 36 백만원, total 4,378 백만원.
    assert "4,378" in client.get("/budget/2023/").content.decode()
    assert "4,378" in pdf_text(client.get("/workplan/2023.pdf").getvalue())
    assert client.get("/budget/2023/")["X-Page-Cache"] == "hit"

    url = "/admin/budget/budgetitem/4/change/"
    data = admin_form(admin_client, url)
    assert data["amounts-0-year"] == ["2023"] and data["amounts-0-amount"] == ["36,000,000"]
    data["amounts-0-amount"] = ["46000000"]
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]

    # The 2023 budget is published: its page shows the correction at once.
    page = client.get("/budget/2023/")
    assert page["X-Page-Cache"] == "miss"
    html = page.content.decode()
    assert "4,388" in html and "4,378" not in html
    # The published work plan does not change by itself; staff's preview of the draft does.
    assert "4,378" in pdf_text(client.get("/workplan/2023.pdf").getvalue())
    pdf = admin_client.get("/workplan/2023.pdf")
    assert pdf["X-Workplan-Cache"] == "miss"
    text = pdf_text(pdf.getvalue())
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


def test_a_cookie_that_is_no_staff_session_is_served_from_the_cache(
    seeded, client, django_user_model
):
    """Only a valid staff session skips the cache: a made-up or expired session cookie, or a
    signed-in account without staff rights, gets the cached page like anyone."""
    assert client.get("/budget/2023/")["X-Page-Cache"] == "miss"

    client.cookies["sessionid"] = "x"
    assert client.get("/budget/2023/")["X-Page-Cache"] == "hit"

    citizen = django_user_model.objects.create_user("citizen", password="pw-long-enough-1")
    client.force_login(citizen)
    assert client.get("/budget/2023/")["X-Page-Cache"] == "hit"

    citizen.is_staff = True
    citizen.save()
    assert "X-Page-Cache" not in client.get("/budget/2023/")
    citizen.is_active = False
    citizen.save()
    assert client.get("/budget/2023/")["X-Page-Cache"] == "hit"


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


# ---------------------------------------------------------------- what a page is keyed on

# Every cached view with records to read: with the seed and one sitting, each of its queries
# runs (the prefetches too). The PDF is keyed by the same versions as a page.
VIEW_URLS = [
    "/",
    "/sessions/?year=2023",
    "/sessions/calendar/?year=2023",
    "/sessions/242/",
    "/sessions/calendar.ics",
    "/sessions/calendar.ics?body=plenary",
    "/sessions/242.ics",
    "/sessions/242/sittings/{sitting}/",
    "/sessions/bodies/plenary/",
    "/sessions/feed/",
    "/sessions/sittings/feed/",
    "/sessions/minutes/feed/",
    "/sessions/bodies/plenary/feed/",
    "/sessions/minutes/",
    "/sessions/sessions.csv",
    "/sessions/sessions.json",
    "/sessions/sittings.csv",
    "/sessions/sittings.json",
    "/budget/2023/",
    "/budget/2023.csv",
    "/budget/2023.json",
    "/budget/2023.xlsx",
    "/sessions/schedule.xlsx?year=2023",
    "/council/members.xlsx",
    "/outreach/pr.xlsx",
    "/outreach/",
    "/council/",
    "/workplan/2023/",
    "/workplan/2023/editions/1/",
    "/workplan/2023.pdf",
    "/privacy/",
    "/guide/",
    "/sitemap.xml",
    "/bills/",
    "/bills/?kind=budget&page=1",
    "/bills/1/",
    "/bills/feed/",
    "/bills.csv",
    "/bills.json",
    "/members/",
    "/members/1/",
    "/members/1/feed/",
    "/members.csv",
    "/members.json",
]


@pytest.fixture
def with_sitting(seeded):
    """The seed has no sittings; the session page and the body feed read them, the minutes
    page its minutes text."""
    from council.models import Member, Term
    from legislation.models import Bill, BillSponsor
    from minutes.models import Minutes
    from sessions_app.models import Attendance, Ballot, Body, Session, Sitting, Speech, Vote

    session = Session.objects.get(number=242)
    body = Body.objects.get(slug="plenary")
    sitting = Sitting.objects.create(
        session=session,
        body=body,
        number=1,
        date=session.first_day,
        minutes_published_on=session.first_day,
    )
    Minutes.objects.create(sitting=sitting, text="의장 개의를 선포합니다.")
    # The seed names no member: one, with an attendance and a sponsored bill, at pk 1.
    member = Member.objects.create(pk=1, term=Term.objects.get(number=9), name="가나다")
    Attendance.objects.create(sitting=sitting, member=member)
    # The seed's bills take whatever ids the database's sequence gives (PostgreSQL does not
    # reset it between tests): bill 1 is made when no seed bill has that id.
    bill = Bill.objects.filter(pk=1).first() or Bill.objects.create(
        pk=1, term=member.term, number=9999, title="가상 조례안", kind="ordinance",
        proposer_kind="members",
    )  # fmt: skip
    BillSponsor.objects.create(bill=bill, member=member, role="lead")
    # A recorded vote with the member's ballot, and a speech: the sitting's and member's pages.
    vote = Vote.objects.create(sitting=sitting, title="가상 조례안")
    Ballot.objects.create(vote=vote, member=member, choice="yes")
    Speech.objects.create(sitting=sitting, member=member, kind="free_speech", title="가상 주제")
    return sitting


def _record_urls() -> list[str]:
    """Addresses of with_sitting's records, named by their ids."""
    from sessions_app.models import Sitting

    return [f"/minutes/{Sitting.objects.get(session__number=242, number=1).pk}/"]


def _view(url: str):
    from urllib.parse import urlsplit

    from django.urls import resolve

    func = resolve(urlsplit(url).path).func
    view_class = getattr(func, "view_class", None)  # a class-based view: its dispatch
    return view_class.dispatch if view_class else func


def _declared_scopes(view) -> set[str]:
    from common import versioning
    from workplan import views as workplan_views

    scopes = workplan_views.PDF_SCOPES if view is workplan_views.workplan_pdf_view else view.scopes
    return {versioning.scope_of(scope) for scope in scopes}


def _models_read(queries) -> set[str]:
    """The scopes of the tables the queries read (an m2m table counts as the model that
    declares it), leaving out the data versions, the database cache, the outputs made from
    the records (a rendered PDF) and the task queue's tables."""
    import re

    from django.apps import apps
    from django.conf import settings

    from common import versioning
    from common.models import DataVersion

    scope_by_table = {
        model._meta.db_table: versioning.scope_of(model)
        for model in apps.get_models(include_auto_created=True)
    }
    cache_tables = {c["LOCATION"] for c in settings.CACHES.values() if "Database" in c["BACKEND"]}
    found = set()
    for query in queries:
        for table in re.findall(r'\b(?:FROM|JOIN)\s+"(\w+)"', query["sql"]):
            if table not in cache_tables:
                found.add(scope_by_table.get(table, f"table {table}"))
    found = {scope for scope in found if not scope.startswith("django_q.")}
    return found - {versioning.scope_of(DataVersion), *settings.DERIVED_MODELS}


def _cached_views() -> set:
    """Every view of the URL conf keyed on data versions (@cached_page), and the PDF."""
    from django.urls import URLResolver, get_resolver

    from workplan import views as workplan_views

    found = {workplan_views.workplan_pdf_view}

    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns)
                continue
            view_class = getattr(pattern.callback, "view_class", None)
            view = view_class.dispatch if view_class else pattern.callback
            if hasattr(view, "scopes"):
                found.add(view)

    walk(get_resolver().url_patterns)
    return found


def test_every_cached_view_is_keyed_on_exactly_the_models_it_reads(with_sitting, client, settings):
    """A model a view reads but leaves out of its scopes means a stale page after an edit;
    one it lists but never reads means renders for nothing (a visit application making the
    work plan PDF render again)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE_ENABLED = False
    read: dict = {}
    for url in [*VIEW_URLS, *_record_urls()]:
        url = url.format(sitting=with_sitting.pk)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200, url
        read.setdefault(_view(url), {})[url] = _models_read(ctx.captured_queries)

    assert set(read) == _cached_views(), "every cached view needs a URL in VIEW_URLS"
    problems = []
    for view, by_url in read.items():
        declared = _declared_scopes(view)
        for url, models in by_url.items():
            if models - declared:
                problems.append(f"{url} reads, undeclared: {sorted(models - declared)}")
        never_read = declared - set().union(*by_url.values())
        if never_read:
            problems.append(f"{view.__qualname__} declares, never reads: {sorted(never_read)}")
    assert not problems, "\n".join(problems)


def test_a_visit_application_leaves_the_work_plan_draft_alone_a_budget_edit_does_not(
    seeded, client
):
    import datetime

    from django.utils import timezone

    from budget.models import BudgetAmount
    from common import versioning
    from outreach.models import VisitApplication
    from workplan.report.builder import REPORT_SCOPES

    assert client.get("/workplan/2023/")["X-Page-Cache"] == "miss"
    key = versioning.version_key(*REPORT_SCOPES)  # what staff's draft preview is made at

    # A school applies on the public form.
    wished = timezone.localdate() + datetime.timedelta(days=10)
    response = client.post(
        "/outreach/visits/apply/",
        {
            "school": "금나래초등학교",
            "level": "elementary",
            "contact_name": "김교사",
            "phone": "02 1234 5678",
            "email": "teacher@geumnarae.es.kr",
            "wished_date": wished.isoformat(),
            "pupils": "30",
            "teachers": "2",
            "message": "",
            "homepage": "",
        },
    )
    assert response.status_code == 302
    assert VisitApplication.objects.count() == 1

    assert versioning.version_key(*REPORT_SCOPES) == key
    assert client.get("/workplan/2023/")["X-Page-Cache"] == "hit"

    # A clerk corrects a budget amount: the work plan's draft shows the budget, so its
    # version changes; the published edition, page and PDF, stays as it was.
    amount = BudgetAmount.objects.get(item_id=4, year=2023, kind="original")
    amount.amount = 46_000_000
    amount.save()

    assert versioning.version_key(*REPORT_SCOPES) != key
    assert client.get("/workplan/2023.pdf")["X-Workplan-Cache"] == "edition"
    assert client.get("/workplan/2023/")["X-Page-Cache"] == "hit"


def test_an_edit_of_a_model_a_page_does_not_read_leaves_it_cached(seeded, client):
    from budget.models import BudgetAmount

    assert client.get("/council/")["X-Page-Cache"] == "miss"
    assert client.get("/budget/2023/")["X-Page-Cache"] == "miss"
    amount = BudgetAmount.objects.get(item_id=4, year=2023, kind="original")
    amount.amount = 46_000_000
    amount.save()

    assert client.get("/council/")["X-Page-Cache"] == "hit"
    assert client.get("/budget/2023/")["X-Page-Cache"] == "miss"


# ---------------------------------------------------------------- query parameters


@pytest.mark.parametrize(
    ("normal", "same", "other"),
    [
        ("/budget/2023/", "/budget/2023/?utm_source=x&foo=1", "/budget/2023/?unit=천원"),
        # A repeated parameter is read as its last value (request.GET.get, forms).
        ("/budget/2023/?unit=천원", "/budget/2023/?unit=x&unit=천원&utm_source=x", "/budget/2023/"),
        ("/sessions/?year=2023", "/sessions/?fbclid=1&year=2023", "/sessions/?year=2022"),
        (
            "/sessions/calendar.ics",
            "/sessions/calendar.ics?x=1",
            "/sessions/calendar.ics?body=budget",
        ),
        ("/", "/?utm_source=newsletter", None),
        ("/council/", "/council/?page=2", None),
    ],
)
def test_a_page_is_keyed_only_on_the_query_parameters_its_view_reads(
    seeded, client, normal, same, other
):
    first = client.get(normal)
    assert first["X-Page-Cache"] == "miss"

    junk = client.get(same)
    assert junk["X-Page-Cache"] == "hit"
    assert junk.content == first.content

    if other is not None:
        assert client.get(other)["X-Page-Cache"] == "miss"


def test_each_cached_view_reads_only_the_query_parameters_it_lists(
    with_sitting, client, settings, monkeypatch
):
    """A parameter a view reads but does not list would serve one entry for pages that
    differ. Every read of request.GET is recorded while each view runs."""
    from django.core.handlers.wsgi import WSGIRequest
    from django.http import QueryDict

    read: set[str] = set()

    class RecordedQueryDict(QueryDict):
        def __getitem__(self, key):  # also .get()
            read.add(key)
            return super().__getitem__(key)

        def getlist(self, key, default=None):
            read.add(key)
            return super().getlist(key, default)

        def __contains__(self, key):
            read.add(key)
            return super().__contains__(key)

        def __iter__(self):  # also .items(), .dict()
            read.add("<every parameter>")
            return super().__iter__()

        def keys(self):
            read.add("<every parameter>")
            return super().keys()

    monkeypatch.setattr(
        WSGIRequest, "GET", property(lambda r: RecordedQueryDict(r.META.get("QUERY_STRING", "")))
    )
    settings.PAGE_CACHE_ENABLED = False
    for url in VIEW_URLS:
        url = url.format(sitting=with_sitting.pk)
        view = _view(url)
        if not hasattr(view, "params"):
            continue  # the PDF, not a cached page
        read.clear()
        assert client.get(url).status_code == 200, url
        assert read <= set(view.params), f"{url} reads {sorted(read - set(view.params))}"
