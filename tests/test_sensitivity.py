"""Leave-one-list-out sensitivity and method comparison."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from estimators import estimate
from estimators.studies.example_data import synthetic_belarus_lists
from estimators.studies.sensitivity import COMPARE_COLUMNS, DROP_ONE_COLUMNS, compare_methods, drop_one_list


@pytest.fixture(scope="module")
def lists():
    return synthetic_belarus_lists(2)[0]


def test_drop_one_rows_and_values(lists):
    t = drop_one_list(lists, "chao", seed=1)
    assert list(t.columns) == list(DROP_ONE_COLUMNS)
    assert len(t) == lists.k + 1
    assert t.loc[0, "dropped"] is None and t.loc[0, "k"] == lists.k and t.loc[0, "observed"] == lists.n
    assert list(t["dropped"][1:]) == list(lists.lists)
    for i, name in enumerate(lists.lists, start=1):
        h = lists.drop_lists([name])
        assert t.loc[i, "observed"] == h.n and t.loc[i, "k"] == 2
        assert t.loc[i, "estimate"] == pytest.approx(estimate(h, "chao").estimate)
    assert t.attrs["method"] == "chao" and t.attrs["seed"] == 1


def test_drop_one_reports_methods_that_need_more_lists(lists):
    t = drop_one_list(lists, "M0", seed=1)
    assert t.loc[0, "status"] == "ok"
    # every 2-list fit of M0 (a 3+-list-capable log-linear model) is either a number or a status
    for _, row in t.iloc[1:].iterrows():
        assert (row["estimate"] is None or np.isnan(row["estimate"])) == (row["status"] not in ("ok", "warning"))


def test_compare_methods(lists):
    two = lists.drop_lists([lists.lists[2]])
    out = compare_methods(
        two,
        {"Chapman": ("chapman", {}), "two-source (psi ~ 2)": ("two-source", {"draws": 200}),
         "Chao": ("chao", {})},
        seed=3,
    )
    assert list(out.table.columns) == list(COMPARE_COLUMNS)
    assert list(out.table["label"]) == ["Chapman", "two-source (psi ~ 2)", "Chao"]
    assert set(out.results) == {"Chapman", "two-source (psi ~ 2)", "Chao"}
    assert out.results["two-source (psi ~ 2)"].n_draws().shape == (4, 200)
    assert out.results["Chapman"].n_draws() is None
    assert out.table.loc[0, "estimate"] == pytest.approx(estimate(two, "chapman").estimate)
    again = compare_methods(two, {"two-source": ("two-source", {"draws": 200})}, seed=3)
    np.testing.assert_array_equal(again.results["two-source"].n_draws(), out.results["two-source (psi ~ 2)"].n_draws())
    with pytest.raises(ValueError, match="tuple"):
        compare_methods(two, {"bad": "chapman"}, seed=1)  # type: ignore[dict-item]
    assert isinstance(out.table, pd.DataFrame)
