from django.db import migrations

from common.schedules import daily_schedule

forward, backward = daily_schedule(
    "지난 버전의 주요업무계획 PDF 정리", "workplan.tasks.prune_renditions", hour=4
)


class Migration(migrations.Migration):
    dependencies = [
        ("workplan", "0004_renditions"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(forward, backward)]
