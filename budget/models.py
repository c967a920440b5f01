"""The budget tree (정책사업 > 단위사업 > 세부사업 > 편성목) with amounts per year
(each work project's financing lives in workplan).

Money is stored in won. Only expense categories (편성목, the leaves) carry amounts; every
sub-total is computed.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from council.models import Council

# What a query of items selects so that each item's path (BudgetItem.path) is read from the
# loaded rows, without one query per level: the tree has four levels at most.
PATH_RELATED = "parent__parent__parent"
PATH_SEPARATOR = " > "


class BudgetItem(models.Model):
    class Level(models.IntegerChoices):
        PROGRAMME = 1, "정책사업"
        UNIT = 2, "단위사업"
        DETAIL = 3, "세부사업"
        CATEGORY = 4, "편성목"

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="budget_items", verbose_name="의회"
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="상위 항목",
    )
    level = models.PositiveSmallIntegerField("단계", choices=Level.choices)
    name = models.CharField("명칭", max_length=100)
    order = models.PositiveSmallIntegerField("순서", default=0)

    class Meta:
        verbose_name = "예산 항목"
        verbose_name_plural = "예산 항목"
        ordering = ["level", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "parent", "name"],
                name="budgetitem_unique_name",
                violation_error_message="같은 상위 항목 아래에 같은 이름의 항목이 이미 있습니다.",
            ),
            # parent is NULL for programmes, and NULLs never collide in a unique index.
            models.UniqueConstraint(
                fields=["council", "name"],
                condition=Q(parent__isnull=True),
                name="budgetitem_unique_top_name",
                violation_error_message="같은 이름의 정책사업이 이미 있습니다.",
            ),
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=4), name="budgetitem_level_1_to_4"
            ),
        ]

    def __str__(self):
        # Pickers and lists name an item by its path: seven 편성목 are called 일반운영비.
        return self.path

    @property
    def path(self) -> str:
        """The item's names from its 정책사업 down: "의정활동 지원 > … > 일반운영비". Reads
        the parents already loaded: query items with select_related(PATH_RELATED)."""
        names = []
        node: BudgetItem | None = self
        while node is not None:
            names.append(node.name)
            node = node.parent if node.parent_id is not None else None
        return PATH_SEPARATOR.join(reversed(names))

    def clean(self):
        if self.parent_id is None:
            if self.level != self.Level.PROGRAMME:
                raise ValidationError(
                    {"parent": "정책사업이 아닌 항목은 상위 항목이 있어야 합니다."}
                )
            return
        parent = self.parent
        if self.level is not None and self.level != parent.level + 1:
            expected = self.Level(parent.level + 1).label if parent.level < 4 else None
            if expected is None:
                raise ValidationError({"parent": "편성목 아래에는 항목을 둘 수 없습니다."})
            raise ValidationError(
                {
                    "level": f"상위 항목이 {parent.get_level_display()}이므로 "
                    f"이 항목은 {expected}이어야 합니다."
                }
            )
        ancestor = parent
        while ancestor is not None:
            if ancestor.pk == self.pk:
                raise ValidationError(
                    {"parent": "자기 자신이나 하위 항목을 상위 항목으로 지정할 수 없습니다."}
                )
            ancestor = ancestor.parent

    @property
    def is_category(self):
        return self.level == self.Level.CATEGORY


class BudgetAmount(models.Model):
    class Kind(models.TextChoices):
        ORIGINAL = "original", "본예산"
        SUPPLEMENTARY_1 = "supp1", "제1회 추경"
        SUPPLEMENTARY_2 = "supp2", "제2회 추경"
        SUPPLEMENTARY_3 = "supp3", "제3회 추경"

    item = models.ForeignKey(
        BudgetItem,
        on_delete=models.CASCADE,
        related_name="amounts",
        verbose_name="예산 항목",
        limit_choices_to={"level": 4},
    )
    year = models.PositiveSmallIntegerField("연도")
    kind = models.CharField("예산 구분", max_length=10, choices=Kind.choices, default=Kind.ORIGINAL)
    amount = models.BigIntegerField("금액(원)")

    class Meta:
        verbose_name = "연도별 예산액"
        verbose_name_plural = "연도별 예산액"
        ordering = ["item", "-year", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "year", "kind"],
                name="budgetamount_unique_year_kind",
                violation_error_message="이 항목의 같은 연도·예산 구분 금액이 이미 있습니다.",
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="budgetamount_non_negative",
                violation_error_message="예산액은 0원 이상이어야 합니다.",
            ),
        ]

    def __str__(self):
        return f"{self.item} {self.year}년 {self.get_kind_display()}"

    def clean(self):
        errors = {}
        if self.amount is not None and self.amount < 0:
            errors["amount"] = (
                "예산액은 0원 이상이어야 합니다. 감액은 해당 연도 금액을 줄여 입력하세요."
            )
        if self.item_id and self.item.level != BudgetItem.Level.CATEGORY:
            errors["item"] = (
                "금액은 편성목(가장 아래 단계)에만 입력합니다. "
                "상위 항목의 합계는 자동으로 계산됩니다."
            )
        if self.year is not None and not 1990 <= self.year <= 2100:
            errors["year"] = "연도는 1990년부터 2100년 사이여야 합니다."
        if errors:
            raise ValidationError(errors)


class BudgetYearQuerySet(models.QuerySet):
    def of(self, council):
        return self.filter(council=council)

    def published(self):
        return self.filter(published_at__isnull=False)


class BudgetYear(models.Model):
    """A council's budget of one year as a whole: a draft (its amounts seen by staff only)
    until it is published, which records who published it and when. A year with amounts
    but no row here is a draft too (budget.services.budget_year_publish makes the row)."""

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="budget_years", verbose_name="의회"
    )
    year = models.PositiveSmallIntegerField("연도")
    published_at = models.DateTimeField("공개 시각", null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="공개한 사람",
    )

    objects = BudgetYearQuerySet.as_manager()

    class Meta:
        verbose_name = "연도별 예산 공개"
        verbose_name_plural = "연도별 예산 공개"
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "year"],
                name="budgetyear_unique_year",
                violation_error_message="이 의회의 같은 연도 예산 공개 기록이 이미 있습니다.",
            ),
        ]

    def __str__(self):
        state = "공개" if self.is_published else "공개 전"
        return f"{self.year}년 예산 ({state})"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def clean(self):
        if self.year is not None and not 1990 <= self.year <= 2100:
            raise ValidationError({"year": "연도는 1990년부터 2100년 사이여야 합니다."})
