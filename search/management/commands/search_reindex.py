"""manage.py search_reindex [--kind minutes ...]: rebuild the site search's index."""

from django.core.management.base import BaseCommand

from search.documents import REGISTRY
from search.services import reindex


class Command(BaseCommand):
    help = "사이트 검색 색인을 다시 만듭니다."

    def add_arguments(self, parser):
        parser.add_argument("--kind", action="append", choices=sorted(REGISTRY), dest="kinds")

    def handle(self, *args, kinds=None, **options):
        for kind, count in reindex(kinds=kinds).items():
            self.stdout.write(f"{kind}: {count}")
