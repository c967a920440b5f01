"""Writes of minutes: keeping an upload between the admin's preview and its confirmation,
extracting its text (a task), and saving the text with its file.

An upload waits in Django's default storage under a random token (`pending/<token>`); the
task `minutes.tasks.extract_upload` writes its text beside it (`<token>.txt`) or the reason
it could not (`<token>.error`). The preview page reads those; 저장 calls `minutes_save`.
"""

from __future__ import annotations

import secrets

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django_q.tasks import async_task

from sessions_app.models import Sitting

from . import extraction
from .models import Minutes

STORE = "minutes-uploads"


def _path(token: str, suffix: str = "") -> str:
    if not token.isalnum():
        raise ValueError("bad token")
    return f"{STORE}/{token}{suffix}"


def upload_keep(*, content: bytes) -> str:
    """Keep an uploaded file and queue the extraction of its text; returns its token."""
    token = secrets.token_hex(16)
    default_storage.save(_path(token), ContentFile(content))
    async_task("minutes.tasks.extract_upload", token, task_name=f"회의록 본문 추출 {token[:8]}")
    return token


def upload_extract(token: str) -> str:
    """The task's work: the kept file's text, written beside it (or the error)."""
    with default_storage.open(_path(token), "rb") as kept:
        content = kept.read()
    try:
        text = extraction.extract_text(content)
    except extraction.ExtractionError as error:
        default_storage.save(_path(token, ".error"), ContentFile(str(error).encode()))
        return "error"
    default_storage.save(_path(token, ".txt"), ContentFile(text.encode("utf-8")))
    return "done"


def upload_state(token: str) -> tuple[str, str]:
    """('done', text) | ('error', message) | ('waiting', '') | ('missing', '')."""
    for suffix, state in ((".txt", "done"), (".error", "error")):
        name = _path(token, suffix)
        if default_storage.exists(name):
            with default_storage.open(name, "rb") as found:
                return state, found.read().decode("utf-8")
    if default_storage.exists(_path(token)):
        return "waiting", ""
    return "missing", ""


def upload_discard(token: str) -> None:
    for suffix in ("", ".txt", ".error"):
        default_storage.delete(_path(token, suffix))


def minutes_save(
    *, sitting: Sitting, text: str, file_name: str = "", content: bytes = b""
) -> Minutes:
    """Save a sitting's minutes text (and its source file); search indexes it by a task."""
    with transaction.atomic():
        minutes = Minutes.objects.filter(sitting=sitting).first() or Minutes(sitting=sitting)
        minutes.text = text
        minutes.extracted_at = timezone.now()
        if content:
            minutes.source.save(file_name or "minutes", ContentFile(content), save=False)
        minutes.full_clean()
        minutes.save()
    return minutes


def minutes_save_upload(*, sitting: Sitting, token: str, file_name: str) -> Minutes:
    """Confirm a previewed upload: save its extracted text and file, drop the kept copy."""
    state, text = upload_state(token)
    if state != "done":
        raise ValueError("upload not extracted")
    with default_storage.open(_path(token), "rb") as kept:
        content = kept.read()
    minutes = minutes_save(sitting=sitting, text=text, file_name=file_name, content=content)
    upload_discard(token)
    return minutes
