"""Nothing is lost in the move to the new floors (commit 8c074bd).

The work plan's models moved from council (and ProjectFinancing from budget) to workplan, room
rentals to outreach and data versions to common. They kept their tables (``db_table``) and the
moves are state-only migrations; the content types were renamed so that team permissions, the
admin log and the change history keep pointing at the moved models.

The test below proves it the way production will meet it: it takes the test database back to
the migrations of the old layout (today's main, 8034509), fills it as today's main would have
it (the seed, some change history, a team with a permission on a project, an admin log entry),
runs the migrations forward to the newest ones and reads everything back through the current
models.

The test is written against whatever the newest migrations are: the seed is loaded through the
old state's historical models, setting only the fields the old models have, and it compares
only those fields.
"""

import json
from collections import Counter, defaultdict
from datetime import timedelta

import pytest
from django.apps import apps as current_apps
from django.core.exceptions import FieldDoesNotExist
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from portal.management.commands.load_seed import seed_fixture_paths

# The last migration of each app in today's main (`git ls-tree -r 8034509` lists them); the
# apps the move created had no migrations there.
OLD_LEAVES = [
    ("council", "0003_cache_table"),
    ("sessions_app", "0002_body_order_help"),
    ("budget", "0002_unique_top_level_names"),
    ("outreach", "0002_visit_applications"),
    ("audit", "0003_body_order_help"),
    ("common", None),
    ("workplan", None),
]

# The same way back in two steps, only faster: Django renders the models again for every
# migration after the first one it unapplies, and the three state-only migrations that took
# the models over come early in the plan. So first everything later (the move's other
# migrations and whatever came since), then those three.
HALFWAY_BACK = [
    *[leaf for leaf in OLD_LEAVES if leaf[0] not in {"outreach", "common", "workplan"}],
    ("outreach", "0003_roomrentalyear"),
    ("common", "0001_initial"),
    ("workplan", "0001_initial"),
]

# Where the moved models lived in today's main, by their label now. The fixtures use the new
# labels.
MOVED_FROM = {
    "workplan.workplan": "council.workplan",
    "workplan.project": "council.project",
    "workplan.projectsection": "council.projectsection",
    "workplan.projectexhibit": "council.projectexhibit",
    "workplan.planitem": "council.planitem",
    "workplan.purchase": "council.purchase",
    "workplan.projectfinancing": "budget.projectfinancing",
    "outreach.roomrentalyear": "council.roomrentalyear",
    "common.dataversion": "council.dataversion",
}

EDITED_TITLE_SUFFIX = " (사업명 수정)"


def old_label(label: str) -> str:
    return MOVED_FROM.get(label, label)


def seed_records() -> list[dict]:
    """Every record of the seed, in load_seed's order (later files refer to earlier ones)."""
    records = []
    for path in seed_fixture_paths():
        with open(path, encoding="utf-8") as handle:
            records.extend(json.load(handle))
    return records


def migrate_to(targets):
    """Run the migrations to `targets` with a fresh loader; return the state reached."""
    executor = MigrationExecutor(connection)
    state = executor.migrate(targets)
    return state


def newest_leaves():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def unapplied_migrations() -> list:
    executor = MigrationExecutor(connection)
    return executor.migration_plan(executor.loader.graph.leaf_nodes())


@pytest.fixture
def back_at_todays_main():
    """The test database at the old layout's migrations; whatever the test does, the
    database is at the newest migrations again afterwards (before pytest-django flushes it),
    so the tests after this one find the schema they expect."""
    try:
        migrate_to(HALFWAY_BACK)
        state = migrate_to(OLD_LEAVES)
        yield state.apps
    finally:
        migrate_to(newest_leaves())
        assert unapplied_migrations() == []


# ---------------------------------------------------------------- today's main's data


def missing_columns(model, record) -> dict:
    """Values for the columns the old model requires that the seed no longer states (fields
    dropped since, like the committees' slugs): unique per record, as such a column may
    have to be. The comparison after the move skips these fields."""
    values = {}
    for field in model._meta.concrete_fields:
        if (
            field.primary_key
            or field.is_relation
            or field.name in record["fields"]
            or field.null
            or field.has_default()
        ):
            continue
        if isinstance(field, models.CharField | models.TextField):
            values[field.attname] = f"{field.name}-{record['pk']}"[: field.max_length]
        elif isinstance(field, models.IntegerField):
            values[field.attname] = record["pk"]
        elif isinstance(field, models.BooleanField):
            values[field.attname] = False
    return values


