"""The admin site, its header naming the council's portal ("<포털 이름> 관리"), and its index
grouped the way the secretariat works.

The name is read from the council's record when an admin page is rendered, not when the
urls are loaded: a renamed portal shows at once, a public page never pays for it, and an
empty database shows the generic "의정 포털 관리".

The index (and the side bar, which lists the same) shows sections by subject, each named
after the team that keeps its records ("회기·회의 (의사팀)": the council's team of the role,
the name its permission group carries, audit/roles.py), instead of Django's apps in
alphabetical order. Within a section the records a clerk opens most come first (sessions
before sittings, press coverage before the PR channels). A clerk's own team's sections come
first; what their group may not see is left out, as Django's permissions say. The libraries'
records (login attempts, data versions, rate-limit counters) go to a last "시스템"
section under Korean names, and a model registered later without a section lands there too,
so nothing disappears from the index. The app pages (/admin/<app>/) stay Django's.

The side bar of every other admin page shows the same sections in the fixed order, titled
without the team's name: that costs the team names' query on the index only, so no admin
screen's query count grows.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import wraps

from django.contrib import admin
from django.contrib.admin.views.main import ERROR_FLAG
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef
from django.http import HttpResponseRedirect
from django.utils.functional import SimpleLazyObject, lazy

from audit import roles
from portal.errors import current_site

GENERIC_HEADER = "의정 포털 관리"


@dataclass(frozen=True)
class AdminSection:
    key: str  # the section's id in the page (app-<key>)
    title: str
    role: str | None  # the team whose name follows the title, None for shared sections
    models: tuple[str, ...]  # model labels, most used first


SYSTEM = "system"
SECTIONS: tuple[AdminSection, ...] = (
    AdminSection(
        "proceedings",
        "회기·회의",
        roles.PROCEEDINGS,
        (
            "sessions_app.session",
            "sessions_app.sitting",
            "sessions_app.attendance",
            "sessions_app.vote",
            "sessions_app.speech",
            "minutes.minutes",
            "sessions_app.agendaitem",
            "sessions_app.videomark",
            "sessions_app.body",
            "sessions_app.sessionrules",
        ),
    ),
    AdminSection("bills", "의안", roles.PROCEEDINGS, ("legislation.bill",)),
    AdminSection(
        "visits",
        "지방의회 체험",
        roles.PROCEEDINGS,
        ("outreach.visitapplication", "outreach.schoolvisit", "outreach.visitprogramsettings"),
    ),
    AdminSection(
        "budget",
        "예산",
        roles.GENERAL_AFFAIRS,
        ("budget.budgetamount", "budget.budgetitem", "budget.budgetyear"),
    ),
    AdminSection(
        "workplan",
        "주요업무계획",
        roles.GENERAL_AFFAIRS,
        (
            "workplan.workplan",
            "workplan.project",
            "workplan.projectsection",
            "workplan.planitem",
            "workplan.purchase",
            "workplan.projectfinancing",
            "workplan.projectexhibit",
            "workplan.edition",
            "workplan.rendition",
        ),
    ),
    AdminSection(
        "activities",
        "의원 연수·지역활동·대관",
        roles.GENERAL_AFFAIRS,
        ("outreach.studyevent", "outreach.communityactivity", "outreach.roomrentalyear"),
    ),
    AdminSection(
        "public-relations",
        "의정 홍보",
        roles.PUBLIC_RELATIONS,
        (
            "outreach.presscoverage",
            "outreach.prfigure",
            "outreach.channelmetric",
            "outreach.monitoractivity",
            "outreach.monitor",
            "outreach.monitorcohort",
            "outreach.prtarget",
            "outreach.prchannel",
            "outreach.pryear",
        ),
    ),
    AdminSection(
        "organisation",
        "의회 조직",
        roles.GENERAL_AFFAIRS,
        (
            "council.member",
            "council.person",
            "council.committeemembership",
            "council.committee",
            "council.term",
            "council.council",
            "council.secretariatunit",
            "council.stafftable",
            "council.staffquota",
        ),
    ),
    AdminSection("users", "사용자·권한", None, ("auth.user", "auth.group")),
    AdminSection(
        SYSTEM,
        "시스템",
        None,
        (
            "axes.accessattempt",
            "axes.accessfailurelog",
            "axes.accesslog",
            "common.ratecounter",
            "common.dataversion",
            "django_q.ormq",
            "django_q.failure",
            "django_q.success",
            "django_q.schedule",
        ),
    ),
)

# Korean names for the libraries' records (their own names are English or awkward);
# the domain apps' models are named by their verbose_name.
MODEL_NAMES = {
    "axes.accessattempt": "로그인 시도(잠금)",
    "axes.accessfailurelog": "로그인 실패 기록",
    "axes.accesslog": "로그인 기록",
    "auth.user": "사용자",
    "auth.group": "권한 그룹",
    "django_q.ormq": "대기 중인 작업",
    "django_q.failure": "실패한 작업",
    "django_q.success": "완료된 작업",
    "django_q.schedule": "예약 작업",
}


def _label(model_dict) -> str:
    model = model_dict["model"]
    return model._meta.label_lower


def _teams(user) -> tuple[dict[str, str], set[str]]:
    """({role: its group's name, which is the council's team's}, the user's roles): one
    query. A role without a group yet goes by its default name (의사팀 …)."""
    from audit.models import RoleGroup

    memberships = get_user_model().groups.through.objects.filter(
        group_id=OuterRef("group_id"), user_id=user.pk
    )
    rows = RoleGroup.objects.annotate(mine=Exists(memberships)).values_list(
        "role", "group__name", "mine"
    )
    names = dict(roles.DEFAULT_GROUP_NAMES)
    mine = set()
    for role, name, member in rows:
        names[role] = name
        if member:
            mine.add(role)
    return names, mine


def admin_sections(
    app_dict: dict, *, team_names: dict[str, str] | None, first_roles: set[str]
) -> list[dict]:
    """Django's app dict (what the user may see) regrouped into the index's sections;
    titles name each section's team when `team_names` is given."""
    found = {_label(model): model for app in app_dict.values() for model in app.get("models", [])}
    placed = {label for section in SECTIONS for label in section.models}
    sections = []
    for section in SECTIONS:
        labels = list(section.models)
        if section.key == SYSTEM:
            labels += sorted(label for label in found if label not in placed)
        models = []
        for label in labels:
            if label not in found:
                continue
            model = dict(found[label])
            model["name"] = MODEL_NAMES.get(label, model["name"])
            models.append(model)
        if not models:
            continue
        title = section.title
        if section.role and team_names is not None:
            title = f"{title} ({team_names.get(section.role, '')})"
        sections.append(
            {
                "name": title,
                "app_label": section.key,
                "app_url": "",
                "has_module_perms": True,
                "models": models,
                "role": section.role,
            }
        )
    # The clerk's own team first (a stable sort keeps the order within each part).
    sections.sort(key=lambda s: s["role"] not in first_roles)
    return sections


class PortalAdminSite(admin.AdminSite):
    site_header = GENERIC_HEADER
    site_title = GENERIC_HEADER
    index_title = "의정 자료 관리"

    def each_context(self, request):
        context = super().each_context(request)
        site = SimpleLazyObject(current_site)
        header = lazy(lambda: f"{site.portal_name} 관리", str)()
        context["site_header"] = header
        context["site_title"] = header
        return context

    def admin_view(self, view, cacheable=False):
        """Every admin page, with a filter value too large for a date answered as Django
        answers other bad filters (back to the list with ?e=1, "잘못된 검색 조건"), not a
        500: the admin's date_hierarchy turns ?first_day__year=99…9 into a date and catches
        ValueError but not OverflowError (third-party admins such as django-axes' too)."""
        wrapped = super().admin_view(view, cacheable)

        @wraps(wrapped)
        def guarded(request, *args, **kwargs):
            try:
                return wrapped(request, *args, **kwargs)
            except OverflowError:
                return HttpResponseRedirect(f"{request.path}?{ERROR_FLAG}=1")

        return guarded

    index_template = "admin/portal/index.html"

    def get_urls(self):
        from django.urls import path

        from audit.admin_deleted import deleted_view
        from portal.onboarding_admin import onboarding_form_view, onboarding_view

        wizard = path(
            "onboarding/",
            self.admin_view(lambda request: onboarding_view(request, self)),
            name="onboarding",
        )
        deleted = path(
            "deleted/",
            self.admin_view(lambda request: deleted_view(request, self)),
            name="deleted",
        )
        wizard_form = path(
            "onboarding/form.xlsx",
            self.admin_view(lambda request: onboarding_form_view(request, self)),
            name="onboarding_form",
        )
        return [wizard, wizard_form, deleted, *super().get_urls()]

    def index(self, request, extra_context=None):
        request._portal_admin_index = True  # the sections with their teams (get_app_list)
        from portal.checklist import publication_checklist
        from sessions_app.selectors import today

        extra_context = {
            "publication_checklist": publication_checklist(today=today()),
            **(extra_context or {}),
        }
        return super().index(request, extra_context)

    def get_app_list(self, request, app_label=None):
        if app_label is not None:  # an app's own page: Django's list
            return super().get_app_list(request, app_label)
        cached = getattr(request, "_portal_admin_sections", None)
        if cached is None:  # the page and its context ask twice
            app_dict = self._build_app_dict(request)
            team_names: dict[str, str] | None = None
            first_roles: set[str] = set()
            if app_dict and getattr(request, "_portal_admin_index", False):
                team_names, first_roles = _teams(request.user)
            cached = admin_sections(app_dict, team_names=team_names, first_roles=first_roles)
            request._portal_admin_sections = cached
        return cached
