"""Bills (의안): their sponsors, the dated actions that take them from 접수 to 공포, and their
documents. A bill's status is its latest action's (legislation/rules.py), never stored."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from common.uploads import PdfFileValidator
from council.models import Committee, Member, Term
from council.words import CouncilWords
from sessions_app.models import AgendaItem, Session


class BillQuerySet(models.QuerySet):
    def of(self, council) -> BillQuerySet:
        return self.filter(term__council=council)


class Bill(models.Model):
    class Kind(models.TextChoices):
        ORDINANCE = "ordinance", "조례안"
        BUDGET = "budget", "예산안"
        SUPPLEMENTARY_BUDGET = "supplementary_budget", "추가경정예산안"
        SETTLEMENT = "settlement", "결산"
        CONSENT = "consent", "동의안"
        RESOLUTION = "resolution", "결의안"
        RECOMMENDATION = "recommendation", "건의안"
        RULE = "rule", "규칙안"
        OTHER = "other", "기타"

    class Proposer(models.TextChoices):
        # The head of the government: shown as the council's word (구청장, 시장, 군수 …).
        EXECUTIVE = "executive", "구청장(자치단체장)"
        MEMBERS = "members", "의원"
        COMMITTEE = "committee", "위원회"
        RESIDENTS = "residents", "주민조례청구"

    term = models.ForeignKey(
        Term, on_delete=models.PROTECT, related_name="bills", verbose_name="대수"
    )
    number = models.PositiveIntegerField("의안번호", validators=[MinValueValidator(1)])
    title = models.CharField("의안명", max_length=300)
    kind = models.CharField("종류", max_length=30, choices=Kind.choices)
    proposer_kind = models.CharField("제안자", max_length=20, choices=Proposer.choices)
    committee = models.ForeignKey(
        Committee,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bills",
        verbose_name="소관 위원회",
        help_text="위원회가 제안한 의안이면 그 위원회. 다른 의안은 비워 두어도 됩니다: 처리 경과에 "
        "회부를 적으면 회부한 위원회가 소관 위원회로 나갑니다 (회부가 여럿이면 마지막 회부).",
    )
    session = models.ForeignKey(
        Session,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bills",
        verbose_name="처리 회기",
    )
    agenda_items = models.ManyToManyField(
        AgendaItem, blank=True, related_name="bills", verbose_name="회기 안건"
    )
    summary = models.TextField("주요 내용", blank=True)

    objects = BillQuerySet.as_manager()

    class Meta:
        verbose_name = "의안"
        verbose_name_plural = "의안"
        ordering = ["-term__number", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["term", "number"],
                name="bill_unique_number",
                violation_error_message="이 대수에 같은 의안번호가 이미 있습니다. 다른 번호를 "
                "입력해 주세요.",
            ),
        ]

    def __str__(self):
        return f"[{self.number}] {self.title}"

    def proposer_label(self, words: CouncilWords) -> str:
        """Who proposed it in the council's words (구청장, 시장 …)."""
        if self.proposer_kind == self.Proposer.EXECUTIVE:
            return words.executive
        return self.get_proposer_kind_display()

    def clean(self):
        if self.session_id and self.term_id:
            session, term = self.session, self.term
            if session.council_id != term.council_id:
                raise ValidationError({"session": "다른 의회의 회기는 고를 수 없습니다."})
            if not term.starts_on <= session.first_day <= term.ends_on:
                raise ValidationError(
                    {"session": f"{session}는 제{term.number}대 임기 안의 회기가 아닙니다."}
                )
        if self.proposer_kind == self.Proposer.COMMITTEE and not self.committee_id:
            raise ValidationError({"committee": "위원회가 제안한 의안은 그 위원회를 골라 주세요."})


class BillSponsor(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", "대표발의"
        CO = "co", "공동발의"

    bill = models.ForeignKey(
        Bill, on_delete=models.CASCADE, related_name="sponsors", verbose_name="의안"
    )
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="sponsorships", verbose_name="의원"
    )
    role = models.CharField("구분", max_length=10, choices=Role.choices, default=Role.CO)

    class Meta:
        verbose_name = "발의 의원"
        verbose_name_plural = "발의 의원"
        ordering = ["bill", "role", "member__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["bill", "member"],
                name="sponsor_unique_member",
                violation_error_message="이 의원은 이 의안의 발의 의원으로 이미 있습니다.",
            ),
        ]

    def __str__(self):
        return f"{self.member.name} ({self.get_role_display()})"

    def clean(self):
        if self.bill_id and self.member_id and self.member.term_id != self.bill.term_id:
            raise ValidationError(
                {"member": "의안과 같은 대수의 의원만 발의 의원으로 고를 수 있습니다."}
            )


