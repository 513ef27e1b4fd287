"""Rcapture's closed-population family against Rcapture 1.4-4 (R 4.2.2).

Reference: ``closedp.t(X, dfreq = TRUE)`` for estimate, stderr, deviance, df, AIC and
``closedpCI.t(X, dfreq = TRUE, m=..., h=...)`` for the 95% profile-likelihood interval
(calls recorded in each reference JSON).

Tolerances: MLEs and fit statistics rtol 1e-4 (the issue's standard; both sides solve the
same likelihood equations, R's glm stops at a relative deviance change of 1e-8, so
agreement is ~1e-7 in practice).  Profile limits rtol 1e-3: R's ``uniroot``/
``optimize`` use tol = 1e-4 in N and Stirling's formula for N > 100, we solve to 1e-9.
Where R gives no upper limit (it searches only up to 3 N-hat) ours must lie beyond
3 N-hat or be absent.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from estimators import methods
from estimators.loglinear.estimators import RCAPTURE_LABELS

from .conftest import CORE, OTHERS, load, reference

METHOD_NAMES = RCAPTURE_LABELS  # Rcapture's model name -> the method here


def cases():
    for name in CORE + [n for n in OTHERS if n not in ("SparseMSE_Artificial_3",)]:
        for m in reference(name)["methods"]:
            label = m["method"].removesuffix(" [closedpCI.t]")
            if m["anchor"] == "Rcapture" and m["method"].endswith("[closedpCI.t]") and label in METHOD_NAMES:
                yield pytest.param(name, METHOD_NAMES[label], m, id=f"{name}-{METHOD_NAMES[label]}")


@pytest.mark.parametrize(("name", "method", "ref"), list(cases()))
def test_closedp_family_matches_rcapture(name, method, ref):
    h = load(name).collapse_strata()
    r = methods.create(method).fit(h)
    assert r.has_estimate, r.messages
    assert r.estimate == pytest.approx(ref["estimate"], rel=1e-4)
    # stderr: rtol 1e-3.  R's glm evaluates the information at the penultimate IRLS
    # iterate; for the flat heterogeneity models on sparse tables (Western, NewOrl_5,
    # UKdat, Ned: Mh Poisson2/Darroch/Gamma) that differs from the information at the
    # converged MLE by up to 4e-4 while N-hat agrees to 1e-7.
    assert r.details["stderr"] == pytest.approx(ref["stderr"], rel=1e-3)
    assert r.details["deviance"] == pytest.approx(ref["deviance"], rel=1e-4, abs=1e-6)
    assert r.details["df"] == ref["df"]
    assert r.details["aic"] == pytest.approx(ref["AIC"], rel=1e-4)
    assert r.details["bic"] == pytest.approx(ref["BIC"], rel=1e-4)
    assert r.lower == pytest.approx(ref["ci_lower"], rel=1e-3)
    assert r.details["profile_maximiser"] == pytest.approx(ref["ci_point"], rel=1e-3)
    if ref["ci_upper"] is None:
        assert r.upper is None or r.upper > 3 * ref["estimate"]
    else:
        assert r.upper == pytest.approx(ref["ci_upper"], rel=1e-3)


def test_reference_cases_cover_the_issue_datasets():
    covered = {c.values[0] for c in cases()}
    assert set(CORE) <= covered


def test_wald_interval_is_the_log_scale_interval():
    # Mt on HIV with interval="wald": n + exp(b0 -/+ z se(b0)); SparseMSE 2.0.1
    # estimatepopulation.0(Z, method = "main") gives 9519.53496125714 - 13067.5445649192.
    h = load("Rcapture_HIV")
    r = methods.create("Mt", interval="wald").fit(h)
    assert r.lower == pytest.approx(9519.53496125714, rel=1e-4)
    assert r.upper == pytest.approx(13067.5445649192, rel=1e-4)
    assert math.isclose(r.estimate, 11124.5784691849, rel_tol=1e-6)


# The profile-likelihood set is centred on the likelihood's maximiser (R's "CI point"), not on
# the estimate (the Poisson MLE, R's estimate): on CARE1_HAV the two are 1,286.0 and 1,312.8.
# As the level falls the set shrinks onto the maximiser; the interval must still hold the estimate.
PROFILE_CASES = [
    ("CARE1_HAV", "loglinear", {"model": "P:Q,P:E,Q:E"}),  # the best-AIC model: N-hat 2% above the maximiser
    ("CARE1_HAV", "Mth-gamma3.5", {}),
    ("Rcapture_HIV", "Mth-darroch", {}),
]


@pytest.mark.parametrize(("name", "method", "options"), PROFILE_CASES, ids=[f"{c[0]}-{c[1]}" for c in PROFILE_CASES])
@settings(max_examples=25, deadline=None, derandomize=True)
@given(level=st.floats(min_value=0.0, max_value=1.0, exclude_min=True, exclude_max=True))
def test_profile_interval_contains_the_estimate_at_every_level(name, method, options, level):
    r = methods.create(method, level=level, **options).fit(load(name).collapse_strata())
    assert r.has_estimate, r.messages
    assert r.lower <= r.estimate and (r.upper is None or r.estimate <= r.upper)
    widened = [m for m in r.messages if "widened to include the estimate" in m]
    assert len(widened) == (r.estimate in (r.lower, r.upper))


@pytest.mark.parametrize(("name", "method", "options"), PROFILE_CASES, ids=[f"{c[0]}-{c[1]}" for c in PROFILE_CASES])
def test_profile_interval_is_widened_only_where_it_leaves_the_estimate_out(name, method, options):
    h = load(name).collapse_strata()
    low = methods.create(method, level=0.01, **options).fit(h)
    assert low.upper == low.estimate and low.lower < low.details["profile_maximiser"] < low.estimate
    assert any("at level 0.01 the profile-likelihood interval" in m for m in low.messages)
    usual = methods.create(method, level=0.95, **options).fit(h)  # R's reference level: nothing moved
    assert usual.lower < usual.estimate < usual.upper
    assert not any("widened" in m for m in usual.messages)
