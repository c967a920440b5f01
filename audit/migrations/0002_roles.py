"""Create the secretariat's groups with the permissions of audit/roles.py.

Permissions are normally created after all migrations (post_migrate); they are created here
first so the groups get them on the very first migrate.
"""

from django.db import migrations


def create_roles(apps, schema_editor):
    from audit.roles import apply_roles_in_migration

    apply_roles_in_migration(apps)


def remove_roles(apps, schema_editor):
    # The groups this migration made, by the names they had then.
    names = ("의정팀", "의사팀", "의회홍보팀", "감사(열람)")
    apps.get_model("auth", "Group").objects.filter(name__in=names).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_history"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("axes", "0010_accessattemptexpiration"),
        ("council", "0002_data_version"),
        ("sessions_app", "0001_initial"),
        ("budget", "0001_initial"),
        ("outreach", "0002_visit_applications"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
