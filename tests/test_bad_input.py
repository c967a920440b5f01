"""Bad input anywhere gets a 4xx answer (a Korean page when it is a page), never a 5xx, and
nothing saved is lost.

The public URLs are enumerated from the URL resolver when the test runs (everything but the
admin), so pages added later are covered too. Hypothesis throws random path values (huge,
negative, non-numeric, odd Unicode), random query strings, random bytes and junk form posts
at them.

A NUL or bytes that are not UTF-8 (%00, %FF, %C3%28 ...) in a path, a query string, a form
field (urlencoded or multipart) or a header are the Korean 400 page on every public and admin
page (portal/middleware.py): PostgreSQL refuses NUL in a string, which was a 500. The admin's
changelists (search, every list filter's parameters), the autocomplete view and a change form
are driven with them too, logged in as a superuser. Every test here also runs on PostgreSQL
(CI runs the suite with DATABASE_URL set), which is where NUL used to fail.
"""

from __future__ import annotations

import re
import string
from urllib.parse import quote, quote_from_bytes, urlencode

import pytest
from django.contrib import admin
from django.forms.models import model_to_dict
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
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
# Every query parameter a public view reads (grep request.GET and the query forms), and a few
# that none reads.
QUERY_KEYS = [
    "year",
    "unit",
    "page",
    "month",
    "body",
    "kind",
    "q",
    "ref",
    "inline",
    "status",
    "format",
    "on",
]
# A NUL (alone, inside text, as a key), bytes that are no UTF-8: a lone byte, a broken pair,
# a truncated sequence, an encoded surrogate; all are the 400 page.
BAD_BYTES = ["%00", "a%00b", "%FF", "%C3%28", "%E2%82", "%ED%A0%80", "%C0%AF"]
BAD_REQUEST_TEXT = "잘못된 요청입니다"


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


def assert_bad_request(response, what):
    assert response.status_code == 400, f"{what} answered {response.status_code}"
    assert BAD_REQUEST_TEXT in response.content.decode(), what


def has_bad_bytes(raw: bytes) -> bool:
    if b"\x00" in raw:
        return True
    try:
        raw.decode()
    except UnicodeDecodeError:
        return True
    return False


@pytest.mark.parametrize("route, converters", ROUTES, ids=[r for r, _ in ROUTES])
def test_bad_bytes_in_any_query_key_are_the_korean_400(client, seeded, route, converters):
    url = fill(route, {name: "2023" for name in converters})
    for bad in BAD_BYTES:
        for key in [*QUERY_KEYS, "utm_source"]:
            assert_bad_request(client.get(f"{url}?{key}={bad}"), f"{url}?{key}={bad}")
            assert_bad_request(client.get(f"{url}?year=2023&{key}=x{bad}"), f"{url} {key}")
        assert_bad_request(client.get(f"{url}?{bad}=1"), f"{url}?{bad}=1")


@pytest.mark.parametrize("route, converters", ROUTES, ids=[r for r, _ in ROUTES])
def test_bad_bytes_in_paths_are_the_korean_400(client, seeded, route, converters):
    base = fill(route, {name: "2023" for name in converters})
    for bad in [*BAD_BYTES, "%2500"]:  # %2500: a literal "%00" in the address
        if converters:
            url = fill(route, {name: bad for name in converters})
            assert_bad_request(client.get(url), url)
        assert_bad_request(client.get(base + bad), base + bad)
        assert client.head(base + bad).status_code == 400, base + bad


