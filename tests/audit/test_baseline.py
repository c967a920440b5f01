"""The seed's records start their history as "초기 자료": a clerk's first change of a seed
figure is shown as old → new, and a clash with another clerk names the old value."""

from __future__ import annotations

import datetime

import time_machine

from audit.baseline import BASELINE_REASON, history_baseline_create
from audit.models import tracked_models
from outreach.models import PRFigure
from tests.conftest import FROZEN_NOW


def test_every_seed_record_has_one_baseline_entry(seeded):
    for model in tracked_models():
        history = model.history.model
        rows = model._base_manager.count()
        baseline = history.objects.filter(history_change_reason=BASELINE_REASON)
        pk = model._meta.pk.attname
        missing = model._base_manager.exclude(pk__in=history.objects.values(pk))
        assert not missing.exists(), model
        if rows:
            assert baseline.exists() or history.objects.exists(), model
    figure = PRFigure.objects.first()
    (first,) = figure.history.all()
    assert first.history_change_reason == BASELINE_REASON
    assert first.history_user is None
    assert history_baseline_create() == 0  # a second run adds nothing


def test_the_first_change_of_a_seed_figure_compares_with_its_baseline(seeded):
    figure = PRFigure.objects.first()
    old = figure.count
    figure.count = old + 1
    with time_machine.travel(FROZEN_NOW + datetime.timedelta(days=1)):
        figure.save()
    latest = figure.history.latest()
    delta = latest.diff_against(latest.prev_record)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [("count", old, old + 1)]
