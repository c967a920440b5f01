"""The words that depend on what kind of local government a council belongs to.

A district council (자치구의회) speaks of 구민 and 구비, a city council of 시민, 시비 and 도비.
Pages, feeds, the work plan and the admin ask ``council_words(council.kind)`` instead of
writing such words themselves, so another council is other data, not other code.

Pure: no database, no settings.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models


class CouncilKind(models.TextChoices):
    """The local government a council belongs to (지방자치단체의 종류)."""

    AUTONOMOUS_DISTRICT = "autonomous_district", "자치구"
    CITY = "city", "시"
    COUNTY = "county", "군"
    METROPOLITAN_CITY = "metropolitan_city", "특별·광역시"
    PROVINCE = "province", "도"


@dataclass(frozen=True)
class CouncilWords:
    """What a council calls its residents, its building and its money."""

    area: str  # 구, 시, 군, 도 ("자치단체" when unknown)
    residents: str  # 구민, 시민, 군민, 도민 ("주민")
    council: str  # 구의회, 시의회 … ("의회")
    building: str  # 구의회 청사 … ("의회 청사")
    own_funds: str  # the council's own government's money: 구비, 시비, 군비, 도비
    upper_funds: str  # the upper-tier government's money: 시비, 도비; "" where there is none
    national_funds: str = "국비"
    executive: str = "자치단체장"  # the head of the government: 구청장, 시장, 군수, 도지사
    # Members' questions to the executive at a plenary sitting: 구정질문, 시정질문 …
    questions: str = "집행기관 질문"


_WORDS = {
    CouncilKind.AUTONOMOUS_DISTRICT: CouncilWords(
        area="구",
        residents="구민",
        council="구의회",
        building="구의회 청사",
        own_funds="구비",
        upper_funds="시비",
        executive="구청장",
        questions="구정질문",
    ),
    CouncilKind.CITY: CouncilWords(
        area="시",
        residents="시민",
        council="시의회",
        building="시의회 청사",
        own_funds="시비",
        upper_funds="도비",
        executive="시장",
        questions="시정질문",
    ),
    CouncilKind.COUNTY: CouncilWords(
        area="군",
        residents="군민",
        council="군의회",
        building="군의회 청사",
        own_funds="군비",
        upper_funds="도비",
        executive="군수",
        questions="군정질문",
    ),
    CouncilKind.METROPOLITAN_CITY: CouncilWords(
        area="시",
        residents="시민",
        council="시의회",
        building="시의회 청사",
        own_funds="시비",
        upper_funds="",
        executive="시장",
        questions="시정질문",
    ),
    CouncilKind.PROVINCE: CouncilWords(
        area="도",
        residents="도민",
        council="도의회",
        building="도의회 청사",
        own_funds="도비",
        upper_funds="",
        executive="도지사",
        questions="도정질문",
    ),
}

# For a council whose kind is not (yet) known: words true of every council.
GENERIC_WORDS = CouncilWords(
    area="자치단체",
    residents="주민",
    council="의회",
    building="의회 청사",
    own_funds="자체 재원",
    upper_funds="상급 자치단체 재원",
)


def council_words(kind: str | None) -> CouncilWords:
    """The words of a council of this kind (a CouncilKind value); generic words for an
    unknown or empty kind."""
    try:
        return _WORDS[CouncilKind(kind)]
    except ValueError:
        return GENERIC_WORDS
