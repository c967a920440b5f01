"""Section bodies typed as plain text become nested lists in the document."""

from workplan.report.text import parse_body


def test_bullets_nest_by_indentation_and_notes_keep_their_mark():
    body = (
        "- 지방의회 의원연수(국회사무처)\n"
        "  - 조례안 심사과정 : 2023. 3월 예정\n"
        "  - 예산안 및 결산심사과정 : 2023. 5월 예정\n"
        "- 지방의회 아카데미(지방행정연수원)\n"
        "  ※ 법정의무교육 시간 미 충족 시 별도 교육 추진\n"
        "☞ 회의 속기 및 1차 번문 작업 후 자료 제출"
    )
    lines = parse_body(body)

    assert [(line.kind, line.text) for line in lines] == [
        ("bullet", "지방의회 의원연수(국회사무처)"),
        ("bullet", "지방의회 아카데미(지방행정연수원)"),
        ("note", "회의 속기 및 1차 번문 작업 후 자료 제출"),
    ]
    assert [c.text for c in lines[0].children] == [
        "조례안 심사과정 : 2023. 3월 예정",
        "예산안 및 결산심사과정 : 2023. 5월 예정",
    ]
    note = lines[1].children[0]
    assert (note.kind, note.mark, note.text) == (
        "note",
        "※",
        "법정의무교육 시간 미 충족 시 별도 교육 추진",
    )
    assert lines[2].mark == "☞"


def test_three_levels_blank_lines_and_plain_text():
    body = "사업내용\n\n- 주요내용\n    - 의원 소개 및 인사\n        - 기념촬영\n- 끝"
    lines = parse_body(body)

    assert [(line.kind, line.text) for line in lines] == [
        ("text", "사업내용"),
        ("bullet", "주요내용"),
        ("bullet", "끝"),
    ]
    assert lines[1].children[0].text == "의원 소개 및 인사"
    assert lines[1].children[0].children[0].text == "기념촬영"


def test_a_line_less_indented_than_its_predecessor_returns_to_the_matching_level():
    lines = parse_body("- a\n    - b\n  - c\n- d")

    assert [line.text for line in lines] == ["a", "d"]
    assert [c.text for c in lines[0].children] == ["b", "c"]


def test_empty_body_gives_no_lines():
    assert parse_body("") == []
    assert parse_body("  \n\t\n") == []
