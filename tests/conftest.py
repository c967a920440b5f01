"""Project-wide pytest fixtures: the clock, the cache, the seed document's data, and what
keeps the run short (one seed load, one migrated SQLite file, reused PDF renders).

The seed is loaded once per run: the first test that asks for `seeded` opens an outer
transaction on every database, loads the seed into it and keeps it open until the run ends;
each such test runs in a savepoint inside it (pytest-django's TestCase machinery), so what a
test changes is rolled back and the next one finds the seed as loaded. Since every test that
runs after that point sees the seed, the tests are reordered (pytest_collection_modifyitems
below): tests that use `seeded` run last, after every other test, and transactional tests
(`transactional_db`, `live_server`, `django_db(transaction=True)`) before them, since they
commit, flush and serve from other threads, which cannot happen inside an open transaction. A
transactional test that asks for `seeded` gets the seed loaded for it alone, as before.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.core.management import call_command
from pytest_django.fixtures import validate_django_db

# ---------------------------------------------------------------- the clock

SEOUL = ZoneInfo("Asia/Seoul")
# Every test runs at this moment unless it travels elsewhere, with the clock ticking from
# there. 08:30 in Seoul is 23:30 UTC of the day before: code or a test that took UTC's date
# (or the machine's) for Seoul's would be a day off, and fail, on every run, not only on runs
# that happen to start between midnight and 09:00 in Seoul.
FROZEN_NOW = datetime.datetime(2026, 12, 1, 8, 30, tzinfo=SEOUL)


class Clock:
    """The test's clock (time-machine): Seoul's date and time, moved with travel_to().

    The whole process follows it, the live server's thread included; another process (the
    browser, gunicorn, a subprocess) keeps the real time.
    """

    def __init__(self, machine):
        self._machine = machine

    def travel_to(self, moment: datetime.date | datetime.datetime) -> None:
        """Move to a day (at FROZEN_NOW's time of day, in Seoul) or to an aware moment."""
        if not isinstance(moment, datetime.datetime):
            moment = datetime.datetime.combine(moment, FROZEN_NOW.timetz())
        if moment.tzinfo is None:
            raise ValueError("travel_to() needs an aware datetime (tzinfo=SEOUL) or a date")
        self._machine.move_to(moment, tick=True)

    @property
    def now(self) -> datetime.datetime:
        return datetime.datetime.now(SEOUL)

    @property
    def today(self) -> datetime.date:
        """Today in Seoul (worked out here, not with the app's own helpers)."""
        return self.now.date()


@pytest.fixture(autouse=True)
def clock(time_machine) -> Clock:
    """Every test starts at FROZEN_NOW; `clock.travel_to(day)` moves to another day."""
    time_machine.move_to(FROZEN_NOW, tick=True)
    return Clock(time_machine)


# ---------------------------------------------------------------- test-only speed-ups


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hashing():
    """MD5 instead of PBKDF2's many rounds: logging in and creating users is then instant.
    Nothing here tests the hasher's strength (production settings are untouched)."""
    from django.test.utils import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(scope="session", autouse=True)
def _reuse_identical_pdf_renders():
    """WeasyPrint renders a given document to the same PDF every time, and takes seconds to
    do it: html_to_pdf() gives back the PDF it already made when the print HTML it is asked
    to render is byte for byte the same (e.g. the untouched seed's 2023 plan, which many
    tests download, as a rendition or as its published edition). Any change of the records
    changes the HTML and renders anew; tests that count renders replace render_pdf (or
    html_to_pdf) with their own fake, which still works."""
    from workplan.report import pdf as report_pdf

    render = report_pdf.html_to_pdf
    made: dict[bytes, bytes] = {}

    def html_to_pdf(print_html):
        key = hashlib.sha256(print_html.encode()).digest()
        if key not in made:
            made[key] = render(print_html)
        return made[key]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(report_pdf, "html_to_pdf", html_to_pdf)
        yield


@pytest.fixture(scope="session", autouse=True)
def _media_in_a_temporary_folder(tmp_path_factory):
    """Files the portal stores (rendered PDFs) go to a folder of this run, removed after it,
    never to the project's media/."""
    from django.test.utils import override_settings

    with override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("media"))):
        yield


