"""Background work survives a worker restart: a task a worker took and never finished (the
machine lost power, the process was killed) is run again by the next worker, and none is
lost. Real Django Q2 workers (`manage.py qcluster`) in their own process groups, on a
database file of their own (only the queue's tables are needed); tasks run for real, not
inside the test (DJANGO_TASKS_SYNC=0)."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


def _env(database: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_TASKS_SYNC": "0",
        # A task no worker finished is handed out again 4 s after it was taken.
        "DJANGO_TASK_TIMEOUT": "3",
        "DJANGO_TASK_RETRY": "4",
    }


def _manage(env, *args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        **kwargs,
    )


def _start_worker(env, log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "qcluster"],
        cwd=ROOT,
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: killed whole, like a machine
    )


def _kill(worker: subprocess.Popen) -> None:
    """The whole process group at once, as when the machine goes down."""
    os.killpg(worker.pid, signal.SIGKILL)
    worker.wait(timeout=30)


def _stop(worker: subprocess.Popen) -> None:
    """SIGTERM to the worker, as a deploy or `systemctl stop` does; it stops its children."""
    worker.send_signal(signal.SIGTERM)
    try:
        worker.wait(timeout=60)
    finally:
        if worker.poll() is None:
            _kill(worker)


def _queue(tmp_path: Path) -> tuple[dict[str, str], Path, Path]:
    """A database of the queue's own tables, a folder for the task's marks, the workers' log."""
    env = _env(tmp_path / "queue.sqlite3")
    marks = tmp_path / "marks"
    marks.mkdir()
    _manage(env, "migrate", "django_q", "-v", "0")
    _manage(env, "createcachetable")  # the workers keep their statistics in the cache
    return env, marks, tmp_path / "worker.log"


def _queue_probe(env, marks: Path, *, seconds: float) -> None:
    """Queued as the site queues work: into the database, whether a worker runs or not."""
    _manage(
        env,
        "shell",
        "-c",
        "from django_q.tasks import async_task; "
        f"async_task('tests.worker_tasks.slow_mark', {str(marks)!r}, {seconds}, task_name='probe')",
    )


def _wait_for(condition, seconds: float, what: str, log: Path) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"{what} within {seconds} s; worker log:\n{log.read_text()[-3000:]}")


def test_a_task_in_flight_when_its_worker_is_killed_is_run_again_by_the_next(tmp_path):
    env, marks, log = _queue(tmp_path)
    # No worker running yet.
    _queue_probe(env, marks, seconds=2.0)

    first = _start_worker(env, log)
    try:
        _wait_for(lambda: any(marks.glob("started-*")), 60, "the first worker starts it", log)
    finally:
        _kill(first)  # mid-task: no chance to finish or hand it back
    assert not (marks / "done").exists()

    second = _start_worker(env, log)
    try:
        _wait_for(lambda: (marks / "done").exists(), 60, "the next worker finishes it", log)
        assert len(list(marks.glob("started-*"))) == 2  # run again, from the start

        # The queue is empty and the task is recorded once, as done.
        def recorded() -> str:
            return (
                _manage(
                    env,
                    "shell",
                    "-c",
                    "from django_q.models import OrmQ, Success; "
                    "print(OrmQ.objects.count(), list(Success.objects.values_list('name', flat=True)))",
                )
                .stdout.strip()
                .splitlines()[-1]
            )

        _wait_for(lambda: recorded() == "0 ['probe']", 30, "the result is recorded", log)
    finally:
        _stop(second)


def test_a_stopped_worker_finishes_its_task_or_leaves_it_for_the_next(tmp_path):
    """A deploy stops workers with SIGTERM: the task in hand is not lost either way."""
    env, marks, log = _queue(tmp_path)
    _queue_probe(env, marks, seconds=1.0)
    first = _start_worker(env, log)
    _wait_for(lambda: any(marks.glob("started-*")), 60, "the first worker starts it", log)
    _stop(first)

    second = _start_worker(env, log)
    try:
        _wait_for(lambda: (marks / "done").exists(), 60, "the task is done", log)
    finally:
        _stop(second)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _default_sigint() -> None:
    """In the child: Ctrl-C's default action, as in a terminal (a test runner may ignore it)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize(
    "sig",
    [signal.SIGINT, signal.SIGTERM],
    ids=["ctrl-c in the terminal", "terminal closed or a process manager's stop"],
)
def test_make_run_stops_with_its_worker_on_one_signal_to_its_process_group(tmp_path, sig):
    """`make run` (scripts/run.sh) serves and runs a worker beside it; the signal a terminal
    or a process manager sends to the whole process group stops both, with nothing left
    running. (The worker used to get that signal and then run.sh's TERM as well, and Django
    Q2's cluster could hang for good on the second one.)"""
    env, marks, log = _queue(tmp_path)
    env = {**env, "PORT": str(_free_port())}
    run = subprocess.Popen(
        ["bash", "scripts/run.sh"],
        cwd=ROOT,
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
        preexec_fn=_default_sigint,  # noqa: PLW1509 (no threads started here)
    )
    worker = 0
    try:
        _queue_probe(env, marks, seconds=0.1)
        _wait_for(lambda: (marks / "done").exists(), 60, "make run's worker runs a task", log)
        worker = int(
            subprocess.run(
                ["pgrep", "-P", str(run.pid), "-f", "qcluster"], capture_output=True, text=True
            ).stdout.split()[0]
        )

        os.killpg(run.pid, sig)

        assert run.wait(timeout=40) is not None
        with pytest.raises(ProcessLookupError):
            os.killpg(worker, 0)  # the worker and its processes are gone
    finally:
        for group in (run.pid, worker):  # whatever is left, should the test fail
            with contextlib.suppress(ProcessLookupError, PermissionError):
                if group:
                    os.killpg(group, signal.SIGKILL)
        run.wait(timeout=30)
