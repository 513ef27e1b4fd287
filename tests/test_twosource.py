"""Two-source bounds, scenarios, the ``two-source`` model and prior-driven scenarios."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy.special import gammaln

from estimators import CaptureHistories, Status, estimate, methods
from estimators.bayes.twosource import (
    PRIOR_SCENARIO_LABEL,
    ScenarioPrior,
    TwoSource,
    aggregate_prior_scenarios,
    implied_total,
    overlap_range,
    prior_scenarios,
    scenario_grid,
    two_source_posterior,
    union_bounds,
)


def two_lists(n11: int, n10: int, n01: int) -> CaptureHistories:
    return CaptureHistories.from_frequency_table(
        pd.DataFrame({"A": [1, 1, 0], "B": [1, 0, 1], "count": [n11, n10, n01]})
    )


def brute_force_lp_quantiles(n11: int, n10: int, n01: int, qs: tuple[float, ...], n_hi: int) -> list[float]:
    """Bayesian Lincoln-Petersen by enumeration: p1, p2 ~ U(0, 1), P(N) ~ 1/N.

    P(N | data) ~ (1/N) N!/(N-n)! B(n1+1, N-n1+1) B(n2+1, N-n2+1) (Castledine 1981),
    written out with log-gamma functions, independently of the package's code.
    """
    n1, n2, n = n11 + n10, n11 + n01, n11 + n10 + n01
    big_n = np.arange(n, n_hi + 1, dtype=float)
    lp = (
        -np.log(big_n) + gammaln(big_n + 1) - gammaln(big_n - n + 1)
        + gammaln(n1 + 1) + gammaln(big_n - n1 + 1) - gammaln(big_n + 2)
        + gammaln(n2 + 1) + gammaln(big_n - n2 + 1) - gammaln(big_n + 2)
    )
    p = np.exp(lp - lp.max())
    cdf = np.cumsum(p / p.sum())
    return [float(big_n[np.searchsorted(cdf, q - 1e-12)]) for q in qs]


# ----------------------------------------------------------------------------- bounds
def test_union_bounds():
    assert union_bounds(2442, 2100) == (2442, 4542)
    assert union_bounds(0, 5) == (5, 5)
    with pytest.raises(ValueError, match="n1"):
        union_bounds(-1, 5)
    with pytest.raises(ValueError, match="n2"):
        union_bounds(3, 2.5)  # type: ignore[arg-type]


def test_implied_total_is_lincoln_petersen_at_independence():
    n1, n2 = np.array([100, 2442, 50]), np.array([80, 2100, 50])
    m = np.array([40, 1800, 50])
    np.testing.assert_allclose(implied_total(n1, n2, m, 1.0), n1 * n2 / m)
    assert implied_total(100, 80, 40) == pytest.approx(200.0)
    # psi scales the unobserved cell: n00 = psi (n1 - m)(n2 - m) / m
    assert implied_total(100, 80, 40, 3.0) - (100 + 80 - 40) == pytest.approx(3 * 60 * 40 / 40)
    assert math.isinf(implied_total(10, 10, 0))
    assert implied_total(10, 4, 4, 5.0) == 10.0  # one list inside the other: nothing unseen
    with pytest.raises(ValueError, match="overlap"):
        implied_total(10, 5, 6)
    with pytest.raises(ValueError, match="odds_ratio"):
        implied_total(10, 5, 2, 0.0)


def test_scenario_grid_monotone_and_labelled():
    g = scenario_grid(2442, 2100, [500, 1000, 1500, 2000, 2100], [0.5, 1, 2, 4])
    assert list(g.columns) == ["overlap", "overlap_share", "odds_ratio", "union", "unseen", "implied_total", "kind"]
    assert len(g) == 20
    assert g.attrs["kind"] == "scenario" and g.attrs["identifiable"] is False
    assert (g["kind"] == "scenario, not an estimate").all()
    for _, sub in g.groupby("overlap"):
        t = sub.sort_values("odds_ratio")["implied_total"].to_numpy()
        if sub["overlap"].iloc[0] < 2100:
            assert np.all(np.diff(t) > 0)  # more positive dependence: more unseen
    for _, sub in g.groupby("odds_ratio"):
        t = sub.sort_values("overlap")["implied_total"].to_numpy()
        assert np.all(np.diff(t) < 0)  # more overlap: smaller total
    np.testing.assert_allclose(g["union"] + g["unseen"], g["implied_total"])
    full = g[g["overlap"] == 2100]
    np.testing.assert_allclose(full["implied_total"], 2442.0)  # NAM inside Yale: union = 2,442, none unseen
    with pytest.raises(ValueError, match="overlap"):
        scenario_grid(2442, 2100, [0, 100])
    np.testing.assert_allclose(overlap_range(2442, 2100, [0.25, 1.0]), [525.0, 2100.0])
    with pytest.raises(ValueError, match="shares"):
        overlap_range(2442, 2100, [0.0])


# ----------------------------------------------------------------------------- the two-source model
def test_registered():
    info = methods.get("two-source")
    assert info.min_lists == 2 and info.spec is TwoSource
    assert "two-source" in [m.name for m in methods.available()]


@pytest.mark.parametrize("cells", [(60, 40, 30), (5, 50, 40), (900, 300, 200)])
def test_tight_prior_at_independence_is_bayesian_lincoln_petersen(cells):
    n11, n10, n01 = cells
    r = estimate(two_lists(*cells), "two-source", log_or_mean=0.0, log_or_sd=1e-3, seed=1)
    assert r.status == Status.OK
    grid_top = int(r.details["grid_max"])
    lo, med, hi = brute_force_lp_quantiles(n11, n10, n01, (0.025, 0.5, 0.975), grid_top)
    assert r.details["grid_step"] == 1
    # exact up to quadrature error: the quantiles agree to within one child
    assert abs(r.estimate - med) <= 1 and abs(r.lower - lo) <= 1 and abs(r.upper - hi) <= 1


def test_posterior_pmf_matches_brute_force():
    post = two_source_posterior(30, 20, 25, log_or_mean=0.0, log_or_sd=1e-3)
    n1, n2, n = 50, 55, 75
    big_n = post.values.astype(float)
    lp = -np.log(big_n) + gammaln(big_n + 1) - gammaln(big_n - n + 1) + gammaln(big_n - n1 + 1) \
        + gammaln(big_n - n2 + 1) - 2 * gammaln(big_n + 2)
    p = np.exp(lp - lp.max())
    p /= p.sum()
    assert np.abs(post.pmf - p).max() < 1e-3 * p.max()
    assert post.pmf.sum() == pytest.approx(1.0)


def test_prior_mean_raises_n_monotonically():
    h = two_lists(60, 40, 30)
    medians = [
        estimate(h, "two-source", log_or_mean=mu, log_or_sd=0.3, seed=2).estimate for mu in (-0.5, 0.0, 0.5, 1.0, 1.5)
    ]
    assert all(b > a for a, b in zip(medians, medians[1:], strict=False)), medians
    # psi fixed near e^1: close to the implied total n1 + n2 - m + psi n10 n01 / n11
    tight = estimate(h, "two-source", log_or_mean=1.0, log_or_sd=1e-3, seed=2)
    assert tight.estimate == pytest.approx(implied_total(100, 90, 60, math.e), rel=0.03)


def test_interval_widens_with_prior_sd():
    h = two_lists(60, 40, 30)
    widths = []
    for sd in (0.05, 0.25, 0.75, 1.25):
        r = estimate(h, "two-source", log_or_sd=sd, seed=3)
        widths.append(r.upper - r.lower)
    assert all(b > a for a, b in zip(widths, widths[1:], strict=False)), widths


def test_seed_reproducible_and_recorded():
    h = two_lists(60, 40, 30)
    a = estimate(h, "two-source", seed=11)
    b = estimate(h, "two-source", seed=11)
    c = estimate(h, "two-source", seed=12)
    assert a.seed == 11 and a.draws.attrs["seed"] == 11
    np.testing.assert_array_equal(a.n_draws(), b.n_draws())
    assert not np.array_equal(a.n_draws(), c.n_draws())
    assert a.n_draws().shape == (4, 1000)
    assert (a.estimate, a.lower, a.upper) == (b.estimate, b.lower, b.upper)
    # the draws come from the same posterior as the exact summary
    assert np.median(a.n_draws()) == pytest.approx(a.estimate, rel=0.02)
    assert a.details["prior_log_or"] == {"mean": math.log(2), "sd": 0.75}
    assert "stated prior" in a.messages[0]


def test_default_prior_is_above_petersen_for_positive_dependence():
    r = estimate(two_lists(60, 40, 30), "two-source", seed=4)
    assert r.estimate > r.details["petersen"] == pytest.approx(150.0)


def test_wrong_number_of_lists_and_bad_options():
    h3 = CaptureHistories.from_frequency_table(
        pd.DataFrame({"A": [1, 0, 0], "B": [0, 1, 0], "C": [0, 0, 1], "count": [3, 4, 5]})
    )
    r = estimate(h3, "two-source", seed=1)
    assert r.status == Status.INSUFFICIENT_DATA and r.estimate is None
    with pytest.raises(ValueError, match="log_or_sd"):
        methods.create("two-source", log_or_sd=0.0)
    with pytest.raises(ValueError, match="draws"):
        methods.create("two-source", draws=0)


def test_no_overlap_gives_no_estimate():
    """With nobody on both lists the posterior of N restates the prior: no number is reported
    (the draws stay available for inspection), as for every Bayesian method."""
    r = estimate(two_lists(0, 40, 30), "two-source", seed=5)
    assert r.status == Status.NOT_IDENTIFIABLE and r.estimate is None and r.upper is None
    assert "overlaps do not bound N" in r.messages[0]
    assert any("no record in common" in m for m in r.messages)
    assert r.n_draws() is not None and float(np.median(r.n_draws())) > 70


def test_stratified_sums_draws():
    f = pd.DataFrame(
        {"A": [1, 1, 0, 1, 1, 0], "B": [1, 0, 1, 1, 0, 1], "s": ["x", "x", "x", "y", "y", "y"],
         "count": [60, 40, 30, 20, 15, 10]}
    )
    h = CaptureHistories.from_frequency_table(f, strata=["s"])
    r = estimate(h, "two-source", seed=6)
    assert r.strata is not None and all(s.has_estimate for s in r.strata)
    np.testing.assert_allclose(r.n_draws(), sum(s.n_draws() for s in r.strata))


# ----------------------------------------------------------------------------- aggregate counts
def test_aggregate_prior_scenarios_is_flagged_and_reproducible():
    a = aggregate_prior_scenarios(2442, 2100, draws=2000, seed=7)
    b = aggregate_prior_scenarios(2442, 2100, draws=2000, seed=7)
    pd.testing.assert_frame_equal(a, b)
    assert a.attrs["identifiable"] is False and a.attrs["label"] == PRIOR_SCENARIO_LABEL and a.attrs["seed"] == 7
    assert (a["implied_total"] >= 2442 - 1e-9).all()
    assert ((a["union"] >= 2442) & (a["union"] <= 4542)).all()
    np.testing.assert_allclose(a["overlap"], a["overlap_share"] * 2100)


def test_aggregate_prior_scenarios_degenerate_prior_gives_the_implied_total():
    d = aggregate_prior_scenarios(
        2442, 2100, overlap_prior=(8e5, 2e5), log_or_prior=(math.log(2.0), 1e-6), draws=500, seed=1
    )
    expected = implied_total(2442, 2100, 0.8 * 2100, 2.0)
    assert d["implied_total"].median() == pytest.approx(expected, rel=1e-3)


def test_prior_scenarios():
    priors = [
        ScenarioPrior("a", (16, 4), (0.0, 0.1)),
        ScenarioPrior("b", (16, 4), (math.log(4), 0.1)),
    ]
    t = prior_scenarios(2442, 2100, priors, draws=3000, seed=8)
    assert len(t) == 2 and t.attrs["identifiable"] is False
    assert {"scenario", "median", "lower", "upper", "union_lower", "union_upper", "identifiable", "kind"} <= set(t.columns)
    assert (t["lower"] < t["median"]).all() and (t["median"] < t["upper"]).all()
    assert t.loc[1, "median"] > t.loc[0, "median"]  # stronger assumed dependence, larger total
    assert not t["identifiable"].any()
    default = prior_scenarios(2442, 2100, draws=500, seed=8)
    assert len(default) == 5


def test_hpd_interval_is_no_wider_than_equal_tailed():
    h = two_lists(60, 40, 30)
    et = estimate(h, "two-source", seed=9)
    hpd = estimate(h, "two-source", seed=9, interval="hpd")
    assert hpd.upper - hpd.lower <= et.upper - et.lower
    assert hpd.lower <= hpd.estimate <= hpd.upper
    assert hpd.details["interval_kind"] == "hpd"


def test_geometric_grid_agrees_with_every_integer():
    exact = two_source_posterior(2, 40, 30, n_max=30_000, max_grid=40_000)
    coarse = two_source_posterior(2, 40, 30, n_max=30_000, max_grid=1_000)
    assert exact.step == 1 and coarse.step > 1 and coarse.values.size <= 1_000
    for q in (0.025, 0.5, 0.975):
        assert coarse.quantile(q) == pytest.approx(exact.quantile(q), rel=0.01)
    assert coarse.mean() == pytest.approx(exact.mean(), rel=0.01)
