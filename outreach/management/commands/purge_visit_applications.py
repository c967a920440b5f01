"""Erase school-visit applications kept longer than the council's retention period.

The task workers run it daily (outreach/tasks.py, scheduled by migration 0006); this
command runs it at once.
"""

from django.core.management.base import BaseCommand

from outreach.services import purge_visit_applications


class Command(BaseCommand):
    help = (
        "보관 기간(지방의회 체험 신청 설정의 '개인정보 보관 기간')이 지난 체험 신청서와 "
        "그 변경 이력을 파기합니다."
    )

    def handle(self, *args, **options):
        count = purge_visit_applications()
        self.stdout.write(f"보관 기간이 지난 신청서 {count}건을 파기했습니다.")
