"""Minutes text comes out of a real PDF (made here with WeasyPrint), an HWPX (a zip of XML
built here) and plain text in UTF-8 or CP949; anything else is refused in Korean."""

import io
import zipfile

import pytest

from minutes import extraction

HP = "http://www.hancom.co.kr/hwpml/2011/paragraph"


def hwpx(*paragraphs: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/hwp+zip")
        body = "".join(
            f"<hp:p><hp:run><hp:t>{text[:3]}</hp:t></hp:run><hp:run><hp:t>{text[3:]}</hp:t></hp:run></hp:p>"
            for text in paragraphs
        )
        archive.writestr(
            "Contents/section0.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><hs:sec xmlns:hs="urn:s" xmlns:hp="{HP}">{body}</hs:sec>',
        )
    return buffer.getvalue()


def test_text_of_a_pdf():
    from weasyprint import HTML

    pdf = HTML(string="<p>의장 개의를 선포합니다.</p><p>예산안을 상정합니다.</p>").write_pdf()

    text = extraction.extract_text(pdf)

    assert "개의를 선포합니다" in text
    assert "예산안을 상정합니다" in text


def test_text_of_an_hwpx_keeps_its_paragraphs():
    text = extraction.extract_text(hwpx("의장 개의를 선포합니다.", "조례안을 가결합니다."))

    assert text.splitlines() == ["의장 개의를 선포합니다.", "조례안을 가결합니다."]


@pytest.mark.parametrize("encoding", ["utf-8", "cp949"])
def test_plain_text_in_utf8_or_cp949(encoding):
    assert (
        extraction.extract_text("위원장 산회를 선포합니다.".encode(encoding))
        == "위원장 산회를 선포합니다."
    )


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"", "빈 파일"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "읽을 수 없는 파일"),
        (b"PK\x03\x04broken", "읽을 수 없는 파일"),
        (b"x" * (extraction.MAX_BYTES + 1), "30MB"),
    ],
)
def test_bad_files_are_refused_in_korean(content, says):
    errors = extraction.file_errors(content)

    assert errors and says in errors[0]


def test_a_broken_pdf_says_so():
    with pytest.raises(extraction.ExtractionError, match="PDF"):
        extraction.extract_text(b"%PDF-1.4 garbage")


def test_an_hwpx_declaring_entities_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "Contents/section0.xml",
            '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>',
        )

    with pytest.raises(extraction.ExtractionError, match="HWPX"):
        extraction.extract_text(buffer.getvalue())
