"""generate_demo writes synthetic Korean minutes for every held sitting, the same for the
same seed, scalable in size, and manage.py generate_demo indexes them for search."""

import pytest
from django.core.management import call_command

from minutes.models import Minutes, paragraphs
from portal import demo
from search.models import SearchEntry
from sessions_app.models import Sitting


@pytest.mark.django_db
def test_held_sittings_get_minutes_of_the_asked_size(clock):
    demo.generate(years=1, minutes_paragraphs=5)

    held = Sitting.objects.filter(date__lt=clock.today).count()
    assert held and Minutes.objects.count() == held
    assert not Minutes.objects.filter(sitting__date__gte=clock.today).exists()
    minutes = Minutes.objects.select_related("sitting__body").first()
    lines = paragraphs(minutes.text)
    assert len(lines) == 5 + 2  # opening, five speeches, closing
    assert lines[0] == f"{minutes.sitting.body.name} 회의를 개의하겠습니다."


@pytest.mark.django_db
def test_the_command_indexes_what_it_made(clock):
    call_command(
        "generate_demo", "--years", "1", "--minutes-paragraphs", "2", stdout=open("/dev/null", "w")
    )

    assert SearchEntry.objects.filter(kind="minutes").count() == Minutes.objects.count() * 4
    assert SearchEntry.objects.filter(kind="session").exists()


def test_the_same_seed_gives_the_same_text():
    import random

    class Body:
        name = "본회의"

    first = demo.minutes_text(random.Random(3), Body, 4)
    assert first == demo.minutes_text(random.Random(3), Body, 4)
