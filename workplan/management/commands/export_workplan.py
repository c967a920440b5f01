"""python manage.py export_workplan 2023 --output 2023.pdf   (or .html)
python manage.py export_workplan 2023 --published --output 2023.pdf

Writes the year's work plan, made from the records now, as an A4 PDF or a standalone HTML
file (the print layout, with the stylesheet and fonts referenced by file URL); with
--published, the PDF of the year's latest published edition, the one citizens download
(made first if no worker has made it yet).
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from workplan.report.builder import ReportNotFound, build_report, report_version
from workplan.report.pdf import render_html
from workplan.selectors import edition_of_year, work_plan_of_year, work_plan_years
from workplan.services import RenditionFailed, edition_made, rendition_made

FORMATS = {".pdf": "PDF", ".html": "HTML", ".htm": "HTML"}


class Command(BaseCommand):
    help = "주요업무계획을 PDF 또는 HTML 파일로 내보냅니다 (파일 확장자로 형식을 정합니다)."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int, help="계획 연도 (예: 2023)")
        parser.add_argument(
            "--output", "-o", required=True, help="저장할 파일 경로 (.pdf 또는 .html)"
        )
        parser.add_argument(
            "--published",
            action="store_true",
            help="지금 기록 대신 시민에게 공개된 최신 판의 PDF를 내보냅니다",
        )

    def handle(self, *args, year, output, published=False, **options):
        path = Path(output)
        kind = FORMATS.get(path.suffix.lower())
        if kind is None:
            raise CommandError(
                f"파일 확장자 '{path.suffix or '(없음)'}'은(는) 지원하지 않습니다. "
                ".pdf 또는 .html 로 끝나는 경로를 지정하세요."
            )
        if not path.parent.exists():
            raise CommandError(f"저장할 폴더 '{path.parent}'이(가) 없습니다.")
        if published and kind != "PDF":
            raise CommandError(
                "공개된 판은 PDF로만 내보낼 수 있습니다. .pdf 로 끝나는 경로를 지정하세요."
            )
        try:
            if published:
                edition = edition_of_year(year)
                if edition is None:
                    raise CommandError(
                        f"{year}년 주요업무계획은 아직 공개된 판이 없습니다. "
                        "--published 없이 지금 기록으로 내보낼 수 있습니다."
                    )
                edition = edition_made(edition=edition)
                with edition.file.open("rb") as made:
                    path.write_bytes(made.read())
            elif kind == "PDF":
                # The same PDF the site serves: made once per version, by whoever asks first.
                plan = work_plan_of_year(year)
                if plan is None:
                    raise ReportNotFound(year)
                rendition = rendition_made(work_plan=plan, version=report_version())
                with rendition.file.open("rb") as made:
                    path.write_bytes(made.read())
            else:
                content = render_html(build_report(year), for_print=True)
                path.write_text(content, encoding="utf-8")
        except ReportNotFound:
            years = ", ".join(str(y) for y in work_plan_years()) or "없음"
            raise CommandError(f"{year}년 주요업무계획이 없습니다. 등록된 연도: {years}") from None
        except RenditionFailed as failed:
            raise CommandError(f"{year}년 주요업무계획 PDF를 만들지 못했습니다: {failed}") from None
        self.stdout.write(
            self.style.SUCCESS(f"{year}년 주요업무계획을 {kind} 파일로 저장했습니다: {path}")
        )
