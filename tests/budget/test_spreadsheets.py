"""A clerk downloads a year's budget as XLSX, fills it in, and imports it back through the
admin or manage.py import_budget: a preview of every change first, then one transaction."""

import io

import pytest
from django.contrib.auth.models import Permission, User
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from budget import imports
from budget.imports import BudgetImportError, budget_import_apply, budget_import_preview
from budget.models import BudgetAmount, BudgetItem

PROGRAMME, UNIT = "선진의회상 정립", "의정활동 지원과 홍보"
OPERATIONS = (PROGRAMME, UNIT, "의정활동지원", "일반운영비")  # 36 (2023) vs 37 (2022) 백만원


def download(client, year=2023):
    response = client.get(f"/budget/{year}.xlsx")
    assert response.status_code == 200
    return response


def rows_of(content: bytes) -> list[tuple]:
    book = load_workbook(io.BytesIO(content))
    return [tuple(row) for row in book.active.iter_rows(values_only=True)]


def sheet_file(unit: str, rows: list[list], year: int = 2024) -> bytes:
    """A sheet in the download's layout, as a clerk would fill it in by hand."""
    book = Workbook()
    sheet = book.active
    sheet.title = "예산"
    sheet.append([f"{year}년 본예산"])
    sheet.append([f"(단위: {unit})"])
    sheet.append(
        ["구분", "정책사업", "단위사업", "세부사업", "편성목", f"{year - 1}년", f"{year}년"]
    )
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def amounts(year: int) -> dict[tuple[str, ...], int]:
    found = {}
    for amount in BudgetAmount.objects.filter(year=year).select_related(
        "item__parent__parent__parent"
    ):
        item, path = amount.item, []
        while item is not None:
            path.insert(0, item.name)
            item = item.parent
        found[tuple(path)] = amount.amount
    return found


# ---------------------------------------------------------------- the download


def test_budget_xlsx_holds_the_pages_figures_in_the_fill_in_layout(seeded, client):
    response = download(client)

    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert 'filename="budget-2023.xlsx"' in response["Content-Disposition"]
    rows = rows_of(response.content)
    assert rows[1][0] == "(단위: 원)"
    assert rows[2] == ("구분", "정책사업", "단위사업", "세부사업", "편성목",
                       "2022년 (전년도)", "2023년 (당해연도)")  # fmt: skip
    assert rows[3] == ("합계", None, None, None, None, 3_669_000_000, 4_378_000_000)
    assert ("소계", PROGRAMME, UNIT, "의정활동지원", None, 83_000_000, 88_000_000) in rows
    assert (None, *OPERATIONS, 37_000_000, 36_000_000) in rows
    assert sum(1 for row in rows[3:] if row[0] is None) == 27  # one row per 편성목
    link = reverse("budget:year_xlsx", kwargs={"year": 2023})
    assert f'href="{link}"' in client.get("/budget/2023/").content.decode()


# ---------------------------------------------------------------- importing


def test_importing_the_download_back_changes_nothing(seeded, client):
    before = amounts(2023)
    content = download(client).content

    preview = budget_import_preview(council=seeded, year=2023, file=content)

    assert preview.ok and preview.unit == "원"
    assert (preview.new, preview.changed, preview.removed) == ([], [], [])
    assert preview.unchanged == 27 and preview.new_items == []
    assert preview.disagreements == []
    total = preview.totals[0]
    assert (total.label, total.previous, total.after) == ("총계", 3_669_000_000, 4_378_000_000)
    assert total.change.rate_label() == "19.32%"
    assert budget_import_apply(council=seeded, year=2023, file=content).changed_rows == 0
    assert amounts(2023) == before


def test_a_sheet_in_thousands_fills_next_year_exactly_and_adds_new_items(seeded):
    content = sheet_file(
        "천원",
        [
            ["", *OPERATIONS, 36_000, "38,500"],
            ["", PROGRAMME, UNIT, "의정활동지원", "여비", 26_000, 27_250.5],
            ["", PROGRAMME, UNIT, "새 세부사업", "사무관리비", None, 1_000],
        ],
    )

    preview = budget_import_preview(council=seeded, year=2024, file=content)

    assert preview.ok, preview.errors
    assert {c.path: c.after for c in preview.new} == {
        OPERATIONS: 38_500_000,
        (PROGRAMME, UNIT, "의정활동지원", "여비"): 27_250_500,
        (PROGRAMME, UNIT, "새 세부사업", "사무관리비"): 1_000_000,
    }
    assert preview.new_items == [
        (PROGRAMME, UNIT, "새 세부사업"),
        (PROGRAMME, UNIT, "새 세부사업", "사무관리비"),
    ]
    total = preview.totals[0]
    assert (total.previous, total.after) == (4_378_000_000, 66_750_500)
    assert BudgetAmount.objects.filter(year=2024).count() == 0  # a preview writes nothing

    result = budget_import_apply(council=seeded, year=2024, file=content)

    assert result.changed_rows == 3 and result.created_items == 2
    assert amounts(2024)[(PROGRAMME, UNIT, "의정활동지원", "여비")] == 27_250_500
    new_detail = BudgetItem.objects.get(name="새 세부사업")
    assert new_detail.level == BudgetItem.Level.DETAIL and new_detail.parent.name == UNIT
    assert new_detail.children.get().level == BudgetItem.Level.CATEGORY


