"""Two stateless app servers behind one database and one Redis agree at once.

Production runs several gunicorn instances behind a reverse proxy (docs/DEPLOYMENT.md); they
share PostgreSQL and Redis (the page cache). A clerk's edit made through one instance must show
on the very next request to the other, the cached work plan PDF included.

The instances get their own database, created for this test: on the PostgreSQL server of
DATABASE_URL when the suite runs on PostgreSQL (as CI does), else a SQLite file both share.
"""

from __future__ import annotations

import http.cookiejar
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from .forms import form_values, pdf_text

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379
PASSWORD = "clerk-pass-2023!"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _redis_answers() -> bool:
    try:
        with socket.create_connection((REDIS_HOST, REDIS_PORT), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture
def shared_database(tmp_path, migrated_sqlite):
    """A database URL of its own, migrated and seeded, with a clerk (superuser); dropped after."""
    suite_url = os.environ.get("DATABASE_URL", "")
    if suite_url.startswith(("postgres://", "postgresql://")):
        parts = urllib.parse.urlsplit(suite_url)
        name = f"council_two_instances_{os.getpid()}"
        server = parts._replace(path="/postgres").geturl()
        url = parts._replace(path=f"/{name}").geturl()

        def psql(sql):
            subprocess.run(["psql", "-q", server, "-c", sql], check=True, capture_output=True)

        psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        psql(f"CREATE DATABASE {name}")
        drop = lambda: psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")  # noqa: E731
    else:  # migrated already: the migrate below finds nothing to do
        url = f"sqlite:///{migrated_sqlite.copy_to(tmp_path / 'shared.sqlite3')}"
        drop = lambda: None  # noqa: E731

    env = {**os.environ, "DATABASE_URL": url, "DJANGO_DEBUG": "1"}
    env.pop("REDIS_URL", None)
    # One process for all three steps: starting Django is the slow part.
    prepare = (
        "from django.core.management import call_command as run\n"
        "from django.contrib.auth import get_user_model\n"
        "run('migrate', interactive=False, verbosity=0)\n"
        "run('load_seed', verbosity=0)\n"
        f"get_user_model().objects.create_superuser('clerk', 'c@example.org', {PASSWORD!r})\n"
    )
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c", prepare],
        env=env,
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    yield url
    drop()


@pytest.fixture
def two_instances(shared_database, tmp_path):
    """Two gunicorn instances on two free ports, one database, one Redis database."""
    if not _redis_answers():
        pytest.skip(f"Redis is not answering on {REDIS_HOST}:{REDIS_PORT} (see docs/DEPLOYMENT.md)")
    import redis

    redis_url = f"redis://{REDIS_HOST}:{REDIS_PORT}/{8 + os.getpid() % 8}"
    redis.Redis.from_url(redis_url).flushdb()
    env = {
        **os.environ,
        "DATABASE_URL": shared_database,
        "REDIS_URL": redis_url,
        "DJANGO_DEBUG": "1",  # plain http on the loopback: session cookies without Secure
        "DJANGO_PAGE_CACHE": "1",
    }
    processes, bases = [], []
    try:
        for number in (1, 2):
            port = _free_port()
            log = open(tmp_path / f"gunicorn{number}.log", "wb")  # noqa: SIM115
            processes.append(
                subprocess.Popen(
                    [
                        str(BIN / "gunicorn"),
                        "portal.wsgi:application",
                        "--bind",
                        f"127.0.0.1:{port}",
                        "--workers",
                        "2",
                        "--log-level",
                        "warning",
                    ],
                    cwd=ROOT,
                    env=env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            )
            bases.append(f"http://127.0.0.1:{port}")
        for base, process in zip(bases, processes, strict=True):
            _wait_until_up(base, process)
        yield bases
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        redis.Redis.from_url(redis_url).flushdb()


def _wait_until_up(base: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"gunicorn at {base} exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=10) as response:
                if response.status == 200:
                    return
        except OSError:  # refused, reset or timed out while the workers boot
            time.sleep(0.2)
    pytest.fail(f"gunicorn at {base} did not answer /healthz within 30 s")


class Browser:
    """A citizen's or a clerk's HTTP client with its own cookies."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, path: str):
        with self.opener.open(self.base + path, timeout=60) as response:
            return response.status, dict(response.headers), response.read()

    def post(self, path: str, data: dict[str, list[str]]):
        body = urllib.parse.urlencode(data, doseq=True).encode()
        request = urllib.request.Request(
            self.base + path, data=body, headers={"Referer": self.base + path}
        )
        with self.opener.open(request, timeout=60) as response:
            return response.status, response.geturl(), response.read()

    def admin_login(self) -> None:
        _, _, page = self.get("/admin/login/")
        data = form_values(page.decode())
        data.update(username=["clerk"], password=[PASSWORD], next=["/admin/"])
        _, landed, _ = self.post("/admin/login/?next=/admin/", data)
        assert landed == f"{self.base}/admin/", f"login failed, landed on {landed}"


def test_an_edit_through_one_instance_is_seen_at_once_through_the_other(two_instances):
    first, second = two_instances
    citizen = Browser(second)

    # The citizen reads the budget and the work plan PDF through the second instance, twice:
    # the second read is served from the shared cache.
    for expected_cache in ("miss", "hit"):
        status, headers, page = citizen.get("/budget/2023/")
        assert status == 200 and headers["X-Page-Cache"] == expected_cache
        assert "4,378" in page.decode()
    # The PDF is the published edition's file, the same through either instance.
    status, headers, published = citizen.get("/workplan/2023.pdf")
    assert status == 200 and headers["X-Workplan-Cache"] == "edition"
    assert "4,378" in pdf_text(published)

    # A clerk raises 의정활동지원 · 일반운영비 2023 from 36 to 46 백만원 through the first.
    clerk = Browser(first)
    clerk.admin_login()
    url = "/admin/budget/budgetitem/4/change/"
    _, _, form = clerk.get(url)
    data = form_values(form.decode())
    assert data["amounts-0-year"] == ["2023"] and data["amounts-0-amount"] == ["36,000,000"]
    data["amounts-0-amount"] = ["46000000"]
    data["_save"] = ["저장"]
    status, landed, _ = clerk.post(url, data)
    assert landed.endswith("/admin/budget/budgetitem/"), f"the edit was not saved: {landed}"

    # The very next request to the second instance shows the new total on the page; the
    # published work plan's PDF stays the edition it was (a correction is a new edition).
    status, headers, page = citizen.get("/budget/2023/")
    assert headers["X-Page-Cache"] == "miss"
    assert "4,388" in page.decode() and "4,378" not in page.decode()
    status, headers, pdf = citizen.get("/workplan/2023.pdf")
    assert headers["X-Workplan-Cache"] == "edition" and pdf == published
