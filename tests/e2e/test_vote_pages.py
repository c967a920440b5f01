"""The record pages with recorded votes and speeches (the seed has none: made here) meet the
same bars as every public page: WCAG and best practice (axe), valid HTML (Nu checker), and
no sideways scrolling or wrapped figures at 320 … 1280 px."""

from __future__ import annotations

import json
import subprocess

import pytest

from .conftest import VNU_JAR, require_vnu
from .test_accessibility import axe_violations, describe
from .test_phones import WIDTHS, measure, problems

pytestmark = pytest.mark.e2e


def _record():
    """A plenary sitting of the seed's 제243회 with two recorded votes, twelve members'
    ballots and two speeches; returns the sitting's and a member's addresses."""
    from council.models import Member, Term
    from sessions_app.models import Attendance, Ballot, Body, Session, Sitting, Speech, Vote

    session = Session.objects.get(number=243)
    sitting = Sitting.objects.create(
        session=session,
        body=Body.objects.get(slug="plenary"),
        number=1,
        date=session.first_day,
        video_url="https://vod.example.kr/243-1.mp4",
    )
    term = Term.objects.get(number=9)
    members = [Member.objects.create(term=term, name=f"가상의원{n:02}") for n in range(12)]
    for member in members:
        Attendance.objects.create(sitting=sitting, member=member)
    for order, title in enumerate(
        ["가상구 주차장 설치 조례안(원안)", "가상구 공원 조례 일부개정조례안"]
    ):
        vote = Vote.objects.create(sitting=sitting, title=title, order=order)
        for i, member in enumerate(members):
            Ballot.objects.create(vote=vote, member=member, choice=("yes", "no", "abstain")[i % 3])
    Speech.objects.create(
        sitting=sitting, member=members[0], kind="question", title="공영 주차장 확충 방안",
        offset_seconds=3725,
    )  # fmt: skip
    Speech.objects.create(sitting=sitting, member=members[1], kind="free_speech", title="하천")
    return [
        (f"/sessions/243/sittings/{sitting.pk}/", "표결과 발언이 있는 회의"),
        (f"/members/{members[0].pk}/", "표결과 발언이 있는 의원"),
    ]


@pytest.fixture
def record_pages(site):
    return site, _record()


@pytest.mark.parametrize("width", WIDTHS, ids=[f"{w}px" for w in WIDTHS])
def test_the_vote_pages_meet_wcag_and_read_well_at_this_width(record_pages, audit_page, width):
    site, pages = record_pages
    audit_page.set_viewport_size({"width": width, "height": 800})
    found = []
    for path, what in pages:
        response = audit_page.goto(site + path)
        assert response.status == 200, f"{what} ({path}) answered {response.status}"
        assert "표결" in audit_page.content()
        violations = axe_violations(audit_page)
        if violations:
            found.append(f"{what} ({path}) @ {width}px:\n{describe(violations)}")
        audit_page.goto(site + path)
        found += problems(path, width, measure(audit_page))
    assert not found, "\n".join(found)


def test_the_vote_pages_pass_the_nu_html_checker(seeded, client, tmp_path):
    java = require_vnu()
    for index, (path, what) in enumerate(_record()):
        response = client.get(path)
        assert response.status_code == 200, what
        (tmp_path / f"page{index}.html").write_bytes(response.content)
    checked = subprocess.run(
        [java, "-Xss4m", "-jar", str(VNU_JAR), "--errors-only", "--format", "json",
         *sorted(str(file) for file in tmp_path.glob("*.html"))],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    messages = json.loads(checked.stderr or checked.stdout)["messages"]
    errors = [
        f"{m.get('url', '?').rsplit('/', 1)[-1]} line {m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error" or m.get("subType") == "fatal"
    ]
    assert not errors, "\n".join(errors)
