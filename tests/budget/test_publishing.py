"""A clerk enters next year's budget: until it is published it is a draft that staff preview
with a "공개 전 미리보기" banner and the public never sees (404, absent from the home page, the
year links, the sitemap and the downloads). Publishing is an explicit admin action (or
`manage.py publish budget YEAR`) that records who and when."""

from io import StringIO

import pytest
from django.contrib.admin.models import LogEntry
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from budget.models import BudgetAmount, BudgetItem, BudgetYear

DRAFT = 2024


@pytest.fixture
def draft_2024(seeded):
    """2024 amounts entered in the admin (every 2023 category +10 %), not published."""
    for amount in BudgetAmount.objects.filter(item__council=seeded, year=2023, kind="original"):
        BudgetAmount.objects.create(
            item=amount.item, year=DRAFT, kind="original", amount=amount.amount * 11 // 10
        )
    return seeded


def test_a_draft_year_is_a_404_for_the_public_with_its_downloads(draft_2024, client):
    for path in (f"/budget/{DRAFT}/", f"/budget/{DRAFT}.csv", f"/budget/{DRAFT}.json"):
        assert client.get(path).status_code == 404, path
    assert client.get("/budget/")["Location"] == "/budget/2023/"
    html = client.get("/budget/2023/").content.decode()
    assert 'href="/budget/2022/"' in html and f'href="/budget/{DRAFT}/"' not in html


def test_the_home_page_does_not_announce_a_draft_year(draft_2024, client):
    html = client.get("/").content.decode()

    assert '<a href="/budget/2023/">2023년 예산</a>' in html
    assert f'href="/budget/{DRAFT}/"' not in html


def test_the_sitemap_omits_a_draft_year(draft_2024, client):
    xml = client.get("/sitemap.xml").content.decode()

    assert "/budget/2023/" in xml and f"/budget/{DRAFT}/" not in xml


def test_staff_preview_a_draft_year_with_a_banner(draft_2024, admin_client):
    page = admin_client.get(f"/budget/{DRAFT}/")

    assert page.status_code == 200
    html = page.content.decode()
    assert "공개 전 미리보기" in html
    assert "2023년 당초예산" in html  # compared with the published year before
    assert admin_client.get(f"/budget/{DRAFT}.csv").status_code == 200
    assert "공개 전 미리보기" not in admin_client.get("/budget/2023/").content.decode()


def _publish_action(admin_client, budget_year, **extra):
    return admin_client.post(
        "/admin/budget/budgetyear/",
        {"action": "publish", "_selected_action": [budget_year.pk], **extra},
    )


def test_publishing_asks_for_confirmation_then_records_who_and_when(
    draft_2024, admin_client, client, clock
):
    from django.contrib.auth.models import User

    budget_year = BudgetYear.objects.create(council=draft_2024, year=DRAFT)

    confirm = _publish_action(admin_client, budget_year)
    assert confirm.status_code == 200
    text = confirm.content.decode()
    assert f"{DRAFT}년 예산" in text and "공개합니다" in text
    assert "2023년 대비" in text
    budget_year.refresh_from_db()
    assert budget_year.published_at is None  # nothing public before the confirmation

    done = _publish_action(admin_client, budget_year, confirm="yes")
    assert done.status_code == 302

    budget_year.refresh_from_db()
    admin = User.objects.get(username="admin")
    assert abs((budget_year.published_at - clock.now).total_seconds()) < 5
    assert budget_year.published_by == admin
    assert budget_year.history.latest().history_user == admin
    assert LogEntry.objects.filter(object_id=str(budget_year.pk), change_message="예산 공개")
    # Now public, and announced on the home page against the year before.
    assert client.get(f"/budget/{DRAFT}/").status_code == 200
    assert f'<a href="/budget/{DRAFT}/">{DRAFT}년 예산</a>' in client.get("/").content.decode()
    assert f"/budget/{DRAFT}/" in client.get("/sitemap.xml").content.decode()


def test_a_published_year_after_a_draft_year_is_shown_without_comparison(draft_2024, client):
    """The year before counts only if published: no draft figure leaks as a base."""
    BudgetYear.objects.filter(council=draft_2024, year=2023).update(published_at=None)
    BudgetYear.objects.create(council=draft_2024, year=DRAFT, published_at="2024-01-02T00:00Z")
    from common import versioning

    versioning.bump(BudgetYear)

    html = client.get(f"/budget/{DRAFT}/").content.decode()
    assert "2023년 예산 자료는 없습니다" in html
    assert client.get("/budget/2023/").status_code == 404


def test_the_publish_command_publishes_once(draft_2024, client):
    out = StringIO()
    call_command("publish", "budget", str(DRAFT), stdout=out)

    assert f"{DRAFT}년 예산을 공개했습니다" in out.getvalue()
    assert BudgetYear.objects.get(council=draft_2024, year=DRAFT).published_at is not None
    assert client.get(f"/budget/{DRAFT}.json").status_code == 200
    with pytest.raises(CommandError, match="이미 공개"):
        call_command("publish", "budget", str(DRAFT), stdout=StringIO())
    with pytest.raises(CommandError, match="예산액이 하나도 없어"):
        call_command("publish", "budget", "2030", stdout=StringIO())


def _count(client, path) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200, path
    return len(ctx)


@pytest.mark.parametrize("path", ["/", "/budget/2023/", "/budget/2023.json", "/sitemap.xml"])
def test_public_pages_query_as_many_times_with_drafts_and_published_years(
    seeded, client, settings, path
):
    """Knowing which years are published costs no query of its own (a subquery), however
    many draft or published years there are."""
    settings.PAGE_CACHE_ENABLED = False
    before = _count(client, path)
    leaves = BudgetItem.objects.filter(council=seeded, level=BudgetItem.Level.CATEGORY)
    BudgetAmount.objects.bulk_create(
        BudgetAmount(item=leaf, year=year, amount=1_000_000)
        for leaf in leaves
        for year in range(2005, 2020)
    )
    BudgetYear.objects.bulk_create(
        BudgetYear(council=seeded, year=year, published_at="2004-12-01T00:00Z")
        for year in range(2005, 2012)
    )
    assert _count(client, path) == before
