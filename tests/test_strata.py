"""Stratified estimation: per-stratum verdicts, totals, seeded bootstrap."""

from __future__ import annotations

import pandas as pd
import pytest

from estimators import CaptureHistories, Status, estimate

from .conftest import load


def test_stratum_with_too_few_lists_is_not_estimable():
    frame = pd.DataFrame(
        {
            "A": [1, 0, 0, 1, 1, 0, 1, 0],
            "B": [0, 1, 0, 1, 0, 1, 1, 1],
            "C": [0, 0, 1, 0, 1, 1, 1, 0],
            "g": ["x", "x", "x", "x", "x", "x", "x", "y"],
            "count": [30, 25, 20, 10, 8, 6, 3, 9],
        }
    )
    frame.loc[7, ["A", "B", "C"]] = [1, 1, 0]
    h = CaptureHistories.from_frequency_table(frame, strata=["g"])
    r = estimate(h, "Mt", seed=3, bootstrap_replicates=200)
    by = {s.stratum["g"]: s for s in r.strata}
    assert by["y"].status == Status.INSUFFICIENT_DATA
    assert "only 2 list(s)" in by["y"].messages[0]
    assert by["x"].has_estimate
    assert r.status == Status.WARNING
    assert r.estimate == pytest.approx(by["x"].estimate)
    assert r.details["strata_covered"] == 1 and r.details["observed_not_covered"] == 9
    assert any("covers 1 of 2 strata" in m for m in r.messages)


def test_total_and_bootstrap_are_reproducible():
    h = load("conting_spina")
    a = estimate(h, "Mt", seed=11, bootstrap_replicates=300)
    b = estimate(h, "Mt", seed=11, bootstrap_replicates=300)
    c = estimate(h, "Mt", seed=12, bootstrap_replicates=300)
    assert a.to_dict() == b.to_dict()
    assert a.lower != c.lower
    assert a.estimate == pytest.approx(sum(s.estimate for s in a.strata if s.has_estimate))
    assert a.lower < a.estimate < a.upper


def test_seed_is_recorded_when_not_given():
    r = estimate(load("conting_spina"), "Mt", bootstrap_replicates=50)
    assert isinstance(r.seed, int)
