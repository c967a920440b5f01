"""A clearly fictional council with many years of records, for demos and benchmarks
(`manage.py generate_demo --years N`).

Everything here is invented and says so: the council is "가상구의회 (예시)", its members
have made-up names that begin with 가상 (가상한별 …), and the calendar UIDs and minutes
links use the reserved `.example` domain. Members serve across terms (a person with a
member per term), attend the sittings of their bodies, sponsor ordinances; the agenda's
bills get their actions from 접수 to 공포; the minutes are synthetic text from a word
list (`minutes_text`). The same arguments give the same
records: every choice comes from one seeded `random.Random`.

Validity: sessions go through `sessions_app.services.session_create` (field validation,
the unique number and the ordinance's limits of sessions_app/rules.py). The other records,
made by the thousand, are checked with the model's own validation (`full_clean()`: each
field and `clean()`) and written with `bulk_create`, where the database itself enforces
their keys, unique and check constraints. Each model's data version is bumped once at the
end (common/versioning.py), so no cached page of an earlier database is served.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from audit.baseline import history_baseline_create
from budget.models import BudgetAmount, BudgetItem, BudgetYear
from common import versioning
from common.korean import particle
from council.models import (
    Committee,
    CommitteeMembership,
    Council,
    Member,
    Person,
    SecretariatUnit,
    StaffQuota,
    StaffTable,
    Term,
)
from legislation.models import Bill, BillAction, BillSponsor
from legislation.seed import bill_kind, bill_title
from minutes.models import Minutes
from outreach.models import PRChannel, PressCoverage, PRFigure, PRTarget, PRYear
from sessions_app.models import (
    AgendaItem,
    Attendance,
    Ballot,
    Body,
    Session,
    SessionRules,
    Sitting,
    Speech,
    Vote,
)
from sessions_app.services import session_create
from workplan.models import (
    Edition,
    PlanItem,
    Project,
    ProjectExhibit,
    ProjectFinancing,
    ProjectSection,
    Purchase,
    WorkPlan,
)
from workplan.services import work_plan_publish

COUNCIL_NAME = "가상구의회 (예시)"
DISTRICT = "가상구 (예시)"
UID_DOMAIN = "demo.council.example"
MINUTES_SITE = "https://minutes.council.example"
DEFAULT_SEED = 2024
MAX_YEARS = 60
# Paragraphs of synthetic minutes per held sitting (generate(minutes_paragraphs=…)).
MINUTES_PARAGRAPHS = 8


class NotEmpty(Exception):
    """The database already holds records: the demo is only built into an empty one."""

    def __init__(self, counts: dict[str, int]):
        self.counts = counts
        listed = ", ".join(f"{name} {count}건" for name, count in counts.items())
        super().__init__(
            f"데이터베이스에 이미 기록이 있어 예시 데이터를 만들지 않았습니다 ({listed}). "
            "예시 데이터는 빈 데이터베이스에만 만듭니다. 새 데이터베이스를 만들고 "
            "`manage.py migrate`를 실행한 뒤 다시 시도해 주세요."
        )


def existing_records() -> dict[str, int]:
    """How many records each domain model holds, for those that hold any."""
    counts = {}
    for label in settings.DOMAIN_APPS:
        for model in apps.get_app_config(label).get_models():
            count = model._default_manager.count()
            if count:
                counts[str(model._meta.verbose_name)] = count
    return counts


@dataclass
class Summary:
    """What generate() made, per model (for the command's report and the tests)."""

    first_year: int
    last_year: int
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, model: type[models.Model], count: int) -> None:
        label = model._meta.label
        self.counts[label] = self.counts.get(label, 0) + count


def _checked(records: Sequence[models.Model]) -> Sequence[models.Model]:
    """Each record's own validation: every field and clean(). Keys, unique and check
    constraints are the database's, enforced when bulk_create inserts the rows."""
    for record in records:
        foreign = [f.name for f in record._meta.concrete_fields if f.is_relation]
        record.full_clean(exclude=foreign, validate_unique=False, validate_constraints=False)
    return records


WEEKEND = (5, 6)


def _weekday_on_or_after(day: datetime.date) -> datetime.date:
    while day.weekday() in WEEKEND:
        day += datetime.timedelta(days=1)
    return day


def _weekday_on_or_before(day: datetime.date) -> datetime.date:
    while day.weekday() in WEEKEND:
        day -= datetime.timedelta(days=1)
    return day