def test_a_sheet_in_millions_changes_and_removes_amounts_of_the_year(seeded):
    content = sheet_file("백만원", [["", *OPERATIONS, 37, 36.5]], year=2023)

    preview = budget_import_preview(council=seeded, year=2023, file=content)

    assert preview.ok, preview.errors
    (changed,) = preview.changed
    assert (changed.path, changed.before, changed.after, changed.row) == (
        OPERATIONS, 36_000_000, 36_500_000, 4
    )  # fmt: skip
    assert len(preview.removed) == 26  # every other 편성목 of 2023 is left out
    budget_import_apply(council=seeded, year=2023, file=content)
    assert amounts(2023) == {OPERATIONS: 36_500_000}
    assert amounts(2022)[OPERATIONS] == 37_000_000  # other years stay


def test_bad_cells_are_named_by_sheet_row_and_column_and_nothing_is_written(seeded):
    rows = [
        ["", *OPERATIONS, 37, 40],  # row 4: fine
        ["", PROGRAMME, UNIT, "의정활동지원", "", 1, 2],  # row 5: no 편성목
        ["", PROGRAMME, UNIT, "의정활동지원", "여비", 22, "0.0000001"],  # row 6: below a won
        ["메모", PROGRAMME, UNIT, "의정활동지원", "업무추진비", 24, 26],  # row 7: bad 구분
    ]
    rows += [["", PROGRAMME, UNIT, "열린의회운영", f"항목{i}", 1, 1] for i in range(4)]
    rows.append(["", PROGRAMME, UNIT, "열린의회운영", "인건비", 14, "12,3a"])  # row 12
    content = sheet_file("백만원", rows, year=2023)
    before = amounts(2023)

    preview = budget_import_preview(council=seeded, year=2023, file=content)

    assert preview.errors[0].startswith("예산 시트 5행 E열: 편성목 이름이 비어 있습니다.")
    assert preview.errors[1].startswith("예산 시트 6행 G열: '0.0000001':")
    assert "소수점 아래 6자리" in preview.errors[1]
    assert preview.errors[2].startswith("예산 시트 7행 A열: '메모'는 구분으로 쓸 수 없습니다.")
    assert preview.errors[3] == "예산 시트 12행 G열: '12,3a'는 금액이 아닙니다. 숫자만 입력하세요."
    assert len(preview.errors) == 4
    with pytest.raises(BudgetImportError) as raised:
        budget_import_apply(council=seeded, year=2023, file=content)
    assert raised.value.errors == preview.errors
    assert amounts(2023) == before
    assert not BudgetItem.objects.filter(name__startswith="항목").exists()


def test_a_sheet_without_a_unit_or_not_an_xlsx_is_refused_in_korean(seeded):
    book = Workbook()
    book.active.append(["구분", "정책사업", "단위사업", "세부사업", "편성목", "2024년"])
    out = io.BytesIO()
    book.save(out)

    no_unit = budget_import_preview(council=seeded, year=2024, file=out.getvalue())
    not_xlsx = budget_import_preview(council=seeded, year=2024, file=b"name,amount\n")

    assert "금액 단위를 찾을 수 없습니다" in no_unit.errors[0]
    assert not_xlsx.errors == [
        "엑셀(.xlsx) 파일이 아닙니다. 엑셀에서 'Excel 통합 문서(*.xlsx)'로 저장해 올리세요."
    ]


def test_total_rows_that_disagree_with_their_rows_are_listed(seeded):
    # As the seed's printed book: 의정활동지원 계 88 vs 83 with rows 36 + 26 + 26 = 88.
    content = sheet_file(
        "백만원",
        [
            ["합계", None, None, None, None, 83, 90],
            ["소계", PROGRAMME, UNIT, "의정활동지원", None, 83, 87],
            ["", *OPERATIONS, 37, 36],
            ["", PROGRAMME, UNIT, "의정활동지원", "여비", 22, 26],
            ["", PROGRAMME, UNIT, "의정활동지원", "업무추진비", 24, 26],
        ],
        year=2023,
    )

    preview = budget_import_preview(council=seeded, year=2023, file=content)

    assert preview.ok
    listed = [(d.row, d.label, d.printed, d.computed) for d in preview.disagreements]
    assert listed == [
        (4, "합계", 90_000_000, 88_000_000),
        (5, f"{PROGRAMME} > {UNIT} > 의정활동지원 소계", 87_000_000, 88_000_000),
    ]
    assert str(preview.disagreements[1]) == (
        f"5행 G열 (2023년) {PROGRAMME} > {UNIT} > 의정활동지원 소계: 시트 87, 행 합계 88 "
        "(단위: 백만원)"
    )
    assert "83" not in str(preview.disagreements)  # 2022's 83 = 37 + 22 + 24 agrees


