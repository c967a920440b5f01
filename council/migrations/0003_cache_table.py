"""Create the database cache table with the schema, so `migrate` alone leaves a working site.

The PDF and page caches use Django's cache framework; without REDIS_URL that is the
DatabaseCache table `django_cache`. createcachetable is idempotent and does nothing for
other cache backends.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("council", "0002_data_version")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
