"""A list whose removal date dates another event is found on sure matches and dropped for it alone.

SYNTHETIC keys (no names): sure pairs share made-up family keys and one birth date.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from estimators.linkage.list_fields import MIN_SURE_PAIRS, REMOVAL_WINDOW_DAYS, fields_with_another_meaning


def _keys(n: int, offsets: list[np.ndarray], *, seed: int = 0) -> tuple[pd.DataFrame, np.ndarray]:
    """``len(offsets)`` lists of the same ``n`` children; list k dates child i at day 9 i + offsets[k][i]."""
    rng = np.random.default_rng(seed)
    base = rng.permutation(n) * 9.0
    days = np.concatenate([base + off for off in offsets])
    k = len(offsets)
    keys = pd.DataFrame({
        "family_key": [f"f{i}" for i in range(n)] * k, "given_key": "g", "birth_year": 2012,
        "birth_month": 3, "birth_day": 4, "removal_day": days, "removal_month": days // 30,
    })
    return keys, np.repeat(np.arange(k), n)


def test_a_list_dating_another_event_is_dropped_and_only_it() -> None:
    rng = np.random.default_rng(1)
    n = 60
    near = [rng.integers(-5, 6, n).astype(float) for _ in range(3)]
    unrelated = rng.integers(60, 700, n).astype(float)  # the day of a ruling, months to years later
    keys, lists = _keys(n, [*near, unrelated])
    checks = {c.list_index: c for c in fields_with_another_meaning(keys, lists, 4)}
    assert [c.dropped for c in checks.values()] == [False, False, False, True]
    assert checks[3].agreeing == 0 and checks[3].sure_pairs == 3 * n
    assert checks[0].same_share == pytest.approx(1.0)


def test_dates_that_agree_in_most_sure_pairs_are_kept() -> None:
    # a list whose dates are a week or two late for a third of its children still dates the removal
    rng = np.random.default_rng(2)
    n = 60
    late = np.where(rng.random(n) < 0.3, rng.integers(40, 90, n), 0).astype(float)
    keys, lists = _keys(n, [np.zeros(n), np.zeros(n), np.zeros(n), late])
    assert not any(c.dropped for c in fields_with_another_meaning(keys, lists, 4))


def test_too_few_sure_pairs_or_too_few_lists_judge_nothing() -> None:
    few = MIN_SURE_PAIRS // 3  # each child gives 3 sure pairs of the fourth list
    keys, lists = _keys(few, [np.zeros(few)] * 3 + [np.full(few, 500.0)])
    assert not any(c.dropped for c in fields_with_another_meaning(keys, lists, 4))
    keys, lists = _keys(60, [np.zeros(60), np.full(60, 500.0)])
    assert fields_with_another_meaning(keys, lists, 2) == []  # two lists: which one is wrong?


def test_a_field_no_more_alike_in_sure_pairs_than_in_random_ones_is_not_judged() -> None:
    # every list dates at random: the field is not informative anywhere, so nothing is "another meaning"
    rng = np.random.default_rng(3)
    keys, lists = _keys(60, [rng.integers(0, 2000, 60).astype(float) for _ in range(4)])
    assert not any(c.dropped for c in fields_with_another_meaning(keys, lists, 4))


def test_window_is_the_models_widest_agreeing_level() -> None:
    keys, lists = _keys(60, [np.zeros(60), np.zeros(60), np.full(60, float(REMOVAL_WINDOW_DAYS))])
    assert not any(c.dropped for c in fields_with_another_meaning(keys, lists, 3))


def test_report_holds_counts_not_values() -> None:
    keys, lists = _keys(30, [np.zeros(30), np.zeros(30), np.full(30, 400.0)])
    d = fields_with_another_meaning(keys, lists, 3)[-1].to_dict()
    assert set(d) == {"field", "list_index", "sure_pairs", "agreeing", "same_share", "random_share", "dropped"}
    assert d["dropped"] is True and d["field"] == "removal_month"