# ---------------------------------------------------------------- the admin screen


def upload(client, content, year=2023, name="budget.xlsx"):
    return client.post(
        reverse("admin:budget_budgetitem_import"),
        {"year": year, "file": SimpleUploadedFile(name, content)},
    )


def test_admin_upload_preview_then_apply(seeded, admin_client, client):
    changelist = admin_client.get(reverse("admin:budget_budgetitem_changelist"))
    assert "엑셀 가져오기" in changelist.content.decode()
    content = sheet_file("천원", [["", *OPERATIONS, 36_000, 40_000]])

    response = upload(admin_client, content, year=2024)

    assert response.status_code == 302
    token = response["Location"].rstrip("/").rsplit("/", 1)[-1]
    (stored,) = admin_client.session["budget_imports"].values()
    assert default_storage.exists(stored["path"])
    page = admin_client.get(response["Location"]).content.decode()
    assert "새 금액 1건" in page and "40,000,000" in page and "적용" in page
    assert 'id="import-totals"' in page
    assert BudgetAmount.objects.filter(year=2024).count() == 0

    applied = admin_client.post(response["Location"], follow=True)

    assert amounts(2024) == {OPERATIONS: 40_000_000}
    assert "금액 1개 행이 바뀌었습니다" in applied.content.decode()
    assert not default_storage.exists(stored["path"])
    assert token not in admin_client.session["budget_imports"]
    assert admin_client.post(response["Location"]).status_code == 404  # applied once


def test_admin_preview_lists_bad_cells_and_offers_no_apply(seeded, admin_client):
    content = sheet_file("원", [["", *OPERATIONS, 1, "abc"]])

    response = upload(admin_client, content, year=2024)
    page = admin_client.get(response["Location"]).content.decode()

    assert "예산 시트 4행 G열: &#x27;abc&#x27;는 금액이 아닙니다." in page
    assert 'value="적용"' not in page


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not a spreadsheet", "엑셀(.xlsx) 파일이 아닙니다."),
        (b"x" * (imports.MAX_BYTES + 1), "파일이 너무 큽니다. 5MB 이하"),
    ],
)
def test_a_bad_upload_is_a_korean_form_error(seeded, admin_client, content, message):
    response = upload(admin_client, content, year=2024)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert 'value="2024"' in response.content.decode()  # what the clerk typed stays


def test_importing_needs_the_budget_change_permission(seeded, client):
    clerk = User.objects.create_user("viewer", password="pw", is_staff=True)
    clerk.user_permissions.add(Permission.objects.get(codename="view_budgetitem"))
    client.force_login(clerk)

    assert client.get(reverse("admin:budget_budgetitem_import")).status_code == 403


# ---------------------------------------------------------------- manage.py import_budget


def test_command_dry_run_prints_the_preview_and_writes_nothing(seeded, tmp_path, capsys):
    path = tmp_path / "budget-2024.xlsx"
    path.write_bytes(sheet_file("천원", [["", *OPERATIONS, 36_000, 40_000]]))

    call_command("import_budget", str(path), "--year", "2024", "--dry-run")

    out = capsys.readouterr().out
    assert "새 금액 1건" in out and "--dry-run: 아무것도 저장하지 않았습니다." in out
    assert f"{' > '.join(OPERATIONS)}: - → 40,000,000" in out
    assert BudgetAmount.objects.filter(year=2024).count() == 0

    call_command("import_budget", str(path), "--year", "2024")
    assert amounts(2024) == {OPERATIONS: 40_000_000}


def test_command_with_bad_cells_fails_with_them(seeded, tmp_path, capsys):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(sheet_file("천원", [["", *OPERATIONS, 36_000, "3만"]]))

    with pytest.raises(CommandError, match="잘못된 칸이 1개"):
        call_command("import_budget", str(path), "--year", "2024")

    assert "예산 시트 4행 G열: '3만'는 금액이 아닙니다." in capsys.readouterr().out
    assert BudgetAmount.objects.filter(year=2024).count() == 0


def test_an_upload_never_applied_is_deleted_after_a_day(db):
    """A clerk previews a sheet and closes the tab: the daily task removes the file."""
    import datetime

    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from budget.imports import UPLOAD_FOLDER, import_uploads_purge
    from budget.tasks import purge_import_uploads

    old = default_storage.save(f"{UPLOAD_FOLDER}/old-token.xlsx", ContentFile(b"old"))
    fresh = default_storage.save(f"{UPLOAD_FOLDER}/fresh-token.xlsx", ContentFile(b"new"))
    later = default_storage.get_modified_time(fresh) + datetime.timedelta(hours=25)
    assert import_uploads_purge(now=later - datetime.timedelta(hours=2)) == 0
    assert import_uploads_purge(now=later) == 2
    assert not default_storage.exists(old) and not default_storage.exists(fresh)
    assert purge_import_uploads() == 0  # nothing left is no error

    from django_q.models import Schedule

    assert Schedule.objects.filter(func="budget.tasks.purge_import_uploads").exists()
