"""Keep what pointed at the moved models: their content types follow them to the new apps.

Permissions (and so the teams' groups), admin log entries and history all refer to a model
through its content type; renaming the content type's app label keeps every one of them.
A content type the new app already got (a post_migrate that ran in between) gives way to the
old one, which is the one everything refers to.
"""

from django.db import migrations

MOVED = [
    # (old app, new app, model)
    ("council", "workplan", "workplan"),
    ("council", "workplan", "project"),
    ("council", "workplan", "projectsection"),
    ("council", "workplan", "projectexhibit"),
    ("council", "workplan", "planitem"),
    ("council", "workplan", "purchase"),
    ("budget", "workplan", "projectfinancing"),
    ("council", "outreach", "roomrentalyear"),
    ("council", "common", "dataversion"),
]


def _rename(apps, pairs):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for old_app, new_app, model in pairs:
        old = ContentType.objects.filter(app_label=old_app, model=model).first()
        if old is None:
            continue
        ContentType.objects.filter(app_label=new_app, model=model).delete()
        old.app_label = new_app
        old.save(update_fields=["app_label"])


def forwards(apps, schema_editor):
    _rename(apps, MOVED)


def backwards(apps, schema_editor):
    _rename(apps, [(new, old, model) for old, new, model in MOVED])


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("workplan", "0001_initial"),
        ("council", "0004_move_out_work_plan_rentals_versions"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