def test_korean_text_in_paths_and_queries_is_not_refused(client, seeded):
    response = client.get("/sessions/calendar.ics?body=%EB%B3%B8%ED%9A%8C%EC%9D%98")  # 본회의
    assert response.status_code in (200, 404)
    assert client.get("/%ED%95%9C/").status_code == 404  # 한: not found, not a bad request
    assert client.get("/budget/2023/?unit=%EC%B2%9C%EC%9B%90").status_code == 200  # 천원


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


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    route=st.sampled_from([r for r, c in ROUTES if not c]),
    key=st.sampled_from(QUERY_KEYS),
    raw=st.binary(max_size=12),
    in_path=st.booleans(),
)
def test_random_bytes_are_a_400_exactly_when_they_are_no_text(
    client, seeded, route, key, raw, in_path
):
    encoded = quote_from_bytes(raw, safe="")
    url = "/" + route + (encoded if in_path else f"?{key}={encoded}")
    response = client.get(url)
    if has_bad_bytes(raw):
        assert_bad_request(response, url)
    else:
        assert_not_server_error(response, url)
        content = response.getvalue() if response.streaming else response.content  # downloads
        assert BAD_REQUEST_TEXT not in content.decode(errors="replace"), url


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
    if any("\x00" in text for item in data.items() for text in item):
        assert_bad_request(response, data)  # refused before the form reads it
    elif response.status_code == 400:
        assert "입력 내용을 확인해 주세요" in response.content.decode()
    if response.status_code == 400:
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


# ---------------------------------------------------------------- form posts

APPLY = "/outreach/visits/apply/"
APPLY_FIELDS = ["school", "contact_name", "phone", "email", "wished_date", "message"]
RAW_BAD = [b"\x00", b"a\x00b", b"\xff", b"\xc3(", b"\xed\xa0\x80"]


def multipart(fields: list[tuple[bytes, bytes]], files=()) -> tuple[bytes, str]:
    """A multipart/form-data body made of raw bytes (the test client would encode text)."""
    boundary = b"----bad-input-boundary"
    parts = [
        b"--" + boundary + b'\r\nContent-Disposition: form-data; name="' + name + b'"\r\n\r\n'
        + value + b"\r\n"
        for name, value in fields
    ] + [
        b"--" + boundary + b'\r\nContent-Disposition: form-data; name="' + name
        + b'"; filename="' + filename + b'"\r\nContent-Type: text/plain\r\n\r\n'
        + content + b"\r\n"
        for name, filename, content in files
    ]  # fmt: skip
    body = b"".join(parts) + b"--" + boundary + b"--\r\n"
    return body, "multipart/form-data; boundary=" + boundary.decode()


def urlencoded(fields: list[tuple[bytes, bytes]]) -> bytes:
    return b"&".join(quote_from_bytes(k).encode() + b"=" + quote_from_bytes(v).encode()
                     for k, v in fields)  # fmt: skip


def post_raw(client, url, fields, *, as_multipart: bool, files=()):
    if as_multipart:
        body, content_type = multipart(fields, files)
    else:
        body, content_type = urlencoded(fields), "application/x-www-form-urlencoded"
    return client.generic("POST", url, body, content_type=content_type)


@pytest.mark.parametrize("as_multipart", [False, True], ids=["urlencoded", "multipart"])
def test_bad_bytes_in_any_field_of_the_apply_form_are_the_korean_400(client, seeded, as_multipart):
    from outreach.models import VisitApplication

    before = VisitApplication.objects.count()
    good = [(name.encode(), "한국초등학교".encode()) for name in APPLY_FIELDS]
    for bad in RAW_BAD:
        for i, (name, _) in enumerate(good):
            fields = [*good[:i], (name, b"x" + bad), *good[i + 1 :]]
            response = post_raw(client, APPLY, fields, as_multipart=as_multipart)
            assert_bad_request(response, (name, bad))
        response = post_raw(client, APPLY, [*good, (bad, b"1")], as_multipart=as_multipart)
        assert_bad_request(response, ("field name", bad))
    assert VisitApplication.objects.count() == before


@pytest.mark.parametrize("as_multipart", [False, True], ids=["urlencoded", "multipart"])
def test_korean_text_in_the_apply_form_reaches_the_form(client, seeded, as_multipart):
    fields = [(b"school", "한국초등학교".encode()), (b"message", "안녕하세요 ☺".encode())]
    response = post_raw(client, APPLY, fields, as_multipart=as_multipart)
    assert response.status_code == 400  # incomplete: the form's own page, not a bad request
    assert "입력 내용을 확인해 주세요" in response.content.decode()


