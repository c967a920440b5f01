"""The seed's session schedule: 8 sessions held in 2022 and 5 planned for 2023."""

from sessions_app.models import Session


def test_seed_has_8_sessions_in_2022_and_5_in_2023(seeded):
    assert Session.objects.filter(council=seeded, first_day__year=2022).count() == 8
    assert Session.objects.filter(council=seeded, first_day__year=2023).count() == 5
    assert Session.objects.count() == 13


def test_seeded_sessions_have_unique_numbers_and_sane_dates(seeded):
    sessions = list(Session.objects.all())

    assert len({s.number for s in sessions}) == len(sessions)
    assert all(s.first_day <= s.last_day for s in sessions)
