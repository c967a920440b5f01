"""PR figures are compared only where the comparison is fair (issue: honest labels)."""

from outreach.selectors.pr import _cells


def labels(cells):
    return [(c.year, c.change.rate_label()) for c in cells]


def test_a_yearly_channel_is_compared_with_the_year_before_and_new_only_against_data():
    cells = _cells([2020, 2021, 2022], {2021: 10, 2022: 15}, {})
    assert labels(cells) == [(2020, "-"), (2021, "신규"), (2022, "50.00%")]


def test_a_year_counted_in_part_is_not_compared():
    cells = _cells([2021, 2022, 2023], {2021: 40, 2022: 50, 2023: 3}, {}, partial=frozenset({2023}))
    assert labels(cells)[2] == (2023, "부분 집계")
    assert cells[2].change.delta is None and not cells[2].change.is_gone


def test_a_product_made_every_other_year_is_compared_with_its_last_edition():
    video = _cells([2020, 2021, 2022, 2023], {2020: 1, 2022: 1}, {2020: 100, 2022: 150}, cycle=2)
    assert labels(video) == [(2020, "-"), (2021, "격년 제작"), (2022, "0.00%"), (2023, "격년 제작")]
    assert video[2].cost_change.rate_label() == "50.00%"
    # First made in the second recorded year: the records do not reach back a whole cycle.
    paper = _cells([2020, 2021, 2022], {2021: 175}, {}, cycle=2)
    assert labels(paper) == [(2020, "-"), (2021, "비교 자료 없음"), (2022, "격년 제작")]
    # Due and not made: that is a real drop.
    skipped = _cells([2020, 2021, 2022], {2020: 1}, {}, cycle=2)
    assert labels(skipped)[2] == (2022, "-100.00%")


def _table_cells(table):
    return {
        (row.label, cell.year): (cell.count, cell.change.rate_label())
        for row in [*table.rows, *table.coverage, table.coverage_total]
        for cell in row.cells
    }


def test_a_window_of_years_shows_the_same_figures_and_changes_as_the_whole_table(seeded):
    """A page about one year reads only a few years; the first year of its window is still
    compared with the year before it, not called the first one recorded."""
    from council.selectors import the_council
    from outreach.selectors import pr_table

    council = the_council()
    whole = pr_table(council)
    assert whole.year_numbers == [2020, 2021, 2022, 2023]

    window = pr_table(council, until=2022, span=2)

    assert window.year_numbers == [2021, 2022]
    shown = _table_cells(window)
    assert shown == {
        key: value for key, value in _table_cells(whole).items() if key[1] in (2021, 2022)
    }
    # 보도자료 2021: 44건, against 2020's figure (a real rate, not "-").
    press = window.row("press_release")
    assert press is not None and press.cell(2021).change.rate_label() not in ("-", "신규")


def test_the_work_plan_shows_no_pr_year_after_its_own(seeded):
    from outreach.models import PRYear
    from workplan.report.builder import build_report

    council = PRYear.objects.first().council
    PRYear.objects.create(council=council, year=2024)

    exhibits = [
        part.data
        for project in build_report(2023).projects
        for section in project.sections
        for part in section.parts
        if part.exhibit == "pr_figures"
    ]
    assert exhibits, "the 2023 plan has a PR figures exhibit"
    assert all(e.table.year_numbers == [2020, 2021, 2022, 2023] for e in exhibits)
