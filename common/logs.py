"""Logging that stays readable during an outage: a repeated error is logged once with a count.

With the database down, every request fails the same way; logging each one would write
thousands of identical tracebacks a minute and bury the first, the one that matters.
``RepeatFilter`` (settings.LOGGING puts it on every handler) lets the first record of a kind
through with its traceback, drops its repeats for ``seconds``, and then lets the next one
through as a summary without a traceback: "… (repeated 1234 times in 60 s)". Records of a
kind are alike when they come from the same logger at the same level with the same message
and, for errors, the same exception type raised at the same place.

A repeat count still pending when the process ends is written then (atexit).
"""

from __future__ import annotations

import atexit
import logging
import threading
import time
import traceback
import weakref

_filters: weakref.WeakSet[RepeatFilter] = weakref.WeakSet()


def _signature(record: logging.LogRecord) -> tuple:
    where = None
    error_type = None
    if record.exc_info and record.exc_info[1] is not None:
        error = record.exc_info[1]
        error_type = type(error).__qualname__
        frames = traceback.extract_tb(error.__traceback__)
        if frames:
            where = (frames[-1].filename, frames[-1].lineno)
    return (record.name, record.levelno, record.getMessage(), error_type, where)


class RepeatFilter(logging.Filter):
    """Pass a record of a kind once per `seconds`; count the ones it holds back."""

    def __init__(self, seconds: float = 60.0) -> None:
        super().__init__()
        self.seconds = float(seconds)
        self._lock = threading.Lock()
        # signature -> [window start (monotonic), repeats held back, last record held back]
        self._seen: dict[tuple, list] = {}
        _filters.add(self)

    def filter(self, record: logging.LogRecord) -> bool:
        # Decided once per record, however many handlers share or copy the filter.
        decided = getattr(record, "_repeat_passes", None)
        if decided is None:
            decided = record._repeat_passes = self._passes(record)
        return decided

    def _passes(self, record: logging.LogRecord) -> bool:
        key = _signature(record)
        now = time.monotonic()
        with self._lock:
            seen = self._seen.get(key)
            if seen is None or now - seen[0] >= self.seconds:
                self._seen[key] = [now, 0, None]
                if len(self._seen) > 1000:  # forget the oldest kinds rather than grow
                    for old in sorted(self._seen, key=lambda k: self._seen[k][0])[:500]:
                        del self._seen[old]
                if seen is not None and seen[1]:
                    _as_summary(record, seen[1], now - seen[0])
                return True
            seen[1] += 1
            seen[2] = record
            return False

    def flush_pending(self) -> list[logging.LogRecord]:
        """Summaries of the repeats held back so far (and forget them)."""
        summaries = []
        now = time.monotonic()
        with self._lock:
            for start, held, record in self._seen.values():
                if held and record is not None:
                    _as_summary(record, held, now - start)
                    summaries.append(record)
            self._seen.clear()
        return summaries


def _as_summary(record: logging.LogRecord, held: int, seconds: float) -> None:
    """Turn `record` into the one line that stands for it and its `held` repeats."""
    record.msg = f"{record.getMessage()} (repeated {held} times in {seconds:.0f} s)"
    record.args = None
    record.exc_info = None
    record.exc_text = None
    record._repeat_passes = True


@atexit.register
def _write_pending() -> None:
    # At exit a handler's stream may be closed already (a test runner's): say nothing then.
    logging.raiseExceptions = False
    for repeat_filter in list(_filters):
        for record in repeat_filter.flush_pending():
            try:
                logging.getLogger(record.name).handle(record)
            except Exception:  # noqa: BLE001, S110 - the process is ending anyway
                pass
