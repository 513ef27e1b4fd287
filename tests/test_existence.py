"""Existence and identifiability on SparseMSE's Artificial_3 (Chan, Silverman & Vincent
2021, Table 2; SparseMSE 2.0.1 ``checkident`` examples): the MLE exists only for the
main-effects model and models with AC and/or BC but not AB; the model with all three
two-way terms is not identifiable."""

from __future__ import annotations

import pytest

from estimators import Status, estimate, search_models

from .conftest import load

EXPECTED = {
    "main": Status.OK,
    "A:C": Status.OK,
    "B:C": Status.OK,
    "A:C,B:C": Status.OK,
    "A:B": Status.MLE_DOES_NOT_EXIST,
    "A:B,A:C": Status.MLE_DOES_NOT_EXIST,
    "A:B,B:C": Status.MLE_DOES_NOT_EXIST,
    "A:B,A:C,B:C": Status.NOT_IDENTIFIABLE,
}


@pytest.mark.filterwarnings("ignore::estimators.BoundaryWarning")
@pytest.mark.parametrize(("model", "status"), list(EXPECTED.items()))
def test_artificial3_statuses(model, status):
    r = estimate(load("SparseMSE_Artificial_3"), "loglinear", model=model)
    assert r.status == status
    if status != Status.OK:
        assert r.estimate is None and r.lower is None and r.upper is None
        assert r.messages


def test_boundary_warning_is_filterable():
    from estimators import BoundaryWarning, RemovalsWarning

    assert issubclass(BoundaryWarning, RemovalsWarning)
    with pytest.warns(BoundaryWarning):
        estimate(load("SparseMSE_Artificial_3"), "loglinear", model="A:B")


def test_search_table_statuses_match_single_fits():
    table = search_models(load("SparseMSE_Artificial_3")).table.set_index("terms")
    labels = {"main": "main effects", "A:C": "A:C", "B:C": "B:C", "A:C,B:C": "A:C + B:C", "A:B": "A:B",
              "A:B,A:C": "A:B + A:C", "A:B,B:C": "A:B + B:C", "A:B,A:C,B:C": "A:B + A:C + B:C"}
    for model, status in EXPECTED.items():
        assert table.loc[labels[model], "status"] == status.value


def test_zero_overlap_terms_give_finite_estimate():
    # A:C with no A-C overlap: extended MLE, estimate 296 as in Rcapture's [13,23] entry.
    r = estimate(load("SparseMSE_Artificial_3"), "loglinear", model="A:C,B:C", interval="wald")
    assert r.estimate == pytest.approx(296.0, rel=1e-6)


# One list (A) holds all 14 people observed (cells 101: 5, 111: 3, 110: 2, 100: 4).  The
# Mt likelihood is largest at N = n with p_A = 1 and falls as N grows (people off A would
# also have to be missed by B and C, which catch 5 and 8 of 14), so the data bound N: the
# estimate is n, on the boundary, with a profile interval from n (Mt: upper 14.83).
ALL_ON_A = {"A": [1, 1, 1, 1], "B": [0, 1, 1, 0], "C": [1, 1, 0, 0], "count": [5, 3, 2, 4]}


def _histories(table):
    import pandas as pd

    from estimators import CaptureHistories

    return CaptureHistories.from_frequency_table(pd.DataFrame(table))


@pytest.mark.parametrize(("method", "upper"), [("Mt", 14.830370814970001), ("Mth-chao", 14.905602397670362),
                                               ("Mth-poisson2", 15.07100280238923)])
def test_list_holding_everyone_puts_the_estimate_at_n(method, upper):
    r = estimate(_histories(ALL_ON_A), method)
    assert r.status == Status.WARNING
    assert r.estimate == 14.0 and r.lower == 14.0
    assert r.upper == pytest.approx(upper, rel=1e-6)
    assert "on the boundary of the parameter space" in r.messages[0]
    assert "calibration is doubtful" in r.messages[0]
    assert "unbounded" not in " ".join(r.messages)
    assert r.details["profile_maximiser"] == pytest.approx(14.0, abs=1e-3)
    assert r.details["unobserved"] == 0.0


def test_list_holding_everyone_profile_falls_from_n():
    # The interval is the set where the profile log-likelihood is within chi2_1(.95)/2 of
    # its value at n; far beyond the upper limit it keeps falling.
    import numpy as np

    from estimators.cells import cell_patterns
    from estimators.loglinear.single import _profile

    h = _histories(ALL_ON_A)
    y = h.cell_counts()
    X = np.column_stack([np.ones(len(y)), *cell_patterns(3).astype(float).T])
    off = np.zeros(X.shape[1], bool)
    prof = _profile(X, y, np.ones(len(y), bool), np.ones(X.shape[1], bool), off, off, 14.0, 14.0, 0.95)
    assert prof.n_max == pytest.approx(14.0, abs=1e-3) and prof.lower_at_boundary
    assert prof.upper == pytest.approx(14.830370814970001, rel=1e-6)


def test_m0_is_unaffected_by_a_list_holding_everyone():
    # M0 has one capture probability for every list: nothing sits on the boundary.
    r = estimate(_histories(ALL_ON_A), "M0")
    assert r.status == Status.OK and r.estimate > 14.0 and r.lower == 14.0 and r.upper > r.estimate


@pytest.mark.filterwarnings("ignore::estimators.BoundaryWarning")
@pytest.mark.parametrize("method", ["Mt", "Mth-chao"])
def test_no_overlap_is_still_unbounded(method):
    # Everyone on exactly one list: the likelihood does not fall as N grows.
    r = estimate(_histories({"A": [1, 0, 0], "B": [0, 1, 0], "C": [0, 0, 1], "count": [5, 5, 5]}), method)
    assert r.status == Status.MLE_DOES_NOT_EXIST and r.estimate is None and r.upper is None
    assert "N is unbounded" in r.messages[0]


def test_unobserved_cell_limit_classifies_the_boundary():
    import numpy as np

    from estimators.cells import cell_patterns
    from estimators.loglinear.existence import mle_exists, unobserved_cell_limit

    pats = cell_patterns(3).astype(float)
    X = np.column_stack([np.ones(len(pats)), *pats.T])
    y_all_on_a = np.where(pats[:, 0] == 1, 3.0, 0.0)
    y_apart = np.where(pats.sum(axis=1) == 1, 5.0, 0.0)
    assert not mle_exists(X, y_all_on_a) and unobserved_cell_limit(X, y_all_on_a) == "zero"
    assert not mle_exists(X, y_apart) and unobserved_cell_limit(X, y_apart) == "infinite"