class BillAction(models.Model):
    class Kind(models.TextChoices):
        RECEIPT = "receipt", "접수"
        REFERRAL = "referral", "회부"
        REVIEW = "review", "위원회 심사"
        PLENARY = "plenary", "본회의 상정"
        DECISION = "decision", "의결"
        TRANSFER = "transfer", "이송"
        PROMULGATION = "promulgation", "공포"

    class Result(models.TextChoices):
        NONE = "", "—"
        ORIGINAL = "original", "원안가결"
        AMENDED = "amended", "수정가결"
        REJECTED = "rejected", "부결"
        DISCARDED = "discarded", "폐기"
        WITHDRAWN = "withdrawn", "철회"
        DEFERRED = "deferred", "보류"

    WITH_RESULT = (Kind.REVIEW, Kind.DECISION)

    bill = models.ForeignKey(
        Bill, on_delete=models.CASCADE, related_name="actions", verbose_name="의안"
    )
    date = models.DateField("일자")
    kind = models.CharField("처리", max_length=20, choices=Kind.choices)
    result = models.CharField(
        "결과",
        max_length=20,
        choices=Result.choices,
        blank=True,
        default=Result.NONE,
        help_text="위원회 심사와 의결에만 적습니다.",
    )
    committee = models.ForeignKey(
        Committee,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bill_actions",
        verbose_name="회부 위원회",
        help_text="회부에만 적습니다.",
    )
    promulgation_number = models.CharField(
        "공포번호", max_length=30, blank=True, help_text="공포에만 적습니다 (예: 제1234호)."
    )
    note = models.CharField("비고", max_length=200, blank=True)

    class Meta:
        verbose_name = "의안 처리 경과"
        verbose_name_plural = "의안 처리 경과"
        ordering = ["bill", "date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(result="") | Q(kind__in=["review", "decision"]),
                name="billaction_result_only_for_review_or_decision",
                violation_error_message="결과는 위원회 심사와 의결에만 적을 수 있습니다.",
            ),
        ]

    def __str__(self):
        label = self.get_kind_display()
        return f"{self.date:%Y. %-m. %-d.} {label}" + (
            f" ({self.get_result_display()})" if self.result else ""
        )

    def clean(self):
        errors = {}
        if self.kind in self.WITH_RESULT and not self.result:
            errors["result"] = (
                f"{self.get_kind_display()}에는 결과(원안가결, 수정가결, 부결, 폐기, 철회, "
                "보류 중 하나)를 골라 주세요."
            )
        if self.result and self.kind not in self.WITH_RESULT:
            errors["result"] = "결과는 위원회 심사와 의결에만 적을 수 있습니다."
        if self.kind == self.Kind.REFERRAL and not self.committee_id:
            errors["committee"] = "회부에는 회부한 위원회를 골라 주세요."
        if self.committee_id and self.kind != self.Kind.REFERRAL:
            errors["committee"] = "위원회는 회부에만 적습니다."
        if self.promulgation_number and self.kind != self.Kind.PROMULGATION:
            errors["promulgation_number"] = "공포번호는 공포에만 적습니다."
        if errors:
            raise ValidationError(errors)


def bill_document_path(document: BillDocument, filename: str) -> str:
    """A name of our own (the uploader's file name is never kept)."""
    return f"bills/{uuid.uuid4().hex}.pdf"


class BillDocument(models.Model):
    class Kind(models.TextChoices):
        TEXT = "text", "원문"
        REVIEW_REPORT = "review_report", "검토보고서"
        COMMITTEE_REPORT = "committee_report", "심사보고서"

    bill = models.ForeignKey(
        Bill, on_delete=models.CASCADE, related_name="documents", verbose_name="의안"
    )
    kind = models.CharField("종류", max_length=30, choices=Kind.choices)
    file = models.FileField(
        "파일(PDF)",
        upload_to=bill_document_path,
        validators=[PdfFileValidator()],
        help_text="PDF 파일, 20MB 이하.",
    )

    class Meta:
        verbose_name = "의안 문서"
        verbose_name_plural = "의안 문서"
        ordering = ["bill", "kind", "pk"]

    def __str__(self):
        return self.get_kind_display()