def _weekdays(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    days = []
    day = first
    while day <= last:
        if day.weekday() not in WEEKEND:
            days.append(day)
        day += datetime.timedelta(days=1)
    return days


# ---------------------------------------------------------------- fixed organisation

STANDING = [
    ("의회운영위원회", "의회운영위", "steering", "제1위원회 회의실"),
    ("행정재경위원회", "행재위", "admin-finance", "제2위원회 회의실"),
    ("복지건설위원회", "복건위", "welfare-construction", "제3위원회 회의실"),
]
SPECIAL = [
    ("예산결산특별위원회", "예결특위", "budget", "제2위원회 회의실"),
    ("행정사무감사특별위원회", "행감특위", "audit", "제1위원회 회의실"),
    ("윤리특별위원회", "윤리특위", "ethics", ""),
]
TEAMS = [
    ("의정팀", SecretariatUnit.Role.GENERAL_AFFAIRS, "의회 예산·인사·청사 관리, 주요업무계획"),
    ("의사팀", SecretariatUnit.Role.PROCEEDINGS, "회기 운영, 의사일정, 회의록, 지방의회 체험"),
    ("의회홍보팀", SecretariatUnit.Role.PUBLIC_RELATIONS, "의정 홍보, 보도자료, 의회보 발간"),
]
# (category, grade, authorised): the staff table's rows; 현원 varies a little per year.
QUOTAS = [
    (StaffQuota.Category.CAREER, 4, 1),
    (StaffQuota.Category.CAREER, 5, 4),
    (StaffQuota.Category.CAREER, 6, 7),
    (StaffQuota.Category.CAREER, 7, 6),
    (StaffQuota.Category.CAREER, 8, 3),
    (StaffQuota.Category.CAREER, 9, 2),
    (StaffQuota.Category.FIXED_TERM, 6, 4),
    (StaffQuota.Category.SPECIAL, 7, 1),
]

# ---------------------------------------------------------------- words for agenda items

TOPICS = [
    "청년 기본",
    "어르신 복지",
    "반려동물 보호",
    "자원순환",
    "마을공동체 활성화",
    "탄소중립",
    "도시농업",
    "소상공인 지원",
    "공공디자인",
    "보행자 안전",
    "평생학습",
    "아동 돌봄",
    "장애인 이동 지원",
    "재난안전 관리",
    "주민참여예산",
    "공유재산 관리",
    "지역화폐",
    "문화예술 진흥",
    "골목상권 보호",
    "공동주택 관리",
]
# Made-up given names (the demo's members are 가상 + one of these): no real person.
DEMO_GIVEN_NAMES = [
    f"{first}{second}"
    for first in ("한", "누", "다", "가", "나", "보", "새", "아", "이", "하", "바", "소")
    for second in ("별", "리", "온", "람", "래", "솔", "결", "봄", "슬", "늘")
]
DEMO_PARTIES = ["가상당 (예시)", "나상당 (예시)", "무소속"]
ORDINANCE_FORMS = ["{district} {topic} 조례안", "{district} {topic} 조례 일부개정조례안"]
DISTRICT_WORD = "가상구"


@dataclass
class _Bodies:
    plenary: Body
    standing: Body  # 상임위: the standing committees together
    committees: list[Body]  # each standing committee
    budget: Body  # 예결특위
    audit: Body  # 행감특위
    ethics: Body


@dataclass
class _Plan:
    """A session to create: its kind, days, agenda (title, bodies) and sittings."""

    kind: str
    first_day: datetime.date
    last_day: datetime.date
    agenda: list[tuple[str, list[Body]]]


class DemoBuilder:
    def __init__(
        self,
        *,
        years: int,
        first_year: int,
        seed: int,
        today: datetime.date,
        minutes_paragraphs: int = MINUTES_PARAGRAPHS,
    ):
        if not 1 <= years <= MAX_YEARS:
            raise ValueError(f"연도 수는 1년부터 {MAX_YEARS}년까지 정할 수 있습니다.")
        if not 1992 <= first_year <= 2100 - years:
            raise ValueError(
                "첫 연도는 1992년부터 정할 수 있고, 마지막 연도는 2100년 이전이어야 합니다."
            )
        self.years = list(range(first_year, first_year + years))
        self.rng = random.Random(seed)
        self.seed = seed
        self.today = today
        self.minutes_paragraphs = minutes_paragraphs
        self.summary = Summary(first_year=self.years[0], last_year=self.years[-1])

    # ------------------------------------------------------------ writing

    def _bulk(self, model: type[models.Model], records: list) -> list:
        _checked(records)
        created = model._default_manager.bulk_create(records, batch_size=500)
        self.summary.add(model, len(created))
        return created

    def _one(self, record: models.Model) -> models.Model:
        record.full_clean()
        record.save()
        self.summary.add(type(record), 1)
        return record

    # ------------------------------------------------------------ the whole

    def build(self) -> Summary:
        self.council = self._one(
            Council(
                name=COUNCIL_NAME,
                district=DISTRICT,
                kind=Council.Kind.AUTONOMOUS_DISTRICT,
                portal_name="가상구의회 의정 포털 (예시 데이터)",
                slogan="예시로 만든 가상의 의회입니다",
                calendar_uid_domain=UID_DOMAIN,
            )
        )
        self._terms()
        self._organisation()
        self._rules()
        self._sessions()
        self._members()
        self._attendance()
        self._votes_and_speeches()
        self._bills()
        self._budget()
        self._pr()
        self._work_plans()
        return self.summary

    # ------------------------------------------------------------ council

    def _terms(self) -> None:
        """The terms (four years from 1 July of 2022 ± 4k, the 9th from 2022) covering
        the years."""
        first, last = self.years[0], self.years[-1]
        number = 9 + (first - 2022 - (0 if first >= 2022 else 3)) // 4
        start = 2022 + 4 * (number - 9)
        # The term in office on 1 January of the first year began in July before it.
        if datetime.date(start, 7, 1) > datetime.date(first, 1, 1):
            number, start = number - 1, start - 4
        terms = []
        while datetime.date(start, 7, 1) <= datetime.date(last, 12, 31):
            terms.append(
                Term(
                    council=self.council,
                    number=number,
                    seats=15,
                    starts_on=datetime.date(start, 7, 1),
                    ends_on=datetime.date(start + 4, 6, 30),
                )
            )
            number, start = number + 1, start + 4
        self.term_starts = {term.starts_on.year for term in self._bulk(Term, terms)}

    def _organisation(self) -> None:
        committees = self._bulk(
            Committee,
            [
                Committee(council=self.council, name=name, short_name=short, kind=kind, order=i)
                for i, (name, short, kind) in enumerate(
                    [(n, s, Committee.Kind.STANDING) for n, s, _, _ in STANDING]
                    + [(n, s, Committee.Kind.SPECIAL) for n, s, _, _ in SPECIAL],
                    start=1,
                )
            ],
        )
        rows = [*STANDING, *SPECIAL]
        bodies = [
            Body(
                council=self.council,
                name="본회의",
                short_name="본회의",
                kind=Body.Kind.PLENARY,
                slug="plenary",
                order=10,
                place="구의회 본회의장",
            ),
            Body(
                council=self.council,
                name="상임위원회",
                short_name="상임위",
                kind=Body.Kind.STANDING,
                slug="standing",
                order=1,
            ),
        ]
        for order, (committee, (name, short, slug, place)) in enumerate(
            zip(committees, rows, strict=True), start=2
        ):
            kind = (
                Body.Kind.STANDING
                if committee.kind == Committee.Kind.STANDING
                else Body.Kind.SPECIAL
            )
            bodies.append(
                Body(
                    council=self.council,
                    name=name,
                    short_name=short,
                    kind=kind,
                    committee=committee,
                    slug=slug,
                    order=order,
                    place=place,
                )
            )
        made = self._bulk(Body, bodies)
        self.bodies = _Bodies(
            plenary=made[0],
            standing=made[1],
            committees=made[2:5],
            budget=made[5],
            audit=made[6],
            ethics=made[7],
        )

        units = [
            SecretariatUnit(
                council=self.council, kind=SecretariatUnit.Kind.BUREAU, name="의회사무국", order=1
            )
        ]
        units += [
            SecretariatUnit(
                council=self.council,
                kind=SecretariatUnit.Kind.ADVISER,
                name=f"{short.removesuffix('위')}전문위원",
                duties=f"{name} 소관 안건 검토",
                order=1 + i,
            )
            for i, (name, short, _, _) in enumerate(STANDING, start=1)
        ]
        units += [
            SecretariatUnit(
                council=self.council,
                kind=SecretariatUnit.Kind.TEAM,
                name=name,
                role=role,
                duties=duties,
                order=10 + i,
            )
            for i, (name, role, duties) in enumerate(TEAMS)
        ]
        made_units = self._bulk(SecretariatUnit, units)
        self.teams = {unit.role: unit for unit in made_units if unit.role}

        tables = self._bulk(
            StaffTable,
            [
                StaffTable(
                    council=self.council,
                    basis_date=datetime.date(year, 2, 1),
                    note="예시 데이터: 실제 인력 현황이 아닙니다.",
                )
                for year in self.years
            ],
        )
        self.staff_tables = {table.basis_date.year: table for table in tables}
        quotas = []
        for table in tables:
            for category, grade, authorised in QUOTAS:
                current = max(0, authorised + self.rng.choice([-1, 0, 0, 0, 1]))
                quotas.append(
                    StaffQuota(
                        table=table,
                        category=category,
                        grade=grade,
                        authorised=authorised,
                        current=current,
                    )
                )
        self._bulk(StaffQuota, quotas)

    def _rules(self) -> None:
        self.rules = self._one(
            SessionRules(
                council=self.council,
                basis="가상구의회 정례회의 등의 운영에 관한 조례 (예시)",
                max_days_per_year=110,
                max_regular_days_per_year=55,
                max_extraordinary_days=15,
                plenary_minutes_days=2,
                committee_minutes_days=5,
                first_regular_opening="6. 5",
                second_regular_opening="11. 20",
            )
        )

    # ------------------------------------------------------------ sessions

    def _ordinances(self, count: int) -> list[str]:
        topics = self.rng.sample(TOPICS, count)
        return [
            self.rng.choice(ORDINANCE_FORMS).format(district=DISTRICT_WORD, topic=topic)
            for topic in topics
        ]

    def _year_plans(self, year: int) -> list[_Plan]:
        """A year's sessions within the ordinance: two regular sessions (June, November to
        December; at most 55 days together), 6 to 8 extraordinary ones (3 to 15 days each,
        one a month), about 100 days in all and never more than 110."""
        rng, b = self.rng, self.bodies
        regular_days = [rng.randint(18, 23), rng.randint(28, 32)]
        months = sorted(rng.sample([1, 2, 3, 4, 5, 7, 9, 10], rng.randint(6, 8)))
        lengths = [rng.randint(5, 15) for _ in months]
        room = self.rules.max_days_per_year - sum(regular_days) - rng.randint(0, 12)
        while sum(lengths) > room:
            longest = lengths.index(max(lengths))
            lengths[longest] -= 1
        new_term = year in self.term_starts
        committees = [b.standing, b.plenary]
        plans = []
        for month, length in zip(months, lengths, strict=True):
            earliest = 8 if month == 7 else 2  # the June session may run into July's first days
            first = _weekday_on_or_after(
                datetime.date(year, month, rng.randint(earliest, min(28 - length, 13)))
            )
            last = _weekday_on_or_before(first + datetime.timedelta(days=length - 1))
            agenda: list[tuple[str, list[Body]]] = []
            if month == 2 or (month == 3 and not any(p.first_day.month == 2 for p in plans)):
                agenda.append((f"{year}년도 주요업무계획 보고", [b.standing]))
            if month in (3, 4, 9) and rng.random() < 0.6:
                number = 1 if month < 7 else 2
                agenda.append(
                    (f"{year}년도 제{number}회 추가경정예산안", [b.standing, b.budget, b.plenary])
                )
                agenda.append(("예산결산특별위원회 구성", [b.budget, b.plenary]))
            if month == 7 and new_term:
                agenda.append(("의장단 선거", [b.plenary]))
                agenda.append(("상임위원회 위원 선임", [b.plenary]))
            for title in self._ordinances(rng.randint(2, 4)):
                agenda.append((title, committees))
            if rng.random() < 0.5:
                agenda.append(("구정질문", [b.plenary]))
            agenda.append(("5분 자유발언", [b.plenary]))
            plans.append(_Plan(Session.Kind.EXTRAORDINARY, first, last, agenda))

        first = _weekday_on_or_after(datetime.date(year, 6, rng.randint(3, 8)))
        june = [
            (f"{year - 1}회계연도 결산 승인의 건", [b.standing, b.budget, b.plenary]),
            (f"{year - 1}회계연도 예비비 지출 승인의 건", [b.standing, b.budget, b.plenary]),
            ("결산검사위원 선임의 건", [b.plenary]),
            *[(title, committees) for title in self._ordinances(rng.randint(2, 4))],
            ("구정질문", [b.plenary]),
        ]
        plans.append(
            _Plan(
                Session.Kind.REGULAR,
                first,
                first + datetime.timedelta(days=regular_days[0] - 1),
                june,
            )
        )
        first = _weekday_on_or_after(datetime.date(year, 11, rng.randint(18, 22)))
        november = [
            (f"{year}년도 행정사무감사", [b.standing, b.audit]),
            (f"{year + 1}년도 예산안", [b.standing, b.budget, b.plenary]),
            (
                f"{year}년도 제{rng.randint(2, 3)}회 추가경정예산안",
                [b.standing, b.budget, b.plenary],
            ),
            *[(title, committees) for title in self._ordinances(rng.randint(3, 5))],
            ("구정질문", [b.plenary]),
        ]
        plans.append(
            _Plan(
                Session.Kind.REGULAR,
                first,
                first + datetime.timedelta(days=regular_days[1] - 1),
                november,
            )
        )
        plans.sort(key=lambda p: p.first_day)
        return plans

    def _sittings(self, session: Session, plan: _Plan) -> list[Sitting]:
        """About 150 sittings a year, as a district council holds: plenary sittings on the
        first and last weekday and one more every five weekdays between; each standing
        committee on two to five weekdays between in an extraordinary session, six to ten
        in a regular one (the committees meet on the same days, in their own rooms); the
        special committees that handle an item of the session, two to three days (three to
        six in a regular session)."""
        rng, b = self.rng, self.bodies
        days = _weekdays(session.first_day, session.last_day) or [session.first_day]
        middle = days[1:-1] or days
        handled = {body.pk for _, bodies in plan.agenda for body in bodies}
        regular = plan.kind == Session.Kind.REGULAR
        schedule: list[tuple[Body, datetime.date]] = [(b.plenary, days[0])]
        schedule += [(b.plenary, day) for day in days[5:-1:5]]
        if len(days) > 1:
            schedule.append((b.plenary, days[-1]))
        for committee in b.committees:
            meetings = rng.randint(6, 10) if regular else rng.randint(2, 5)
            picks = sorted(rng.sample(middle, min(len(middle), meetings)))
            schedule += [(committee, day) for day in picks]
        for special in (b.budget, b.audit):
            if special.pk in handled:
                meetings = rng.randint(3, 6) if regular else rng.randint(2, 3)
                picks = sorted(rng.sample(middle, min(len(middle), meetings)))
                schedule += [(special, day) for day in picks]
        schedule.sort(key=lambda pair: (pair[1], pair[0].order))

        numbers: dict[int, int] = {}
        sittings = []
        for body, day in schedule:
            numbers[body.pk] = numbers.get(body.pk, 0) + 1
            untimed = rng.random() < 0.1
            starts = None if untimed else datetime.time(rng.choice([10, 10, 14]), 0)
            ends = None
            if starts is not None and rng.random() < 0.7:
                ends = datetime.time(starts.hour + rng.randint(1, 3), rng.choice([0, 30]))
            published = None
            url = ""
            deadline = (
                self.rules.plenary_minutes_days
                if body.is_plenary
                else self.rules.committee_minutes_days
            )
            if day < self.today:
                late = rng.random() < 0.05
                lag = deadline + rng.randint(1, 3) if late else rng.randint(1, deadline)
                candidate = day + datetime.timedelta(days=lag)
                if candidate <= self.today:
                    published = candidate
                    url = f"{MINUTES_SITE}/{session.number}/{body.slug}/{numbers[body.pk]}"
            sittings.append(
                Sitting(
                    session=session,
                    body=body,
                    number=numbers[body.pk],
                    date=day,
                    starts_at=starts,
                    ends_at=ends,
                    place="대회의실" if body.is_plenary is False and rng.random() < 0.05 else "",
                    minutes_published_on=published,
                    minutes_url=url,
                )
            )
        return sittings

    def _sessions(self) -> None:
        number = 101
        sittings: list[Sitting] = []
        links = []
        Link = AgendaItem.bodies.through
        with versioning.batch():
            for year in self.years:
                for plan in self._year_plans(year):
                    status = (
                        Session.DateStatus.PLANNED
                        if plan.first_day > self.today
                        else Session.DateStatus.HELD
                    )
                    session = session_create(
                        council=self.council,
                        number=number,
                        kind=plan.kind,
                        first_day=plan.first_day,
                        last_day=plan.last_day,
                        date_status=status,
                        agenda=[title for title, _ in plan.agenda],
                    )
                    self.summary.add(Session, 1)
                    self.summary.add(AgendaItem, len(plan.agenda))
                    items = list(session.agenda_items.order_by("order"))
                    for item, (_, bodies) in zip(items, plan.agenda, strict=True):
                        links += [Link(agendaitem_id=item.pk, body_id=body.pk) for body in bodies]
                    sittings += self._sittings(session, plan)
                    number += 1
        Link.objects.bulk_create(links, batch_size=1000)
        self.sittings = self._bulk(Sitting, sittings)
        self._minutes([sitting for sitting in self.sittings if sitting.date < self.today])

    def _minutes(self, sittings: list[Sitting]) -> None:
        """Synthetic Korean minutes for every held sitting (minutes_text)."""
        if not self.minutes_paragraphs:
            return
        at = timezone.now()
        for start in range(0, len(sittings), 200):
            self._bulk(
                Minutes,
                [
                    Minutes(
                        sitting=sitting,
                        text=minutes_text(self.rng, sitting.body, self.minutes_paragraphs),
                        extracted_at=at,
                    )
                    for sitting in sittings[start : start + 200]
                ],
            )

    # ------------------------------------------------------------ members, attendance, bills

    def _members(self) -> None:
        """Each term's members (as many as its seats, made-up names beginning with 가상):
        about two thirds of a term's members serve again in the next; one chair, one vice
        chair; each member on one standing committee (its first member chairs it), seven on
        each of the budget and audit committees."""
        rng = self.rng
        terms = list(Term.objects.filter(council=self.council).order_by("number"))
        names = [f"가상{given}" for given in DEMO_GIVEN_NAMES]
        rng.shuffle(names)
        people: list[Person] = []
        members: list[Member] = []
        previous: list[Person] = []
        self.term_members: dict[int, list[Member]] = {}
        for term in terms:
            kept = rng.sample(previous, min(len(previous), term.seats * 2 // 3))
            new = [Person(name=names.pop()) for _ in range(term.seats - len(kept))]
            people += new
            previous = kept + new
            self.term_members[term.pk] = [Member(term=term, name=p.name) for p in previous]
        self._bulk(Person, people)
        for term in terms:
            row = self.term_members[term.pk]
            for i, (member, person) in enumerate(
                zip(row, previous_people(row, people), strict=True)
            ):
                member.person = person
                member.role = (
                    Member.Role.CHAIR
                    if i == 0
                    else Member.Role.VICE_CHAIR
                    if i == 1
                    else Member.Role.MEMBER
                )
                member.party = DEMO_PARTIES[i % len(DEMO_PARTIES)]
                member.constituency = f"가상구 {'가나다라마바'[i % 6]} 선거구"
                member.constituency_dongs = f"가상{i % 6 + 1}동, 가상{i % 6 + 7}동"
            members += row
        self._bulk(Member, members)

        b = self.bodies
        self.seats: dict[int, set[int]] = {}  # body pk → member pks
        memberships = []
        # A committee has one chair on record (CommitteeMembership's constraint): the
        # latest term's; earlier terms' seats are recorded as members.
        latest = terms[-1] if terms else None
        for term in terms:
            row = self.term_members[term.pk]
            for i, member in enumerate(row):
                body = b.committees[i % len(b.committees)]
                first = i < len(b.committees) and term == latest
                memberships.append(
                    CommitteeMembership(
                        committee=body.committee,
                        member=member,
                        role=CommitteeMembership.Role.CHAIR
                        if first
                        else CommitteeMembership.Role.MEMBER,
                        starts_on=term.starts_on,
                    )
                )
                self.seats.setdefault(body.pk, set()).add(member.pk)
            for special in (b.budget, b.audit):
                for j, member in enumerate(rng.sample(row, min(7, len(row)))):
                    j = j if term == latest else 1
                    memberships.append(
                        CommitteeMembership(
                            committee=special.committee,
                            member=member,
                            role=CommitteeMembership.Role.CHAIR
                            if j == 0
                            else CommitteeMembership.Role.MEMBER,
                            starts_on=term.starts_on,
                            ends_on=term.starts_on + datetime.timedelta(days=730),
                        )
                    )
                    self.seats.setdefault(special.pk, set()).add(member.pk)
        self._bulk(CommitteeMembership, memberships)
        self.terms = terms

    def _term_of(self, day: datetime.date) -> Term | None:
        return next((t for t in self.terms if t.starts_on <= day <= t.ends_on), None)

    def _attendance(self) -> None:
        """Every member of a sitting's body (the whole council for a plenary sitting) has a
        row for each sitting held so far: mostly 출석, now and then 청가, 출장 or 결석."""
        rng = self.rng
        statuses = (
            [Attendance.Status.PRESENT] * 93
            + [Attendance.Status.LEAVE] * 4
            + [Attendance.Status.OFFICIAL_TRIP] * 2
            + [Attendance.Status.ABSENT]
        )
        rows = []
        for sitting in self.sittings:
            if sitting.date > self.today:
                continue
            term = self._term_of(sitting.date)
            if term is None:
                continue
            members = self.term_members[term.pk]
            if not sitting.body.is_plenary:
                seats = self.seats.get(sitting.body_id, set())
                members = [m for m in members if m.pk in seats]
            for member in members:
                rows.append(Attendance(sitting=sitting, member=member, status=rng.choice(statuses)))
        self.attendance = self._bulk(Attendance, rows)

    def _votes_and_speeches(self) -> None:
        """A few recorded votes and speeches a year, on plenary sittings held so far: about
        half the sessions end with a recorded vote on one of their items (the members present
        vote, mostly 찬성); a session's first plenary sitting hears up to two five-minute
        speeches, a regular session's also two questions to the executive. Its own random
        stream (from the seed), so the rest of the demo is the same as without them."""
        rng = random.Random(f"{self.seed}-votes-speeches")
        plenary = [s for s in self.sittings if s.body.is_plenary and s.date <= self.today]
        by_session: dict[int, list[Sitting]] = {}
        for sitting in plenary:
            by_session.setdefault(sitting.session_id, []).append(sitting)
        items: dict[int, list[AgendaItem]] = {}
        for item in AgendaItem.objects.filter(session__in=by_session).order_by("order", "pk"):
            items.setdefault(item.session_id, []).append(item)
        present: dict[int, list[Member]] = {}
        members = {m.pk: m for row in self.term_members.values() for m in row}
        for row in self.attendance:
            if row.status == Attendance.Status.PRESENT:
                present.setdefault(row.sitting_id, []).append(members[row.member_id])
        votes: list[Vote] = []
        speeches: list[Speech] = []
        for session_id, sittings in by_session.items():
            first, last = sittings[0], sittings[-1]
            if items.get(session_id) and present.get(last.pk) and rng.random() < 0.5:
                item = rng.choice(items[session_id])
                votes.append(Vote(sitting=last, agenda_item=item, title=item.title, order=10))
            speakers = present.get(first.pk, [])
            kinds = [Speech.Kind.FREE_SPEECH] * rng.randint(0, 2)
            if first.session.kind == Session.Kind.REGULAR:
                kinds += [Speech.Kind.QUESTION] * 2
            for order, (kind, member) in enumerate(
                zip(kinds, rng.sample(speakers, min(len(kinds), len(speakers))), strict=False),
                start=1,
            ):
                topic = rng.choice(_TOPICS)
                speeches.append(
                    Speech(
                        sitting=first,
                        member=member,
                        kind=kind,
                        title=f"{topic} 방안" if kind == Speech.Kind.QUESTION else topic,
                        offset_seconds=600 * order,
                        order=order,
                    )
                )
        votes = self._bulk(Vote, votes)
        choices = [Ballot.Choice.YES] * 17 + [Ballot.Choice.NO] * 2 + [Ballot.Choice.ABSTAIN]
        self._bulk(
            Ballot,
            [
                Ballot(vote=vote, member=member, choice=rng.choice(choices))
                for vote in votes
                for member in present[vote.sitting.pk]
            ],
        )
        self._bulk(Speech, speeches)

    def _bills(self) -> None:
        """The agenda's bills (예산안, 추경, 결산, 조례안 …), numbered per term, each with its
        actions as far as today: 접수 before the session, 회부 to its committee, 심사 and
        의결 on the last day, 이송, and 공포 with a number for ordinances passed; members'
        ordinances with a 대표 and some 공동 sponsors."""
        rng = self.rng
        items = (
            AgendaItem.objects.filter(session__council=self.council)
            .select_related("session")
            .prefetch_related("bodies__committee")
            .order_by("session__first_day", "order", "pk")
        )
        numbers: dict[int, int] = {}
        bills: list[Bill] = []
        plans: list[tuple] = []
        promulgation = 1000
        for item in items:
            found = bill_kind(item.title)
            session = item.session
            term = self._term_of(session.first_day)
            if found is None or term is None:
                continue
            kind, proposer = found
            if kind == Bill.Kind.ORDINANCE and rng.random() < 0.35:
                proposer = Bill.Proposer.EXECUTIVE
            committee_body = next(
                (x for x in item.bodies.all() if not x.is_plenary and x.committee_id), None
            )
            committee = committee_body.committee if committee_body else None
            if proposer == Bill.Proposer.COMMITTEE and committee is None:
                proposer = Bill.Proposer.MEMBERS
            numbers[term.pk] = numbers.get(term.pk, 0) + 1
            bills.append(
                Bill(
                    term=term,
                    number=numbers[term.pk],
                    title=bill_title(item.title),
                    kind=kind,
                    proposer_kind=proposer,
                    committee=committee,
                    session=session,
                )
            )
            plans.append((item, session, committee, kind, proposer, term))
        self._bulk(Bill, bills)
        Link = Bill.agenda_items.through
        Link.objects.bulk_create(
            [
                Link(bill_id=bill.pk, agendaitem_id=plan[0].pk)
                for bill, plan in zip(bills, plans, strict=True)
            ],
            batch_size=1000,
        )
        actions, sponsors = [], []
        R, K = BillAction.Result, BillAction.Kind
        for bill, (_item, session, committee, kind, proposer, term) in zip(
            bills, plans, strict=True
        ):
            if proposer == Bill.Proposer.MEMBERS and kind == Bill.Kind.ORDINANCE:
                chosen = rng.sample(self.term_members[term.pk], rng.randint(2, 6))
                sponsors += [
                    BillSponsor(
                        bill=bill,
                        member=m,
                        role=BillSponsor.Role.LEAD if i == 0 else BillSponsor.Role.CO,
                    )
                    for i, m in enumerate(chosen)
                ]
            received = session.first_day - datetime.timedelta(days=rng.randint(3, 12))
            steps: list[tuple[datetime.date, str, str, Committee | None, str]] = [
                (received, K.RECEIPT, "", None, "")
            ]
            if committee is not None:
                steps.append((received + datetime.timedelta(days=1), K.REFERRAL, "", committee, ""))
            result = rng.choices(
                [R.ORIGINAL, R.AMENDED, R.DEFERRED, R.REJECTED, R.WITHDRAWN], [70, 20, 5, 3, 2]
            )[0]
            if committee is not None:
                steps.append((session.last_day, K.REVIEW, result, None, ""))
            steps += [
                (session.last_day, K.PLENARY, "", None, ""),
                (session.last_day, K.DECISION, result, None, ""),
            ]
            if result in (R.ORIGINAL, R.AMENDED):
                transferred = session.last_day + datetime.timedelta(days=rng.randint(2, 5))
                steps.append((transferred, K.TRANSFER, "", None, ""))
                if kind == Bill.Kind.ORDINANCE:
                    promulgation += 1
                    steps.append(
                        (
                            transferred + datetime.timedelta(days=rng.randint(10, 20)),
                            K.PROMULGATION,
                            "",
                            None,
                            f"제{promulgation}호",
                        )
                    )
            actions += [
                BillAction(
                    bill=bill, date=day, kind=k, result=res, committee=c, promulgation_number=no
                )
                for day, k, res, c, no in steps
                if day <= self.today
            ]
        self._bulk(BillSponsor, sponsors)
        self._bulk(BillAction, actions)

    # ------------------------------------------------------------ budget

    def _budget(self) -> None:
        """A budget tree of about three hundred lines (4 정책사업 with 단위사업, 세부사업 and
        편성목, and the 행정운영경비 block) with an original budget each year; a few
        세부사업 begin in a later year, as new programmes do."""
        rng = self.rng
        programmes = {
            "선진의회상 정립": {
                "의정활동 지원": [
                    "의정활동지원",
                    "의원 역량개발",
                    "의정자료 발간",
                    "의회 도서실 운영",
                ],
                "의정 홍보": ["의정홍보활동 전개", "의회보 발간", "영상 홍보", "SNS 소통"],
                "열린의회 운영": [
                    "열린의회운영",
                    "의정모니터 운영",
                    "지방의회 체험",
                    "주민 의견 수렴",
                ],
            },
            "의회 운영 지원": {
                "청사 관리": [
                    "구의회 청사관리",
                    "청사 시설 보수",
                    "방호 및 안전관리",
                    "에너지 절감",
                ],
                "회의 운영": ["회의록 관리", "전자회의 시스템 운영", "생중계 운영", "속기 지원"],
                "의회비 지원": ["의회비지원", "의장단 활동 지원", "위원회 활동 지원", "의정활동비"],
            },
            "의정역량 강화": {
                "정책 연구": ["의원 연구단체 지원", "정책 세미나", "입법 지원", "정책지원관 운영"],
                "교육 훈련": ["의원 교육", "직원 역량개발", "비교시찰", "전문가 자문"],
                "장비 보강": ["의회장비보강", "전산장비 교체", "방송장비 보강", "사무기기 구입"],
            },
            "지역 소통 강화": {
                "주민 소통": ["현장 의정활동", "민원 상담실 운영", "간담회 운영", "주민 초청 행사"],
                "기관 협력": ["의회 간 교류", "의장협의회 활동", "유관기관 협력", "자매도시 교류"],
                "복무 관리": ["직원복무 및 상훈관리", "인력 및 조직운영", "보건 복지", "성과 관리"],
            },
        }
        categories = [
            "일반운영비",
            "여비",
            "업무추진비",
            "직무수행경비",
            "의회비",
            "자산취득비",
            "인건비",
            "일반보전금",
            "포상금",
            "연구개발비",
        ]
        admin_block = {
            "인력운영비": ["보수", "기타직보수", "연금부담금", "국민건강보험금", "포상금"],
            "기본경비": ["일반운영비", "여비", "업무추진비", "직무수행경비", "자산취득비"],
        }
        council = self.council
        level = BudgetItem.Level
        tops = [
            BudgetItem(council=council, level=level.PROGRAMME, name=n, order=i)
            for i, n in enumerate([*programmes, "행정운영경비"], start=1)
        ]
        self._bulk(BudgetItem, tops)
        units, unit_details = [], []
        for top, (_name, by_unit) in zip(
            tops, [*programmes.items(), ("행정운영경비", None)], strict=True
        ):
            if by_unit is None:
                unit = BudgetItem(
                    council=council, parent=top, level=level.UNIT, name="행정운영경비", order=1
                )
                units.append(unit)
                unit_details.append((unit, list(admin_block)))
                continue
            for i, (unit_name, details) in enumerate(by_unit.items(), start=1):
                unit = BudgetItem(
                    council=council, parent=top, level=level.UNIT, name=unit_name, order=i
                )
                units.append(unit)
                unit_details.append((unit, details))
        self._bulk(BudgetItem, units)
        details = []
        for unit, names in unit_details:
            details += [
                BudgetItem(council=council, parent=unit, level=level.DETAIL, name=n, order=i)
                for i, n in enumerate(names, start=1)
            ]
        self._bulk(BudgetItem, details)
        leaves, starts = [], []
        for detail in details:
            names = admin_block.get(detail.name) or rng.sample(categories, rng.randint(4, 6))
            # One detail programme in eight begins in a later year (a new programme).
            start = self.years[0]
            if len(self.years) > 2 and rng.random() < 0.125:
                start = rng.choice(self.years[1:])
            for i, n in enumerate(names, start=1):
                leaves.append(
                    BudgetItem(
                        council=council, parent=detail, level=level.CATEGORY, name=n, order=i
                    )
                )
                starts.append(start)
        self._bulk(BudgetItem, leaves)

        amounts = []
        for leaf, start in zip(leaves, starts, strict=True):
            personnel = leaf.parent.name == "인력운영비"
            amount = (
                rng.randint(300, 900) * 1_000_000 if personnel else rng.randint(2, 90) * 1_000_000
            )
            amount += rng.randint(0, 999) * 1_000
            for year in self.years:
                if year < start:
                    continue
                amounts.append(
                    BudgetAmount(
                        item=leaf, year=year, kind=BudgetAmount.Kind.ORIGINAL, amount=amount
                    )
                )
                amount = int(amount * rng.uniform(0.9, 1.12)) // 1_000 * 1_000
        self._bulk(BudgetAmount, amounts)

    # ------------------------------------------------------------ publishing

    def publish(self) -> None:
        """Every year's budget and work plan published, as a council's past years are: the
        budgets in bulk, each plan as its first edition through work_plan_publish (after
        the data versions are bumped, so the edition records the version it shows), its PDF
        made at the first download."""
        self._bulk(
            BudgetYear,
            [
                BudgetYear(council=self.council, year=year, published_at=_published_at(year))
                for year in self.years
            ],
        )
        versioning.bump(BudgetYear)
        for plan in WorkPlan.objects.filter(council=self.council).order_by("year"):
            work_plan_publish(work_plan=plan, user=None, note="예시 발행본", queue_pdf=False)
            self.summary.add(Edition, 1)

    # ------------------------------------------------------------ PR figures

    def _pr(self) -> None:
        rng, council = self.rng, self.council
        Measure = PRChannel.Measure
        specs = [
            ("보도자료", Measure.PRESS_RELEASE, "건", "제공건수", 1, 40, None),
            ("인터뷰", Measure.INTERVIEW, "건", "", 1, 5, None),
            ("광고제공", Measure.ADVERTISEMENT, "건", "", 1, 45, 500_000),
            ("홍보영상", Measure.VIDEO, "개", "격년 제작", 2, 2, 15_000_000),
            ("영상(뉴스형)", Measure.VIDEO, "개", "", 1, 4, 2_000_000),
            ("의정백서", Measure.WHITE_PAPER, "부", "격년 제작", 2, 170, 60_000),
            ("SNS홍보", Measure.SNS, "건", "카드뉴스 포함", 1, 120, None),
            ("의회보", Measure.NEWSLETTER, "부", "", 1, 3000, 1_500),
            ("의회수첩", Measure.HANDBOOK, "부", "", 1, 550, 9_000),
        ]
        channels = self._bulk(
            PRChannel,
            [
                PRChannel(
                    council=council,
                    name=n,
                    measure=m,
                    unit=u,
                    remark=r,
                    cycle_years=c,
                    order=10 * i,
                )
                for i, (n, m, u, r, c, _, _) in enumerate(specs, start=1)
            ],
        )
        last = self.years[-1]
        pr_years = self._bulk(
            PRYear,
            [
                # The latest year is counted in part, as a work plan published early in the
                # year shows it.
                PRYear(
                    council=council,
                    year=y,
                    counted_until=datetime.date(y, 1, 31) if y == last else None,
                )
                for y in self.years
            ],
        )
        figures, coverage, targets = [], [], []
        level = {channel.pk: base for channel, (*_, base, _) in zip(channels, specs, strict=True)}
        for pr_year in pr_years:
            share = 1 / 12 if pr_year.counted_until else 1
            for channel, (*_, unit_cost) in zip(channels, specs, strict=True):
                base = level[channel.pk]
                level[channel.pk] = max(1, round(base * rng.uniform(0.95, 1.15)))
                if channel.cycle_years > 1 and (pr_year.year - self.years[0]) % channel.cycle_years:
                    continue  # not made this year
                count = max(0, round(base * share))
                if not count:
                    continue
                figures.append(
                    PRFigure(
                        pr_year=pr_year,
                        channel=channel,
                        count=count,
                        cost=count * unit_cost if unit_cost else None,
                    )
                )
            for tier, base in (
                (PressCoverage.Tier.NATIONAL, 30),
                (PressCoverage.Tier.METROPOLITAN, 90),
                (PressCoverage.Tier.LOCAL, 260),
            ):
                count = round(rng.randint(base * 8 // 10, base * 12 // 10) * share)
                coverage.append(PressCoverage(pr_year=pr_year, tier=tier, count=count))
            for channel, (name, measure, *_rest) in zip(channels, specs, strict=True):
                if measure in (
                    Measure.PRESS_RELEASE,
                    Measure.ADVERTISEMENT,
                    Measure.NEWSLETTER,
                    Measure.SNS,
                ):
                    target = round(level[channel.pk] * rng.uniform(1.05, 1.25))
                    targets.append(
                        PRTarget(
                            council=council,
                            year=pr_year.year,
                            channel=channel,
                            target=target,
                            description=f"{pr_year.year}년 {name} 확대 (예시 목표)",
                        )
                    )
        self._bulk(PRFigure, figures)
        self._bulk(PressCoverage, coverage)
        self._bulk(PRTarget, targets)

    # ------------------------------------------------------------ work plans

    def _work_plans(self) -> None:
        """A work plan a year: eight projects of the three teams with their sections, plan
        items, a purchase list, the record tables they show and four years' financing."""
        rng = self.rng
        Role = SecretariatUnit.Role
        Kind = ProjectExhibit.Kind
        Sect = ProjectSection.Kind
        specs = [
            ("의정 전문성 강화로 선진의정 구현", Role.GENERAL_AFFAIRS, []),
            (
                "효율적인 회기 운영",
                Role.PROCEEDINGS,
                [
                    (Kind.SESSION_RULES, Sect.OVERVIEW),
                    (Kind.SESSIONS_HELD, Sect.ACHIEVEMENT),
                    (Kind.SESSIONS_PLANNED, Sect.PLAN),
                ],
            ),
            ("신속·정확한 회의록 공개", Role.PROCEEDINGS, [(Kind.MINUTES_RULES, Sect.PLAN)]),
            (
                "구민과 소통하는 의정 홍보",
                Role.PUBLIC_RELATIONS,
                [(Kind.PR_FIGURES, Sect.ACHIEVEMENT), (Kind.PR_TARGETS, Sect.PLAN)],
            ),
            ("쾌적한 의회 청사 관리", Role.GENERAL_AFFAIRS, []),
            ("의회 예산의 투명한 운영", Role.GENERAL_AFFAIRS, []),
            ("열린 의회 구현", Role.PUBLIC_RELATIONS, []),
            ("의정활동 지원 장비 보강", Role.GENERAL_AFFAIRS, [(Kind.PURCHASES, Sect.OVERVIEW)]),
        ]
        plans = self._bulk(
            WorkPlan,
            [
                WorkPlan(
                    council=self.council,
                    year=year,
                    issued_on=datetime.date(year, 2, 1),
                    staff_table=self.staff_tables[year],
                )
                for year in self.years
            ],
        )
        projects = []
        for plan in plans:
            for number, (title, role, _) in enumerate(specs, start=1):
                projects.append(
                    Project(
                        plan=plan,
                        number=number,
                        title=title,
                        is_new=plan.year != self.years[0] and rng.random() < 0.1,
                        team=self.teams[role],
                    )
                )
        projects = self._bulk(Project, projects)
        sections, exhibits, items, purchases, financing = [], [], [], [], []
        for project, (title, _, shown) in zip(projects, specs * len(plans), strict=True):
            year = project.plan.year
            sections += [
                ProjectSection(
                    project=project,
                    kind=Sect.OVERVIEW,
                    heading="배경 및 목적",
                    body=f"- {particle(title, '을/를')} 위한 {year}년 사업 (예시 데이터)",
                    order=10,
                ),
                ProjectSection(
                    project=project,
                    kind=Sect.ACHIEVEMENT,
                    heading=f"{year - 1}년 추진실적",
                    body="\n".join(
                        f"- {activity}: {rng.randint(2, 12)}회 추진"
                        for activity in rng.sample(
                            ["간담회", "현장 점검", "교육", "자료 발간", "설명회", "협의회"], 3
                        )
                    ),
                    order=20,
                ),
                ProjectSection(
                    project=project,
                    kind=Sect.PLAN,
                    heading=f"{year}년 추진계획",
                    body=f"- 추진기간: {year}. 1. ~ {year}. 12.\n- 추진방법: 분기별 점검\n  - 상반기·하반기 결과 공유",
                    order=30,
                ),
                ProjectSection(
                    project=project,
                    kind=Sect.EFFECT,
                    body="- 의정활동의 신뢰도 향상과 구민 만족도 제고",
                    order=90,
                ),
            ]
            exhibits += [
                ProjectExhibit(project=project, kind=kind, section=section, order=25 + 10 * i)
                for i, (kind, section) in enumerate(shown)
            ]
            for i in range(rng.randint(2, 4)):
                if rng.random() < 0.5:
                    items.append(
                        PlanItem(
                            project=project,
                            title=f"세부 추진 과제 {i + 1}",
                            schedule=rng.choice(["연중", "상반기", "하반기", "분기별"]),
                            quantity=rng.randint(2, 20),
                            unit=rng.choice(["명", "회", "개"]),
                            unit_cost=rng.randint(5, 500) * 10_000,
                            order=10 * (i + 1),
                        )
                    )
                else:
                    items.append(
                        PlanItem(
                            project=project,
                            title=f"세부 추진 과제 {i + 1}",
                            schedule=rng.choice(["연중", "상반기", "하반기"]),
                            lump_sum=rng.randint(1, 80) * 1_000_000,
                            order=10 * (i + 1),
                        )
                    )
            if any(kind == Kind.PURCHASES for kind, _ in shown):
                purchases += [
                    Purchase(
                        project=project,
                        item=name,
                        quantity=rng.randint(1, 10),
                        amount=rng.randint(1, 30) * 1_000_000,
                        order=10 * (i + 1),
                    )
                    for i, name in enumerate(["노트북", "회의용 마이크", "방송 카메라"])
                ]
            amount = rng.randint(10, 300) * 1_000_000
            upper = rng.random() < 0.25
            for offset in range(-1, 3):
                financing.append(
                    ProjectFinancing(
                        project=project,
                        year=year + offset,
                        source=ProjectFinancing.Source.OWN,
                        amount=amount,
                    )
                )
                if upper:
                    financing.append(
                        ProjectFinancing(
                            project=project,
                            year=year + offset,
                            source=ProjectFinancing.Source.UPPER_TIER,
                            amount=amount // 4 // 1000 * 1000,
                        )
                    )
                amount = int(amount * rng.uniform(0.95, 1.1)) // 1000 * 1000
        self._bulk(ProjectSection, sections)
        self._bulk(ProjectExhibit, exhibits)
        self._bulk(PlanItem, items)
        self._bulk(Purchase, purchases)
        self._bulk(ProjectFinancing, financing)


def previous_people(members: list[Member], people: list[Person]) -> list[Person]:
    """The person of each member of a term, by name (names are unique in the demo)."""
    by_name = {person.name: person for person in people}
    return [by_name[member.name] for member in members]


def _published_at(year: int) -> datetime.datetime:
    """When the demo's budget of a year went public: in the December before it."""
    return datetime.datetime(year - 1, 12, 20, 10, tzinfo=datetime.UTC)


GENERATED: Iterable[type[models.Model]] = (
    Council,
    Term,
    Committee,
    Body,
    SecretariatUnit,
    StaffTable,
    StaffQuota,
    SessionRules,
    Session,
    AgendaItem,
    Sitting,
    Person,
    Member,
    CommitteeMembership,
    Attendance,
    Vote,
    Ballot,
    Speech,
    Bill,
    BillSponsor,
    BillAction,
    Minutes,
    BudgetItem,
    BudgetAmount,
    PRChannel,
    PRYear,
    PRFigure,
    PressCoverage,
    PRTarget,
    WorkPlan,
    Project,
    ProjectSection,
    ProjectExhibit,
    PlanItem,
    Purchase,
    ProjectFinancing,
)


def generate(
    *,
    years: int,
    first_year: int | None = None,
    seed: int = DEFAULT_SEED,
    today: datetime.date | None = None,
    minutes_paragraphs: int = MINUTES_PARAGRAPHS,
) -> Summary:
    """Build the fictional council with `years` consecutive years of records, the last
    one this year unless `first_year` says otherwise, into an empty database (NotEmpty
    otherwise). One transaction: nothing is left half-made."""
    today = today or timezone.localdate()
    if first_year is None:
        first_year = today.year - years + 1
    builder = DemoBuilder(
        years=years,
        first_year=first_year,
        seed=seed,
        today=today,
        minutes_paragraphs=minutes_paragraphs,
    )
    with transaction.atomic():
        counts = existing_records()
        if counts:
            raise NotEmpty(counts)
        with versioning.batch():
            summary = builder.build()
        # bulk_create sends no signals: every model made here is bumped once.
        versioning.bump(*GENERATED)
        history_baseline_create()  # nor history: each record starts it as "초기 자료"
        builder.publish()
    return summary


# ---------------------------------------------------------------- synthetic minutes

# Words of a fictional district's council business: nothing here is a real record.
_TOPICS = (
    "구립 도서관 건립",
    "어린이 공원 정비",
    "공영 주차장 확충",
    "노인 일자리 사업",
    "청년 창업 지원",
    "하천 산책로 조성",
    "재난 안전 대책",
    "학교 앞 보행로",
    "복지관 운영",
    "전통시장 활성화",
    "미세먼지 저감",
    "마을버스 노선",
    "공공 와이파이",
    "소상공인 지원",
    "도시재생 사업",
    "체육관 리모델링",
    "보건소 인력",
    "주민자치회 운영",
    "음식물 쓰레기 감량",
    "경로당 냉방비",
    "육아 종합 지원센터",
    "문화예술회관 프로그램",
    "장애인 이동 편의",
    "빗물 저류시설",
    "가로수 관리",
)
_ITEMS = ("예산안", "조례안", "추가경정예산안", "결산 승인안", "동의안", "건의안", "계획안")
_SPEAKERS = ("○의장", "○위원장", "○부의장", "○위원", "○의원", "○구청장", "○국장", "○과장")
_SENTENCES = (
    "{topic} 관련 {item_object} 상정합니다.",
    "{topic}에 대하여 질의하겠습니다.",
    "집행부에서는 {topic}의 추진 현황을 설명해 주시기 바랍니다.",
    "{topic} 예산이 전년도보다 늘어난 이유가 무엇입니까?",
    "주민들의 의견을 충분히 들어 {topic_object} 추진하겠습니다.",
    "{topic_subject} 올해 하반기에 마무리할 계획입니다.",
    "{item}에 대한 심사 결과를 보고드리겠습니다.",
    "이의가 없으므로 {item_subject} 원안대로 가결되었음을 선포합니다.",
    "{topic} 사업의 효과를 면밀히 검토해 주시기 바랍니다.",
    "현장을 직접 확인한 결과 {topic}의 보완이 필요합니다.",
    "관련 부서와 협의하여 {topic}의 개선 방안을 마련하겠습니다.",
    "다음은 {topic}에 관한 구정 질문을 하겠습니다.",
    "잠시 정회를 선포합니다.",
    "회의를 속개하겠습니다.",
)


def _sentence(template: str, topic: str, item: str) -> str:
    return template.format(
        topic=topic,
        item=item,
        topic_object=particle(topic, "을/를"),
        item_object=particle(item, "을/를"),
        topic_subject=particle(topic, "은/는"),
        item_subject=particle(item, "은/는"),
    )


def minutes_text(rng: random.Random, body: Body, paragraphs: int) -> str:
    """A sitting's fictional minutes: an opening, `paragraphs` speeches of two to five
    sentences from the word lists above, a closing; one paragraph a line."""
    lines = [f"{body.name} 회의를 개의하겠습니다."]
    for _ in range(paragraphs):
        speaker = rng.choice(_SPEAKERS)
        sentences = [
            _sentence(rng.choice(_SENTENCES), rng.choice(_TOPICS), rng.choice(_ITEMS))
            for _ in range(rng.randint(2, 5))
        ]
        lines.append(f"{speaker} " + " ".join(sentences))
    lines.append("이상으로 오늘 회의를 마치겠습니다. 산회를 선포합니다.")
    return "\n".join(lines)


# ---------------------------------------------------------------- what a visitor can read


@dataclass(frozen=True)
class PublicURL:
    path: str
    label: str
    status: int = 200
    key: str = ""  # the same for every size of the demo (benchmarks/years.py): "<Y>" …

    def __post_init__(self):
        if not self.key:
            object.__setattr__(self, "key", self.path)


def public_urls(year: int) -> list[PublicURL]:
    """Every public page, feed and download of one year of the portal (the home page and
    the pages of no year included), as the benchmark and the tests read them: the year's
    schedule, calendar, its first regular and first extraordinary session with their
    feeds, the full feed and each body's, the budget with its downloads, the work plan
    (HTML; the PDF is measured apart) and the pages of the site as a whole."""
    sessions = Session.objects.in_year(year).in_date_order()
    regular = sessions.filter(kind=Session.Kind.REGULAR).first()
    extraordinary = sessions.filter(kind=Session.Kind.EXTRAORDINARY).first()
    urls = [
        PublicURL("/", "홈"),
        PublicURL("/sessions/", "올해 회기 일정"),
        PublicURL(f"/sessions/?year={year}", f"{year}년 회기 일정"),
        PublicURL(f"/sessions/?year={year}&kind=regular", f"{year}년 정례회"),
        PublicURL(f"/sessions/calendar/?year={year}", f"{year}년 회기 달력"),
        PublicURL(f"/sessions/calendar/?year={year}&kind=extraordinary", f"{year}년 임시회 달력"),
    ]
    for session, key in ((regular, "<정례회>"), (extraordinary, "<임시회>")):
        if session is not None:
            n = session.number
            urls.append(PublicURL(f"/sessions/{n}/", str(session), key=f"/sessions/{key}/"))
            urls.append(
                PublicURL(f"/sessions/{n}.ics", f"{session} 일정 구독", key=f"/sessions/{key}.ics")
            )
            sitting = session.sittings.order_by("date", "pk").first()
            if sitting is not None:
                urls.append(
                    PublicURL(
                        f"/sessions/{n}/sittings/{sitting.pk}/",
                        f"{session} {sitting.body.name} 제{sitting.number}차",
                        key=f"/sessions/{key}/sittings/<첫 회의>/",
                    )
                )
    urls.append(PublicURL("/sessions/calendar.ics", "전체 회기 일정 구독 (모든 해)"))
    for body in Body.objects.order_by("order", "name"):
        urls.append(PublicURL(f"/sessions/calendar.ics?body={body.slug}", f"{body} 일정 구독"))
        urls.append(PublicURL(f"/sessions/bodies/{body.slug}/", f"{body} 회의 (모든 해)"))
        urls.append(PublicURL(f"/sessions/bodies/{body.slug}/feed/", f"{body} 회의 피드 (Atom)"))
    urls += [
        PublicURL("/sessions/feed/", "회기 피드 (Atom)"),
        PublicURL("/sessions/sittings/feed/", "회의(차수) 피드 (Atom)"),
        PublicURL("/sessions/minutes/feed/", "회의록 공개 피드 (Atom)"),
        PublicURL("/sessions/minutes/", "회의록 공개 기한 준수 (모든 해)"),
        PublicURL("/sessions/sessions.csv", "회기 공공데이터 CSV (모든 해)"),
        PublicURL("/sessions/sessions.json", "회기 공공데이터 JSON (모든 해)"),
        PublicURL("/sessions/sittings.csv", "회의(차수) 공공데이터 CSV (모든 해)"),
        PublicURL("/sessions/sittings.json", "회의(차수) 공공데이터 JSON (모든 해)"),
        PublicURL("/sessions/attendance.csv", "회의별 의원 출결 CSV (모든 해)"),
        PublicURL(f"/sessions/attendance.json?year={year}", f"{year}년 회의별 의원 출결 JSON"),
    ]
    urls += [
        PublicURL("/budget/", "예산 (최근 연도로)", 302),
        PublicURL(f"/budget/{year}/", f"{year}년 예산"),
        PublicURL(f"/budget/{year}/?unit=천원", f"{year}년 예산 (천원)"),
        PublicURL(f"/budget/{year}.csv", f"{year}년 예산 CSV"),
        PublicURL(f"/budget/{year}.json", f"{year}년 예산 JSON"),
        PublicURL("/outreach/", "의정 홍보"),
        PublicURL("/outreach/visits/apply/", "지방의회 체험 신청"),
        PublicURL("/council/", "의회 소개"),
        PublicURL("/members/", "의원 (현 대수)"),
        PublicURL("/members.csv", "의원 CSV"),
        PublicURL("/bills/", "의안"),
        PublicURL(f"/bills/?year={year}", f"{year}년 접수 의안"),
        PublicURL("/bills/?status=passed&kind=ordinance", "가결된 조례안"),
        PublicURL("/bills/feed/", "의안 피드 (Atom)"),
        PublicURL(f"/bills.csv?year={year}", f"{year}년 의안 CSV"),
        PublicURL("/workplan/", "주요업무계획 (최근 연도로)", 302),
        PublicURL(f"/workplan/{year}/", f"{year}년 주요업무계획"),
        PublicURL("/privacy/", "개인정보처리방침"),
        PublicURL("/guide/", "이용안내"),
        PublicURL("/healthz", "상태 확인"),
        PublicURL("/no-such-page/", "찾을 수 없는 주소", 404),
    ]
    return urls
