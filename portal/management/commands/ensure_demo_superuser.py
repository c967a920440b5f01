"""Create the demo superuser admin/admin on a development machine (DEBUG on only)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

DEMO_USERNAME = "admin"
DEMO_PASSWORD = "admin"
ADMIN_URL = "http://127.0.0.1:8000/admin/"


class Command(BaseCommand):
    help = (
        "With DEBUG on and no superuser yet, create admin/admin for local demos. "
        "Does nothing when DEBUG is off."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            self.stdout.write(
                "DEBUG가 꺼져 있어 데모 관리자 계정을 만들지 않습니다. / "
                "DEBUG is off: no demo superuser created."
            )
            return

        User = get_user_model()
        existing = User.objects.filter(is_superuser=True).order_by("pk").first()
        if existing is not None:
            self.stdout.write(
                f"관리자 계정이 이미 있습니다: {existing.get_username()} / "
                f"A superuser already exists: {existing.get_username()}"
            )
            return

        User.objects.create_superuser(
            username=DEMO_USERNAME, email="admin@example.invalid", password=DEMO_PASSWORD
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"데모 관리자 계정을 만들었습니다. {ADMIN_URL} 에서 로그인하세요 "
                f"(아이디: {DEMO_USERNAME}, 비밀번호: {DEMO_PASSWORD}).\n"
                f"Created demo superuser. Log in at {ADMIN_URL} "
                f"with username '{DEMO_USERNAME}' and password '{DEMO_PASSWORD}'."
            )
        )
