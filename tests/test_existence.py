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
