"""Checks for uploaded files (members' photos, bill documents): type by content, size, and
the resizing of photos. One way to check an upload, used by the models' validators.

Every check reads the file's bytes, never its name or the browser's content type, and says
in Korean what is wrong and what is allowed.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.deconstruct import deconstructible

MB = 1024 * 1024

# Pillow's format name → the file extension the stored copy gets.
IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
IMAGE_MAX_BYTES = 5 * MB
IMAGE_MAX_SIDE = 600  # pixels: the longer side of a stored photo
PDF_MAX_BYTES = 20 * MB
PDF_MAGIC = b"%PDF-"


def _size_label(size: int) -> str:
    return f"{size / MB:.1f}MB" if size >= MB / 10 else f"{max(size // 1024, 1)}KB"


def check_size(upload, max_bytes: int) -> None:
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise ValidationError(
            f"파일이 너무 큽니다 ({_size_label(size)}). {max_bytes // MB}MB 이하의 파일만 "
            "올릴 수 있습니다.",
            code="file_too_large",
        )


def _head(upload, length: int) -> bytes:
    upload.seek(0)
    head = upload.read(length)
    upload.seek(0)
    return head


@deconstructible
class PdfFileValidator:
    """A PDF (by its first bytes, %PDF-) no larger than max_bytes."""

    def __init__(self, max_bytes: int = PDF_MAX_BYTES):
        self.max_bytes = max_bytes

    def __call__(self, upload) -> None:
        check_size(upload, self.max_bytes)
        if not _head(upload, len(PDF_MAGIC)).startswith(PDF_MAGIC):
            raise ValidationError(
                "PDF 파일이 아닙니다. 의안 문서는 PDF 파일(.pdf)만 올릴 수 있습니다.",
                code="not_pdf",
            )

    def __eq__(self, other):
        return isinstance(other, PdfFileValidator) and other.max_bytes == self.max_bytes


@deconstructible
class ImageFileValidator:
    """A JPEG, PNG or WebP picture (as Pillow reads it) no larger than max_bytes."""

    def __init__(self, max_bytes: int = IMAGE_MAX_BYTES):
        self.max_bytes = max_bytes

    def __call__(self, upload) -> None:
        check_size(upload, self.max_bytes)
        image_format(upload)

    def __eq__(self, other):
        return isinstance(other, ImageFileValidator) and other.max_bytes == self.max_bytes


def image_format(upload) -> str:
    """Pillow's name of the upload's format (JPEG, PNG, WEBP); ValidationError otherwise."""
    from PIL import Image, UnidentifiedImageError

    upload.seek(0)
    try:
        with Image.open(upload) as image:
            found = image.format or ""
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            "사진 파일을 읽을 수 없습니다. JPEG, PNG, WebP 형식의 사진만 올릴 수 있습니다.",
            code="not_image",
        ) from error
    finally:
        upload.seek(0)
    if found not in IMAGE_FORMATS:
        raise ValidationError(
            f"{found or '알 수 없는'} 형식의 파일입니다. JPEG, PNG, WebP 형식의 사진만 올릴 수 "
            "있습니다.",
            code="image_format",
        )
    return found


@dataclass(frozen=True)
class ResizedImage:
    content: ContentFile
    extension: str
    width: int
    height: int


def resized_image(upload, max_side: int = IMAGE_MAX_SIDE) -> ResizedImage:
    """The picture with its longer side at most max_side pixels, in its own format, without
    its metadata (location, camera). Checks the format first."""
    from PIL import Image, ImageOps

    found = image_format(upload)
    upload.seek(0)
    with Image.open(upload) as original:
        image = ImageOps.exif_transpose(original)
        image.thumbnail((max_side, max_side))
        if found == "JPEG" and image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        out = io.BytesIO()
        image.save(out, format=found, quality=85) if found != "PNG" else image.save(
            out, format=found, optimize=True
        )
    upload.seek(0)
    return ResizedImage(ContentFile(out.getvalue()), IMAGE_FORMATS[found], *image.size)
