"""What is still missing before the first publication: the admin index's checklist
("첫 공개 전 확인할 것"), computed from the records in one query whatever their number."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from audit import roles
from budget.models import BudgetAmount, BudgetYear
from council.models import Committee, Council, Member, SecretariatUnit, Term
from sessions_app.models import Body, Session, SessionRules
from workplan.models import Edition, WorkPlan


@dataclass(frozen=True)
class ChecklistItem:
    title: str
    done: bool
    hint: str  # what to enter, shown while not done
    url: str  # the admin screen where it is entered


def _of(model, *conditions, **lookups):
    return Exists(model.objects.filter(*conditions, council=OuterRef("pk"), **lookups))


def publication_checklist(*, today: datetime.date) -> list[ChecklistItem]:
    """The checklist for the portal's council (the first); every item open without one."""
    year = today.year
    current = Q(starts_on__lte=today, ends_on__gte=today)
    teams = {
        role: _of(SecretariatUnit, kind=SecretariatUnit.Kind.TEAM, role=role, phone__gt="")
        for role in roles.TEAMS
    }
    row = (
        Council.objects.order_by("pk")
        .annotate(
            has_term=_of(Term, current),
            has_members=Exists(
                Member.objects.filter(
                    term__council=OuterRef("pk"),
                    term__starts_on__lte=today,
                    term__ends_on__gte=today,
                )
            ),
            has_rules=_of(SessionRules),
            has_committees=_of(Committee),
            lacks_body=_of(Committee, body__isnull=True),
            has_plenary=_of(Body, kind=Body.Kind.PLENARY),
            has_session=_of(Session, first_day__year=year),
            has_budget=Exists(BudgetAmount.objects.filter(item__council=OuterRef("pk"), year=year)),
            budget_published=_of(BudgetYear, year=year, published_at__isnull=False),
            has_plan=_of(WorkPlan, year=year),
            plan_published=Exists(
                Edition.objects.filter(plan__council=OuterRef("pk"), plan__year=year)
            ),
            **{f"team_{role}": found for role, found in teams.items()},
        )
        .values()
        .first()
    )
    found = row or {}

    def admin(name: str) -> str:
        return reverse(f"admin:{name}")

    council_url = (
        reverse("admin:council_council_change", args=[found["id"]]) if row else admin("onboarding")
    )
    return [
        ChecklistItem(
            "의회 정보와 연락처",
            bool(row and row["address"] and row["phone"]),
            "의회명, 주소, 대표 전화번호 (manage.py setup_council로 한 번에 만들 수 있습니다)",
            council_url,
        ),
        ChecklistItem(
            "현재 대수(임기)",
            bool(found.get("has_term")),
            "오늘이 든 임기의 대수, 의원 정수, 시작일과 종료일",
            admin("council_term_changelist"),
        ),
        ChecklistItem(
            "현재 의원 명단",
            bool(found.get("has_members")),
            "현재 대수의 의원과 직위(의장·부의장)",
            admin("council_member_changelist"),
        ),
        ChecklistItem(
            "회기 운영 조례 기준",
            bool(found.get("has_rules")),
            "연간 회기일수 한도, 회의록 공개 기한",
            admin("sessions_app_sessionrules_changelist"),
        ),
        ChecklistItem(
            "위원회와 회의체",
            bool(
                found.get("has_committees")
                and found.get("has_plenary")
                and not found.get("lacks_body")
            ),
            "위원회마다 회의체가 있고 본회의 회의체가 있어야 합니다",
            admin("sessions_app_body_changelist"),
        ),
        ChecklistItem(
            "사무국 팀의 역할과 전화번호",
            bool(row) and all(found.get(f"team_{role}") for role in roles.TEAMS),
            "의정·의사·홍보 역할을 맡은 팀과 각 팀의 전화번호",
            admin("council_secretariatunit_changelist"),
        ),
        ChecklistItem(
            f"{year}년 회기 일정",
            bool(found.get("has_session")),
            "올해 회기를 한 건 이상 (공개 일정 /sessions/ 와 캘린더 구독에 나갑니다)",
            admin("sessions_app_session_add"),
        ),
        ChecklistItem(
            f"{year}년 예산",
            bool(found.get("has_budget")),
            "올해 편성목별 예산액 (예산 입력표, 또는 manage.py import_budget FILE --year YYYY)",
            admin("budget_budgetitem_grid") + f"?year={year}",
        ),
        ChecklistItem(
            f"{year}년 예산 공개",
            bool(found.get("budget_published")),
            "입력을 마친 예산은 공개 전까지 직원에게만 보입니다: 예산 연도 목록에서 "
            "'선택한 연도 예산 공개' (manage.py publish budget YYYY)",
            admin("budget_budgetyear_changelist"),
        ),
        ChecklistItem(
            f"{year}년 주요업무계획",
            bool(found.get("has_plan")),
            "올해 주요업무계획과 사업",
            admin("workplan_workplan_changelist"),
        ),
        ChecklistItem(
            f"{year}년 주요업무계획 발행",
            bool(found.get("plan_published")),
            "발행해야 공개 페이지와 PDF가 나갑니다: 주요업무계획 목록에서 '발행' "
            "(manage.py publish workplan YYYY)",
            admin("workplan_workplan_changelist"),
        ),
    ]
