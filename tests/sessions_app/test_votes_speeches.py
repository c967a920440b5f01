"""A clerk records a vote taken at a sitting and each member's choice, and the members'
questions to the executive and five-minute speeches; a citizen reads them on the sitting's
page, the tally counted from the ballots. A member outside the sitting's term is refused."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from council.models import Council, Member, Term
from sessions_app import selectors, services
from sessions_app.models import (
    AgendaItem,
    Attendance,
    Ballot,
    Body,
    Session,
    Sitting,
    Speech,
    Vote,
)

D = datetime.date


@pytest.fixture
def council(db):
    return Council.objects.create(name="가상구의회", district="가상구")


@pytest.fixture
def sitting(council):
    term = Term.objects.create(
        council=council, number=9, seats=10, starts_on=D(2022, 7, 1), ends_on=D(2026, 6, 30)
    )
    session = Session.objects.create(
        council=council, number=300, kind="regular", first_day=D(2023, 6, 1),
        last_day=D(2023, 6, 10),
    )  # fmt: skip
    AgendaItem.objects.create(session=session, title="가상구 주차장 설치 조례안", order=1)
    body = Body.objects.create(
        council=council, name="본회의", short_name="본회의", kind="plenary", slug="plenary"
    )
    sitting = Sitting.objects.create(
        session=session, body=body, number=1, date=D(2023, 6, 1),
        video_url="https://vod.example.kr/300-1.mp4",
    )  # fmt: skip
    for name, status in [("가나다", "present"), ("라마바", "present"), ("사아자", "leave")]:
        member = Member.objects.create(term=term, name=name)
        Attendance.objects.create(sitting=sitting, member=member, status=status)
    return sitting


def member(name) -> Member:
    return Member.objects.get(name=name)


def old_member(council) -> Member:
    term = Term.objects.create(
        council=council, number=8, seats=10, starts_on=D(2018, 7, 1), ends_on=D(2022, 6, 30)
    )
    return Member.objects.create(term=term, name="차카타")


def page_of(client, sitting) -> str:
    response = client.get(
        reverse("sessions_app:sitting", args=[sitting.session.number, sitting.pk])
    )
    assert response.status_code == 200
    return response.content.decode()


def sitting_form(sitting, **rows) -> dict:
    """The sitting's admin form as posted, every inline's management form included."""
    data = {
        "session": sitting.session_id,
        "body": sitting.body_id,
        "number": sitting.number,
        "date": sitting.date.isoformat(),
        "video_url": sitting.video_url,
        "live_url": "",
        "attendances-TOTAL_FORMS": 0,
        "attendances-INITIAL_FORMS": 0,
        "video_marks-TOTAL_FORMS": 0,
        "video_marks-INITIAL_FORMS": 0,
        "votes-TOTAL_FORMS": 0,
        "votes-INITIAL_FORMS": 0,
        "speeches-TOTAL_FORMS": 0,
        "speeches-INITIAL_FORMS": 0,
    }
    # The attendance rows already there come back unchanged.
    attendances = list(sitting.attendances.order_by("member__name"))
    data["attendances-TOTAL_FORMS"] = data["attendances-INITIAL_FORMS"] = len(attendances)
    for i, row in enumerate(attendances):
        data[f"attendances-{i}-id"] = row.pk
        data[f"attendances-{i}-sitting"] = sitting.pk
        data[f"attendances-{i}-member"] = row.member_id
        data[f"attendances-{i}-status"] = row.status
    data.update(rows)
    return data


def vote_form(vote, ballots) -> dict:
    data = {
        "sitting": vote.sitting_id,
        "agenda_item": vote.agenda_item_id or "",
        "title": vote.title,
        "note": vote.note,
        "order": vote.order,
        "ballots-TOTAL_FORMS": len(ballots),
        "ballots-INITIAL_FORMS": 0,
    }
    for i, (who, choice) in enumerate(ballots):
        data[f"ballots-{i}-member"] = who.pk
        data[f"ballots-{i}-choice"] = choice
    return data


def test_a_clerk_records_a_vote_and_the_sitting_page_shows_the_tally(sitting, admin_client, client):
    url = reverse("admin:sessions_app_sitting_change", args=[sitting.pk])
    screen = admin_client.get(url).content.decode()
    assert "표결" in screen and 'name="votes-TOTAL_FORMS"' in screen
    assert 'name="speeches-TOTAL_FORMS"' in screen
    item = AgendaItem.objects.get()
    data = sitting_form(
        sitting,
        **{
            "votes-TOTAL_FORMS": 1,
            "votes-0-order": 10,
            "votes-0-title": "가상구 주차장 설치 조례안(원안)",
            "votes-0-agenda_item": item.pk,
            "votes-0-note": "",
        },
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    vote = Vote.objects.get()
    assert vote.agenda_item == item

    vote_url = reverse("admin:sessions_app_vote_change", args=[vote.pk])
    assert admin_client.get(vote_url).status_code == 200
    ballots = [(member("가나다"), "yes"), (member("라마바"), "no"), (member("사아자"), "abstain")]
    response = admin_client.post(vote_url, vote_form(vote, ballots))
    assert response.status_code == 302, response.content.decode()[:3000]

    html = page_of(client, sitting)
    assert "표결 결과" in html
    assert "가상구 주차장 설치 조례안(원안): 찬성 1명, 반대 1명, 기권 1명" in html
    row = html.split('<th scope="row">반대</th>', 1)[1].split("</tr>", 1)[0]
    assert "1명" in row and "라마바" in row and "가나다" not in row
    assert f'href="/members/{member("가나다").pk}/"' in html


def test_everyone_present_is_filled_in_as_yes(sitting, admin_client):
    vote = Vote.objects.create(sitting=sitting, title="가상 동의안")
    Ballot.objects.create(vote=vote, member=member("라마바"), choice="no")
    response = admin_client.post(
        reverse("admin:sessions_app_vote_changelist"),
        {"action": "fill_present_yes", "_selected_action": [vote.pk]},
    )
    assert response.status_code == 302
    # 가나다 (present) gets 찬성; 라마바 keeps 반대; 사아자 (청가) gets nothing.
    assert dict(vote.ballots.values_list("member__name", "choice")) == {
        "가나다": "yes",
        "라마바": "no",
    }
    assert services.ballots_fill_present(vote=vote) == 0  # nothing left to fill


def test_a_ballot_of_a_member_outside_the_term_is_refused_in_korean(sitting, admin_client):
    vote = Vote.objects.create(sitting=sitting, title="가상 동의안")
    old = old_member(sitting.session.council)
    with pytest.raises(ValidationError) as error:
        Ballot(vote=vote, member=old, choice="yes").full_clean()
    message = error.value.message_dict["member"][0]
    assert "차카타 의원의 임기(제8대" in message and "그 대수의 의원을 골라 주세요" in message

    url = reverse("admin:sessions_app_vote_change", args=[vote.pk])
    response = admin_client.post(url, vote_form(vote, [(old, "yes")]))
    assert response.status_code == 200
    assert "차카타 의원의 임기(제8대" in response.content.decode()
    assert not Ballot.objects.exists()


def test_a_member_of_another_council_is_refused(sitting):
    other = Council.objects.create(name="다른의회", district="다른구")
    term = Term.objects.create(
        council=other, number=9, seats=5, starts_on=D(2022, 7, 1), ends_on=D(2026, 6, 30)
    )
    stranger = Member.objects.create(term=term, name="타파하")
    vote = Vote.objects.create(sitting=sitting, title="가상 동의안")
    for row in (
        Ballot(vote=vote, member=stranger, choice="yes"),
        Speech(sitting=sitting, member=stranger, kind="free_speech", title="주제"),
        Attendance(sitting=sitting, member=stranger),
    ):
        with pytest.raises(ValidationError) as error:
            row.full_clean()
        assert "이 회의를 연 의회의 의원이 아닙니다" in error.value.message_dict["member"][0]


def test_one_ballot_per_member_and_known_choices_only(sitting, admin_client):
    vote = Vote.objects.create(sitting=sitting, title="가상 동의안")
    Ballot.objects.create(vote=vote, member=member("가나다"), choice="yes")
    with pytest.raises(ValidationError) as error:
        Ballot(vote=vote, member=member("가나다"), choice="no").full_clean()
    assert "이미 있습니다" in str(error.value)
    with pytest.raises(ValidationError):
        Ballot(vote=vote, member=member("라마바"), choice="maybe").full_clean()

    url = reverse("admin:sessions_app_vote_change", args=[vote.pk])
    twice = vote_form(vote, [(member("라마바"), "yes"), (member("라마바"), "no")])
    assert admin_client.post(url, twice).status_code == 200
    unknown = vote_form(vote, [(member("라마바"), "maybe")])
    assert admin_client.post(url, unknown).status_code == 200
    assert vote.ballots.count() == 1


def test_a_vote_takes_an_agenda_item_of_the_sittings_own_session(sitting, council):
    other = Session.objects.create(
        council=council, number=301, kind="extraordinary", first_day=D(2023, 7, 1),
        last_day=D(2023, 7, 5),
    )  # fmt: skip
    foreign = AgendaItem.objects.create(session=other, title="다른 회기 안건")
    with pytest.raises(ValidationError) as error:
        Vote(sitting=sitting, title="x", agenda_item=foreign).full_clean()
    assert "이 회의가 속한 회기의 안건" in error.value.message_dict["agenda_item"][0]


def test_speeches_show_in_the_councils_words_with_a_link_into_the_video(
    sitting, admin_client, client
):
    url = reverse("admin:sessions_app_sitting_change", args=[sitting.pk])
    screen = admin_client.get(url).content.decode()
    assert '<option value="question">구정질문</option>' in screen
    data = sitting_form(
        sitting,
        **{
            "speeches-TOTAL_FORMS": 2,
            "speeches-0-order": 1,
            "speeches-0-kind": "free_speech",
            "speeches-0-member": member("가나다").pk,
            "speeches-0-title": "하천 산책로 안전",
            "speeches-0-offset_seconds": 3725,
            "speeches-1-order": 2,
            "speeches-1-kind": "question",
            "speeches-1-member": member("라마바").pk,
            "speeches-1-title": "공영 주차장 확충",
            "speeches-1-offset_seconds": "",
        },
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]

    html = page_of(client, sitting)
    assert '<h2 id="speeches-title">구정질문·5분 자유발언</h2>' in html
    assert "5분 자유발언</span>" in html and "하천 산책로 안전" in html
    assert 'href="https://vod.example.kr/300-1.mp4#t=3725"' in html
    assert '<time datetime="PT3725S">1:02:05</time>' in html
    assert re.search(r"구정질문</span> <a [^>]+>라마바</a> 의원: 공영 주차장 확충</li>", html)

    council = sitting.session.council
    council.kind = Council.Kind.CITY
    council.save()
    html = page_of(client, sitting)
    assert "시정질문·5분 자유발언" in html and "구정질문" not in html


def test_a_speaker_outside_the_term_is_refused(sitting):
    old = old_member(sitting.session.council)
    with pytest.raises(ValidationError) as error:
        Speech(sitting=sitting, member=old, kind="question", title="주제").full_clean()
    assert "임기(제8대" in error.value.message_dict["member"][0]


def test_a_sitting_without_votes_or_speeches_says_so(sitting, client):
    html = page_of(client, sitting)
    assert "이 회의에서 기록한 표결이 없습니다." in html
    assert "이 회의에서 기록한 구정질문이나 5분 자유발언이 없습니다." in html


def test_the_selectors_take_a_fixed_number_of_queries(sitting, django_assert_num_queries):
    for n in range(5):
        vote = Vote.objects.create(sitting=sitting, title=f"표결 {n}", order=n)
        for who in Member.objects.all():
            Ballot.objects.create(vote=vote, member=who, choice="yes")
        Speech.objects.create(sitting=sitting, member=member("가나다"), kind="question", title="x")
    with django_assert_num_queries(2):
        records = selectors.sitting_votes(sitting)
    assert [r.tally.yes for r in records] == [3] * 5
    with django_assert_num_queries(1):
        assert len(selectors.sitting_speeches(sitting, sitting.session.council.words)) == 5


def test_the_sitting_page_keeps_its_query_budget_as_votes_grow(
    sitting, client, settings, django_assert_max_num_queries
):
    settings.PAGE_CACHE_ENABLED = False
    vote = Vote.objects.create(sitting=sitting, title="표결 0")
    Ballot.objects.create(vote=vote, member=member("가나다"), choice="yes")
    with CaptureQueriesContext(connection) as ctx:
        page_of(client, sitting)
    term = Term.objects.get(number=9)
    more = Member.objects.bulk_create([Member(term=term, name=f"의원{n:02}") for n in range(30)])
    for n in range(1, 12):
        vote = Vote.objects.create(sitting=sitting, title=f"표결 {n}", order=n)
        Ballot.objects.bulk_create(
            [Ballot(vote=vote, member=who, choice=("yes", "no", "abstain")[i % 3])
             for i, who in enumerate(more)]
        )  # fmt: skip
        Speech.objects.create(sitting=sitting, member=more[n], kind="free_speech", title=f"{n}")
    with django_assert_max_num_queries(len(ctx.captured_queries)):
        html = page_of(client, sitting)
    assert "표결 11: 찬성 10명, 반대 10명, 기권 10명" in html


@pytest.mark.parametrize(
    "path",
    [
        "/sessions/300/sittings/999999/",
        "/sessions/999/sittings/1/",
        "/sessions/300/sittings/abc/",
        "/sessions/300/sittings/1/%00/",
    ],
)
def test_bad_sitting_addresses_are_4xx(sitting, client, path):
    status = client.get(path).status_code
    assert 400 <= status < 500


def test_the_vote_screens_answer_bad_input_with_4xx_or_a_form(sitting, admin_client):
    assert admin_client.get("/admin/sessions_app/vote/abc/change/").status_code in (302, 404)
    assert admin_client.get("/admin/sessions_app/vote/999999/change/").status_code in (302, 404)
    vote = Vote.objects.create(sitting=sitting, title="가상 동의안")
    url = reverse("admin:sessions_app_vote_change", args=[vote.pk])
    garbled = vote_form(vote, [])
    garbled.update({"ballots-TOTAL_FORMS": "x", "order": "-3"})
    status = admin_client.post(url, garbled).status_code
    assert status == 200 or 400 <= status < 500
    bad_choice = vote_form(vote, [(member("가나다"), "'; DROP")])
    bad_choice["ballots-0-member"] = "999999"
    assert admin_client.post(url, bad_choice).status_code == 200
    assert not vote.ballots.exists()


def test_votes_ballots_and_speeches_are_in_the_history(sitting):
    vote = Vote.objects.create(sitting=sitting, title="가상 동의안")
    ballot = Ballot.objects.create(vote=vote, member=member("가나다"), choice="yes")
    ballot.choice = "no"
    ballot.save()
    speech = Speech.objects.create(
        sitting=sitting, member=member("가나다"), kind="free_speech", title="주제"
    )
    assert [h.choice for h in ballot.history.order_by("history_date")] == ["yes", "no"]
    assert vote.history.count() == 1 and speech.history.count() == 1
