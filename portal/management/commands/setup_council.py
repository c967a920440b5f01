"""Set up a new council from its description (docs/ONBOARDING.md, docs/examples/council.yaml).

manage.py setup_council FILE [--allow-existing]   (FILE: .yaml or .xlsx)
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal import onboarding, onboarding_xlsx


class Command(BaseCommand):
    help = (
        "빈 데이터베이스에 의회, 대수(임기), 회기 운영 조례 기준, 위원회와 회의체, 사무국 "
        "조직과 팀별 권한 그룹을 설명 파일(YAML 또는 엑셀)대로 만듭니다."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file", help="의회 설명 파일 (YAML 또는 .xlsx, 예: docs/examples/council.yaml)"
        )
        parser.add_argument(
            "--allow-existing",
            action="store_true",
            help="이미 의회가 있어도 새 의회를 더합니다.",
        )

    def handle(self, *args, file, allow_existing, **options):
        try:
            content = Path(file).read_bytes()
            workbook = onboarding_xlsx.looks_like_workbook(content)
            text = "" if workbook else content.decode("utf-8-sig")
        except (OSError, UnicodeDecodeError) as wrong:
            raise CommandError(f"설명 파일을 읽을 수 없습니다: {file} ({wrong})") from None
        try:
            if workbook:
                description = onboarding_xlsx.description_from_workbook(content)
            else:
                description = onboarding.description_from_yaml(text)
            council = onboarding.council_set_up(
                description=description, allow_existing=allow_existing
            )
        except onboarding.CouncilExists as refused:
            raise CommandError(str(refused)) from None
        except onboarding.DescriptionError as wrong:
            raise CommandError(
                "설명 파일에 고칠 곳이 있어 아무것도 저장하지 않았습니다:\n"
                + "\n".join(f"  - {line}" for line in wrong.errors)
            ) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"{council.name}을(를) 만들었습니다: 위원회 {council.committees.count()}개, "
                f"사무국 조직 {council.secretariat_units.count()}개. "
                "다음 순서는 docs/ONBOARDING.md를 보세요."
            )
        )
