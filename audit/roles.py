"""The secretariat's roles: which group may do what with which records.

ROLE_PERMISSIONS is the one table of the mapping (model × role → actions). The data
migrations (``0002_roles`` …) and the ``sync_roles`` command all apply it with
:func:`apply_roles`, tests check the admin against it, and docs/ROLES.md prints it.

The table names roles, not teams: a role is what a team does (SecretariatUnit.Role: 의정,
의사, 홍보), whatever a council calls the team. Each role has one auth group (RoleGroup
says which), named after the council's team of that role (의사팀, or another council's
의사운영팀) and renamed when the team is (audit/signals.py); while no team has the role the
group keeps the name of DEFAULT_GROUP_NAMES. The auditor's group is 감사(열람) everywhere.

Each team has full rights (view, add, change, delete) on the records it keeps and may view
the council's reference records it picks from in its forms (council, term, members,
committees, secretariat). The auditor (감사(열람)) may view everything, history included,
and change nothing. Reverting a record to an earlier version is a change: only the team
that owns the record can do it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# The roles with a group (values of council.models.SecretariatUnit.Role), and the auditor.
GENERAL_AFFAIRS = "general_affairs"
PROCEEDINGS = "proceedings"
PUBLIC_RELATIONS = "public_relations"
AUDITOR = "auditor"

TEAMS = (GENERAL_AFFAIRS, PROCEEDINGS, PUBLIC_RELATIONS)
GROUPS = (*TEAMS, AUDITOR)  # the table's columns: one group each

# A role's group name while the council has no team of that role (a fresh database).
DEFAULT_GROUP_NAMES = {
    GENERAL_AFFAIRS: "의정팀",
    PROCEEDINGS: "의사팀",
    PUBLIC_RELATIONS: "의회홍보팀",
    AUDITOR: "감사(열람)",
}

FULL = ("view", "add", "change", "delete")
VIEW = ("view",)


def _owned_by(role: str) -> dict[str, tuple[str, ...]]:
    return {role: FULL, AUDITOR: VIEW}


def _reference_of(role: str) -> dict[str, tuple[str, ...]]:
    """Kept by one team; every other team may look them up."""
    rights = {other: VIEW for other in TEAMS}
    rights[role] = FULL
    rights[AUDITOR] = VIEW
    return rights


# model label → {role: actions}. A model not listed here is kept by superusers only.
ROLE_PERMISSIONS: dict[str, dict[str, tuple[str, ...]]] = {
    # 의사 (proceedings): sessions, agenda, sittings and minutes, the ordinance's limits;
    # school visits.
    "sessions_app.sessionrules": _owned_by(PROCEEDINGS),
    "sessions_app.session": _owned_by(PROCEEDINGS),
    "sessions_app.body": _owned_by(PROCEEDINGS),
    "sessions_app.agendaitem": _owned_by(PROCEEDINGS),
    "sessions_app.sitting": _owned_by(PROCEEDINGS),
    "sessions_app.videomark": _owned_by(PROCEEDINGS),
    "sessions_app.attendance": _owned_by(PROCEEDINGS),
    "sessions_app.vote": _owned_by(PROCEEDINGS),
    "sessions_app.ballot": _owned_by(PROCEEDINGS),
    "sessions_app.speech": _owned_by(PROCEEDINGS),
    # Bills (의안) go with the agenda they are taken up in: the proceedings team's.
    "legislation.bill": _owned_by(PROCEEDINGS),
    "legislation.billsponsor": _owned_by(PROCEEDINGS),
    "legislation.billaction": _owned_by(PROCEEDINGS),
    "legislation.billdocument": _owned_by(PROCEEDINGS),
    "minutes.minutes": _owned_by(PROCEEDINGS),
    "outreach.schoolvisit": _owned_by(PROCEEDINGS),
    "outreach.visitapplication": _owned_by(PROCEEDINGS),
    "outreach.visitprogramsettings": _owned_by(PROCEEDINGS),
    # 홍보 (public relations): PR figures and targets, citizen monitors.
    "outreach.pryear": _owned_by(PUBLIC_RELATIONS),
    "outreach.prchannel": _owned_by(PUBLIC_RELATIONS),
    "outreach.prfigure": _owned_by(PUBLIC_RELATIONS),
    "outreach.presscoverage": _owned_by(PUBLIC_RELATIONS),
    "outreach.channelmetric": _owned_by(PUBLIC_RELATIONS),
    "outreach.prtarget": _owned_by(PUBLIC_RELATIONS),
    "outreach.monitorcohort": _owned_by(PUBLIC_RELATIONS),
    "outreach.monitor": _owned_by(PUBLIC_RELATIONS),
    "outreach.monitoractivity": _owned_by(PUBLIC_RELATIONS),
    # 의정 (general affairs): budget, staff, the work plan and its projects, facilities,
    # study events and community activities, and the council's organisation (which the other
    # teams may view).
    "budget.budgetitem": _owned_by(GENERAL_AFFAIRS),
    "budget.budgetamount": _owned_by(GENERAL_AFFAIRS),
    "budget.budgetyear": _owned_by(GENERAL_AFFAIRS),
    "workplan.projectfinancing": _owned_by(GENERAL_AFFAIRS),
    "council.stafftable": _owned_by(GENERAL_AFFAIRS),
    "council.staffquota": _owned_by(GENERAL_AFFAIRS),
    "workplan.workplan": _owned_by(GENERAL_AFFAIRS),
    "workplan.project": _owned_by(GENERAL_AFFAIRS),
    "workplan.projectsection": _owned_by(GENERAL_AFFAIRS),
    "workplan.projectexhibit": _owned_by(GENERAL_AFFAIRS),
    "workplan.planitem": _owned_by(GENERAL_AFFAIRS),
    "workplan.purchase": _owned_by(GENERAL_AFFAIRS),
    # The work plan's rendered PDFs: made by workers, looked at (state, error) by the team.
    "workplan.rendition": {GENERAL_AFFAIRS: VIEW, AUDITOR: VIEW},
    # Published editions: made by publishing, never edited by hand.
    "workplan.edition": {GENERAL_AFFAIRS: VIEW, AUDITOR: VIEW},
    "outreach.roomrentalyear": _owned_by(GENERAL_AFFAIRS),
    "outreach.studyevent": _owned_by(GENERAL_AFFAIRS),
    "outreach.communityactivity": _owned_by(GENERAL_AFFAIRS),
    "council.council": _reference_of(GENERAL_AFFAIRS),
    "council.term": _reference_of(GENERAL_AFFAIRS),
    "council.member": _reference_of(GENERAL_AFFAIRS),
    "council.person": _reference_of(GENERAL_AFFAIRS),
    "council.committee": _reference_of(GENERAL_AFFAIRS),
    "council.committeemembership": _reference_of(GENERAL_AFFAIRS),
    "council.secretariatunit": _reference_of(GENERAL_AFFAIRS),
    # Bookkeeping and security records: the auditor reads them, nobody but a superuser
    # changes them.
    "common.dataversion": {AUDITOR: VIEW},
    "axes.accessattempt": {AUDITOR: VIEW},
    "axes.accessfailurelog": {AUDITOR: VIEW},
    "axes.accesslog": {AUDITOR: VIEW},
    "admin.logentry": {AUDITOR: VIEW},
    # The task queue (Django Q2): what ran, what failed and why, what is scheduled.
    "django_q.success": {AUDITOR: VIEW},
    "django_q.failure": {AUDITOR: VIEW},
    "django_q.schedule": {AUDITOR: VIEW},
    "django_q.ormq": {AUDITOR: VIEW},
}


def group_permissions() -> dict[str, set[tuple[str, str]]]:
    """{role: {(app_label, codename), …}} as the table says."""
    found: dict[str, set[tuple[str, str]]] = {role: set() for role in GROUPS}
    for label, rights in ROLE_PERMISSIONS.items():
        app_label, model_name = label.split(".")
        for role, actions in rights.items():
            found[role].update((app_label, f"{action}_{model_name}") for action in actions)
    return found


def role_group(role: str):
    """The auth group of a role (RoleGroup), None before the roles are applied."""
    from audit.models import RoleGroup

    found = RoleGroup.objects.select_related("group").filter(role=role).first()
    return found.group if found else None


@dataclass
class RoleSyncReport:
    granted: dict[str, int] = field(default_factory=dict)  # group name → permissions it has
    missing: list[str] = field(default_factory=list)  # "app.codename" not in the database
    renamed: dict[str, str] = field(default_factory=dict)  # old group name → new
    conflicts: list[str] = field(default_factory=list)  # names taken by an unrelated group


def _team_names(apps) -> dict[str, str]:
    """{role: name of the council's team of that role} for the portal's council (the first),
    read through `apps` (a migration's historical models too)."""
    Council = apps.get_model("council", "Council")
    SecretariatUnit = apps.get_model("council", "SecretariatUnit")
    council = Council.objects.order_by("pk").first()
    if council is None:
        return {}
    return dict(
        SecretariatUnit.objects.filter(council=council, role__in=TEAMS).values_list("role", "name")
    )


def _wanted_names(apps) -> dict[str, str]:
    """{role: the name its group should have}: the council's team of the role, else the
    default name (with the role added if a team already goes by it)."""
    teams = _team_names(apps)
    wanted = {role: teams.get(role) or DEFAULT_GROUP_NAMES[role] for role in GROUPS}
    for role in GROUPS:
        if role not in teams and wanted[role] in teams.values():
            wanted[role] = f"{wanted[role]} ({role})"
    return wanted


def _role_groups(apps, report: RoleSyncReport) -> dict:
    """{role: Group} with each group named after the council's team of its role.

    Before RoleGroup exists (the migrations that ran before roles were stored) the groups are
    found and made by their default names. After, a role keeps its group: a renamed team
    renames it, so members and permissions stay; renames that swap names go through a
    temporary name. A name already taken by a group of no role is left alone and reported.
    """
    Group = apps.get_model("auth", "Group")
    try:
        RoleGroup = apps.get_model("audit", "RoleGroup")
    except LookupError:
        return {
            role: Group.objects.get_or_create(name=DEFAULT_GROUP_NAMES[role])[0] for role in GROUPS
        }
    wanted = _wanted_names(apps)
    groups = {rg.role: rg.group for rg in RoleGroup.objects.select_related("group")}
    for role in GROUPS:
        if role in groups:
            continue
        group = Group.objects.filter(name=wanted[role]).first()  # made by hand, or earlier
        if group is not None and group.pk in {g.pk for g in groups.values()}:
            group = Group.objects.create(name=f"~{role}")  # the name is another role's now
        elif group is None:
            group = Group.objects.create(name=wanted[role])
        RoleGroup.objects.create(role=role, group=group)
        groups[role] = group
    ours = {g.pk for g in groups.values()}
    renaming = []
    for role, group in groups.items():
        if group.name == wanted[role]:
            continue
        if Group.objects.filter(name=wanted[role]).exclude(pk__in=ours).exists():
            report.conflicts.append(wanted[role])
            continue
        renaming.append((role, group, group.name))
    for _, group, _ in renaming:  # free every name first: two teams may swap names
        group.name = f"~{group.pk}"
        group.save(update_fields=["name"])
    for role, group, old in renaming:
        group.name = wanted[role]
        group.save(update_fields=["name"])
        report.renamed[old] = wanted[role]
    return groups


def rename_role_groups(*, apps=None) -> RoleSyncReport:
    """Give each role's group the name of the council's team of that role (after a team is
    renamed or given a role), permissions untouched."""
    from django.apps import apps as global_apps
    from django.db import transaction

    report = RoleSyncReport()
    with transaction.atomic():
        _role_groups(apps or global_apps, report)
    return report


def apply_roles_in_migration(apps, schema_editor=None) -> None:
    """apply_roles() from a data migration: the permissions of every model migrated so far
    are created first (Django makes them only after the whole migrate), so the groups get
    them on the very first migrate too."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    apply_roles(apps=apps, strict=False)


def apply_roles(*, apps=None, strict: bool = True) -> RoleSyncReport:
    """Create the groups, name them after the council's teams, and give each exactly the
    permissions of ROLE_PERMISSIONS.

    Permissions a group had beyond the table are taken away: the table is the truth.
    With ``strict`` a permission the database lacks (a typo, a model not migrated yet) is
    an error; the data migrations pass ``strict=False`` and report it instead, because a
    later model may not exist yet at that point of the migration history.
    """
    from django.apps import apps as global_apps
    from django.db import transaction

    apps = apps or global_apps
    Permission = apps.get_model("auth", "Permission")
    report = RoleSyncReport()
    wanted = group_permissions()
    all_pairs = set().union(*wanted.values())
    existing = {
        (app_label, codename): pk
        for pk, app_label, codename in Permission.objects.filter(
            content_type__app_label__in={a for a, _ in all_pairs}
        ).values_list("pk", "content_type__app_label", "codename")
    }
    report.missing = sorted(f"{a}.{c}" for a, c in all_pairs if (a, c) not in existing)
    if strict and report.missing:
        raise LookupError(
            "권한 표(audit/roles.py)에 있지만 데이터베이스에 없는 권한: "
            + ", ".join(report.missing)
            + " (migrate를 먼저 실행하세요)"
        )
    with transaction.atomic():
        groups = _role_groups(apps, report)
        for role in GROUPS:
            ids = [existing[pair] for pair in wanted[role] if pair in existing]
            groups[role].permissions.set(ids)
            report.granted[groups[role].name] = len(ids)
    return report
