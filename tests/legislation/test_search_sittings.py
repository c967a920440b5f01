"""A citizen finds a sitting by what was voted on there or by a member's speech (구정질문,
5분 자유발언): the result opens the sitting's page, and the index follows edits at once."""

from search.models import SearchEntry
from sessions_app.models import Sitting, Speech, Vote


def _sitting(record) -> Sitting:
    return Sitting.objects.filter(session=record["session"], body__kind="plenary").order_by(
        "number"
    )[0]


def test_a_word_of_a_vote_finds_the_sitting_where_it_was_taken(client, record):
    sitting = _sitting(record)
    Vote.objects.create(
        sitting=sitting, title="가상구 공원 조성 동의안(원안)", note="수정동의 부결 뒤"
    )

    html = client.get("/search/", {"q": "공원 조성", "kind": "sitting"}).content.decode()

    page = f"/sessions/{sitting.session.number}/sittings/{sitting.pk}/"
    assert f'href="{page}"' in html
    assert f"제{sitting.session.number}회 본회의 제{sitting.number}차 회의" in html
    assert "표결: 가상구 <mark>공원</mark> <mark>조성</mark> 동의안(원안)" in html
    assert client.get(page).status_code == 200


def test_a_speech_is_found_by_its_topic_and_by_the_councils_word_for_it(client, record):
    first, _second = record["members"]
    sitting = _sitting(record)
    Speech.objects.create(
        sitting=sitting, member=first, kind=Speech.Kind.QUESTION, title="가상천 산책로 안전 대책"
    )
    word = sitting.session.council.words.questions  # 구정질문 for a 구의회

    for query in ("산책로", word, first.name):
        html = client.get("/search/", {"q": query, "kind": "sitting"}).content.decode()
        assert f"/sittings/{sitting.pk}/" in html, query
    entry = SearchEntry.objects.get(kind="sitting", object_id=sitting.pk)
    assert entry.body == f"{word}: {first.name} 의원, 가상천 산책로 안전 대책"
    assert entry.body_name == "본회의" and entry.year == sitting.date.year


def test_a_sitting_leaves_the_index_when_its_last_vote_is_deleted(client, record):
    sitting = _sitting(record)
    vote = Vote.objects.create(sitting=sitting, title="가상 결의안")
    assert SearchEntry.objects.filter(kind="sitting", object_id=sitting.pk).exists()

    vote.title = "가상 건의안"
    vote.save()
    assert SearchEntry.objects.get(kind="sitting", object_id=sitting.pk).body == "표결: 가상 건의안"

    vote.delete()
    assert not SearchEntry.objects.filter(kind="sitting", object_id=sitting.pk).exists()
    # A sitting with no vote and no speech is not a result of its own.
    assert not SearchEntry.objects.filter(kind="sitting").exists()
