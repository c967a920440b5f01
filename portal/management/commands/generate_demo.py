"""Build a clearly fictional council ("가상구의회 (예시)") with N years of records into an
empty database, for demos and for measuring the portal at scale (benchmarks/years.py).

    manage.py generate_demo --years 20 [--first-year 2007] [--seed 2024]

What it makes and how it stays valid: portal/demo.py. It refuses a database that holds any
record of the domain apps (it never mixes invented records with real ones).
"""

from django.core.management.base import BaseCommand, CommandError

from portal import demo
from search.services import reindex


class Command(BaseCommand):
    help = (
        "빈 데이터베이스에 가상의 의회(가상구의회, 예시)와 여러 해의 회기·회의·예산·홍보 "
        "실적·주요업무계획을 만듭니다. 실제 인물이나 기관의 자료가 아닙니다."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--years", type=int, required=True, help=f"만들 연도 수 (1~{demo.MAX_YEARS})"
        )
        parser.add_argument(
            "--first-year",
            type=int,
            default=None,
            help="첫 연도 (기본: 마지막 연도가 올해가 되도록)",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=demo.DEFAULT_SEED,
            help="난수 시드: 같은 값이면 같은 자료를 만듭니다.",
        )
        parser.add_argument(
            "--minutes-paragraphs",
            type=int,
            default=demo.MINUTES_PARAGRAPHS,
            help="열린 회의마다 만들 가상 회의록의 발언 문단 수 (0: 회의록 없음)",
        )

    def handle(self, *args, years, first_year, seed, minutes_paragraphs, **options):
        if not 0 <= minutes_paragraphs <= 10_000:
            raise CommandError("회의록 문단 수는 0부터 10,000까지 정할 수 있습니다.")
        try:
            summary = demo.generate(
                years=years,
                first_year=first_year,
                seed=seed,
                minutes_paragraphs=minutes_paragraphs,
            )
        except demo.NotEmpty as refused:
            raise CommandError(str(refused)) from None
        except ValueError as wrong:
            raise CommandError(str(wrong)) from None
        total = sum(summary.counts.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"예시 데이터를 만들었습니다: {summary.first_year}~{summary.last_year}년 "
                f"({summary.last_year - summary.first_year + 1}년), 기록 {total:,}건."
            )
        )
        for label, count in summary.counts.items():
            self.stdout.write(f"  {label:<32} {count:>7,}")
        indexed = reindex()
        self.stdout.write(f"검색 색인을 만들었습니다: 항목 {sum(indexed.values()):,}건.")
