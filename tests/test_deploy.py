"""Production settings: `check --deploy` is clean, the security headers are sent, and when the
database is down /healthz says 503, pages show the Korean 503 page and every error is logged.

Production is run in a subprocess (DJANGO_DEBUG unset, a real secret key, allowed hosts),
because the settings are read once per process and tests run with development defaults.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import textwrap
from pathlib import Path
from wsgiref.util import setup_testing_defaults

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
HOST = "council.example.kr"


def production_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),  # 67 characters
        DJANGO_ALLOWED_HOSTS=HOST,
        DJANGO_SETTINGS_MODULE="portal.settings",
    )
    env.update(extra)
    return env


def run_production(script: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)],
        cwd=ROOT,
        env=production_env(**env),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_fails_when_a_safety_is_switched_off():
    """The check can fail: turning HSTS off is reported."""
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(DJANGO_HSTS_SECONDS="0"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "security.W004" in result.stderr + result.stdout


PROBE = """
    import json, os, django
    from django.conf import settings
    django.setup()
    if os.environ.get("PROBE_PLAIN_STATIC"):
        settings.STORAGES = {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    from django.test import Client
    from django.test.utils import setup_test_environment
    setup_test_environment()
    client = Client(raise_request_exception=False)
    out = {}
    for path in ("/healthz", "/", "/no-such-page/"):
        r = client.get(path, secure=True, HTTP_HOST="council.example.kr")
        out[path] = {"status": r.status_code, "body": r.content.decode(), "headers": dict(r.items())}
    plain = client.get("/healthz", HTTP_HOST="council.example.kr")
    out["http"] = {"status": plain.status_code, "location": plain.get("Location", "")}
    print("JSON" + json.dumps(out))
"""


def probe(**env) -> tuple[dict, str]:
    result = run_production(PROBE, **env)
    line = [x for x in result.stdout.splitlines() if x.startswith("JSON")]
    assert line, result.stdout + result.stderr
    return json.loads(line[0][4:]), result.stderr


@pytest.fixture(scope="module")
def database_down(tmp_path_factory):
    """Production pointed at a PostgreSQL port nobody listens on."""
    log_file = tmp_path_factory.mktemp("log") / "errors.log"
    answers, stderr = probe(
        DATABASE_URL="postgres://postgres@127.0.0.1:9/council",
        DJANGO_LOG_FILE=str(log_file),
    )
    return answers, stderr, log_file


def test_healthz_answers_503_while_the_database_is_down(database_down):
    answers, _, _ = database_down
    assert answers["/healthz"]["status"] == 503
    # No REDIS_URL here: the cache is a table of the database, so nothing can be served.
    assert answers["/healthz"]["body"].splitlines()[0] == "unavailable"


def test_pages_show_the_korean_503_page_while_the_database_is_down(database_down):
    answers, _, _ = database_down
    page = answers["/"]
    assert page["status"] == 503
    assert page["headers"]["Retry-After"] == "30"
    assert '<html lang="ko">' in page["body"]
    assert "잠시 서비스를 이용할 수 없습니다" in page["body"]
    assert "Traceback" not in page["body"]


def test_every_server_error_is_logged_to_stderr_and_the_log_file(database_down):
    _, stderr, log_file = database_down
    assert "ERROR django.request: Service Unavailable: /" in stderr
    assert "OperationalError" in stderr
    assert "Service Unavailable: /" in log_file.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def production_answers(tmp_path_factory, migrated_sqlite):
    """Production with a migrated database (static file names are not hashed: collectstatic
    with compression takes minutes, and the manifest is no part of what is tested here)."""
    db = migrated_sqlite.copy_to(tmp_path_factory.mktemp("db") / "prod.sqlite3")
    env = {"DATABASE_URL": f"sqlite:///{db}", "PROBE_PLAIN_STATIC": "1"}
    answers, _ = probe(**env)
    return answers


def test_production_redirects_http_to_https(production_answers):
    assert production_answers["http"]["status"] == 301
    assert production_answers["http"]["location"] == f"https://{HOST}/healthz"


def test_production_sends_the_security_headers(production_answers):
    headers = production_answers["/no-such-page/"]["headers"]
    assert production_answers["/no-such-page/"]["status"] == 404
    assert "페이지를 찾을 수 없습니다" in production_answers["/no-such-page/"]["body"]
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    csp = headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in headers["Permissions-Policy"]


def test_the_admin_alone_may_use_inline_styles(client, db):
    public = client.get("/outreach/visits/apply/")["Content-Security-Policy"]
    admin = client.get("/admin/login/")["Content-Security-Policy"]
    assert "'unsafe-inline'" not in public
    assert "style-src 'self' 'unsafe-inline'" in admin
    assert "script-src 'self'" in admin and admin.count("unsafe-inline") == 1


def test_production_cookies_are_secure():
    result = run_production(
        """
        import django
        django.setup()
        from django.conf import settings as s
        print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY,
              s.SESSION_COOKIE_AGE, s.SESSION_EXPIRE_AT_BROWSER_CLOSE, s.DEBUG)
        """
    )
    assert result.stdout.split() == ["True", "True", "True", "28800", "True", "False"]


def test_behind_a_tls_proxy_the_forwarded_scheme_is_trusted_only_when_configured():
    script = """
        import django
        django.setup()
        from django.conf import settings as s
        print(getattr(s, "SECURE_PROXY_SSL_HEADER", None), s.SECURE_SSL_REDIRECT)
        """
    assert run_production(script).stdout.strip() == "None True"
    behind = run_production(
        script, DJANGO_SECURE_PROXY_SSL_HEADER="1", DJANGO_SECURE_SSL_REDIRECT="0"
    )
    assert behind.stdout.strip() == "('HTTP_X_FORWARDED_PROTO', 'https') False"


# ---------------------------------------------------------------- database restart


def wsgi_get(handler: WSGIHandler, path: str) -> int:
    """A request through Django's real WSGI handler (the test client skips the per-request
    connection checks, which are what this is about)."""
    environ: dict = {"PATH_INFO": path, "HTTP_HOST": "testserver"}
    setup_testing_defaults(environ)
    status: list[str] = []
    body = handler(environ, lambda s, headers, exc_info=None: status.append(s))
    b"".join(body)
    body.close()
    return int(status[0].split()[0])


@pytest.mark.django_db(transaction=True)
def test_a_database_restart_while_idle_costs_no_request():
    """PostgreSQL drops every connection when it restarts. Django keeps connections open
    (CONN_MAX_AGE); with CONN_HEALTH_CHECKS it finds the dead one at the next request and
    reconnects, so the first request after the restart answers normally."""
    if connection.vendor != "postgresql":
        pytest.skip("persistent connections and health checks are PostgreSQL settings here")
    import psycopg2

    assert connection.settings_dict["CONN_HEALTH_CHECKS"] is True
    assert connection.settings_dict["CONN_MAX_AGE"] > 0
    handler = WSGIHandler()

    def drop_connection():
        pid = connection.connection.get_backend_pid()
        params = connection.get_connection_params()
        params["dbname"] = "postgres"
        killer = psycopg2.connect(**params)
        killer.autocommit = True
        with killer.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
        killer.close()

    assert wsgi_get(handler, "/healthz") == 200
    drop_connection()  # what a restart does to the idle connection
    assert wsgi_get(handler, "/healthz") == 200

    # Control: without the health check the same drop costs the next request.
    connection.settings_dict["CONN_HEALTH_CHECKS"] = False
    connection.close()  # the flag is read when connecting
    try:
        assert wsgi_get(handler, "/healthz") == 200
        drop_connection()
        assert wsgi_get(handler, "/healthz") == 503
    finally:
        connection.settings_dict["CONN_HEALTH_CHECKS"] = True
    assert wsgi_get(handler, "/healthz") == 200  # and it recovers after that one
