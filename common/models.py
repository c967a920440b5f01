"""The toolkit's own bookkeeping: data versions that cached pages and the PDF are keyed on,
and the counters of rate limits."""

from __future__ import annotations

import datetime
import math

from django.db import models, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac


class DataVersion(models.Model):
    """A counter per model (scope: its label, "budget.budgetamount") that every save and
    delete of its records bumps (common/versioning.py).

    Caches of pages and of the work plan PDF are keyed by these versions, so an edit anywhere
    makes the next request fresh on every server process; the time of the last bump is what
    public pages show as "최종 수정".
    """

    scope = models.CharField("범위", max_length=50, unique=True)
    version = models.PositiveBigIntegerField("버전", default=0)
    changed_at = models.DateTimeField("최종 수정 시각")

    class Meta:
        db_table = "council_dataversion"
        verbose_name = "자료 버전"
        verbose_name_plural = "자료 버전"

    def __str__(self):
        return f"{self.scope} v{self.version}"


class RateLimitExceeded(Exception):
    """RateCounter.objects.take() found the window's limit reached; nothing was counted."""

    def __init__(self, retry_after: int):
        super().__init__(f"rate limit reached; retry after {retry_after} s")
        self.retry_after = retry_after


def _digest(scope: str, subject: str) -> str:
    """A keyed hash (HMAC-SHA256 with SECRET_KEY) of what is counted: the table never holds
    the address (or whatever `subject` is) itself, and the hash cannot be reversed by trying
    every IPv4 address without the key."""
    return salted_hmac(f"common.RateCounter:{scope}", subject, algorithm="sha256").hexdigest()


def _window(now: datetime.datetime, seconds: int) -> tuple[datetime.datetime, datetime.datetime]:
    """The fixed window (start, end) of `seconds` that `now` falls in, counted from the epoch."""
    start = int(now.timestamp()) // seconds * seconds
    begins = datetime.datetime.fromtimestamp(start, tz=datetime.UTC)
    return begins, begins + datetime.timedelta(seconds=seconds)


def _seconds_left(now: datetime.datetime, ends: datetime.datetime) -> int:
    return max(1, math.ceil((ends - now).total_seconds()))


class RateCounterQuerySet(models.QuerySet["RateCounter"]):
    def wait(
        self,
        scope: str,
        subject: str,
        *,
        limit: int,
        seconds: int,
        now: datetime.datetime | None = None,
    ) -> int:
        """Seconds until `subject` may be counted again: 0 while the window's `limit` is not
        reached. A plain read (no lock): an early answer, `take` is what decides."""
        now = now or timezone.now()
        begins, ends = _window(now, seconds)
        row = self.filter(scope=scope, digest=_digest(scope, subject), window_start=begins)
        used = row.values_list("count", flat=True).first() or 0
        return _seconds_left(now, ends) if used >= limit else 0

    def take(
        self,
        scope: str,
        subject: str,
        *,
        limit: int,
        seconds: int,
        now: datetime.datetime | None = None,
    ) -> int:
        """Count one use of `subject` (e.g. a client address) in the current window of
        `seconds`, or raise RateLimitExceeded when `limit` uses are already counted.

        Atomic: the window's row is created if missing and then locked (SELECT ... FOR
        UPDATE on PostgreSQL; SQLite lets one writer in at a time), so concurrent requests
        take turns and exactly `limit` get through. Call it inside the transaction that
        saves what is being limited: if that transaction rolls back, the use is not counted.
        Expired windows are deleted on the way (rows locked by others are left for later).
        Returns the count after this use.
        """
        now = now or timezone.now()
        begins, ends = _window(now, seconds)
        digest = _digest(scope, subject)
        with transaction.atomic():
            self.bulk_create(
                [RateCounter(scope=scope, digest=digest, window_start=begins, expires_at=ends)],
                ignore_conflicts=True,
            )
            row = self.select_for_update().get(scope=scope, digest=digest, window_start=begins)
            if row.count >= limit:
                raise RateLimitExceeded(retry_after=_seconds_left(now, ends))
            row.count += 1
            row.save(update_fields=["count"])
            expired = self.filter(expires_at__lte=now).select_for_update(skip_locked=True)
            stale = list(expired.values_list("pk", flat=True)[:500])
            if stale:
                self.filter(pk__in=stale).delete()
        return row.count


class RateCounter(models.Model):
    """Uses of something rate-limited (scope "visit-apply": accepted applications of the
    public form) per subject (a client address, stored only as a keyed hash) per fixed window.

    Kept in the database, not in the cache: counting is atomic with the write it limits, and
    a cache outage (Redis down) neither lifts the limit nor loses the count.
    """

    scope = models.CharField("대상", max_length=50)
    digest = models.CharField("주체(해시)", max_length=64)
    window_start = models.DateTimeField("구간 시작")
    expires_at = models.DateTimeField("구간 끝", db_index=True)
    count = models.PositiveIntegerField("횟수", default=0)

    objects = RateCounterQuerySet.as_manager()

    class Meta:
        verbose_name = "요청 횟수 제한 계수"
        verbose_name_plural = "요청 횟수 제한 계수"
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "digest", "window_start"], name="ratecounter_one_row_per_window"
            )
        ]

    def __str__(self):
        return f"{self.scope} {self.digest[:8]}… {self.window_start:%Y-%m-%d %H:%M} ×{self.count}"
