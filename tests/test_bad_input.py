"""Bad input anywhere gets a 4xx answer (a Korean page when it is a page), never a 5xx, and
nothing saved is lost.

The public URLs are enumerated from the URL resolver when the test runs (everything but the
admin), so pages added later are covered too. Hypothesis throws random path values (huge,
negative, non-numeric, odd Unicode), random query strings and junk form posts at them.
"""

from __future__ import annotations

import re
import string
from urllib.parse import quote, urlencode

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import IntConverter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

PRIVATE_PREFIXES = ("admin/",)
NASTY = [
    "0",
    "-1",
    "1" * 40,
    "9" * 400,
    "abc",
    "2023abc",
    "%00",
    "%ED%95%9C",  # 한
    "..%2F..%2Fetc%2Fpasswd",
    "1e9",
    "２０２３",  # full-width digits
    " ",
]
QUERY_KEYS = ["year", "unit", "page", "month", "body", "kind", "q", "ref", "format", "on"]


def public_routes() -> list[tuple[str, dict]]:
    """[(route, converters)] of every public URL pattern, e.g. ("budget/<budget_year:year>/",
    {"year": YearConverter})."""

    def walk(patterns, prefix, converters):
        for p in patterns:
            route = prefix + str(p.pattern)
            found = {**converters, **getattr(p.pattern, "converters", {})}
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, route, found)
            elif isinstance(p, URLPattern):
                yield route, found

    routes = [
        (route, converters)
        for route, converters in walk(get_resolver().url_patterns, "", {})
        if not route.startswith(PRIVATE_PREFIXES) and not route.startswith("^")
    ]
    assert routes, "no public URL found"
    return routes


ROUTES = public_routes()
PLACEHOLDER = re.compile(r"<(?:(?P<conv>[^>:]+):)?(?P<name>[^>]+)>")


def fill(route: str, values: dict[str, str]) -> str:
    return "/" + PLACEHOLDER.sub(lambda m: values[m.group("name")], route)


def value_strategy(converter) -> st.SearchStrategy[str]:
    matching = st.from_regex(f"^(?:{converter.regex})$", fullmatch=True).filter(
        lambda v: "/" not in v
    )
    if isinstance(converter, IntConverter):
        matching = st.integers(min_value=0, max_value=10**40).map(str)
    junk = st.text(
        alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="/?#"),
        min_size=1,
        max_size=30,
    ).map(lambda v: quote(v, safe=""))
    return st.one_of(matching, junk, st.sampled_from(NASTY))


@st.composite
def requests(draw):
    route, converters = draw(st.sampled_from(ROUTES))
    values = {name: draw(value_strategy(conv)) for name, conv in converters.items()}
    query = draw(
        st.dictionaries(
            st.sampled_from(QUERY_KEYS) | st.text(string.ascii_letters, min_size=1, max_size=8),
            st.sampled_from(NASTY) | st.text(max_size=50) | st.integers().map(str),
            max_size=3,
        )
    )
    path = fill(route, values)
    return path + ("?" + urlencode(query) if query else "")


def assert_not_server_error(response, url):
    assert response.status_code < 500, f"{url} answered {response.status_code}"
    if response.status_code == 404 and "text/html" in response.get("Content-Type", ""):
        assert "페이지를 찾을 수 없습니다" in response.content.decode(), url


@pytest.mark.parametrize("route, converters", ROUTES, ids=[r for r, _ in ROUTES])
def test_every_public_url_survives_nasty_values(client, seeded, route, converters):
    for nasty in NASTY:
        url = fill(route, {name: nasty for name in converters})
        for query in ("", "?year=" + nasty, "?page=" + nasty + "&unit=" + nasty):
            assert_not_server_error(client.get(url + query), url + query)


@settings(
    max_examples=250,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(url=requests())
def test_random_requests_never_answer_5xx(client, seeded, url):
    if url.endswith(".pdf") or ".pdf?" in url:
        return  # PDFs take seconds each; their nasty values are in the test above
    assert_not_server_error(client.get(url), url)


junk_text = st.text(max_size=3000) | st.sampled_from(["\x00", "가" * 10_000, "<script>", "-1"])


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    data=st.dictionaries(
        st.sampled_from(
            [
                "school",
                "level",
                "contact_name",
                "phone",
                "email",
                "wished_date",
                "pupils",
                "teachers",
                "message",
                "homepage",
            ]
        )
        | st.text(max_size=20),
        junk_text | st.integers().map(str),
        max_size=14,
    )
)
def test_the_apply_form_flooded_with_junk_answers_4xx(client, seeded, data):
    from outreach.models import VisitApplication

    before = VisitApplication.objects.count()
    response = client.post("/outreach/visits/apply/", data)
    assert response.status_code < 500
    if response.status_code == 400:
        assert "입력 내용을 확인해 주세요" in response.content.decode()
        assert VisitApplication.objects.count() == before  # nothing half-saved


def test_a_malformed_request_body_is_a_4xx(client, seeded):
    response = client.generic(
        "POST",
        "/outreach/visits/apply/",
        b"\xff\xfe\x00garbage=%%%",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code < 500


def test_unknown_methods_are_refused(client, seeded):
    for method in ("PUT", "DELETE", "PATCH"):
        response = client.generic(method, "/outreach/visits/apply/")
        assert response.status_code == 405
