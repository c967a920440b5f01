"""The liveness check and the settings' safe defaults."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import DatabaseError

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_healthz_answers_ok_when_database_and_cache_answer(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.content.decode().splitlines() == ["ok", "database: ok", "cache: ok"]
    assert response["Content-Type"].startswith("text/plain")
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_answers_head_requests_for_load_balancers(client):
    response = client.head("/healthz")

    assert response.status_code == 200
    assert response.content == b""


@pytest.mark.django_db
def test_healthz_answers_503_when_database_fails_and_the_cache_lives_in_it(client, monkeypatch):
    class UnreachableConnection:
        def cursor(self):
            raise DatabaseError("connection refused")

    monkeypatch.setattr("portal.health.connection", UnreachableConnection())

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.content.decode().splitlines() == [
        "unavailable",
        "database: unavailable",
        "cache: unavailable",
    ]


@pytest.mark.django_db
def test_home_page_is_korean_with_skip_link(client):
    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ko">' in html
    assert 'href="#content"' in html
    assert 'aria-label="주 메뉴"' in html
    assert 'id="content"' in html


@pytest.mark.django_db
def test_cache_works_and_starts_empty():
    assert cache.get("probe") is None
    cache.set("probe", "value")
    assert cache.get("probe") == "value"


def _clean_env(**extra):
    """A minimal environment: no DJANGO_* or DATABASE_URL from the caller leaks in."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": os.environ.get("HOME", "/")}
    env.update(extra)
    return env


def _import_settings(env):
    return subprocess.run(
        [sys.executable, "-c", "import portal.settings as s; print('DEBUG', s.DEBUG)"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_debug_is_off_and_secret_key_required_by_default():
    result = _import_settings(_clean_env())

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_debug_off_with_secret_key_imports():
    result = _import_settings(_clean_env(DJANGO_SECRET_KEY="x" * 50))

    assert result.returncode == 0, result.stderr
    assert "DEBUG False" in result.stdout


def test_debug_on_needs_no_secret_key():
    result = _import_settings(_clean_env(DJANGO_DEBUG="1"))

    assert result.returncode == 0, result.stderr
    assert "DEBUG True" in result.stdout
