"""Public pages answer only the methods they serve: GET and HEAD everywhere (HEAD with an
empty body), POST only where a form lives, and 405 with an Allow header to anything else
(PUT, PATCH, DELETE, TRACE, OPTIONS, made-up methods): no page is sent back to a TRACE or an
OPTIONS. Every public URL pattern is enumerated from the URL resolver (as
tests/test_bad_input.py does), so a page added later is covered too.
"""

from __future__ import annotations

import pytest
from django.test import Client

from tests.test_bad_input import ROUTES, fill

# Where a form is posted to; every other public URL is read-only.
FORM_ROUTES = {"outreach/visits/apply/"}
# /healthz is a probe for the load balancer, not a page (portal/health.py: GET and HEAD);
# /media/ serves stored files in development only (DEBUG, portal/urls.py), no page either.
PROBES = {"healthz", "media/<path:name>"}
REFUSED = ["PUT", "PATCH", "DELETE", "TRACE", "OPTIONS", "CONNECT", "PROPFIND", "FOO"]
PAGE_ROUTES = [r for r, _ in ROUTES if r not in PROBES]


@pytest.fixture
def sample_values(seeded):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from council.models import Member, Term
    from council.services import member_save
    from legislation.models import Bill, BillDocument
    from minutes.models import Minutes
    from sessions_app.models import Body, Session, Sitting

    session = Session.objects.order_by("number").first()
    sitting = Sitting.objects.create(
        session=session, body=Body.objects.get(slug="plenary"), number=1, date=session.first_day
    )
    Minutes.objects.create(sitting=sitting, text="의장 개의를 선포합니다.")
    # The seed names no member and holds no bill document: one of each, with a photo.
    picture = io.BytesIO()
    Image.new("RGB", (10, 10)).save(picture, format="PNG")
    member = member_save(
        member=Member(term=Term.objects.get(council=seeded, number=9), name="가나다"),
        photo=SimpleUploadedFile("p.png", picture.getvalue()),
    )
    bill = Bill.objects.of(seeded).order_by("pk").first()
    document = BillDocument.objects.create(
        bill=bill, kind="text", file=SimpleUploadedFile("a.pdf", b"%PDF-1.4 demo")
    )
    return {
        "number": str(session.number),
        "year": "2023",
        "slug": "plenary",
        "pk": str(sitting.pk),
        "sitting_id": str(sitting.pk),
        "member": str(member.pk),
        "bill": str(bill.pk),
        "document": str(document.pk),
    }


def _url(route: str, values: dict[str, str]) -> str:
    converters = dict(ROUTES)[route]
    if route.startswith("workplan/"):
        values = {**values, "number": "1"}  # a work plan's edition, not a session number
    if route.startswith("members/"):
        values = {**values, "pk": values["member"]}
    elif route.startswith("bills/") and "bill_pk" in converters:
        values = {**values, "bill_pk": values["bill"], "pk": values["document"]}
    elif route.startswith("bills/"):
        values = {**values, "pk": values["bill"]}
    return fill(route, {name: values[name] for name in converters})


def _allowed(response) -> set[str]:
    return {m.strip() for m in response["Allow"].split(",")}


def test_the_form_routes_and_probes_exist():
    routes = {r for r, _ in ROUTES}
    assert FORM_ROUTES <= routes and PROBES <= routes


@pytest.mark.parametrize("route", PAGE_ROUTES)
def test_get_and_head_are_served_and_head_has_no_body(client, sample_values, route):
    url = _url(route, sample_values)
    get = client.get(url)
    assert get.status_code in (200, 301, 302), url
    head = client.head(url)
    assert head.status_code == get.status_code, url
    assert (head.getvalue() if head.streaming else head.content) == b"", url


@pytest.mark.parametrize("route", PAGE_ROUTES)
def test_other_methods_are_405_with_allow(client, sample_values, route):
    url = _url(route, sample_values)
    expected_allow = {"GET", "HEAD", "POST"} if route in FORM_ROUTES else {"GET", "HEAD"}
    refused = REFUSED if route in FORM_ROUTES else [*REFUSED, "POST"]
    for method in refused:
        response = client.generic(method, url)
        assert response.status_code == 405, f"{method} {url}: {response.status_code}"
        assert _allowed(response) == expected_allow, f"{method} {url}"
        assert response.content == b"", f"{method} {url} sent a body"


@pytest.mark.parametrize("route", sorted(PROBES))
def test_the_health_probe_refuses_other_methods(client, route):
    for method in [*REFUSED, "POST"]:
        response = client.generic(method, "/" + route)
        assert response.status_code == 405, method
        assert "GET" in _allowed(response)


@pytest.mark.parametrize("route", PAGE_ROUTES)
def test_with_csrf_checks_on_no_unsafe_method_reaches_a_page(seeded, sample_values, route):
    """As in production, with the CSRF check on: every method no page serves is the view's
    405 with its Allow header (portal.middleware.UnservedMethodMiddleware answers before the
    CSRF check would say 403); no page is sent."""
    client = Client(enforce_csrf_checks=True)
    url = _url(route, sample_values)
    expected_allow = {"GET", "HEAD", "POST"} if route in FORM_ROUTES else {"GET", "HEAD"}
    for method in REFUSED:
        response = client.generic(method, url)
        assert response.status_code == 405, f"{method} {url}"
        assert _allowed(response) == expected_allow, f"{method} {url}"
        assert response.content == b"", f"{method} {url} sent a body"


def test_the_admin_answers_405_to_methods_it_does_not_serve(admin_client, seeded):
    for method in ("PUT", "DELETE", "TRACE", "OPTIONS"):
        response = admin_client.generic(method, "/admin/sessions_app/session/")
        assert response.status_code == 405, method
        assert _allowed(response) == {"GET", "HEAD", "POST"}


def test_the_admin_still_takes_posts(admin_client, seeded):
    response = admin_client.post("/admin/logout/")
    assert response.status_code == 200