# ---------------------------------------------------------------- database and cache


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Create the test database as usual, then the table the DatabaseCache needs."""
    with django_db_blocker.unblock():
        call_command("createcachetable", verbosity=0)


def _uses_db(request) -> bool:
    # request.fixturenames is the whole closure, so `db`, `client` + `admin_user`, etc. count.
    return (
        "_django_db_helper" in request.fixturenames
        or request.node.get_closest_marker("django_db") is not None
    )


@pytest.fixture(autouse=True)
def clear_cache(request):
    """Give every test an empty default cache, and leave it empty afterwards.

    With the DatabaseCache (the default when REDIS_URL is unset) the cache is a table, so it
    can only be touched by tests that have database access; a test without it cannot have
    written to the cache either, so it is skipped there. In a test that uses `seeded` the
    table is cleared inside the test's savepoint, so the clearing, and whatever the test
    cached, are rolled back with it; the table was empty when the seed's transaction began.
    """
    cache = caches["default"]
    db_backed = isinstance(cache, DatabaseCache)
    if db_backed and not _uses_db(request):
        yield
        return
    if db_backed:
        request.getfixturevalue("_django_db_helper")
    cache.clear()
    yield
    cache.clear()


# ---------------------------------------------------------------- the seed document's data

SEED_FOR_THE_RUN = "_seed_for_the_run"


def _is_transactional(item: pytest.Item) -> bool:
    """As pytest-django decides whether a test gets a TransactionTestCase."""
    names = getattr(item, "fixturenames", ())
    if {"transactional_db", "live_server", "django_db_reset_sequences"} & set(names):
        return True
    marker = item.get_closest_marker("django_db")
    if marker is None:
        return False
    transaction, reset_sequences, *_ = validate_django_db(marker)
    return bool(transaction or reset_sequences)


def _uses_the_shared_seed(item: pytest.Item) -> bool:
    return "seeded" in getattr(item, "fixturenames", ()) and not _is_transactional(item)


@pytest.hookimpl(trylast=True)  # after pytest-django's own reordering, which it would undo
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that share the seed last, transactional tests just before them.

    The sort is stable, so pytest-django's order (database tests first, as Django orders
    them) holds within each group. Each test that shares the seed also gets the session
    fixture that loads it put first in its fixtures (as time-machine does for its marker),
    so that the seed's transaction is open before the test's own: `seeded` itself cannot
    depend on it, or a transactional test would open it.
    """

    def group(item: pytest.Item) -> int:
        if _uses_the_shared_seed(item):
            return 2
        return 1 if _is_transactional(item) else 0

    items.sort(key=group)
    for item in items:
        if _uses_the_shared_seed(item) and SEED_FOR_THE_RUN not in item.fixturenames:
            item.fixturenames.insert(0, SEED_FOR_THE_RUN)


def _load_seed() -> None:
    call_command("load_seed", stdout=StringIO())


@pytest.fixture(scope="session")
def _seed_for_the_run(django_db_setup, django_db_blocker, _media_in_a_temporary_folder):
    """Load the seed once, in a transaction on every database that stays open until the run
    ends and is then rolled back. Put before a test's other fixtures by the hook above. The
    seed's published work plan edition keeps its PDF in the run's media folder."""
    from django.db import connections, transaction

    for alias in connections:
        assert not connections[alias].in_atomic_block, (
            "the seed's transaction must be opened before the test's: request `seeded` as a "
            "fixture argument, not with request.getfixturevalue()"
        )
    with django_db_blocker.unblock():
        atomics = [transaction.atomic(using=alias) for alias in connections]
        for atomic in atomics:
            atomic.__enter__()
        try:
            # Transactional tests (run before) flush every table, the roles that the
            # migrations made included: restore them as a freshly migrated database has them.
            call_command("sync_roles", stdout=StringIO())
            with time_machine.travel(FROZEN_NOW):
                _load_seed()
        except BaseException:
            for atomic in reversed(atomics):
                transaction.set_rollback(True, using=atomic.using)
                atomic.__exit__(None, None, None)
            raise
    yield
    with django_db_blocker.unblock():
        for atomic in reversed(atomics):
            transaction.set_rollback(True, using=atomic.using)
            atomic.__exit__(None, None, None)
        # While the browser tests' Playwright loop runs in this thread, Django keeps this
        # thread's connections apart from those made before it started (asgiref's Local); the
        # test database's teardown closes only the latter, and PostgreSQL refuses to drop a
        # database that a connection left open still uses.
        connections.close_all()


