"""Give the secretariat's groups exactly the permissions of audit/roles.py, each named after
the council's team of its role."""

from django.core.management.base import BaseCommand, CommandError

from audit.roles import apply_roles


class Command(BaseCommand):
    help = (
        "역할(의정·의사·홍보)마다 그 역할을 맡은 팀 이름으로 그룹을 만들거나 이름을 맞추고, "
        "감사(열람) 그룹과 함께 audit/roles.py의 권한 표대로 권한을 맞춥니다. 표에 없는 권한은 "
        "회수합니다."
    )

    def handle(self, *args, **options):
        try:
            report = apply_roles(strict=True)
        except LookupError as error:
            raise CommandError(str(error)) from error
        for old, new in report.renamed.items():
            self.stdout.write(f"그룹 이름 변경: {old} → {new}")
        for name in report.conflicts:
            self.stdout.write(
                self.style.WARNING(
                    f"'{name}' 그룹이 이미 따로 있어 역할 그룹의 이름을 바꾸지 않았습니다. "
                    "그 그룹을 지우거나 이름을 바꾼 뒤 다시 실행하세요."
                )
            )
        for group, count in report.granted.items():
            self.stdout.write(f"{group}: 권한 {count}개")
        self.stdout.write(self.style.SUCCESS("권한 표를 적용했습니다."))
