"""Every public HTML page of the seeded site (DESIGN.md, "Public addresses").

Accessibility and HTML-validity tests walk this list; a new public page belongs here.
"""

# (path, what the page is): paths of the seed's data (2022 and 2023, 제234회 ~ 제246회).
PUBLIC_PAGES = [
    ("/", "홈"),
    ("/sessions/", "올해 회기 일정"),
    ("/sessions/?year=2023", "2023년 회기 일정"),
    ("/sessions/?year=2022", "2022년 회기 일정"),
    ("/sessions/?year=2022&kind=regular", "2022년 정례회만"),
    ("/sessions/?year=2024", "회기가 없는 해 (2024년)"),
    ("/sessions/calendar/?year=2023", "2023년 회기 달력"),
    ("/sessions/calendar/?year=2022&kind=extraordinary", "2022년 임시회 달력"),
    ("/sessions/242/", "제242회 임시회"),
    ("/sessions/240/", "제240회 정례회"),
    ("/sessions/bodies/plenary/", "본회의 회의 (회의가 없는 회의체)"),
    ("/sessions/bodies/standing/", "상임위원회 회의 (각 상임위원회 포함)"),
    ("/sessions/minutes/", "회의록 공개 기한 준수"),
    ("/budget/2023/", "2023년 예산"),
    ("/budget/2023/?unit=천원", "2023년 예산 (천원)"),
    ("/budget/2022/", "2022년 예산"),
    ("/outreach/", "의정 홍보"),
    ("/outreach/visits/apply/", "지방의회 체험 신청"),
    ("/council/", "의회 소개"),
    ("/members/", "의원 (시드에는 의원이 없음)"),
    ("/bills/", "의안 목록"),
    ("/bills/?kind=budget", "예산안만"),
    ("/bills/{bill}/", "의안 하나 (시드의 첫 의안)"),
    ("/search/", "검색 (검색어 없음)"),
    ("/search/?q=예산", "검색 결과 (예산)"),
    ("/workplan/2023/", "2023년 주요업무계획"),
    ("/privacy/", "개인정보처리방침"),
    ("/guide/", "이용안내"),
    ("/no-such-page/", "찾을 수 없는 주소 (404)"),
]

PAGE_IDS = [path for path, _ in PUBLIC_PAGES]


def address(path: str) -> str:
    """The page's real address: "{bill}" stands for the seed's first bill, whose id depends on
    the database's sequence (transactional tests do not reset it)."""
    if "{bill}" not in path:
        return path
    from legislation.models import Bill

    return path.format(bill=Bill.objects.order_by("pk").values_list("pk", flat=True)[0])
