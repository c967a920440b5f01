"""A budget year is compared with the year before only when that year has data."""


def test_the_first_year_on_record_is_not_new_it_has_nothing_to_compare_with(seeded, client):
    html = client.get("/budget/2022/").content.decode()
    assert "2021년 예산 자료는 없습니다." in html
    assert "비교 자료 없음" in html
    assert "신규" not in html
    # The charts show 2022 alone, and there is no change chart.
    assert "2021년과 2022년 예산 구성" not in html
    assert "2022년 예산 구성 (정책사업별" in html
    assert "세부사업별 2021년 대비 증감" not in html


def test_a_year_with_a_previous_year_still_compares(seeded, client):
    html = client.get("/budget/2023/").content.decode()
    assert "비교 자료 없음" not in html
    assert "2022년과 2023년 예산 구성" in html
