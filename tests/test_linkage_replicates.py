"""Linkage uncertainty: replicate linkages, Rubin's combination, pooled Bayesian draws."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from scipy import stats

from estimators import methods
from estimators.combine import rubin_combine
from estimators.exceptions import RemovalsWarning
from estimators.linkage.files import LinkageData
from estimators.linkage.replicates import estimate_with_linkage_replicates, replicate_histories


def toy_linkage(rng: np.random.Generator, uncertain: float) -> LinkageData:
    """Three lists of a known population: true links have probability 1 - u, plus
    spurious candidate pairs with probability u (no Splink involved)."""
    n_people = 400
    p = np.array([0.5, 0.45, 0.4])
    caught = rng.random((n_people, 3)) < p
    nodes, owner = [], []
    for person in range(n_people):
        for k in range(3):
            if caught[person, k]:
                nodes.append(k)
                owner.append(person)
    node_list = np.array(nodes)
    owner_arr = np.array(owner)
    left, right, prob = [], [], []
    for person in range(n_people):
        idx = np.flatnonzero(owner_arr == person)
        for i in range(len(idx)):
            for j in range(i + 1, len(idx)):
                left.append(idx[i])
                right.append(idx[j])
                prob.append(1.0 - uncertain * rng.random())
    # spurious candidates between different people, mostly unlikely
    m = len(node_list)
    for _ in range(150):
        a, b = sorted(rng.choice(m, 2, replace=False))
        if owner_arr[a] != owner_arr[b] and node_list[a] != node_list[b]:
            left.append(a)
            right.append(b)
            prob.append(uncertain * rng.random())
    return LinkageData(lists=("A", "B", "C"), node_list=node_list, node_stratum=None, stratum_column=None,
                       node_l=np.array(left), node_r=np.array(right), probability=np.array(prob), threshold=0.5,
                       keep_above=0.01, seed=1)


def test_rubin_with_identical_replicates_is_the_single_interval() -> None:
    c = rubin_combine(np.full(5, 100.0), np.full(5, 80.0), np.full(5, 125.0), 0.95)
    assert c.between == 0 and math.isinf(c.df)
    assert c.estimate == pytest.approx(100.0)
    assert c.lower == pytest.approx(80.0) and c.upper == pytest.approx(125.0)


def test_rubin_treats_rounding_noise_between_replicates_as_none() -> None:
    """Replicates that give the same linkage differ only in the last bits (B ~ 1e-31):
    that is no between-variance, not a t distribution with 5e53 degrees of freedom."""
    est = 1428.145 * (1 + np.array([0.0, 1e-15, -1e-15, 2e-15, 0.0]))
    c = rubin_combine(est, est * 0.9, est * 1.1, 0.95)
    assert 0 < c.between < 1e-20 and math.isinf(c.df)
    exact = rubin_combine(np.full(5, est[0]), np.full(5, est[0] * 0.9), np.full(5, est[0] * 1.1), 0.95)
    assert c.lower == pytest.approx(exact.lower, rel=1e-12) and c.upper == pytest.approx(exact.upper, rel=1e-12)


def test_rubin_total_variance_adds_the_between_part() -> None:
    est = np.array([90.0, 100.0, 110.0, 120.0])
    lo, hi = est * 0.8, est * 1.25
    c = rubin_combine(est, lo, hi, 0.9)
    q = np.log(est)
    w = ((np.log(hi) - np.log(lo)) / (2 * stats.norm.ppf(0.95))) ** 2
    assert c.within == pytest.approx(w.mean())
    assert c.between == pytest.approx(q.var(ddof=1))
    assert c.total == pytest.approx(w.mean() + 1.25 * q.var(ddof=1))
    single = rubin_combine(np.full(4, est.mean()), lo.mean() * np.ones(4), hi.mean() * np.ones(4), 0.9)
    assert c.upper / c.lower > single.upper / single.lower


def test_rubin_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match="at least 2"):
        rubin_combine(np.array([1.0]), np.array([0.5]), np.array([2.0]), 0.95)
    with pytest.raises(ValueError, match="positive"):
        rubin_combine(np.array([1.0, 2.0]), np.array([0.0, 1.0]), np.array([2.0, 3.0]), 0.95)


def test_replicates_are_reproducible_and_certain_links_are_always_drawn(rng: np.random.Generator) -> None:
    data = toy_linkage(rng, uncertain=0.0)
    a = replicate_histories(data, 3, seed=5)
    b = replicate_histories(data, 3, seed=5)
    for x, y in zip(a, b, strict=True):
        assert np.array_equal(x.cell_counts(), y.cell_counts())
    # probabilities 1 (true links) and 0 (spurious): every replicate is the true linkage
    for h in a:
        assert np.array_equal(h.cell_counts(), data.point_histories().cell_counts())


def test_uncertain_links_widen_the_interval(rng: np.random.Generator) -> None:
    data = toy_linkage(rng, uncertain=0.6)
    spec = methods.create("loglinear", model="[1,2,3]", seed=3)
    r = estimate_with_linkage_replicates(spec, data, 8, seed=3)
    link = r.details["linkage"]
    assert r.has_estimate and r.seed == 3
    assert link["replicates_with_estimate"] == 8 and link["between_variance_log"] > 0
    assert link["interval_width_ratio"] > 1.0
    assert len(set(link["replicate_observed"])) > 1
    again = estimate_with_linkage_replicates(spec, data, 8, seed=3)
    assert again.estimate == r.estimate and again.lower == r.lower


def test_bayesian_draws_are_pooled(rng: np.random.Generator) -> None:
    data = toy_linkage(rng, uncertain=0.6)
    spec = methods.create("dga", seed=2)
    r = estimate_with_linkage_replicates(spec, data, 3, seed=2)
    draws = r.n_draws()
    assert draws is not None and draws.shape[0] == 3
    assert r.details["linkage"]["pooled_draws"] == draws.size
    assert r.lower is not None and r.upper is not None
    assert r.lower <= float(np.median(draws)) <= r.upper
    assert "pooling posterior draws" in r.messages[0]


def test_too_few_replicates_is_an_error(rng: np.random.Generator) -> None:
    with pytest.raises(ValueError, match=">= 2"):
        replicate_histories(toy_linkage(rng, 0.1), 1, seed=1)


def test_stratified_replicates_combine_the_total_and_each_stratum(rng: np.random.Generator) -> None:
    import dataclasses

    data = toy_linkage(rng, uncertain=0.4)
    halves = np.where(np.arange(data.n) % 2 == 0, "north", "south").astype(object)
    data = dataclasses.replace(data, node_stratum=halves, stratum_column="region")
    spec = methods.create("loglinear", model="[1,2,3]", seed=4, bootstrap_replicates=30)
    r = estimate_with_linkage_replicates(spec, data, 3, seed=4)
    assert r.strata is not None
    assert [dict(s.stratum or {}) for s in r.strata] == [{"region": "north"}, {"region": "south"}]
    assert all(s.has_estimate for s in r.strata)
    assert r.estimate is not None
    assert r.estimate == pytest.approx(sum(s.estimate for s in r.strata if s.estimate), rel=0.1)
    assert r.to_dict()["strata"][0]["stratum"] == {"region": "north"}


def test_warnings_of_the_replicates_reach_the_messages() -> None:
    """A result's messages are what the CLI shows: replicate warnings must be among them.

    A 60-sweep lcm run cannot reach ESS 400, so every replicate warns (not converged).
    """
    linkage = toy_linkage(np.random.default_rng(4), uncertain=0.2)
    spec = methods.create("lcm", seed=2, burnin=20, draws=20, thin=2, extend=False)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", RemovalsWarning)
        result = estimate_with_linkage_replicates(spec, linkage, 3, seed=2)
    assert any(str(w.message).startswith("in 3 of 3 linkage replicates: sampler not converged") for w in caught)
    assert any(m.startswith("in 3 of 3 linkage replicates: sampler not converged") for m in result.messages)


def test_linkages_that_leave_n_unbounded_above_leave_the_combination_unbounded() -> None:
    """With ``recommended``, some linkages show hard-to-find people and give a lower limit only.  More of
    them than the interval's upper tail (2.5%) means the mixture over linkages has no upper limit either:
    the combination gives a lower limit, at or below the bounded replicates' combined one, never a finite
    interval from the bounded replicates alone."""
    spec = methods.create("recommended", seed=4)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RemovalsWarning)
        data = toy_linkage(np.random.default_rng(20231116), uncertain=0.3)
        result = estimate_with_linkage_replicates(spec, data, 10, seed=8)
    summary = result.details["linkage"]
    assert summary["replicates_open_above"] >= 1  # share > 2.5% of 10 replicates
    assert result.estimate is None and result.upper is None and result.lower is not None
    assert result.status.value == "warning"
    assert any("the upper end is not identified" in m for m in result.messages)
    assert result.lower <= min(result.details["linkage"]["replicate_estimates"])
    # a linkage whose replicates are all bounded combines as before
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RemovalsWarning)
        bounded = estimate_with_linkage_replicates(spec, toy_linkage(np.random.default_rng(1), uncertain=0.3), 10,
                                                   seed=8)
    assert bounded.estimate is not None and bounded.upper is not None
    assert "replicates_open_above" not in bounded.details["linkage"]


def test_no_between_variance_gives_the_point_linkage_interval(rng: np.random.Generator) -> None:
    """Certain links: every replicate is the point linkage (B = 0).  Rubin's interval
    exp(Q +- z sqrt(W)) would swap the profile interval for a symmetric-on-log one (a
    review found it 0.86 times as wide, lower limit below the people observed); the
    combination must give the point linkage's interval itself."""
    data = toy_linkage(rng, uncertain=0.0)
    r = estimate_with_linkage_replicates(methods.create("Mt", seed=1), data, 4, seed=1)
    link = r.details["linkage"]
    point = link["point_linkage"]
    assert link["between_variance_log"] < 1e-20 and link["widening_factor"] == pytest.approx(1.0)
    assert r.lower == pytest.approx(point["lower"], rel=1e-9) and r.upper == pytest.approx(point["upper"], rel=1e-9)
    assert link["interval_width_ratio"] == pytest.approx(1.0, rel=1e-9)
    assert r.lower >= min(link["replicate_observed"])


