"""Tasks for tests/test_task_worker.py, imported by a real worker process by dotted path."""

import os
import time
from pathlib import Path


def slow_mark(folder: str, seconds: float) -> str:
    """Leave a mark when started (one per attempt), work for `seconds`, leave one when done."""
    marks = Path(folder)
    (marks / f"started-{os.getpid()}-{time.monotonic_ns()}").touch()
    time.sleep(seconds)
    (marks / "done").touch()
    return "done"
