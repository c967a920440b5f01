"""Every public page is valid HTML: the Nu HTML Checker (npm vnu-jar) reports no error.

The pages are fetched once each and checked in one run of the checker (starting Java is the
slow part). A deliberately broken document goes along as a control: the checker must flag
it, which proves it read the files.
"""

import json
import subprocess
from pathlib import Path

import pytest

from .conftest import VNU_JAR, require_vnu
from .public_pages import PUBLIC_PAGES, address

pytestmark = pytest.mark.e2e

BROKEN = '<!DOCTYPE html><html lang="ko"><head><title>x</title></head><body><p><div></p></body>'


def nu_errors(java: str, folder: Path) -> dict[str, list[str]]:
    """The Nu checker's errors on every .html file of the folder, by file name."""
    checked = subprocess.run(
        [
            java,
            "-Xss4m",
            "-jar",
            str(VNU_JAR),
            "--errors-only",
            "--format",
            "json",
            *sorted(str(file) for file in folder.glob("*.html")),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(checked.stderr or checked.stdout)["messages"]
    by_file: dict[str, list[str]] = {}
    for message in messages:
        if message["type"] == "error" or message.get("subType") == "fatal":
            name = Path(message.get("url", "?")).name
            by_file.setdefault(name, []).append(
                f"line {message.get('lastLine')}: {message['message']}\n"
                f"      {message.get('extract', '').strip()}"
            )

    return by_file


def test_every_public_page_passes_the_nu_html_checker(seeded, client, tmp_path):
    java = require_vnu()
    names = {}
    for index, (path, what) in enumerate(PUBLIC_PAGES):
        path = address(path)
        response = client.get(path)
        expected = 404 if path == "/no-such-page/" else 200
        assert response.status_code == expected, f"{what} ({path}) answered {response.status_code}"
        assert response["Content-Type"].startswith("text/html")
        (tmp_path / f"page{index:02d}.html").write_bytes(response.content)
        names[f"page{index:02d}.html"] = f"{what} ({path})"
    # The school-visit form sent empty comes back with its errors: valid too.
    response = client.post("/outreach/visits/apply/", {})
    assert response.status_code == 400 and "입력 내용을 확인해 주세요" in response.content.decode()
    (tmp_path / "apply-errors.html").write_bytes(response.content)
    names["apply-errors.html"] = "지방의회 체험 신청, 빈 채로 보냄 (POST /outreach/visits/apply/)"
    (tmp_path / "control.html").write_text(BROKEN, encoding="utf-8")

    by_file = nu_errors(java, tmp_path)
    assert by_file.pop("control.html", None), "the checker did not flag the broken control page"
    report = "\n".join(
        f"{names.get(name, name)}:\n" + "\n".join(f"  - {error}" for error in errors)
        for name, errors in by_file.items()
    )
    assert not by_file, "invalid HTML:\n" + report
