from django.db import migrations

from common.schedules import daily_schedule

forward, backward = daily_schedule(
    "체험 신청서 보관 기간 만료분 파기", "outreach.tasks.purge_visit_applications", hour=3
)


class Migration(migrations.Migration):
    dependencies = [
        ("outreach", "0005_channel_cycle_years"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(forward, backward)]
