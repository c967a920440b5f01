"""Apply the role table again once the work plan, room rentals and data versions have moved
to their own apps, so a fresh database's groups get the permissions of the moved models too
(on an existing database the renamed content types already kept them)."""

from django.db import migrations


def apply_roles_again(apps, schema_editor):
    from audit.roles import apply_roles_in_migration

    apply_roles_in_migration(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0004_alter_historicalplanitem_project_and_more"),
        ("workplan", "0002_content_types"),
        ("outreach", "0003_roomrentalyear"),
        ("common", "0001_initial"),
    ]

    operations = [migrations.RunPython(apply_roles_again, migrations.RunPython.noop)]
