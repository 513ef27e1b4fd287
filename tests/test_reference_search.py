"""Model search against Rcapture 1.4-4 ``closedpMS.t`` (R 4.2.2).

Reference: ``closedpMS.t(X, dfreq = TRUE, [maxorder = 2,] stopiflong = FALSE)`` - the
best-AIC and best-BIC models, their estimates, AIC/BIC, and the profile interval from
``closedpCI.t(X, dfreq = TRUE, mX = <formula of the model>)``; the JSON records every
call.  The selected model must be the same model (exact); numbers as in
``test_reference_rcapture``.

Rcapture does not check that the MLE exists.  Where its choice has no MLE (Western's
best AIC, with an estimate of 4.4e13; Artificial_3's [12,3]) our search must list that
model with status ``mle_does_not_exist`` and select the best model that has one.
"""

from __future__ import annotations

import functools

import pytest

from estimators import search_models
from estimators.loglinear.design import parse_rcapture_name

from .conftest import CORE, OTHERS, load, reference

NO_MLE_IN_R_CHOICE = {("SparseMSE_Western", "aic"), ("SparseMSE_Artificial_3", "aic"), ("SparseMSE_Artificial_3", "bic")}


@functools.cache
def searched(name: str, criterion: str, maxorder: int):
    return search_models(load(name).collapse_strata(), criterion=criterion, maxorder=maxorder, search="exhaustive")


def cases():
    for name in CORE + OTHERS:
        for m in reference(name)["methods"]:
            if "closedpMS" in m["method"]:
                crit = "aic" if "AIC" in m["method"] else "bic"
                yield pytest.param(name, crit, m, id=f"{name}-{crit}")


@pytest.mark.parametrize(("name", "criterion", "ref"), list(cases()))
def test_search_selects_rcapture_model(name, criterion, ref):
    result = searched(name, criterion, ref["maxorder"])
    table = result.table
    assert len(table) == ref["n_models_compared"]
    row = table[table["model"] == ref["model"]].iloc[0]
    # The reference model's fit statistics agree whatever its status.
    assert row["aic"] == pytest.approx(ref["AIC"], rel=1e-4)
    assert row["bic"] == pytest.approx(ref["BIC"], rel=1e-4)
    assert row["df"] == ref["df"]
    if (name, criterion) in NO_MLE_IN_R_CHOICE:
        assert row["status"] == "mle_does_not_exist"
        assert result.selected.details["model"] != ref["model"]
        assert result.selected.has_estimate
        return
    sel = result.selected
    assert sel.details["model"] == ref["model"]
    assert sel.estimate == pytest.approx(ref["estimate"], rel=1e-4)
    assert sel.lower == pytest.approx(ref["ci_lower"], rel=1e-3)
    if ref["ci_upper"] is None:
        assert sel.upper is None or sel.upper > 3 * ref["estimate"]
    else:
        assert sel.upper == pytest.approx(ref["ci_upper"], rel=1e-3)


@pytest.mark.parametrize(("name", "criterion", "ref"), list(cases()))
def test_top5_models_agree(name, criterion, ref):
    """Every model in Rcapture's printed top 5 has the same criterion value here."""
    table = searched(name, criterion, ref["maxorder"]).table.set_index("model")
    for entry in ref["top5"]:
        row = table.loc[entry["model"]]
        key = "AIC" if criterion == "aic" else "BIC"
        assert row[criterion] == pytest.approx(entry[key], rel=1e-4)
        if row["status"] == "ok":
            assert row["estimate"] == pytest.approx(entry["estimate"], rel=1e-4)


def test_ukdat_exhaustive_two_way_search_is_rcapture_model():
    """The issue's acceptance case: 6 lists, 32,768 models, same AIC and BIC models."""
    ref = {m["method"]: m for m in reference("SparseMSE_UKdat")["methods"]}
    aic = searched("SparseMSE_UKdat", "aic", 2)
    bic = searched("SparseMSE_UKdat", "bic", 2)
    assert len(aic.table) == 32768
    assert aic.selected.details["model"] == ref["best-AIC hierarchical log-linear model (closedpMS.t)"]["model"]
    assert bic.selected.details["model"] == ref["best-BIC hierarchical log-linear model (closedpMS.t)"]["model"]


def test_stepwise_search_beyond_six_lists_gives_an_existing_model():
    h = load("SparseMSE_NewOrl")  # 8 lists: stepwise by default
    result = search_models(h)
    assert result.search == "stepwise"
    assert result.selected.has_estimate
    ok = result.table[result.table["status"] == "ok"]
    assert result.selected.details["aic"] == pytest.approx(ok["aic"].min(), rel=1e-12)


def test_stepwise_never_beats_exhaustive():
    h = load("CARE1_Congenital")
    step = search_models(h, search="stepwise")
    full = search_models(h, search="exhaustive", maxorder=2)
    assert step.selected.details["aic"] >= full.selected.details["aic"] - 1e-9


def test_parse_rcapture_name_roundtrip():
    from estimators.loglinear.design import rcapture_name

    for name, k in (("[12,13,15,16,24,25,35,36,45]", 6), ("[124,234,15,25,35,45]", 5), ("[23,1]", 3), ("[1,2,3,4]", 4)):
        assert rcapture_name(parse_rcapture_name(name, k), k) == name
