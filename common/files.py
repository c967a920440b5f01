"""Serving stored files (uploads, rendered documents) with a safe content type and name.

A file a clerk or a citizen uploaded may claim to be anything: an "image" that is HTML with a
script would run in the site's origin if served inline as text/html. So a file is served
inline only when its name's type is one a browser shows without running anything of it
(SAFE_INLINE_TYPES: photos and PDF); anything else is a download (attachment) of type
application/octet-stream. Every answer carries X-Content-Type-Options: nosniff (the browser
keeps the type given) and a sandboxing Content-Security-Policy, and its Content-Disposition
names the file as RFC 6266 says, Korean names included (Django's FileResponse).
"""

from __future__ import annotations

import mimetypes
import posixpath

from django.core.files.storage import Storage
from django.http import FileResponse, Http404

# What a browser may show inline: images it decodes and PDF (shown by its own viewer).
SAFE_INLINE_TYPES = frozenset(
    {"image/jpeg", "image/png", "image/webp", "image/gif", "application/pdf"}
)
DOWNLOAD_TYPE = "application/octet-stream"


def safe_content_type(name: str) -> tuple[str, bool]:
    """(content type, inline?) for a stored file's name: its type when that is a safe one to
    show inline, else a download of bytes."""
    guessed, encoding = mimetypes.guess_type(name)
    if guessed in SAFE_INLINE_TYPES and encoding is None:
        return guessed, True
    return DOWNLOAD_TYPE, False


def file_response(
    storage: Storage, name: str, *, download_name: str = "", attachment: bool = False
) -> FileResponse:
    """The stored file `name` as a response (404 when the storage has none): inline only
    for SAFE_INLINE_TYPES (unless `attachment`), named `download_name` or the file's own
    name."""
    try:
        content = storage.open(name, "rb")
    except (FileNotFoundError, OSError):
        raise Http404("파일을 찾을 수 없습니다.") from None
    content_type, inline = safe_content_type(name)
    response = FileResponse(
        content,
        content_type=content_type,
        as_attachment=attachment or not inline,
        filename=download_name or posixpath.basename(name),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
