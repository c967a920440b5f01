"""Search engines find every member's and every bill's page in /sitemap.xml; the member's
feed and the downloads are not pages and stay out."""

from __future__ import annotations

from tests.test_sitemap import sitemap_paths


def test_the_sitemap_lists_members_and_bills_but_not_their_feeds(client, record, settings):
    settings.PAGE_CACHE_ENABLED = False
    paths = sitemap_paths(client)
    for member in record["members"]:
        assert f"/members/{member.pk}/" in paths
        assert f"/members/{member.pk}/feed/" not in paths
    for bill in record["bills"]:
        assert f"/bills/{bill.pk}/" in paths
    assert "/members/" in paths and "/bills/" in paths
    assert not [p for p in paths if p.endswith(("/feed/", ".csv", ".json"))]
