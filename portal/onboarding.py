"""Set up a new council in an empty database from a description (YAML): the council, its
term, the ordinance's limits, committees (each with its body), the secretariat's units and
the permission groups named after its teams (docs/ONBOARDING.md).

``description_from_yaml`` checks the text's shape and names every wrong key by its path
("committees[2].name: 비어 있습니다"; list positions count from 1); ``council_set_up`` writes
everything in one transaction, checking each record with ``full_clean()``, and writes
nothing when any record is wrong.
"""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass
from typing import Any

import yaml
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction

from audit import roles
from common.korean import particle
from council.models import Committee, Council, SecretariatUnit, Term
from sessions_app.models import Body, SessionRules
from sessions_app.services import body_for_committee


class DescriptionError(Exception):
    """What is wrong with a description: one Korean line per problem, each naming its key."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


class CouncilExists(Exception):
    """The database already holds a council."""


@dataclass(frozen=True)
class CouncilInfo:
    name: str
    district: str
    kind: str
    portal_name: str = ""
    slogan: str = ""
    website: str = ""
    address: str = ""
    phone: str = ""
    calendar_uid_domain: str = ""


@dataclass(frozen=True)
class TermDescription:
    number: int
    seats: int
    starts_on: datetime.date
    ends_on: datetime.date


@dataclass(frozen=True)
class RulesDescription:
    basis: str
    max_days_per_year: int
    max_regular_days_per_year: int
    max_extraordinary_days: int
    plenary_minutes_days: int
    committee_minutes_days: int
    first_regular_opening: str = ""
    second_regular_opening: str = ""


@dataclass(frozen=True)
class BodyDescription:
    name: str
    short_name: str
    slug: str = ""
    place: str = ""


@dataclass(frozen=True)
class CommitteeDescription:
    name: str
    short_name: str
    kind: str
    order: int
    slug: str = ""
    place: str = ""


@dataclass(frozen=True)
class UnitDescription:
    kind: str
    name: str
    role: str = ""
    duties: str = ""
    phone: str = ""
    email: str = ""
    order: int = 0


@dataclass(frozen=True)
class CouncilDescription:
    council: CouncilInfo
    term: TermDescription
    session_rules: RulesDescription
    plenary: BodyDescription
    standing_body: BodyDescription | None
    committees: tuple[CommitteeDescription, ...]
    secretariat: tuple[UnitDescription, ...]


# ---------------------------------------------------------------- reading the text

_MISSING = object()


class _Reader:
    """Reads one mapping of the description, noting each problem under its key path."""

    def __init__(self, data: Any, path: str, errors: list[str]):
        self.path = path
        self.errors = errors
        self.ok = isinstance(data, dict)
        self.data: dict = data if self.ok else {}
        if not self.ok:
            errors.append(f"{path}: 항목(키: 값)의 묶음이어야 합니다.")

    def key(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def _raw(self, key: str, required: bool) -> Any:
        value = self.data.get(key, _MISSING)
        if value is None or (isinstance(value, str) and not value.strip()):
            value = _MISSING
        if value is _MISSING and required and self.ok:
            self.errors.append(f"{self.key(key)}: 비어 있습니다. 값을 적어 주세요.")
        return value

    def text(self, key: str, *, required: bool = False) -> str:
        value = self._raw(key, required)
        if value is _MISSING:
            return ""
        if isinstance(value, dict | list):
            self.errors.append(f"{self.key(key)}: 글자로 적어 주세요.")
            return ""
        return str(value).strip()

    def number(self, key: str, *, required: bool = True, default: int = 0) -> int:
        value = self._raw(key, required)
        if value is _MISSING:
            return default
        if isinstance(value, bool) or not isinstance(value, int | str):
            self.errors.append(f"{self.key(key)}: 0 이상의 정수로 적어 주세요.")
            return default
        try:
            number = int(value)
        except ValueError:
            self.errors.append(f"{self.key(key)}: 0 이상의 정수로 적어 주세요 (적은 값: {value}).")
            return default
        if number < 0:
            self.errors.append(f"{self.key(key)}: 0 이상의 정수로 적어 주세요 (적은 값: {value}).")
            return default
        return number

    def day(self, key: str) -> datetime.date:
        value = self._raw(key, True)
        if isinstance(value, datetime.date):
            return value
        if value is not _MISSING:
            try:
                return datetime.date.fromisoformat(str(value))
            except ValueError:
                self.errors.append(
                    f"{self.key(key)}: 날짜는 2026-07-01처럼 적어 주세요 (적은 값: {value})."
                )
        return datetime.date.min

    def choice(self, key: str, choices: type[models.TextChoices], *, required: bool = True) -> str:
        """A choice by its stored value or its Korean label (자치구, 상임위원회, 팀, 의사 …)."""
        value = self.text(key, required=required)
        if not value:
            return ""
        for stored, label in choices.choices:
            if value in (stored, str(label)):
                return stored
        allowed = ", ".join(str(label) for stored, label in choices.choices if stored)
        self.errors.append(
            f"{self.key(key)}: '{value}'은(는) 쓸 수 없습니다 (쓸 수 있는 값: {allowed})."
        )
        return ""

    def no_others(self, known: tuple[str, ...]) -> None:
        for key in self.data:
            if key not in known:
                self.errors.append(
                    f"{self.key(str(key))}: 알 수 없는 항목입니다 (쓸 수 있는 항목: {', '.join(known)})."
                )


def _fields(cls) -> tuple[str, ...]:
    return tuple(cls.__dataclass_fields__)


def _items(data: Any, path: str, errors: list[str]) -> list:
    if data is None:
        return []
    if not isinstance(data, list):
        errors.append(f"{path}: 목록(- 로 시작하는 줄들)이어야 합니다.")
        return []
    return data


def _unique(values: list[tuple[str, str]], what: str, errors: list[str]) -> None:
    """[(path, value)]: each repeated value named at its second use."""
    seen: dict[str, str] = {}
    for path, value in values:
        if value and value in seen:
            errors.append(
                f"{path}: {what} {particle(str(value), '이/가')} "
                f"{particle(str(seen[value]), '과/와')} 겹칩니다."
            )
        seen.setdefault(value, path)


def description_from_mapping(data: Any) -> CouncilDescription:
    """The description in `data` (parsed YAML), or DescriptionError naming every problem."""
    errors: list[str] = []
    top = _Reader(data, "", errors)
    if not top.ok:
        raise DescriptionError(["설명 파일: 항목(키: 값)의 묶음이어야 합니다."])
    top.no_others(_fields(CouncilDescription))

    c = _Reader(top.data.get("council"), "council", errors)
    c.no_others(_fields(CouncilInfo))
    council = CouncilInfo(
        name=c.text("name", required=True),
        district=c.text("district", required=True),
        kind=c.choice("kind", Council.Kind),
        **{key: c.text(key) for key in _fields(CouncilInfo)[3:]},
    )

    t = _Reader(top.data.get("term"), "term", errors)
    t.no_others(_fields(TermDescription))
    term = TermDescription(
        number=t.number("number"),
        seats=t.number("seats"),
        starts_on=t.day("starts_on"),
        ends_on=t.day("ends_on"),
    )

    r = _Reader(top.data.get("session_rules"), "session_rules", errors)
    r.no_others(_fields(RulesDescription))
    rules = RulesDescription(
        basis=r.text("basis", required=True),
        **{key: r.number(key) for key in _fields(RulesDescription)[1:6]},
        first_regular_opening=r.text("first_regular_opening"),
        second_regular_opening=r.text("second_regular_opening"),
    )

    def body(data: Any, path: str, name: str, short_name: str) -> BodyDescription:
        b = _Reader({} if data is None else data, path, errors)
        b.no_others(_fields(BodyDescription))
        return BodyDescription(
            name=b.text("name") or name,
            short_name=b.text("short_name") or short_name,
            slug=b.text("slug"),
            place=b.text("place"),
        )

    plenary = body(top.data.get("plenary"), "plenary", "본회의", "본회의")
    standing_data = top.data.get("standing_body")
    standing = (
        None
        if standing_data is False
        else body(standing_data, "standing_body", "상임위원회", "상임위")
    )

    committees = []
    for position, item in enumerate(_items(top.data.get("committees"), "committees", errors), 1):
        m = _Reader(item, f"committees[{position}]", errors)
        m.no_others(_fields(CommitteeDescription))
        committees.append(
            CommitteeDescription(
                name=m.text("name", required=True),
                short_name=m.text("short_name", required=True),
                kind=m.choice("kind", Committee.Kind),
                order=m.number("order", required=False, default=position),
                slug=m.text("slug"),
                place=m.text("place"),
            )
        )
    if standing is not None and not any(c.kind == Committee.Kind.STANDING for c in committees):
        standing = None  # no standing committee to gather

    units = []
    for position, item in enumerate(_items(top.data.get("secretariat"), "secretariat", errors), 1):
        u = _Reader(item, f"secretariat[{position}]", errors)
        u.no_others(_fields(UnitDescription))
        units.append(
            UnitDescription(
                kind=u.choice("kind", SecretariatUnit.Kind),
                name=u.text("name", required=True),
                role=u.choice("role", SecretariatUnit.Role, required=False),
                duties=u.text("duties"),
                phone=u.text("phone"),
                email=u.text("email"),
                order=u.number("order", required=False, default=position),
            )
        )

    _unique(
        [(f"committees[{i}].name", x.name) for i, x in enumerate(committees, 1)], "위원회명", errors
    )
    body_short_names = [("plenary.short_name", plenary.short_name)]
    if standing is not None:
        body_short_names.append(("standing_body.short_name", standing.short_name))
    body_short_names += [
        (f"committees[{i}].short_name", x.short_name) for i, x in enumerate(committees, 1)
    ]
    _unique(body_short_names, "약칭", errors)
    _unique([(f"secretariat[{i}].name", x.name) for i, x in enumerate(units, 1)], "명칭", errors)
    _unique([(f"secretariat[{i}].role", x.role) for i, x in enumerate(units, 1)], "역할", errors)
    if errors:
        raise DescriptionError(errors)
    return CouncilDescription(
        council=council,
        term=term,
        session_rules=rules,
        plenary=plenary,
        standing_body=standing,
        committees=tuple(committees),
        secretariat=tuple(units),
    )


def description_from_yaml(text: str) -> CouncilDescription:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as wrong:
        mark = getattr(wrong, "problem_mark", None)
        where = f" ({mark.line + 1}번째 줄)" if mark is not None else ""
        raise DescriptionError([f"YAML 형식이 올바르지 않습니다{where}."]) from None
    return description_from_mapping(data)


# ---------------------------------------------------------------- writing the records


def _messages(error: ValidationError, path: str) -> list[str]:
    if not hasattr(error, "error_dict"):
        return [f"{path}: {message}" for message in error.messages]
    found = []
    for field, messages in error.message_dict.items():
        where = path if field == NON_FIELD_ERRORS else f"{path}.{field}"
        found += [f"{where}: {message}" for message in messages]
    return found


def _saved(record: models.Model, path: str, errors: list[str]) -> bool:
    try:
        record.full_clean()
    except ValidationError as wrong:
        errors.extend(_messages(wrong, path))
        return False
    record.save()
    return True


def council_set_up(*, description: CouncilDescription, allow_existing: bool = False) -> Council:
    """Create the described council with its term, limits, bodies, committees and units, and
    name the permission groups after its teams. Refuses a database that has a council unless
    `allow_existing`. DescriptionError (nothing written) when any record is wrong."""
    with transaction.atomic():
        if not allow_existing and Council.objects.exists():
            raise CouncilExists(
                "이미 의회가 등록되어 있습니다. setup_council은 빈 데이터베이스에서만 "
                "실행합니다 (다른 의회를 더하려면 --allow-existing)."
            )
        errors: list[str] = []
        council = Council(**asdict(description.council))
        if not _saved(council, "council", errors):
            raise DescriptionError(errors)
        _saved(Term(council=council, **asdict(description.term)), "term", errors)
        _saved(
            SessionRules(council=council, **asdict(description.session_rules)),
            "session_rules",
            errors,
        )
        last_order = max((c.order for c in description.committees), default=0)
        _saved(
            Body(
                council=council,
                kind=Body.Kind.PLENARY,
                order=last_order + 1,
                **asdict(description.plenary),
            ),
            "plenary",
            errors,
        )
        if description.standing_body is not None:
            _saved(
                Body(
                    council=council,
                    kind=Body.Kind.STANDING,
                    order=0,
                    **asdict(description.standing_body),
                ),
                "standing_body",
                errors,
            )
        for position, item in enumerate(description.committees, 1):
            path = f"committees[{position}]"
            committee = Committee(
                council=council,
                name=item.name,
                short_name=item.short_name,
                kind=item.kind,
                order=item.order,
            )
            if _saved(committee, path, errors):
                try:
                    body_for_committee(committee=committee, slug=item.slug, place=item.place)
                except ValidationError as wrong:
                    errors.extend(_messages(wrong, path))
        for position, unit in enumerate(description.secretariat, 1):
            _saved(
                SecretariatUnit(council=council, **asdict(unit)), f"secretariat[{position}]", errors
            )
        if errors:
            raise DescriptionError(errors)
        roles.apply_roles()
    return council