def test_bad_bytes_in_an_uploaded_file_name_are_refused_but_its_content_is_not_text(client, seeded):
    fields = [(b"school", "한국초등학교".encode())]
    files = [(b"attachment", b"a\xff.txt", b"x")]
    response = post_raw(client, APPLY, fields, as_multipart=True, files=files)
    assert_bad_request(response, "file name")
    files = [(b"attachment", "안내.txt".encode(), b"\x00\xff binary content")]
    response = post_raw(client, APPLY, fields, as_multipart=True, files=files)
    assert "입력 내용을 확인해 주세요" in response.content.decode()


def test_a_nul_in_a_header_is_refused_before_axes_stores_it(client, seeded):
    response = client.post(
        "/admin/login/",
        {"username": "nobody", "password": "wrong"},
        headers={"user-agent": "Mozilla\x00"},
    )
    assert_bad_request(response, "User-Agent")


def test_a_bad_cookie_is_dropped_and_good_cookies_still_work(client, admin_user, seeded):
    client.cookies["sessionid"] = "abcdefgh\x00ij"  # was a 500 on PostgreSQL
    assert client.get("/admin/").status_code == 302  # anonymous: to the login page
    assert client.get("/sessions/").status_code == 200

    staff = Client(enforce_csrf_checks=True)
    staff.force_login(admin_user)
    staff.cookies["tracker"] = "x\x00y"
    assert staff.get("/admin/").status_code == 200  # the session cookie still counts
    token = staff.cookies["csrftoken"].value
    response = staff.post("/admin/logout/", {"csrfmiddlewaretoken": token})
    assert response.status_code == 200  # the CSRF cookie still counts


# ---------------------------------------------------------------- the admin


def admin_changelists():
    return sorted(
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model in admin.site._registry
    )


def autocomplete_fields() -> list[tuple[str, str, str]]:
    """(app_label, model_name, field_name) of every autocomplete field, inlines included."""
    found = set()
    for model, model_admin in admin.site._registry.items():
        for source, fields in [
            (model, model_admin.autocomplete_fields),
            *[(inline.model, inline.autocomplete_fields) for inline in model_admin.inlines],
        ]:
            for field in fields:
                found.add((source._meta.app_label, source._meta.model_name, field))
    assert found, "no autocomplete field found"
    return sorted(found)


# Not bytes but still odd: served (or refused with a 4xx) like any value.
ODD_VALUES = ["9" * 40, "%ED%95%9C"]


@pytest.mark.parametrize("url", admin_changelists())
def test_admin_changelists_refuse_bad_bytes_in_search_and_filters(admin_client, seeded, url):
    response = admin_client.get(url)
    assert response.status_code == 200, url
    changelist = response.context["cl"]
    keys = ["q", "o", "p", "e", "_to_field"]
    keys += [p for spec in changelist.filter_specs for p in spec.expected_parameters()]
    if changelist.date_hierarchy:
        field = changelist.date_hierarchy
        keys += [f"{field}__year", f"{field}__month", f"{field}__day"]
    for key in keys:
        for bad in BAD_BYTES:  # refused by the middleware: no changelist is rendered
            assert_bad_request(admin_client.get(f"{url}?{key}={bad}"), f"{url}?{key}={bad}")
    # Odd but well-formed values reach the admin: every key at once, one render per value.
    for odd in ODD_VALUES:
        # A huge date_hierarchy year is the known admin gap (the xfail test below).
        odd_keys = [
            k for k in keys if not (odd.isdigit() and k.endswith(("__year", "__month", "__day")))
        ]
        query = "&".join(f"{key}={odd}" for key in odd_keys)
        assert_not_server_error(admin_client.get(f"{url}?{query}"), f"{url}?{query}")


