"""Search engines find every public page: /robots.txt names the sitemap and keeps them out of
the admin; /sitemap.xml lists the site's pages, every session, budget year and work plan."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_paths(client) -> list[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    locations = [loc.text or "" for loc in root.findall("sm:url/sm:loc", NS)]
    assert all(loc.startswith("http://testserver/") for loc in locations), locations[:3]
    return [re.sub(r"^http://testserver", "", loc) for loc in locations]


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_the_sitemap_lists_every_public_page_a_search_can_land_on(seeded, client):
    from sessions_app.models import Session

    paths = sitemap_paths(client)

    for page in ("/", "/sessions/", "/council/", "/outreach/", "/guide/", "/privacy/"):
        assert page in paths
    for number in Session.objects.values_list("number", flat=True):
        assert f"/sessions/{number}/" in paths
    assert "/budget/2022/" in paths and "/budget/2023/" in paths
    assert "/workplan/2023/" in paths and "/workplan/2023.pdf" in paths
    assert not [p for p in paths if p.startswith("/admin/") or p.endswith((".csv", ".json"))]
    assert len(paths) == len(set(paths))
    # Every page listed opens (the PDF may still be in the making: 202).
    for path in paths:
        assert client.get(path).status_code in (200, 202), path


def test_a_new_session_is_listed_at_once_and_the_sitemap_costs_the_same_queries(
    seeded, client, settings, django_assert_num_queries
):
    import datetime

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from council.models import Council
    from sessions_app.models import Session

    settings.PAGE_CACHE_ENABLED = False
    client.get("/sitemap.xml")
    with CaptureQueriesContext(connection) as before:
        client.get("/sitemap.xml")
    council = Council.objects.get()
    for offset in range(5):
        Session.objects.create(
            council=council,
            number=300 + offset,
            kind=Session.Kind.EXTRAORDINARY,
            first_day=datetime.date(2024, 2, 1 + offset * 5),
            last_day=datetime.date(2024, 2, 3 + offset * 5),
        )

    with django_assert_num_queries(len(before)):
        paths = sitemap_paths(client)
    assert "/sessions/304/" in paths


def test_the_cached_sitemap_follows_an_edit(seeded, client):
    import datetime

    from council.models import Council
    from sessions_app.models import Session

    assert client.get("/sitemap.xml")["X-Page-Cache"] == "miss"
    assert client.get("/sitemap.xml")["X-Page-Cache"] == "hit"
    Session.objects.create(
        council=Council.objects.get(),
        number=399,
        kind=Session.Kind.EXTRAORDINARY,
        first_day=datetime.date(2024, 5, 2),
        last_day=datetime.date(2024, 5, 3),
    )
    assert "/sessions/399/" in sitemap_paths(client)
