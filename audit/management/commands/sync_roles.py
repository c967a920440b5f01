"""Give the secretariat's groups exactly the permissions of audit/roles.py."""

from django.core.management.base import BaseCommand, CommandError

from audit.roles import apply_roles


class Command(BaseCommand):
    help = (
        "의정팀·의사팀·의회홍보팀·감사(열람) 그룹을 만들고 audit/roles.py의 권한 표대로 "
        "권한을 맞춥니다. 표에 없는 권한은 회수합니다."
    )

    def handle(self, *args, **options):
        try:
            report = apply_roles(strict=True)
        except LookupError as error:
            raise CommandError(str(error)) from error
        for group, count in report.granted.items():
            self.stdout.write(f"{group}: 권한 {count}개")
        self.stdout.write(self.style.SUCCESS("권한 표를 적용했습니다."))