def test_a_huge_date_hierarchy_year_is_not_a_500(admin_client, seeded):
    for url in ("/admin/sessions_app/session/", "/admin/axes/accessattempt/"):
        field = "first_day" if "session" in url else "attempt_time"
        response = admin_client.get(f"{url}?{field}__year=" + "9" * 40)
        assert response.status_code == 302, url
        assert response["Location"] == f"{url}?e=1"
        assert admin_client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize("app_label, model_name, field_name", autocomplete_fields())
def test_the_admin_autocomplete_refuses_bad_bytes(
    admin_client, seeded, app_label, model_name, field_name
):
    query = {"app_label": app_label, "model_name": model_name, "field_name": field_name}
    base = "/admin/autocomplete/?" + urlencode(query)
    assert admin_client.get(base + "&term=a").status_code == 200
    for bad in BAD_BYTES:
        assert_bad_request(admin_client.get(f"{base}&term={bad}"), f"{base}&term={bad}")
        for key in query:
            url = "/admin/autocomplete/?" + urlencode({**query, key: "x"}) + bad
            assert_bad_request(admin_client.get(url), url)
    for odd in ODD_VALUES:
        assert_not_server_error(admin_client.get(f"{base}&term={odd}"), f"{base}&term={odd}")


def add_form_relations() -> list[tuple[str, str]]:
    """(add form URL, field name) of every relation an add form can take from its query
    string (``?sitting=3``, as the admin's "추가" links send): its autocomplete fields."""
    found = []
    for model, model_admin in admin.site._registry.items():
        for field in model_admin.autocomplete_fields:
            url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
            found.append((url, field))
    assert found, "no add form with an autocomplete field"
    return sorted(found)


@pytest.mark.parametrize(("url", "field"), add_form_relations())
def test_an_add_form_given_a_relation_that_is_no_id_opens_empty(admin_client, seeded, url, field):
    # It was a 500: the select widget looked its label up by "nope".
    for odd in ["nope", "1e9", "9" * 40, "-1", "1,x", "%ED%95%9C"]:
        response = admin_client.get(f"{url}?{field}={odd}")
        assert response.status_code == 200, f"{url}?{field}={odd}"
        assert b'selected value="' not in response.content, f"{url}?{field}={odd}"
    # A real id still preselects the record.
    relation = next(
        model._meta.get_field(field)
        for model in admin.site._registry
        if reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add") == url
    )
    choices = relation.related_model._default_manager.complex_filter(
        relation.get_limit_choices_to()
    )
    record = choices.order_by("pk").first()
    if record is not None:
        response = admin_client.get(f"{url}?{field}={record.pk}")
        assert response.status_code == 200
        assert f'value="{record.pk}" selected'.encode() in response.content


@pytest.mark.parametrize("as_multipart", [False, True], ids=["urlencoded", "multipart"])
def test_an_admin_change_form_refuses_bad_bytes_and_saves_nothing(
    admin_client, seeded, as_multipart
):
    from sessions_app.models import Body

    body = Body.objects.order_by("pk").first()
    url = reverse("admin:sessions_app_body_change", args=[body.pk])
    fields = [
        (name.encode(), b"" if value is None else str(value).encode())
        for name, value in model_to_dict(body).items()
    ]
    for bad in RAW_BAD:
        changed = [(k, b"\xeb\xb3\xb8" + bad if k == b"name" else v) for k, v in fields]
        assert_bad_request(post_raw(admin_client, url, changed, as_multipart=as_multipart), bad)
        body.refresh_from_db()
        assert "\x00" not in body.name and "\ufffd" not in body.name
    # The same form with good Korean text is saved: the check lets honest posts through.
    renamed = [(k, "새 이름".encode() if k == b"name" else v) for k, v in fields]
    response = post_raw(admin_client, url, renamed, as_multipart=as_multipart)
    assert response.status_code == 302, response.content.decode()[:2000]
    body.refresh_from_db()
    assert body.name == "새 이름"


def test_the_400_page_carries_the_headers_every_page_has(client, seeded):
    response = client.get("/sessions/calendar.ics?body=%00")
    assert response.status_code == 400
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert "Permissions-Policy" in response
