"""The toolkit's own bookkeeping: data versions that cached pages and the PDF are keyed on."""

from django.db import models


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
