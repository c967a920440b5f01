"""Text from an uploaded minutes file: PDF (pypdf), HWPX (a zip of XML: the text of the
hp:t elements of Contents/section*.xml, with the standard library) or plain text (UTF-8,
else CP949). The kind is told by the content, never by the file name.

`file_errors(content)` says in Korean what is wrong with a file (empty, too large, not one of
the three kinds); `extract_text(content)` gives its text, one paragraph a line.
"""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree import ElementTree

MAX_BYTES = 30 * 1024 * 1024
ALLOWED = "PDF, HWPX 또는 텍스트(.txt, UTF-8 또는 CP949)"
HWP_PARAGRAPH = "{http://www.hancom.co.kr/hwpml/2011/paragraph}"
_SECTION = re.compile(r"^Contents/section(\d+)\.xml$")
# What an HWPX may unpack to: a zip of a few MB that unpacks to gigabytes is refused.
MAX_UNPACKED = 300 * 1024 * 1024


class ExtractionError(ValueError):
    """The file could not be read; the message says why, in Korean."""


def kind_of(content: bytes) -> str | None:
    """'pdf', 'hwpx', 'text', or None for anything else."""
    if content.startswith(b"%PDF-"):
        return "pdf"
    if content.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                names = archive.namelist()
        except zipfile.BadZipFile:
            return None
        return "hwpx" if any(_SECTION.match(name) for name in names) else None
    if b"\x00" in content:
        return None
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        try:
            content.decode("cp949")
        except UnicodeDecodeError:
            return None
    return "text"


def file_errors(content: bytes) -> list[str]:
    if not content:
        return ["빈 파일입니다. 회의록 본문이 든 파일을 올리세요."]
    if len(content) > MAX_BYTES:
        return [f"파일이 {MAX_BYTES // (1024 * 1024)}MB보다 큽니다. 30MB 이하의 파일을 올리세요."]
    if kind_of(content) is None:
        return [f"읽을 수 없는 파일입니다. 회의록은 {ALLOWED} 파일로 올리세요."]
    return []


def _pdf_text(content: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(content))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError) as error:
        raise ExtractionError(
            "PDF 파일을 읽을 수 없습니다. 손상되지 않은 PDF를 올리세요."
        ) from error
    return "\n".join(pages)


def _hwpx_text(content: bytes) -> str:
    lines: list[str] = []
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            sections = sorted(
                (int(found.group(1)), name)
                for name in archive.namelist()
                if (found := _SECTION.match(name))
            )
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED:
                raise ExtractionError(
                    "HWPX 파일의 압축을 풀면 너무 큽니다. 30MB 이하의 회의록을 올리세요."
                )
            for _, name in sections:
                xml = archive.read(name)
                if b"<!DOCTYPE" in xml or b"<!ENTITY" in xml:
                    # Entities are how XML bombs work; HWPX never declares any (so the
                    # standard library's parser below meets none: bandit's B314).
                    raise ExtractionError(
                        "HWPX 파일의 내용이 올바르지 않습니다. 한글에서 다시 저장해 올리세요."
                    )
                root = ElementTree.fromstring(xml)  # nosec B314
                for paragraph in root.iter(f"{HWP_PARAGRAPH}p"):
                    line = "".join(
                        "".join(node.itertext()) for node in paragraph.iter(f"{HWP_PARAGRAPH}t")
                    )
                    lines.append(line)
    except (zipfile.BadZipFile, ElementTree.ParseError, KeyError) as error:
        raise ExtractionError(
            "HWPX 파일을 읽을 수 없습니다. 한글에서 HWPX로 다시 저장해 올리세요."
        ) from error
    return "\n".join(lines)


def _plain_text(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp949")


def extract_text(content: bytes) -> str:
    """The file's text with one paragraph a line; ExtractionError with a Korean message."""
    errors = file_errors(content)
    if errors:
        raise ExtractionError(errors[0])
    kind = kind_of(content)
    text = {"pdf": _pdf_text, "hwpx": _hwpx_text, "text": _plain_text}[kind](content)  # type: ignore[index]
    text = text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ExtractionError(
            "파일에서 글자를 찾지 못했습니다. 스캔한 그림 PDF라면 글자가 든 PDF나 HWPX로 올리세요."
        )
    return text
