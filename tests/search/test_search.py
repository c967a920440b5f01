"""A citizen searches a word, finds the sitting where it was said, and opens its minutes at
that paragraph; facets narrow the results; bad queries are a 400 or a message, never a 500
(on PostgreSQL too); the page's queries do not grow with the rows."""

import datetime

import pytest
from django.core.management import call_command

from minutes.services import minutes_save
from search.models import SearchEntry
from search.services import reindex
from sessions_app.models import Body, Session, Sitting

TEXT = (
    "의장 개의를 선포합니다.\n"
    "오늘은 도서관 건립 예산안을 심사하겠습니다.\n"
    "주민들의 의견을 충분히 들었습니다.\n"
)


@pytest.fixture
def said(seeded):
    session = Session.objects.get(number=244)
    sitting = Sitting.objects.create(
        session=session,
        body=Body.objects.get(slug="plenary"),
        number=1,
        date=datetime.date(2023, 6, 12),
    )
    minutes_save(sitting=sitting, text=TEXT)  # queues the indexing task (run at once in tests)
    return sitting


def test_citizen_finds_the_sitting_and_opens_the_minutes_at_the_paragraph(client, said):
    response = client.get("/search/", {"q": "도서관 예산안"})
    html = response.content.decode()

    assert response.status_code == 200
    link = f"/minutes/{said.pk}/#p-2"
    assert f'href="{link}"' in html
    assert "<mark>도서관</mark>" in html
    assert "제244회 본회의 제1차 회의록" in html

    minutes = client.get(link.split("#")[0])
    assert '<li id="p-2">' in minutes.content.decode()


def test_particles_do_not_hide_a_word(client, said):
    response = client.get("/search/", {"q": "주민들의"})

    assert f"/minutes/{said.pk}/#p-3" in response.content.decode()


def test_facets_count_and_filter(client, said):
    reindex()
    html = client.get("/search/", {"q": "정례회"}).content.decode()
    assert "회기" in html and "(1)" in html

    narrowed = client.get("/search/", {"q": "예산안", "kind": "minutes", "year": 2023})
    assert f"/minutes/{said.pk}/#p-2" in narrowed.content.decode()
    other_year = client.get("/search/", {"q": "예산안", "kind": "minutes", "year": 2022})
    assert f"/minutes/{said.pk}/" not in other_year.content.decode()


def test_empty_query_gives_help(client, db):
    response = client.get("/search/")

    assert response.status_code == 200
    assert "이렇게 찾아보세요" in response.content.decode()


@pytest.mark.parametrize(
    "q", ["'", "&", ":*", "!", "a & !b | (c", "예산:* & '", "\\", "%_", "ㅋㅋ"]
)
def test_odd_characters_never_fail(client, said, q):
    response = client.get("/search/", {"q": q})

    assert response.status_code == 200


@pytest.mark.parametrize(
    "params",
    [{"q": "가" * 101}, {"q": "예산", "year": "x"}, {"q": "예산", "kind": "nope"}, {"q": "a\x01b"}],
)
def test_bad_queries_are_a_400(client, db, params):
    assert client.get("/search/", params).status_code == 400


def test_nul_is_a_400(client, db):
    assert client.get("/search/?q=%00").status_code == 400


def test_reindex_command_and_query_budget(client, said, django_assert_max_num_queries):
    for number in range(2, 8):
        minutes_save(
            sitting=Sitting.objects.create(
                session=said.session,
                body=said.body,
                number=number,
                date=datetime.date(2023, 6, 12 + number),
            ),
            text=TEXT * 3,
        )
    call_command("search_reindex", stdout=open("/dev/null", "w"))
    assert SearchEntry.objects.filter(kind="minutes").count() == 3 + 6 * 9

    with django_assert_max_num_queries(12):
        response = client.get("/search/", {"q": "예산안"})
    assert response.status_code == 200


def test_every_page_has_the_search_box(client, db):
    html = client.get("/search/").content.decode()

    assert 'role="search"' in html and '<label for="site-search-q">검색</label>' in html


def test_robots_keeps_crawlers_out_of_results(client, db):
    assert "Disallow: /search/" in client.get("/robots.txt").content.decode()


