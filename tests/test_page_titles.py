"""Every public page is named "<page> | <portal name>" (the home page: the portal's name), and a
filtered page says what it shows in its title."""

import re

from tests.e2e.public_pages import PUBLIC_PAGES, address

PORTAL = "금천구의회 의정 포털"

EXPECTED = {
    "/": PORTAL,
    "/sessions/?year=2022": f"2022년 회기 일정 | {PORTAL}",
    "/sessions/?year=2022&kind=regular": f"2022년 정례회 일정 | {PORTAL}",
    "/sessions/calendar/?year=2022&kind=extraordinary": f"2022년 임시회 달력 | {PORTAL}",
    "/budget/2023/": f"2023년 예산 | {PORTAL}",
    "/budget/2023/?unit=천원": f"2023년 예산 (천원 단위) | {PORTAL}",
    "/outreach/visits/apply/": f"지방의회 체험 신청 | {PORTAL}",
    "/bills/?kind=budget": f"의안: 예산안 | {PORTAL}",
    "/no-such-page/": f"페이지를 찾을 수 없습니다 | {PORTAL}",
}


def _title(response) -> str:
    match = re.search(r"<title>(.*?)</title>", response.content.decode(), flags=re.S)
    assert match, response
    return match.group(1).strip()


def test_every_public_page_has_its_own_title_with_one_suffix(seeded, client):
    titles = {}
    for path, what in PUBLIC_PAGES:
        title = _title(client.get(address(path)))
        if path != "/":
            assert re.fullmatch(rf"\S.* \| {PORTAL}", title), f"{what} ({path}): {title!r}"
            assert title.count("|") == 1, title
        titles[path] = title
    for path, title in EXPECTED.items():
        assert titles[path] == title
    # Pages that show different things have different titles (/sessions/ opens on this year).
    assert titles["/sessions/"] == titles["/sessions/?year=2023"]
    del titles["/sessions/"]
    assert len(set(titles.values())) == len(titles), titles
