"""The admin's messages (Django's own, reworded in locale/ko/LC_MESSAGES/django.po) never
join a fixed particle to a name they cannot know: "2023년 주요업무계획가" cannot happen."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.utils import translation

from tests.e2e.forms import form_values

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale/ko/LC_MESSAGES/django.po"
MO = PO.with_suffix(".mo")
GLUED = re.compile(r"(을/를|이/가|은/는|를\(을\)|[}\"”)]s?(가|를|이|을)\s)")


def msgids() -> list[str]:
    return re.findall(r'^msgid "(.+)"$', PO.read_text(encoding="utf-8"), flags=re.M)


@pytest.mark.parametrize("msgid", msgids())
def test_each_reworded_message_is_translated_without_a_glued_particle(msgid):
    with translation.override("ko"):
        text = translation.gettext(msgid)
    assert text != msgid, f"not translated: {msgid} (is django.mo compiled from django.po?)"
    assert not GLUED.search(text), text


def test_the_compiled_catalogue_is_the_one_in_the_source(tmp_path):
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.fail("msgfmt is missing: scripts/system-deps.sh installs gettext")
    built = tmp_path / "django.mo"
    subprocess.run([msgfmt, "-o", str(built), str(PO)], check=True)
    assert built.read_bytes() == MO.read_bytes(), "run: msgfmt -o django.mo django.po"


def test_a_clerks_save_message_reads_right_whatever_the_name(seeded, admin_client):
    from workplan.models import WorkPlan

    plan = WorkPlan.objects.order_by("pk").first()
    url = f"/admin/workplan/workplan/{plan.pk}/change/"
    data = form_values(admin_client.get(url).content.decode())
    data.pop("_addanother", None)
    data.pop("_continue", None)
    response = admin_client.post(url, data, follow=True)
    texts = [re.sub(r"<[^>]+>", "", str(m.message)) for m in response.context["messages"]]
    # "2023년 주요업무계획가 성공적으로 변경되었습니다" in Django's own Korean.
    assert texts == [f"주요업무계획 “{plan}”: 변경 내용을 저장했습니다."], texts
