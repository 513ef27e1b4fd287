"""The capture-history type and the MSE invariances (STYLE.md point 14)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from estimators import CaptureHistories, estimate, search_models

from .conftest import load

METHODS = ["chao", "M0", "Mt", "Mh-chao", "Mth-darroch", "loglinear"]


def test_summaries_of_hiv():
    h = load("Rcapture_HIV")
    assert h.n == 1896 and h.k == 4
    assert sum(h.cell_counts()) == 1896
    assert len(h.cell_counts()) == 15
    sizes = h.list_sizes
    assert all(sizes[name] == h.overlaps.loc[name, name] for name in h.lists)
    assert h.f_counts().sum() == h.n


def test_immutable():
    h = load("CARE1_HAV")
    with pytest.raises(ValueError):
        h.counts[0] = 5
    with pytest.raises(AttributeError):
        h.lists = ("x",)  # type: ignore[misc]


def test_drop_merge_reorder():
    h = load("SparseMSE_UKdat")
    merged = h.merge_lists(["PF", "NCA"], "PFNCA").reorder(["LA", "NG", "PFNCA", "GO", "GP"])
    ukdat5 = load("SparseMSE_UKdat_5")
    assert np.array_equal(merged.cell_counts(), ukdat5.cell_counts())
    dropped = h.drop_lists(["NCA"])
    assert dropped.k == 5 and dropped.n == h.n - 57  # 57 people are on NCA only


def test_strata_selection_and_collapse():
    h = load("conting_spina")
    assert h.strata_columns == ("eth",)
    total = sum(h.select_stratum(lab).n for lab in h.strata_labels())
    assert total == h.n == h.collapse_strata().n == 621


def expand(h: CaptureHistories) -> pd.DataFrame:
    return pd.DataFrame(np.repeat(h.patterns, h.counts, axis=0), columns=list(h.lists))


@pytest.mark.parametrize("method", METHODS)
def test_records_and_frequencies_give_identical_fits(method):
    h = load("CARE1_Diabetes")
    records = CaptureHistories.from_records(expand(h))
    a, b = estimate(h, method), estimate(records, method)
    assert a.estimate == b.estimate and a.lower == b.lower and a.upper == b.upper


@pytest.mark.parametrize("method", METHODS)
def test_permuting_lists_leaves_estimate_unchanged(method, rng):
    h = load("Rcapture_lesbian")
    order = list(rng.permutation(h.lists))
    a, b = estimate(h, method), estimate(h.reorder(order), method)
    assert b.estimate == pytest.approx(a.estimate, rel=1e-9)
    assert b.upper == pytest.approx(a.upper, rel=1e-6)


def test_permutation_keeps_selected_model():
    h = load("CARE1_Congenital")
    order = ["school", "DMH", "obstetric", "DPH", "hospital"]
    a = search_models(h).selected
    b = search_models(h.reorder(order)).selected
    assert b.estimate == pytest.approx(a.estimate, rel=1e-9)
    assert set(b.details["terms"].split(" + ")) == {
        ":".join(sorted(t.split(":"), key=order.index)) for t in a.details["terms"].split(" + ")
    }


@pytest.mark.parametrize("method", ["chao", "M0", "Mt", "loglinear"])
def test_doubling_counts_roughly_doubles_estimate(method):
    h = load("CARE1_HAV")
    doubled = CaptureHistories(lists=h.lists, patterns=h.patterns, counts=2 * h.counts)
    a = estimate(h, method, model="P:Q") if method == "loglinear" else estimate(h, method)
    b = estimate(doubled, method, model="P:Q") if method == "loglinear" else estimate(doubled, method)
    assert b.estimate == pytest.approx(2 * a.estimate, rel=1e-6)
    # the interval narrows relative to the estimate
    assert (b.upper - b.lower) / b.estimate < (a.upper - a.lower) / a.estimate
