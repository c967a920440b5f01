"""Each secretariat team edits only its own records: the permission matrix, checked against
the admin's URLs for every role × every registered model × view/add/change/delete."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, Permission, User
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse

from audit.models import tracked_models
from audit.roles import AUDITOR, GROUPS, ROLE_PERMISSIONS, TEAMS, group_permissions, role_group

REGISTERED = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)
MISSING_PK = 987654321  # permissions are checked before the record is looked up


def allowed(role: str, model, action: str) -> bool:
    return action in ROLE_PERMISSIONS.get(model._meta.label_lower, {}).get(role, ())


def admin_allows_add(model_admin) -> bool:
    """Whether the admin offers an add form at all (e.g. applications come from the web)."""
    request = RequestFactory().get("/")
    request.user = User(is_superuser=True, is_staff=True, is_active=True)
    return model_admin.has_add_permission(request)


@pytest.fixture
def clerks(db):
    users = {}
    for number, role in enumerate(GROUPS):
        user = User.objects.create_user(f"clerk{number}", is_staff=True)
        user.groups.add(role_group(role))
        users[role] = user
    return users


def test_the_table_covers_every_tracked_model():
    """A new model must be given to a team here before it lands."""
    missing = [
        m._meta.label_lower for m in tracked_models() if m._meta.label_lower not in ROLE_PERMISSIONS
    ]
    assert missing == []


def test_every_team_model_has_exactly_one_owning_team():
    for label, rights in ROLE_PERMISSIONS.items():
        owners = [g for g in TEAMS if rights.get(g) == ("view", "add", "change", "delete")]
        assert len(owners) <= 1, label
        assert rights.get(AUDITOR, ("view",)) == ("view",), f"the auditor only views {label}"


def test_the_migration_created_the_groups_with_the_table(db):
    for role, wanted in group_permissions().items():
        got = set(
            Permission.objects.filter(group=role_group(role)).values_list(
                "content_type__app_label", "codename"
            )
        )
        assert got == wanted, role


def test_without_a_council_the_groups_have_their_default_names(db):
    names = {role: role_group(role).name for role in GROUPS}
    assert names == {
        "general_affairs": "의정팀",
        "proceedings": "의사팀",
        "public_relations": "의회홍보팀",
        "auditor": "감사(열람)",
    }


def test_the_table_names_roles_that_teams_can_have():
    from council.models import SecretariatUnit

    assert set(TEAMS) <= set(SecretariatUnit.Role.values) - {""}


def test_sync_roles_restores_the_table_after_manual_edits(db):
    pr = Group.objects.get(name="의회홍보팀")
    pr.permissions.add(Permission.objects.get(codename="change_budgetitem"))
    pr.permissions.remove(Permission.objects.get(codename="change_prfigure"))
    out = StringIO()
    call_command("sync_roles", stdout=out)
    codenames = set(pr.permissions.values_list("codename", flat=True))
    assert "change_budgetitem" not in codenames
    assert "change_prfigure" in codenames
    assert "권한 표를 적용했습니다" in out.getvalue()


MATRIX = [(group, model, model_admin) for group in GROUPS for model, model_admin in REGISTERED]


@pytest.mark.parametrize(
    "group, model, model_admin",
    MATRIX,
    ids=[f"{g}-{m._meta.label}" for g, m, _ in MATRIX],
)
def test_admin_enforces_the_table(client, clerks, group, model, model_admin):
    client.force_login(clerks[group])
    name = f"admin:{model._meta.app_label}_{model._meta.model_name}"

    can_view = allowed(group, model, "view") or allowed(group, model, "change")
    response = client.get(reverse(f"{name}_changelist"))
    assert response.status_code == (200 if can_view else 403), "view"

    can_add = allowed(group, model, "add") and admin_allows_add(model_admin)
    response = client.get(reverse(f"{name}_add"))
    assert response.status_code == (200 if can_add else 403), "add"

    # POSTing a change or a deletion is refused before the record is even looked up;
    # a permitted one is redirected because the record does not exist.
    response = client.post(reverse(f"{name}_change", args=[MISSING_PK]), {})
    assert response.status_code == (302 if allowed(group, model, "change") else 403), "change"
    response = client.post(reverse(f"{name}_delete", args=[MISSING_PK]), {"post": "yes"})
    assert response.status_code == (302 if allowed(group, model, "delete") else 403), "delete"


def test_docs_roles_prints_the_same_table():
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "ROLES.md").read_text()
    marks = {("view", "add", "change", "delete"): "전체", ("view",): "보기", None: "—"}
    for label, rights in ROLE_PERMISSIONS.items():
        rows = [line for line in doc.splitlines() if f"(`{label}`)" in line]
        assert len(rows) == 1, f"docs/ROLES.md has no row for {label}"
        cells = [cell.strip() for cell in rows[0].strip("|").split("|")][1:]
        assert cells == [marks[rights.get(group)] for group in GROUPS], label
