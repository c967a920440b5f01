"""School visits (지방의회 체험 / 모의의회) by year, and what the application form reads.

Totals, changes and progress are computed from stored rows, never stored; every function
runs a fixed number of queries however many years are loaded."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from common import figures
from council.models import Council, SecretariatUnit
from council.selectors import Contact, contact
from council.words import CouncilWords
from sessions_app.models import Session
from sessions_app.selectors import session_covering

from ..models import SchoolVisit, VisitApplication, VisitProgramSettings

# ---------------------------------------------------------------- school visits (지방의회 체험)


@dataclass(frozen=True)
class VisitYear:
    year: int
    visits: int
    pupils: int
    teachers: int
    change: figures.Change  # visitors against the year before

    @property
    def visitors(self) -> int:
        return self.pupils + self.teachers


@dataclass
class SchoolVisits:
    visits: list[SchoolVisit]  # latest first
    years: list[VisitYear]  # latest first

    @property
    def pupils(self) -> int:
        return sum(v.pupils for v in self.visits)

    @property
    def teachers(self) -> int:
        return sum(v.teachers for v in self.visits)

    @property
    def visitors(self) -> int:
        return self.pupils + self.teachers


def school_visits(council: Council) -> SchoolVisits:
    """Every visit with its visitor total, and totals per year against the year before.
    One query."""
    visits = list(SchoolVisit.objects.filter(council=council).order_by("-starts_on", "pk"))
    tally: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
    for visit in visits:
        t = tally[visit.starts_on.year]
        t[0] += 1
        t[1] += visit.pupils
        t[2] += visit.teachers
    years = []
    for year in sorted(tally):
        visits_n, pupils, teachers = tally[year]
        prev = tally.get(year - 1)
        change = figures.year_over_year(pupils + teachers, (prev[1] + prev[2]) if prev else None)
        years.append(VisitYear(year, visits_n, pupils, teachers, change))
    years.reverse()
    return SchoolVisits(visits=visits, years=years)


# ---------------------------------------------------------------- the programme's introduction


@dataclass(frozen=True)
class TextBlock:
    """A paragraph, or a list of items (lines starting with "- ")."""

    text: str = ""
    items: tuple[str, ...] = ()


def visit_intro(rules: VisitProgramSettings, words: CouncilWords) -> list[TextBlock]:
    """The programme's introduction as staff wrote it (VisitProgramSettings.intro): one
    paragraph a line, consecutive "- " lines one list; a single sentence naming the council's
    chamber while nothing is written. No query."""
    lines = [line.strip() for line in rules.intro.splitlines() if line.strip()]
    if not lines:
        return [
            TextBlock(
                text=f"관내 초·중·고등학교 학생들이 {words.council} 본회의장에서 의원을 만나고 "
                "지방자치를 체험하는 프로그램입니다."
            )
        ]
    blocks: list[TextBlock] = []
    for line in lines:
        if line.startswith("- "):
            item = line[2:].strip()
            if blocks and blocks[-1].items:
                blocks[-1] = TextBlock(items=(*blocks[-1].items, item))
            else:
                blocks.append(TextBlock(items=(item,)))
        else:
            blocks.append(TextBlock(text=line))
    return blocks


# ---------------------------------------------------------------- the application form

# The team that reads the applications (the council's team of this role, by its name).
RESPONSIBLE_ROLE = SecretariatUnit.Role.PROCEEDINGS


def responsible_contact(council: Council | None) -> Contact | None:
    """The team that reads the applications, with its number (None without a council)."""
    return contact(council, RESPONSIBLE_ROLE) if council is not None else None


def program_for(council: Council, day: datetime.date) -> VisitApplication.Program:
    """본회의 참관 on a session day (the programme is replaced while the council sits),
    otherwise the 지방의회 체험 programme."""
    if session_on(council, day) is not None:
        return VisitApplication.Program.OBSERVATION
    return VisitApplication.Program.EXPERIENCE


def session_on(council: Council, day: datetime.date) -> Session | None:
    """The council's session that covers the day, if any (sessions_app's selector): the one
    place outreach reads the schedule."""
    return session_covering(council, day)


# ---------------------------------------------------------------- the privacy policy


@dataclass(frozen=True)
class PrivacyFacts:
    """What the privacy policy says of the visit form, from the council's own records."""

    retention: str  # "1년": VisitProgramSettings.retention_label
    contact: Contact  # the team that reads the applications and answers requests


def privacy_facts(council: Council) -> PrivacyFacts:
    """The visit form's retention period and responsible team (the defaults while the
    council has not set the form's rules). Two queries; writes nothing."""
    rules = VisitProgramSettings.objects.filter(council=council).first() or VisitProgramSettings()
    return PrivacyFacts(retention=rules.retention_label, contact=contact(council, RESPONSIBLE_ROLE))
