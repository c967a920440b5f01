"""Admin login throttling behind our proxy: django-axes counts failures per username and
client address, the address being common.network.client_address (AXES_CLIENT_IP_CALLABLE).

Requests look as they do behind nginx: REMOTE_ADDR is the proxy, X-Forwarded-For holds
an entry the client wrote itself (left) and the one the proxy added (right).
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

PROXY = "10.0.0.2"
PASSWORD = "lockout-test-password-7"


@pytest.fixture
def hong(db):
    user = User.objects.create_user("hong", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="의회홍보팀"))
    return user


@pytest.fixture(autouse=True)
def behind_one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1


def attempt(client, client_ip: str, spoofed: str = "198.51.100.1", password: str = "wrong"):
    return client.post(
        reverse("admin:login"),
        {"username": "hong", "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=f"{spoofed}, {client_ip}",
    )


def test_axes_uses_the_projects_client_address(settings):
    assert settings.AXES_CLIENT_IP_CALLABLE == "common.network.client_address"
    assert not [name for name in dir(settings) if name.startswith("AXES_IPWARE_")]


def test_client_a_is_locked_out_and_client_b_is_not(client, hong, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "203.0.113.10").status_code == 200
    locked = attempt(client, "203.0.113.10")
    assert locked.status_code == 429
    assert "로그인이 잠시 제한되었습니다" in locked.content.decode()
    # Even the right password, from A.
    assert attempt(client, "203.0.113.10", password=PASSWORD).status_code == 429
    # B, behind the same proxy, with the same username, logs in.
    assert attempt(client, "203.0.113.20", password=PASSWORD).status_code == 302


def test_a_spoofed_left_most_entry_does_not_escape_the_lockout(client, hong, settings):
    for number in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "203.0.113.10", spoofed=f"198.51.100.{number}")
    for spoofed in ("198.51.100.77", "203.0.113.20", "127.0.0.1", "junk"):
        response = attempt(client, "203.0.113.10", spoofed=spoofed, password=PASSWORD)
        assert response.status_code == 429
    # Without a forged entry at all, too.
    response = client.post(
        reverse("admin:login"),
        {"username": "hong", "password": PASSWORD},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="203.0.113.10",
    )
    assert response.status_code == 429


def test_failures_are_recorded_under_the_clients_address(client, hong):
    from axes.models import AccessAttempt

    attempt(client, "203.0.113.10")
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["203.0.113.10"]
