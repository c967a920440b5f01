"""What a page reads once per request (the council, its secretariat units) and the addresses
its templates reverse once per process must never show a stale or wrong value."""

import pytest
from django.db import connection
from django.template import engines
from django.test.utils import CaptureQueriesContext
from django.urls import path, reverse

from common.request_memo import RequestMemoMiddleware
from council.models import Council, SecretariatUnit
from council.selectors import page_info, site_identity, the_council


def _in_a_request(read):
    """read() as a view would run it: inside the request memo's middleware."""
    seen = []
    RequestMemoMiddleware(lambda request: seen.append(read()))(None)
    return seen[0]


def test_a_page_reads_the_council_once_for_its_view_header_and_foot(seeded):
    def page():
        with CaptureQueriesContext(connection) as ctx:
            council = the_council()
            info = page_info(council, SecretariatUnit.Role.PROCEEDINGS, Council)
            site = site_identity()
        return council, info, site, len(ctx)

    council, info, site, queries = _in_a_request(page)

    assert queries == 3  # the council, its units, the data versions
    assert site.council is council and site.council_name == council.name
    assert site.bureau == "의회사무국" and info.team == "의사팀"


def test_outside_a_request_every_call_reads_the_database(seeded):
    Council.objects.update(name="바뀐 의회")

    assert the_council().name == "바뀐 의회"
    assert site_identity().council_name == "바뀐 의회"


def test_a_request_that_renames_the_council_or_its_bureau_shows_the_new_names(seeded):
    def rename():
        before = site_identity()
        council = the_council()
        council.name = "새이름구의회"
        council.save()
        bureau = SecretariatUnit.objects.get(council=council, kind=SecretariatUnit.Kind.BUREAU)
        bureau.name = "의정지원국"
        bureau.save()
        return before, site_identity()

    before, after = _in_a_request(rename)

    assert (before.council_name, before.bureau) != ("새이름구의회", "의정지원국")
    assert (after.council_name, after.bureau) == ("새이름구의회", "의정지원국")


def test_the_admin_header_alone_reads_the_council_and_its_bureau_in_one_query(seeded):
    def header():
        with CaptureQueriesContext(connection) as ctx:
            site = site_identity()
            council = the_council()
        return site, council, len(ctx)

    site, council, queries = _in_a_request(header)

    assert queries == 1
    assert site.bureau == "의회사무국" and council is site.council


@pytest.mark.parametrize("slug", ["plenary", "예산결산특별위원회", "a b&c"])
def test_url_tag_gives_what_reverse_gives_every_time(db, slug):
    template = engines["django"].from_string(
        "{% url 'sessions_app:body' slug %}|{% url 'sessions_app:body' slug=slug %}"
        "|{% url 'budget:year' year=year %}|{% url 'sessions_app:schedule' as here %}{{ here }}"
    )
    expected = "|".join(
        [
            reverse("sessions_app:body", args=[slug]),
            reverse("sessions_app:body", kwargs={"slug": slug}),
            reverse("budget:year", kwargs={"year": 2023}),
            reverse("sessions_app:schedule"),
        ]
    ).replace("&", "&amp;")

    for _ in range(2):  # the second time from what the first one kept
        assert template.render({"slug": slug, "year": 2023}) == expected


def test_url_tag_follows_a_changed_url_conf(db, settings):
    template = engines["django"].from_string("{% url 'healthz' %}")
    assert template.render({}) == reverse("healthz")

    settings.ROOT_URLCONF = "tests.test_request_reads"

    assert template.render({}) == "/elsewhere/healthz"


def _healthz(request):  # pragma: no cover: only reversed
    raise AssertionError


urlpatterns = [path("elsewhere/healthz", _healthz, name="healthz")]
