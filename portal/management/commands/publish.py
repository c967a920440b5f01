"""`manage.py publish budget|workplan YEAR [--note ...]`: publish a year's budget or work plan
for scripted deployments, through the same services as the admin's actions
(budget.services.budget_year_publish, workplan.services.work_plan_publish). For a work plan
it waits until the edition's PDF is made (or --no-wait to leave it to a worker)."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from budget.services import budget_year_publish
from council.selectors import the_council
from workplan.models import WorkPlan
from workplan.services import RenditionFailed, edition_made, work_plan_publish


class Command(BaseCommand):
    help = "연도별 예산 또는 주요업무계획을 공개(발행)합니다."

    def add_arguments(self, parser):
        parser.add_argument("what", choices=["budget", "workplan"], help="budget 또는 workplan")
        parser.add_argument("year", type=int, help="연도 (예: 2024)")
        parser.add_argument("--note", default="", help="발행 메모 (주요업무계획, 예: 개정판: …)")
        parser.add_argument(
            "--no-wait", action="store_true", help="PDF가 만들어지기를 기다리지 않습니다."
        )

    def handle(self, *args, what: str, year: int, note: str, no_wait: bool, **options):
        council = the_council()
        if council is None:
            raise CommandError("의회 자료가 없습니다. 먼저 load_seed 또는 의회 설정을 하세요.")
        if what == "budget":
            try:
                budget_year = budget_year_publish(council=council, year=year, user=None)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from None
            self.stdout.write(self.style.SUCCESS(f"{budget_year.year}년 예산을 공개했습니다."))
            return
        plan = WorkPlan.objects.filter(council=council, year=year).first()
        if plan is None:
            raise CommandError(f"{year}년 주요업무계획이 없습니다.")
        edition = work_plan_publish(work_plan=plan, user=None, note=note)
        self.stdout.write(
            self.style.SUCCESS(f"{year}년 주요업무계획 제{edition.number}판을 발행했습니다.")
        )
        if no_wait:
            self.stdout.write(f"PDF 상태: {edition.get_status_display()}")
            return
        try:
            edition = edition_made(edition=edition)
        except RenditionFailed as error:
            raise CommandError(f"PDF를 만들지 못했습니다: {error}") from None
        self.stdout.write(f"PDF: {edition.file.name}")
