"""Django's loaddata, bumping each data version once for the whole load.

loaddata saves every row with post_save(raw=True), which would bump a model's data version
once per row; inside versioning.batch() each model it touches is bumped once, at the end.
It replaces Django's command: of the apps that define a command of the same name, the one
listed first in INSTALLED_APPS wins, and no app before common defines loaddata.
"""

from django.core.management.commands import loaddata

from common import versioning


class Command(loaddata.Command):
    def handle(self, *fixture_labels, **options):
        with versioning.batch():
            super().handle(*fixture_labels, **options)
