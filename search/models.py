"""The site search's one index table: an entry per document (a paragraph of minutes, a
session, a member …), made from the records by search/documents.py, never edited.

`tokens` is the entry's text as Korean morphemes (search/tokens.py), space-separated; on
PostgreSQL `vector` is to_tsvector('simple', tokens) with a GIN index (made by the migration
on PostgreSQL only); SQLite leaves it empty and scans `body`.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchEntry(models.Model):
    class Kind(models.TextChoices):
        MINUTES = "minutes", "회의록"
        SESSION = "session", "회기"
        MEMBER = "member", "의원"
        BILL = "bill", "의안"
        SITTING = "sitting", "회의"

    kind = models.CharField("종류", max_length=20, choices=Kind.choices)
    object_id = models.BigIntegerField("원본 번호")
    # A paragraph's number within its minutes (1 …); 0 for a whole record.
    part = models.PositiveIntegerField("문단", default=0)
    title = models.CharField("제목", max_length=300)
    body = models.TextField("본문")
    url = models.CharField("주소", max_length=300)
    tokens = models.TextField("형태소", blank=True)
    vector = SearchVectorField("검색 벡터", null=True, editable=False)
    # Facets.
    term_number = models.PositiveSmallIntegerField("대수", null=True, blank=True)
    session_number = models.PositiveIntegerField("회기", null=True, blank=True)
    body_name = models.CharField("회의체", max_length=100, blank=True)
    year = models.PositiveSmallIntegerField("연도", null=True, blank=True)
    kind_label = models.CharField("구분", max_length=50, blank=True)
    # Results of a kind in their order: the sitting's date, then the paragraph.
    sort_key = models.CharField("정렬", max_length=40, blank=True)

    class Meta:
        verbose_name = "검색 색인 항목"
        verbose_name_plural = "검색 색인"
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "part"], name="searchentry_unique_document"
            )
        ]
        indexes = [
            models.Index(fields=["kind", "object_id"], name="searchentry_document"),
            # Newest first, for a word too common to rank every match (selectors.CAP); with
            # the BRIN index of sort_key (migration 0003, PostgreSQL) for selectors.newest().
            models.Index(fields=["sort_key", "id"], name="searchentry_newest"),
        ]

    def __str__(self):
        return self.title