def load_seed_into_old_schema(old_apps) -> tuple[dict[str, list[dict]], set[str]]:
    """Insert the seed through the old state's historical models, as `load_seed` did on
    today's main. A fixture field the old model lacks (added since) is left out, a column
    the seed no longer states (dropped since) gets a placeholder, a model the old state
    lacks (added since) is skipped.

    Returns the records loaded by new label, and the labels skipped.
    """
    loaded: dict[str, list[dict]] = defaultdict(list)
    skipped: set[str] = set()
    models = set()
    with transaction.atomic():  # foreign keys are checked at the end, as loaddata does
        for record in seed_records():
            try:
                model = old_apps.get_model(old_label(record["model"]))
            except LookupError:
                skipped.add(record["model"])
                continue
            values = missing_columns(model, record)
            many_to_many = {}
            for name, raw in record["fields"].items():
                try:
                    field = model._meta.get_field(name)
                except FieldDoesNotExist:
                    continue
                if field.many_to_many:
                    many_to_many[name] = raw
                elif field.is_relation:
                    values[field.attname] = raw
                else:
                    values[field.attname] = field.to_python(raw)
            instance = model(pk=record["pk"], **values)
            instance.save(force_insert=True)
            for name, pks in many_to_many.items():
                getattr(instance, name).set(pks)
            models.add(model)
            loaded[record["model"]].append(record)
    # Rows with explicit keys leave PostgreSQL's sequences behind; loaddata resets them.
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), list(models)):
            cursor.execute(sql)
    return loaded, skipped


def write_history(old_apps, instance, history_type, user, when, reason=""):
    """A row of the record's history table, as django-simple-history wrote it on today's
    main: a copy of the record's columns plus who, when and what kind of change."""
    historical = old_apps.get_model("audit", f"historical{instance._meta.model_name}")
    columns = {f.attname for f in historical._meta.concrete_fields}
    copy = {
        f.attname: getattr(instance, f.attname)
        for f in instance._meta.concrete_fields
        if f.attname in columns
    }
    return historical.objects.create(
        **copy,
        history_date=when,
        history_type=history_type,
        history_user=user,
        history_change_reason=reason,
    )


def write_todays_main_extras(old_apps, loaded) -> dict:
    """What a year of use adds to the seed on today's main: an edit with its history, a
    creation entry in the history of every moved model, a team group allowed to change
    projects and the admin log of the edit."""
    User = old_apps.get_model("auth", "User")
    Group = old_apps.get_model("auth", "Group")
    Permission = old_apps.get_model("auth", "Permission")
    ContentType = old_apps.get_model("contenttypes", "ContentType")
    LogEntry = old_apps.get_model("admin", "LogEntry")
    OldProject = old_apps.get_model("council", "Project")

    editor = User.objects.create(username="migration-editor", password="!", is_staff=True)
    created_at = timezone.now() - timedelta(days=30)
    edited_at = created_at + timedelta(days=1)

    # One record of each moved model, created by the seed load.
    created = {}
    for label in MOVED_FROM:
        if label not in loaded:
            continue
        model = old_apps.get_model(old_label(label))
        instance = model._base_manager.get(pk=loaded[label][0]["pk"])
        created[label] = write_history(old_apps, instance, "+", editor, created_at).pk

    # A project renamed in the admin: the row, its history, the admin log.
    project = OldProject._base_manager.get(pk=loaded["workplan.project"][0]["pk"])
    seed_title = project.title
    project.title = seed_title + EDITED_TITLE_SUFFIX
    project.save()
    edit = write_history(old_apps, project, "~", editor, edited_at, reason="사업명 정정")

    project_type, _ = ContentType.objects.get_or_create(app_label="council", model="project")
    change_project, _ = Permission.objects.get_or_create(
        content_type=project_type,
        codename="change_project",
        defaults={"name": "Can change 주요사업"},
    )
    team = Group.objects.create(name="이관 점검용 팀")
    team.permissions.add(change_project)
    editor.groups.add(team)
    log_entry = LogEntry.objects.create(
        action_time=edited_at,
        user=editor,
        content_type=project_type,
        object_id=str(project.pk),
        object_repr=project.title,
        action_flag=2,  # CHANGE
        change_message='[{"changed": {"fields": ["사업명"]}}]',
    )

    return {
        "editor": editor.pk,
        "created_history": created,
        "project": project.pk,
        "seed_title": seed_title,
        "edit_history": edit.pk,
        "team": team.pk,
        "log_entry": log_entry.pk,
    }


# ---------------------------------------------------------------- reading it back


def fixture_value(field, raw):
    if field.many_to_many:
        return sorted(raw)
    if field.is_relation:
        return field.target_field.to_python(raw)
    return field.to_python(raw)


def stored_value(field, instance):
    if field.many_to_many:
        return sorted(related.pk for related in getattr(instance, field.name).all())
    if field.is_relation:
        return getattr(instance, field.attname)
    return field.value_from_object(instance)


