"""What differs between councils is data: the words of a council's kind, its portal's name,
each team's role, slugs made from names, what a PR channel counts, particles after names."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from common.korean import particle
from council.models import Council, SecretariatUnit
from council.selectors import contact, site_identity
from council.words import GENERIC_WORDS, council_words
from outreach.models import PRChannel
from sessions_app.models import Body
from workplan.models import ProjectFinancing

Source = ProjectFinancing.Source


@pytest.mark.parametrize(
    "kind, residents, building, sources",
    [
        ("autonomous_district", "구민", "구의회 청사", ["구비", "시비", "국비", "기타"]),
        ("city", "시민", "시의회 청사", ["시비", "도비", "국비", "기타"]),
        ("county", "군민", "군의회 청사", ["군비", "도비", "국비", "기타"]),
        (
            "metropolitan_city",
            "시민",
            "시의회 청사",
            ["시비", "상급 자치단체 재원", "국비", "기타"],
        ),
        ("province", "도민", "도의회 청사", ["도비", "상급 자치단체 재원", "국비", "기타"]),
    ],
)
def test_a_councils_kind_gives_its_words(kind, residents, building, sources):
    words = council_words(kind)
    assert (words.residents, words.building) == (residents, building)
    assert [source.label_for(words) for source in ProjectFinancing.SOURCE_ORDER] == sources


def test_unknown_kind_has_generic_words_and_stored_sources_keep_their_values():
    assert council_words("") is GENERIC_WORDS
    assert council_words("no-such-kind").residents == "주민"
    assert [s.value for s in ProjectFinancing.SOURCE_ORDER] == [
        "district",
        "city",
        "national",
        "other",
    ]


def test_portal_name_defaults_to_the_councils_name():
    assert Council(name="가람시의회").portal_title == "가람시의회 의정 포털"
    assert Council(name="가람시의회", portal_name="가람 의정").portal_title == "가람 의정"


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("phone", "031 123 4567", "02-123-4567처럼"),
        ("calendar_uid_domain", "https://example.kr/", "council.example.kr처럼"),
    ],
)
def test_contact_fields_say_what_is_allowed(db, field, value, message):
    council = Council(name="가람시의회", district="가람시", **{field: value})
    with pytest.raises(ValidationError) as raised:
        council.full_clean()
    assert message in " ".join(raised.value.message_dict[field])


@pytest.mark.django_db
def test_without_a_council_the_site_is_generic():
    site = site_identity()
    assert (site.portal_name, site.bureau, site.council) == ("의정 포털", "의회사무국", None)


@pytest.fixture
def council(db):
    return Council.objects.create(name="가람시의회", district="가람시", kind="city", phone="031-1")


def test_one_team_per_role_and_roles_for_teams_only(council):
    SecretariatUnit.objects.create(
        council=council, kind="team", name="총무팀", role="general_affairs"
    )
    second = SecretariatUnit(council=council, kind="team", name="의정팀", role="general_affairs")
    with pytest.raises(ValidationError) as raised:
        second.full_clean()
    assert "이 역할을 맡은 팀이 이미 있습니다" in str(raised.value)
    bureau = SecretariatUnit(council=council, kind="bureau", name="의회사무과", role="proceedings")
    with pytest.raises(ValidationError) as raised:
        bureau.full_clean()
    assert "역할은 팀에만 정할 수 있습니다" in str(raised.value)
    # Teams without a role are as many as the council has.
    for name in ("입법팀", "정책팀"):
        SecretariatUnit(council=council, kind="team", name=name).full_clean()


def test_contact_falls_back_from_the_team_to_the_bureau(council):
    assert contact(council, "proceedings").team == "의회사무국"  # nothing recorded yet
    SecretariatUnit.objects.create(council=council, kind="bureau", name="의회사무과")
    found = contact(council, "proceedings")
    assert (found.team, found.label, found.phone) == ("의회사무과", "의회사무과", "031-1")
    SecretariatUnit.objects.create(
        council=council, kind="team", name="의사운영팀", role="proceedings", phone="031-2"
    )
    found = contact(council, "proceedings")
    assert (found.team, found.label, found.phone) == (
        "의사운영팀",
        "의회사무과 의사운영팀",
        "031-2",
    )


def test_a_bodys_slug_is_made_from_its_name_when_left_blank(council):
    body = Body(council=council, name="예산결산특별위원회", short_name="예결위", kind="special")
    body.full_clean()
    assert body.slug == "예산결산특별위원회"
    kept = Body(council=council, name="본회의", short_name="본회의", kind="plenary", slug="plenary")
    kept.full_clean()
    assert kept.slug == "plenary"  # a slug already given (bookmarked feeds) stays
    nameless = Body(council=council, name="※", short_name="기타", kind="plenary")
    with pytest.raises(ValidationError) as raised:
        nameless.full_clean()
    assert "주소용 이름을 만들 수 없습니다" in str(raised.value)


def test_press_releases_are_counted_by_one_channel(council):
    PRChannel.objects.create(council=council, name="보도자료", measure="press_release", unit="건")
    again = PRChannel(council=council, name="보도 자료", measure="press_release", unit="건")
    with pytest.raises(ValidationError) as raised:
        again.full_clean()
    assert "한 매체만 고를 수 있습니다" in str(raised.value)
    for name in ("홍보영상", "영상(뉴스형)"):  # other measures repeat freely
        PRChannel.objects.create(council=council, name=name, measure="video", unit="개")


@pytest.mark.parametrize(
    "word, pair, expected",
    [
        ("의회사무국", "은/는", "의회사무국은"),
        ("의회사무과", "은/는", "의회사무과는"),
        ("3팀", "으로/로", "3팀으로"),
        ("홍보담당관", "이/가", "홍보담당관이"),
        ("의정과", "으로/로", "의정과로"),
        ("서울", "으로/로", "서울로"),
        ("감사(열람)", "을/를", "감사(열람)를"),
        ("IT", "은/는", "IT은(는)"),
    ],
)
def test_particles_follow_the_names_last_sound(word, pair, expected):
    assert particle(word, pair) == expected
