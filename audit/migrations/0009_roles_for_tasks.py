"""Apply the role table again once the rendered work plan PDFs and the task queue's tables
exist: the general affairs team sees a PDF's state, the auditor the tasks."""

from django.db import migrations


def apply_roles_again(apps, schema_editor):
    from audit.roles import apply_roles_in_migration

    apply_roles_in_migration(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0008_history_channel_cycle_years"),
        ("workplan", "0004_renditions"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(apply_roles_again, migrations.RunPython.noop)]
