"""common.network.client_address: REMOTE_ADDR, or the TRUSTED_PROXY_COUNT-th entry from the
right of X-Forwarded-For, validated as an IP address."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from common.network import UNKNOWN_ADDRESS, client_address

PROXY = "10.0.0.2"


def request(forwarded: str | None = None, remote: str = PROXY):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


@pytest.mark.parametrize(
    "count, forwarded, expected",
    [
        # No proxies of ours: the header is never read.
        (0, None, PROXY),
        (0, "203.0.113.10", PROXY),
        # One proxy (nginx): its entry, the right-most; the client's own entries are ignored.
        (1, "203.0.113.10", "203.0.113.10"),
        (1, "198.51.100.1, 203.0.113.10", "203.0.113.10"),
        (1, "198.51.100.1,203.0.113.10", "203.0.113.10"),
        (1, "junk, 1.2.3.4, 203.0.113.10", "203.0.113.10"),
        # Two proxies: the second entry from the right.
        (2, "198.51.100.1, 203.0.113.10, 10.0.0.9", "203.0.113.10"),
        # Fewer entries than proxies (a misconfiguration): none of it is believed.
        (2, "203.0.113.10", PROXY),
        (1, None, PROXY),
        (1, "", PROXY),
        (1, "  ", PROXY),
        # The chosen entry is no address: REMOTE_ADDR.
        (1, "203.0.113.10, not-an-ip", PROXY),
        (1, "203.0.113.10, 203.0.113.300", PROXY),
        (1, "203.0.113.10, 203.0.113.11:8080", PROXY),
        (1, "203.0.113.10, ", PROXY),
        # IPv6, normalised.
        (1, "198.51.100.1, 2001:DB8::0:1", "2001:db8::1"),
    ],
)
def test_client_address(settings, count, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = count
    assert client_address(request(forwarded)) == expected


def test_no_usable_address_at_all_is_one_shared_unknown(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request("junk", remote="")) == UNKNOWN_ADDRESS
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(request(remote="")) == UNKNOWN_ADDRESS
