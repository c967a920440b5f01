"""python manage.py roll_over_workplan 2023

Makes next year's work plan (2024) from the year's: the same service as the admin's
"다음 연도 주요업무계획 만들기" action (workplan.services.work_plan_roll_over).
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from workplan.selectors import work_plan_of_year, work_plan_years
from workplan.services import work_plan_roll_over


class Command(BaseCommand):
    help = (
        "주요업무계획을 다음 연도로 옮깁니다: 사업, 사업 내용, 표, 추진계획 항목, 구매 품목, "
        "소요재원을 복사하고 검토할 곳을 표시합니다."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "year", type=int, help="옮길 계획의 연도 (예: 2023이면 2024년 계획이 만들어짐)"
        )

    def handle(self, *args, year, **options):
        plan = work_plan_of_year(year)
        if plan is None:
            years = ", ".join(str(y) for y in work_plan_years()) or "없음"
            raise CommandError(f"{year}년 주요업무계획이 없습니다. 등록된 연도: {years}")
        try:
            new = work_plan_roll_over(work_plan=plan, user=None)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        projects = new.projects.count()
        self.stdout.write(
            self.style.SUCCESS(
                f"{new.year}년 주요업무계획을 만들었습니다 (주요사업 {projects}개, 공개 전). "
                "관리 화면에서 '검토 필요'와 '다시 쓸 내용'으로 표시된 곳을 확인하세요."
            )
        )
