"""Budget rules: no negative money, amounts only on expense categories (편성목), and a tree
whose levels follow each other. Every refusal speaks Korean."""

import pytest
from django.core.exceptions import ValidationError

from budget.models import BudgetAmount, BudgetItem
from workplan.models import Project, ProjectFinancing


def leaf(council):
    return BudgetItem.objects.filter(council=council, level=BudgetItem.Level.CATEGORY).first()


def errors_of(instance) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        instance.full_clean()
    return caught.value.message_dict


def test_negative_budget_amount_is_refused(seeded):
    amount = BudgetAmount(item=leaf(seeded), year=2024, amount=-1)

    errors = errors_of(amount)

    assert list(errors) == ["amount"]
    assert errors["amount"][0].startswith("예산액은 0원 이상이어야 합니다.")


def test_zero_budget_amount_is_allowed(seeded):
    BudgetAmount(item=leaf(seeded), year=2024, amount=0).full_clean()


def test_negative_project_financing_is_refused(seeded):
    financing = ProjectFinancing(project=Project.objects.first(), year=2030, amount=-1_000)

    assert errors_of(financing) == {"amount": ["소요재원은 0원 이상이어야 합니다."]}


def test_amount_on_a_non_leaf_item_is_refused(seeded):
    detail = BudgetItem.objects.filter(council=seeded, level=BudgetItem.Level.DETAIL).first()
    amount = BudgetAmount(item=detail, year=2024, amount=1_000_000)

    errors = errors_of(amount)

    assert list(errors) == ["item"]
    # The field's limit_choices_to adds Django's generic "not a valid choice" message first;
    # the model's own explanation is there too.
    assert any(
        m.startswith("금액은 편성목(가장 아래 단계)에만 입력합니다.") for m in errors["item"]
    )


def test_item_level_must_follow_its_parent(seeded):
    programme = BudgetItem.objects.filter(council=seeded, level=BudgetItem.Level.PROGRAMME).first()
    item = BudgetItem(
        council=seeded, parent=programme, level=BudgetItem.Level.DETAIL, name="새 세부사업"
    )

    errors = errors_of(item)

    assert errors == {"level": ["상위 항목이 정책사업이므로 이 항목은 단위사업이어야 합니다."]}


def test_nothing_goes_under_an_expense_category(seeded):
    item = BudgetItem(
        council=seeded, parent=leaf(seeded), level=BudgetItem.Level.CATEGORY, name="새 편성목"
    )

    assert errors_of(item) == {"parent": ["편성목 아래에는 항목을 둘 수 없습니다."]}


def test_an_item_below_the_top_needs_a_parent(seeded):
    item = BudgetItem(council=seeded, level=BudgetItem.Level.UNIT, name="떠돌이 단위사업")

    assert errors_of(item) == {"parent": ["정책사업이 아닌 항목은 상위 항목이 있어야 합니다."]}


def test_two_programmes_of_the_same_name_are_refused(seeded):
    """NULL parents never collide in a unique index, so top-level names need their own rule."""
    existing = BudgetItem.objects.get(parent=None, name="행정운영경비")
    twin = BudgetItem(council=existing.council, parent=None, level=1, name="행정운영경비")
    with pytest.raises(ValidationError) as excinfo:
        twin.full_clean()
    assert "같은 이름의 정책사업이 이미 있습니다." in str(excinfo.value)