def compared_fields(old_model, new_model, record) -> list:
    """The record's fields that the old model had (and the current model still has)."""
    fields = []
    for name in record["fields"]:
        try:
            old_model._meta.get_field(name)
            fields.append(new_model._meta.get_field(name))
        except FieldDoesNotExist:
            continue
    return fields


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_migrating_a_database_of_todays_main_keeps_every_record_and_its_history(
    back_at_todays_main,
):
    old_apps = back_at_todays_main

    # The old layout: the work plan still lives in council, financing in budget, and the
    # new apps hold nothing. Each moved model has the table it will keep.
    for app_label in ("workplan", "common"):
        assert not [m for m in old_apps.get_models() if m._meta.app_label == app_label]
    for new, old in MOVED_FROM.items():
        assert (
            old_apps.get_model(old)._meta.db_table == current_apps.get_model(new)._meta.db_table
        ), f"{new} does not keep {old}'s table"

    loaded, _added_since = load_seed_into_old_schema(old_apps)
    extras = write_todays_main_extras(old_apps, loaded)
    # Every moved model has seed rows (but data versions, which the seed has none of), so
    # the move of each is exercised; a model skipped is one today's main did not have.
    assert set(MOVED_FROM) - set(loaded) == {"common.dataversion"}

    # The deploy: `migrate` to the newest migrations, with a loader that reads them afresh.
    migrate_to(newest_leaves())
    assert unapplied_migrations() == []

    from django.contrib.admin.models import LogEntry
    from django.contrib.auth.models import Group, User
    from django.contrib.contenttypes.models import ContentType

    from common.models import DataVersion
    from workplan.models import Project

    ContentType.objects.clear_cache()  # ids were cached before the round trip

    # Every seed model has exactly the records of the seed ...
    expected_counts = Counter({label: len(records) for label, records in loaded.items()})
    found_counts = Counter(
        {label: current_apps.get_model(label)._base_manager.count() for label in loaded}
    )
    assert found_counts == expected_counts

    # ... with their values: every 5th record of each model, on the fields of the old model.
    edited = {("workplan.project", extras["project"]): {"title": EDITED_TITLE_SUFFIX}}
    compared = 0
    for label, records in loaded.items():
        old_model = old_apps.get_model(old_label(label))
        new_model = current_apps.get_model(label)
        for record in records[::5]:
            instance = new_model._base_manager.get(pk=record["pk"])
            for field in compared_fields(old_model, new_model, record):
                expected = fixture_value(field, record["fields"][field.name])
                if field.name in edited.get((label, record["pk"]), {}):
                    expected += edited[(label, record["pk"])][field.name]
                assert stored_value(field, instance) == expected, (
                    f"{label} #{record['pk']}.{field.name}"
                )
                compared += 1
    assert compared > 200  # a sample of the whole seed, not of one table

    # The change history of the moved models is read through their new historical models.
    editor = User.objects.get(pk=extras["editor"])
    for label, history_id in extras["created_history"].items():
        model = current_apps.get_model(label)
        entry = model.history.get(history_id=history_id)
        assert (entry.history_type, entry.history_user) == ("+", editor)
        assert entry.instance.pk == loaded[label][0]["pk"]
    project = Project.objects.get(pk=extras["project"])
    assert project.title == extras["seed_title"] + EDITED_TITLE_SUFFIX
    created, changed = project.history.order_by("history_date")
    assert [created.history_type, changed.history_type] == ["+", "~"]
    assert changed.history_id == extras["edit_history"]
    assert (changed.history_user, changed.history_change_reason) == (editor, "사업명 정정")
    diff = changed.diff_against(created)
    assert [(c.field, c.old, c.new) for c in diff.changes] == [
        ("title", extras["seed_title"], project.title)
    ]

    # The team keeps its permission, now on the work plan's project; its member may still
    # change projects.
    team = Group.objects.get(pk=extras["team"])
    permission = team.permissions.get()
    assert (permission.content_type.app_label, permission.codename) == (
        "workplan",
        "change_project",
    )
    assert permission.content_type.model_class() is Project
    assert editor.has_perm("workplan.change_project")
    assert not ContentType.objects.filter(app_label="council", model="project").exists()

    # The admin log entry of the edit points at the same project, through the same type.
    log_entry = LogEntry.objects.get(pk=extras["log_entry"])
    assert log_entry.content_type == ContentType.objects.get_for_model(Project)
    assert log_entry.get_edited_object() == project

    # The data versions are common's now, read from the table council created. (Which rows
    # they keep is the versioning's business: later migrations may drop counters no longer
    # read, so no row of today's main is checked here.)
    assert DataVersion._meta.db_table in connection.introspection.table_names()
    DataVersion.objects.values().first()  # selects every column the model has
