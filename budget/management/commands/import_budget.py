"""manage.py import_budget FILE --year YYYY [--dry-run]: the admin's 엑셀 가져오기 for scripted
deployments (budget.imports, the same service). Prints the preview in Korean; with bad cells
it prints them, writes nothing and exits with an error."""

from django.core.management.base import BaseCommand, CommandError

from budget import imports
from council.selectors import the_council


class Command(BaseCommand):
    help = (
        "엑셀(.xlsx) 시트에서 한 해의 본예산(편성목 금액)을 가져옵니다. 바뀌는 내용을 먼저 "
        "보여 주고, --dry-run이 없으면 한 번에 저장합니다."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="엑셀 파일 경로 (예산 화면의 엑셀 내려받기 양식)")
        parser.add_argument("--year", type=int, required=True, help="가져올 회계연도 (예: 2024)")
        parser.add_argument(
            "--dry-run", action="store_true", help="미리보기만 하고 저장하지 않습니다."
        )

    def handle(self, *args, file, year, dry_run, **options):
        council = the_council()
        if council is None:
            raise CommandError("의회 정보가 아직 등록되지 않았습니다.")
        try:
            with open(file, "rb") as handle:
                content = handle.read(imports.MAX_BYTES + 1)
        except OSError as error:
            raise CommandError(f"파일을 열 수 없습니다: {file} ({error.strerror})") from None
        preview = imports.budget_import_preview(council=council, year=year, file=content)
        self.stdout.write(imports.preview_text(preview))
        if not preview.ok:
            raise CommandError(f"잘못된 칸이 {len(preview.errors)}개 있어 저장하지 않았습니다.")
        if dry_run:
            self.stdout.write("--dry-run: 아무것도 저장하지 않았습니다.")
            return
        result = imports.budget_import_apply(council=council, year=year, file=content)
        self.stdout.write(f"저장했습니다. 금액 {result.changed_rows}개 행이 바뀌었습니다.")
