"""Apply the role table again once budget years and work plan editions exist: the general
affairs team publishes budget years and sees the editions."""

from django.db import migrations


def apply_roles_again(apps, schema_editor):
    from audit.roles import apply_roles_in_migration

    apply_roles_in_migration(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0012_historicalbudgetyear_historicaledition"),
        ("budget", "0004_budgetyear"),
        ("workplan", "0007_edition"),
    ]

    operations = [migrations.RunPython(apply_roles_again, migrations.RunPython.noop)]