def test_a_word_too_common_to_rank_lists_the_newest_and_counts_facets_over_them(
    client, said, monkeypatch
):
    """Over the cap the page lists the newest matches, says so, and its facet counts are of
    those listed matches only (not of every match), which it says too."""
    from search import selectors

    monkeypatch.setattr(selectors, "CAP", 2)
    reindex()

    html = client.get("/search/", {"q": "의장"}).content.decode()
    assert "<mark>의장</mark>" in html
    assert "건 넘게 찾았습니다" not in html  # one paragraph says 의장: not capped
    assert '본회의</a> <span class="muted">(1)</span>' in html

    committee = Body.objects.get(slug="steering")
    many = Sitting.objects.create(
        session=said.session, body=committee, number=1, date=datetime.date(2023, 6, 20)
    )
    minutes_save(sitting=many, text="의장 발언입니다.\n의장 정회를 선포합니다.\n의장 속개합니다.\n")
    html = client.get("/search/", {"q": "의장"}).content.decode()

    assert "2건 넘게 찾았습니다. 최근 것부터 2건을 보여 줍니다" in html
    assert "건수는 보여 주는 최근 2건 기준입니다" in html
    newest, second = f"/minutes/{many.pk}/#p-3", f"/minutes/{many.pk}/#p-2"
    assert newest in html and second in html and html.index(newest) < html.index(second)
    assert f"/minutes/{many.pk}/#p-1" not in html and f"/minutes/{said.pk}/" not in html
    facets = html[html.index('class="search-facets"') : html.index('class="search-results"')]
    assert f'{committee.name}</a> <span class="muted">(2)</span>' in facets
    assert "본회의</a>" not in facets  # the older plenary match is not among the listed two


def test_results_page_through_every_listed_match(client, said, monkeypatch):
    """The listed matches go on pages of PER_PAGE; the last page holds the rest, and a page
    past the end shows the last one."""
    from search import selectors

    monkeypatch.setattr(selectors, "PER_PAGE", 2)
    minutes_save(sitting=said, text="오늘은 예산안을 심사하겠습니다.\n" * 3)

    first = client.get("/search/", {"q": "예산안", "kind": "minutes"}).content.decode()
    assert "3건을 찾았습니다" in first and "1 / 2쪽" in first
    last = client.get("/search/", {"q": "예산안", "kind": "minutes", "page": 9}).content.decode()
    assert "2 / 2쪽" in last
    shown = [n for n in (1, 2, 3) if f"/minutes/{said.pk}/#p-{n}" in first]
    rest = [n for n in (1, 2, 3) if f"/minutes/{said.pk}/#p-{n}" in last]
    assert len(shown) == 2 and len(rest) == 1 and set(shown) | set(rest) == {1, 2, 3}


def test_the_newest_matches_are_the_same_whichever_span_finds_them(client, said, monkeypatch):
    """PostgreSQL asks the last months first, then a longer span, then everything
    (selectors.newest): whichever step ends it, the listed matches are the newest of all."""
    from search import selectors

    today = datetime.date.today()
    made = {}
    for days, text in [
        (10, "도서관 하나.\n"),
        (400, "도서관 둘.\n도서관 셋.\n"),
        (3000, "도서관 넷.\n"),
    ]:
        sitting = Sitting.objects.create(
            session=said.session,
            body=said.body,
            number=10 + len(made),
            date=today - datetime.timedelta(days=days),
        )
        minutes_save(sitting=sitting, text=text)
        made[days] = sitting
    newest_first = [
        f"/minutes/{made[10].pk}/#p-1",
        f"/minutes/{made[400].pk}/#p-2",
        f"/minutes/{made[400].pk}/#p-1",
        f"/minutes/{made[3000].pk}/#p-1",
    ]
    for cap in (2, 3):  # ended by the longer span; by everything
        monkeypatch.setattr(selectors, "CAP", cap)
        html = client.get("/search/", {"q": "도서관", "kind": "minutes"}).content.decode()
        assert f"{cap}건 넘게 찾았습니다" in html
        listed = [link for link in newest_first if f'href="{link}"' in html]
        assert listed == newest_first[:cap]
        assert [html.index(link) for link in listed] == sorted(html.index(x) for x in listed)


def test_a_search_leaves_the_planner_settings_as_they_were(client, said):
    """The spans turn a plan kind off for one query each (SET LOCAL): a request's own
    transaction must not keep it for the rest of the request."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's planner settings")
    client.get("/search/", {"q": "도서관"})
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_bitmapscan")
        bitmaps = cursor.fetchone()[0]
        cursor.execute("SHOW enable_indexscan")
        indexes = cursor.fetchone()[0]
    assert (bitmaps, indexes) == ("on", "on")
