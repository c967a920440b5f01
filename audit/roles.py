"""The secretariat's roles: which group may do what with which records.

ROLE_PERMISSIONS is the one table of the mapping (model × group → actions). The data
migration ``0002_roles`` and the ``sync_roles`` command both apply it with
:func:`apply_roles`, tests check the admin against it, and docs/ROLES.md prints it.

Each team has full rights (view, add, change, delete) on the records it keeps and may view
the council's reference records it picks from in its forms (council, term, members,
committees, secretariat). The auditor (감사(열람)) may view everything, history included,
and change nothing. Reverting a record to an earlier version is a change: only the team
that owns the record can do it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

GENERAL_AFFAIRS = "의정팀"
PROCEEDINGS = "의사팀"
PUBLIC_RELATIONS = "의회홍보팀"
AUDITOR = "감사(열람)"

GROUPS = (GENERAL_AFFAIRS, PROCEEDINGS, PUBLIC_RELATIONS, AUDITOR)
TEAMS = (GENERAL_AFFAIRS, PROCEEDINGS, PUBLIC_RELATIONS)

FULL = ("view", "add", "change", "delete")
VIEW = ("view",)


def _owned_by(team: str) -> dict[str, tuple[str, ...]]:
    return {team: FULL, AUDITOR: VIEW}


def _reference_of(team: str) -> dict[str, tuple[str, ...]]:
    """Kept by one team; every other team may look them up."""
    rights = {other: VIEW for other in TEAMS}
    rights[team] = FULL
    rights[AUDITOR] = VIEW
    return rights


# model label → {group: actions}. A model not listed here is kept by superusers only.
ROLE_PERMISSIONS: dict[str, dict[str, tuple[str, ...]]] = {
    # 의사팀: sessions, agenda, sittings and minutes, the ordinance's limits; school visits.
    "sessions_app.sessionrules": _owned_by(PROCEEDINGS),
    "sessions_app.session": _owned_by(PROCEEDINGS),
    "sessions_app.body": _owned_by(PROCEEDINGS),
    "sessions_app.agendaitem": _owned_by(PROCEEDINGS),
    "sessions_app.sitting": _owned_by(PROCEEDINGS),
    "outreach.schoolvisit": _owned_by(PROCEEDINGS),
    "outreach.visitapplication": _owned_by(PROCEEDINGS),
    "outreach.visitprogramsettings": _owned_by(PROCEEDINGS),
    # 의회홍보팀: PR figures and targets, citizen monitors.
    "outreach.pryear": _owned_by(PUBLIC_RELATIONS),
    "outreach.prchannel": _owned_by(PUBLIC_RELATIONS),
    "outreach.prfigure": _owned_by(PUBLIC_RELATIONS),
    "outreach.presscoverage": _owned_by(PUBLIC_RELATIONS),
    "outreach.channelmetric": _owned_by(PUBLIC_RELATIONS),
    "outreach.prtarget": _owned_by(PUBLIC_RELATIONS),
    "outreach.monitorcohort": _owned_by(PUBLIC_RELATIONS),
    "outreach.monitor": _owned_by(PUBLIC_RELATIONS),
    "outreach.monitoractivity": _owned_by(PUBLIC_RELATIONS),
    # 의정팀: budget, staff, the work plan and its projects, facilities, study events and
    # community activities, and the council's organisation (which the other teams may view).
    "budget.budgetitem": _owned_by(GENERAL_AFFAIRS),
    "budget.budgetamount": _owned_by(GENERAL_AFFAIRS),
    "workplan.projectfinancing": _owned_by(GENERAL_AFFAIRS),
    "council.stafftable": _owned_by(GENERAL_AFFAIRS),
    "council.staffquota": _owned_by(GENERAL_AFFAIRS),
    "workplan.workplan": _owned_by(GENERAL_AFFAIRS),
    "workplan.project": _owned_by(GENERAL_AFFAIRS),
    "workplan.projectsection": _owned_by(GENERAL_AFFAIRS),
    "workplan.projectexhibit": _owned_by(GENERAL_AFFAIRS),
    "workplan.planitem": _owned_by(GENERAL_AFFAIRS),
    "workplan.purchase": _owned_by(GENERAL_AFFAIRS),
    "outreach.roomrentalyear": _owned_by(GENERAL_AFFAIRS),
    "outreach.studyevent": _owned_by(GENERAL_AFFAIRS),
    "outreach.communityactivity": _owned_by(GENERAL_AFFAIRS),
    "council.council": _reference_of(GENERAL_AFFAIRS),
    "council.term": _reference_of(GENERAL_AFFAIRS),
    "council.member": _reference_of(GENERAL_AFFAIRS),
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
}


def group_permissions() -> dict[str, set[tuple[str, str]]]:
    """{group: {(app_label, codename), …}} as the table says."""
    found: dict[str, set[tuple[str, str]]] = {group: set() for group in GROUPS}
    for label, rights in ROLE_PERMISSIONS.items():
        app_label, model_name = label.split(".")
        for group, actions in rights.items():
            found[group].update((app_label, f"{action}_{model_name}") for action in actions)
    return found


@dataclass
class RoleSyncReport:
    granted: dict[str, int] = field(default_factory=dict)  # group → permissions it now has
    missing: list[str] = field(default_factory=list)  # "app.codename" not in the database


def apply_roles(*, apps=None, strict: bool = True) -> RoleSyncReport:
    """Create the groups and give each exactly the permissions of ROLE_PERMISSIONS.

    Permissions a group had beyond the table are taken away: the table is the truth.
    With ``strict`` a permission the database lacks (a typo, a model not migrated yet) is
    an error; the data migration passes ``strict=False`` and reports it instead, because a
    later model may not exist yet at that point of the migration history.
    """
    from django.apps import apps as global_apps
    from django.db import transaction

    apps = apps or global_apps
    Group = apps.get_model("auth", "Group")
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
        for group_name in GROUPS:
            group, _ = Group.objects.get_or_create(name=group_name)
            ids = [existing[pair] for pair in wanted[group_name] if pair in existing]
            group.permissions.set(ids)
            report.granted[group_name] = len(ids)
    return report
