"""The text of a sitting's minutes (회의록), extracted from the uploaded PDF, HWPX or text file.

The paragraphs a page numbers (#p-12) are the text's non-empty lines (`paragraphs`), derived,
never stored. sessions_app does not import this app: a sitting's minutes are reached through
the reverse relation `sitting.minutes`.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from sessions_app.models import Sitting


def paragraphs(text: str) -> list[str]:
    """The text's paragraphs in order: its non-empty lines, stripped. Numbered from 1 on the
    minutes page (#p-1 …) and in the search index."""
    return [line.strip() for line in text.splitlines() if line.strip()]


class Minutes(models.Model):
    sitting = models.OneToOneField(
        Sitting, on_delete=models.CASCADE, related_name="minutes", verbose_name="회의(차수)"
    )
    text = models.TextField("회의록 본문")
    source = models.FileField(
        "원본 파일",
        upload_to="minutes/",
        blank=True,
        help_text="PDF, HWPX 또는 텍스트(.txt) 파일. 30MB 이하.",
    )
    extracted_at = models.DateTimeField("본문 추출 시각", null=True, blank=True)

    class Meta:
        verbose_name = "회의록"
        verbose_name_plural = "회의록"
        ordering = ["sitting__date", "sitting_id"]

    def __str__(self):
        return f"{self.sitting_id}번 회의 회의록"

    def clean(self):
        if not self.text.strip():
            raise ValidationError(
                {"text": "회의록 본문이 비어 있습니다. 글자가 든 파일을 올리세요."}
            )
