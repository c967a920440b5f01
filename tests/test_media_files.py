"""Uploaded and rendered files: kept through Django's storage API on the filesystem by
default or on an S3-compatible store by one environment switch, and served with a safe
content type and file name (an uploaded "photo" that is HTML never runs in the site)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.http import Http404

from common.files import DOWNLOAD_TYPE, file_response, safe_content_type

ROOT = Path(__file__).resolve().parents[1]

PROBE = """
    import json, django
    from django.conf import settings
    django.setup()
    print("JSON" + json.dumps(settings.STORAGES["default"]))
"""


def storages_with(**env: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in __import__("os").environ.items() if not k.startswith("DJANGO_")}
    base.update(DJANGO_DEBUG="1", DJANGO_SETTINGS_MODULE="portal.settings", **env)
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(PROBE)],
        cwd=ROOT, env=base, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def default_storage_of(result: subprocess.CompletedProcess) -> dict:
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.split("JSON", 1)[1])


def test_the_default_storage_is_the_filesystem():
    storage = default_storage_of(storages_with())
    assert storage == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def test_one_switch_puts_media_on_an_s3_compatible_store():
    storage = default_storage_of(
        storages_with(
            DJANGO_MEDIA_STORAGE="s3",
            DJANGO_MEDIA_BUCKET="council-media",
            DJANGO_MEDIA_ENDPOINT_URL="https://objects.example.kr",
        )
    )
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    options = storage["OPTIONS"]
    assert options["bucket_name"] == "council-media"
    assert options["endpoint_url"] == "https://objects.example.kr"
    assert options["default_acl"] is None and options["querystring_auth"] is True
    assert options["file_overwrite"] is False


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DJANGO_MEDIA_STORAGE": "s3"}, "needs DJANGO_MEDIA_BUCKET"),
        ({"DJANGO_MEDIA_STORAGE": "ftp"}, "must be filesystem or s3"),
    ],
)
def test_a_wrong_media_setting_stops_the_start(env, message):
    result = storages_with(**env)
    assert result.returncode != 0
    assert message in result.stderr


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("photos/member.jpg", ("image/jpeg", True)),
        ("photos/member.PNG", ("image/png", True)),
        ("bills/원문.pdf", ("application/pdf", True)),
        ("photos/member.html", (DOWNLOAD_TYPE, False)),
        ("photos/member.svg", (DOWNLOAD_TYPE, False)),  # SVG can carry a script
        ("minutes/243-1.hwpx", (DOWNLOAD_TYPE, False)),
        ("x.pdf.gz", (DOWNLOAD_TYPE, False)),
        ("no-extension", (DOWNLOAD_TYPE, False)),
    ],
)
def test_only_images_and_pdf_are_shown_inline(name, expected):
    assert safe_content_type(name) == expected


@pytest.fixture
def storage(tmp_path):
    storage = FileSystemStorage(location=tmp_path)
    storage.save("docs/검토보고서.pdf", ContentFile(b"%PDF-1.7 demo"))
    storage.save("photos/evil.html", ContentFile(b"<script>alert(1)</script>"))
    return storage


def test_a_pdf_is_shown_inline_under_its_korean_name(storage):
    response = file_response(storage, "docs/검토보고서.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline;")
    assert "filename*=utf-8''%EA%B2%80%ED%86%A0" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == b"%PDF-1.7 demo"


def test_an_html_upload_is_a_download_of_bytes_never_a_page(storage):
    response = file_response(storage, "photos/evil.html", download_name="사진.html")
    assert response["Content-Type"] == DOWNLOAD_TYPE
    assert response["Content-Disposition"].startswith("attachment;")
    assert "sandbox" in response["Content-Security-Policy"]


def test_a_missing_file_is_a_404(storage):
    with pytest.raises(Http404):
        file_response(storage, "docs/none.pdf")


def test_development_serves_stored_files_the_same_way(tmp_path):
    """`make run` (DEBUG) shows uploaded media at /media/<name>, with the same headers."""
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "photos" / "b.html").write_bytes(b"<script></script>")
    script = """
        import json, django
        django.setup()
        from django.test import Client
        client = Client()
        out = {}
        for path in ("/media/photos/a.png", "/media/photos/b.html", "/media/none.png",
                     "/media/../settings.py"):
            r = client.get(path, HTTP_HOST="localhost")
            out[path] = [r.status_code, r.get("Content-Type", ""), r.get("Content-Disposition", "")]
        print("JSON" + json.dumps(out))
    """
    base = {k: v for k, v in __import__("os").environ.items() if not k.startswith("DJANGO_")}
    base.update(
        DJANGO_DEBUG="1", DJANGO_SETTINGS_MODULE="portal.settings", DJANGO_MEDIA_ROOT=str(tmp_path)
    )
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)],
        cwd=ROOT, env=base, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout.split("JSON", 1)[1])
    assert out["/media/photos/a.png"][:2] == [200, "image/png"]
    assert out["/media/photos/b.html"][1] == DOWNLOAD_TYPE
    assert out["/media/photos/b.html"][2].startswith("attachment;")
    assert out["/media/none.png"][0] == 404
    assert out["/media/../settings.py"][0] in (400, 404)