@pytest.fixture
def seeded(request, db):
    """The seed (fixtures/*.json) loaded into the test database, as `make run` does.

    Returns the seeded council. Loaded once per run and rolled back after each
    test (see the module's docstring); for a transactional test, loaded for that test.
    """
    from council.models import Council
    from portal.management.commands.load_seed import seed_council_name

    if _is_transactional(request.node):
        _load_seed()
    else:
        request.getfixturevalue(SEED_FOR_THE_RUN)
    return Council.objects.get(name=seed_council_name())


# ---------------------------------------------------------------- a migrated SQLite file

ROOT = Path(__file__).resolve().parent.parent


class _MigratedSqlite:
    """One SQLite file migrated by `manage.py migrate` in a subprocess, as a deploy does.

    Migrating takes several seconds (Django renders the model states of every migration);
    tests that run the app in other processes on a migrated database (production settings,
    the two app servers) copy this file instead of each migrating their own. It is migrated
    in the background as soon as collection shows a test needs it, on the core the tests
    leave idle.
    """

    def __init__(self):
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="council-migrated-"))
        self.path = self.folder / "migrated.sqlite3"
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{self.path}", "DJANGO_DEBUG": "1"}
        env.pop("REDIS_URL", None)
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )

    def copy_to(self, target: Path) -> Path:
        if self.process is None:
            self.start()
        output, _ = self.process.communicate(timeout=300)
        if self.process.returncode != 0:
            pytest.fail(f"manage.py migrate failed:\n{output.decode(errors='replace')}")
        shutil.copyfile(self.path, target)
        return target

    def remove(self) -> None:
        if self.process is not None:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
            shutil.rmtree(self.folder, ignore_errors=True)


_MIGRATED_SQLITE = _MigratedSqlite()


def pytest_collection_finish(session: pytest.Session) -> None:
    if session.config.option.collectonly:
        return
    if any("migrated_sqlite" in getattr(item, "fixturenames", ()) for item in session.items):
        _MIGRATED_SQLITE.start()


def pytest_sessionfinish(session: pytest.Session) -> None:
    _MIGRATED_SQLITE.remove()


@pytest.fixture(scope="session")
def migrated_sqlite() -> _MigratedSqlite:
    """`migrated_sqlite.copy_to(path)` puts a freshly migrated SQLite database at path."""
    return _MIGRATED_SQLITE


# ---------------------------------------------------------------- a Redis to stop

REDIS_SERVER = "/usr/bin/redis-server"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RedisServer:
    """A throw-away redis-server on 127.0.0.1 that a test can stop, start and pause."""

    def __init__(self, folder: Path) -> None:
        self.port = free_port()
        self.folder = folder
        self.process: subprocess.Popen | None = None
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--bind", "127.0.0.1", "--port", str(self.port), "--save", ""]
            + ["--appendonly", "no", "--dir", str(self.folder)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2) as s:
                    s.sendall(b"PING\r\n")
                    if s.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGCONT)  # in case it was paused
            self.process.terminate()
            self.process.wait(10)
        self.process = None

    def pause(self) -> None:
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGSTOP)

    def resume(self) -> None:
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGCONT)


@pytest.fixture
def redis_server(tmp_path):
    """A throw-away Redis (tests/test_outages.py stops and pauses it)."""
    if not os.path.exists(REDIS_SERVER):
        pytest.fail("redis-server is missing: scripts/system-deps.sh installs it")
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _forget_the_last_council_read():
    """portal.errors keeps the council's identity last read, for error pages while the
    database is down; each test starts with none, as a fresh process does."""
    from portal import errors

    errors._last_read.clear()
    yield
    errors._last_read.clear()
