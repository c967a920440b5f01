"""A citizen reads on a member's page how they voted in recorded votes (date, sitting,
subject, choice) and their questions to the executive and five-minute speeches, counted
from the rows; the page's queries do not grow with them."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from council.models import Council
from sessions_app.models import Ballot, Sitting, Speech, Vote
from sessions_app.selectors import MEMBER_BALLOTS


def page_of(client, member) -> str:
    response = client.get(reverse("legislation:member", args=[member.pk]))
    assert response.status_code == 200
    return response.content.decode()


def plenary(number):
    return Sitting.objects.get(body__slug="plenary", number=number)


def test_a_members_page_lists_their_ballots_and_speeches(client, record):
    first, second = record["members"]
    vote = Vote.objects.create(sitting=plenary(2), title="가상구 주차장 설치 조례안(수정안)")
    Ballot.objects.create(vote=vote, member=first, choice="no")
    Ballot.objects.create(vote=vote, member=second, choice="yes")
    other = Vote.objects.create(sitting=plenary(1), title="가상 동의안")
    Ballot.objects.create(vote=other, member=first, choice="abstain")
    Speech.objects.create(sitting=plenary(1), member=first, kind="question", title="주차 대책")
    Speech.objects.create(sitting=plenary(2), member=first, kind="free_speech", title="하천 정비")
    Speech.objects.create(sitting=plenary(2), member=second, kind="free_speech", title="남의 발언")

    html = page_of(client, first)
    assert '<h2 id="speeches">구정질문·5분 자유발언</h2>' in html
    assert "구정질문 1건, 5분 자유발언 1건" in html
    assert "주차 대책" in html and "하천 정비" in html and "남의 발언" not in html
    assert "기록된 표결 2건: 찬성 0건, 반대 1건, 기권 1건" in html
    assert "가상구 주차장 설치 조례안(수정안)" in html and "반대" in html
    # Newest first, each linking to its sitting's votes.
    assert html.index("조례안(수정안)") < html.index("가상 동의안")
    link = reverse("sessions_app:sitting", args=[300, plenary(2).pk]) + "#votes"
    assert f'href="{link}"' in html
    assert "2023. 6. 10." in html

    council = Council.objects.get()
    council.kind = Council.Kind.COUNTY
    council.save()
    assert "군정질문 1건" in page_of(client, first)


def test_a_member_without_ballots_or_speeches_reads_well(client, record):
    _, second = record["members"]
    html = page_of(client, second)
    assert "기록된 표결이 없습니다." in html
    assert "기록된 구정질문이나 5분 자유발언이 없습니다." in html


def test_the_members_page_keeps_its_query_budget_as_ballots_grow(
    client, record, settings, django_assert_max_num_queries
):
    settings.PAGE_CACHE_ENABLED = False
    first, _ = record["members"]
    vote = Vote.objects.create(sitting=plenary(1), title="표결 0")
    Ballot.objects.create(vote=vote, member=first, choice="yes")
    Speech.objects.create(sitting=plenary(1), member=first, kind="question", title="x")
    with CaptureQueriesContext(connection) as ctx:
        page_of(client, first)

    many = MEMBER_BALLOTS + 10
    votes = Vote.objects.bulk_create(
        [Vote(sitting=plenary(1 + n % 2), title=f"표결 {n}", order=n) for n in range(1, many)]
    )
    Ballot.objects.bulk_create([Ballot(vote=v, member=first, choice="no") for v in votes])
    Speech.objects.bulk_create(
        [
            Speech(sitting=plenary(2), member=first, kind="free_speech", title=f"{n}")
            for n in range(9)
        ]
    )
    with django_assert_max_num_queries(len(ctx.captured_queries)):
        html = page_of(client, first)
    assert f"기록된 표결 {many}건: 찬성 1건, 반대 {many - 1}건" in html
    assert f"최근 표결 {MEMBER_BALLOTS}건 (전체 {many}건 가운데" in html
    assert html.count('data-label="표결 내용"') == MEMBER_BALLOTS
    assert "구정질문 1건, 5분 자유발언 9건" in html
