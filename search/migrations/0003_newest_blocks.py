from django.db import migrations


def brin_index(apps, schema_editor):
    """A BRIN index of sort_key (PostgreSQL only): the blocks of the newest entries, and'ed
    with the GIN index's matches by search.selectors.newest()."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS searchentry_newest_brin ON search_searchentry "
            "USING brin (sort_key) WITH (pages_per_range = 32)"
        )


def drop_brin_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS searchentry_newest_brin")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_newest_first"),
    ]

    operations = [
        migrations.RunPython(brin_index, drop_brin_index),
    ]
