"""Main-effects model with the Wald (log-scale) interval against SparseMSE 2.0.1.

Reference: ``estimatepopulation.0(Z, method = "main", quantiles = c(0.025, 0.975))``
(R 4.2.2), recorded in each reference JSON.  Same MLE and the same closed-form
interval n + exp(b0 +/- z se(b0)): rtol 1e-4.
"""

from __future__ import annotations

import pytest

from estimators import estimate

from .conftest import CORE, OTHERS, load, reference


def cases():
    for name in CORE + OTHERS:
        for m in reference(name)["methods"]:
            if m["anchor"] == "SparseMSE" and m["method"] == "estimatepopulation.0 main":
                yield pytest.param(name, m, id=name)


@pytest.mark.parametrize(("name", "ref"), list(cases()))
def test_main_effects_wald_matches_sparsemse(name, ref):
    h = load(name).collapse_strata()
    r = estimate(h, "loglinear", model="main", interval="wald")
    assert r.has_estimate
    assert r.estimate == pytest.approx(ref["estimate"], rel=1e-4)
    assert r.lower == pytest.approx(ref["ci_lower"], rel=1e-4)
    assert r.upper == pytest.approx(ref["ci_upper"], rel=1e-4)
