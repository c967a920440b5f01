from django.db import migrations

from common.schedules import daily_schedule

forward, backward = daily_schedule(
    "예산 가져오기 임시 파일 정리", "budget.tasks.purge_import_uploads", hour=4
)


class Migration(migrations.Migration):
    dependencies = [
        ("budget", "0004_budgetyear"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(forward, backward)]