def test_uncertain_links_widen_the_point_interval_and_stay_above_the_observed(rng: np.random.Generator) -> None:
    data = toy_linkage(rng, uncertain=0.6)
    r = estimate_with_linkage_replicates(methods.create("Mt", seed=3), data, 8, seed=3)
    link = r.details["linkage"]
    assert link["between_variance_log"] > 0 and link["widening_factor"] > 1.0
    assert link["interval_width_ratio"] > 1.0
    assert r.lower >= min(link["replicate_observed"])
    assert "point linkage's interval widened" in link["interval"]


def test_widen_interval_keeps_the_lower_limit_at_the_people_observed() -> None:
    from estimators.combine import widen_interval

    # The reviewer's case: point linkage 13.09 [10, 23.02] with 10 people observed.
    base = (13.090169943752084, 10.0, 23.02205811004317)
    assert widen_interval(base, base[0], 10.0, 1.0) == pytest.approx((10.0, 23.02205811004317), rel=1e-12)
    lo, hi = widen_interval(base, base[0], 10.0, 1.5)
    assert lo == 10.0 and hi > 23.1
    # Rubin's own interval from identical replicates fell below the 10 people observed
    old = rubin_combine(np.full(20, base[0]), np.full(20, base[1]), np.full(20, base[2]), 0.95)
    assert old.lower < 10.0 and old.upper < base[2]
    # a lower limit above the floor moves toward it as the factor grows, never past it
    lo1, _ = widen_interval((13.0, 11.0, 20.0), 13.0, 10.0, 1.0)
    lo2, _ = widen_interval((13.0, 11.0, 20.0), 13.0, 10.0, 1.2)
    lo3, hi3 = widen_interval((13.0, 11.0, 20.0), 13.0, 10.0, 3.0)
    assert lo1 == pytest.approx(11.0) and 10.0 < lo2 < 11.0 and lo3 == 10.0 and hi3 > 20.0
    # estimate at the floor (no unobserved count)
    assert widen_interval((10.0, 10.0, 15.0), 10.0, 10.0, 2.0) == pytest.approx((10.0, 20.0))


def test_widen_interval_on_the_boundary_keeps_the_point_linkage_interval_and_does_not_blow_up() -> None:
    from estimators.combine import widen_interval

    # a point estimate on the boundary (N̂ = n = 15, e.g. one list holds the other) and replicates
    # that moved the centre up: the lower limit stays at the people observed, not at the centre
    lo, hi = widen_interval((15.0, 15.0, 21.03), 16.4, 15.0, 1.1)
    assert lo == 15.0 and hi == pytest.approx(16.4 + 1.1 * 6.03)
    # an estimate just above the floor: no blow-up of the upper limit (it was 30,100 on log(N - n))
    lo, hi = widen_interval((100.01, 100.0, 130.0), 110.0, 100.0, 1.0)
    assert lo == 100.0 and hi == pytest.approx(110.0 + 29.99)
