"""The simulator and the coverage grid of estimators.studies (fast checks; SYNTHETIC data)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from estimators.studies import grid
from estimators.studies.simulation import Heterogeneity, Population, Referral, spread


def test_independent_lists_match_their_capture_probabilities():
    pop = Population(N=20_000, capture=((0.2, 0.5, 0.3),))
    s = pop.simulate(np.random.default_rng(1))
    sizes = s.histories.list_sizes
    # binomial sd of a list size is at most sqrt(20000 * 0.25) = 71; 5 sd = 355
    for p, size in zip((0.2, 0.5, 0.3), sizes.values(), strict=True):
        assert abs(size - 20_000 * p) < 355
    # observed count: N (1 - 0.8 * 0.5 * 0.7) = 14,400, sd < 70
    assert abs(s.histories.n - 14_400) < 350
    assert s.true_n == 20_000 and s.histories.source == "SYNTHETIC"


def test_same_seed_same_data_and_blocks_do_not_change_the_stream_meaning():
    pop = grid.DESIGNS["classes3_10_N100000"].population
    a = pop.simulate(np.random.default_rng(7))
    b = pop.simulate(np.random.default_rng(7))
    np.testing.assert_array_equal(a.histories.counts, b.histories.counts)
    np.testing.assert_array_equal(a.histories.patterns, b.histories.patterns)
    assert sum(a.truth["class_sizes"]) == 100_000


def test_referral_adds_exactly_the_stated_share():
    # List 2 alone catches nobody; every person on list 1 is referred with probability 0.4.
    pop = Population(N=50_000, capture=((0.3, 0.0, 0.2),), referrals=(Referral(0, 1, 0.4),))
    h = pop.simulate(np.random.default_rng(3)).histories
    sizes = h.list_sizes
    # list 2 = Binomial(list-1 size, 0.4): sd < 70, 5 sd = 350
    assert abs(sizes["L2"] - 0.4 * sizes["L1"]) < 350
    on2 = h.patterns[:, 1] == 1
    assert (h.patterns[on2, 0] == 1).all()  # nobody reaches list 2 except by referral


def test_latent_classes_and_frailties_reduce_the_share_seen():
    k = 4
    base = Population(N=40_000, capture=(spread(0.3, 0.3, k),))
    frail = Population(N=40_000, capture=(spread(0.3, 0.3, k),), heterogeneity=Heterogeneity(kind="gamma", shape=0.5))
    beta = Population(N=40_000, capture=(spread(0.3, 0.3, k),), heterogeneity=Heterogeneity(kind="beta", a=0.5, b=2))
    two = Population(N=40_000, capture=(spread(0.05, 0.05, k), spread(0.6, 0.6, k)), weights=(0.5, 0.5))
    shares = [p.simulate(np.random.default_rng(5)).histories.n / 40_000 for p in (base, frail, beta, two)]
    assert abs(shares[0] - (1 - 0.7**4)) < 0.01  # 0.76; binomial sd 0.002
    # Jensen: a mean-one frailty on the hazard lowers the chance of being seen
    assert shares[1] < shares[0] - 0.1 and shares[2] < shares[0] - 0.05
    expected_two = 0.5 * (1 - 0.95**4) + 0.5 * (1 - 0.4**4)  # 0.58
    assert abs(shares[3] - expected_two) < 0.01


def test_logit_normal_loadings_make_lists_reach_different_people():
    pop = Population(N=50_000, capture=((0.3, 0.3, 0.3),),
                     heterogeneity=Heterogeneity(kind="logit-normal", loadings=(2.0, 2.0, -2.0)))
    h = pop.simulate(np.random.default_rng(2)).histories
    cells = dict(zip(map(tuple, h.patterns.tolist()), h.counts.tolist(), strict=True))

    def pair(i: int, j: int) -> int:
        return sum(c for p, c in cells.items() if p[i] and p[j])

    # lists 1 and 2 share the same people (positive loadings), list 3 reaches the others
    assert pair(0, 1) > 2 * pair(0, 2)


@pytest.mark.parametrize(
    ("make", "match"),
    [
        (lambda: Population(N=0, capture=((0.2, 0.3),)), "N must be"),
        (lambda: Population(N=10, capture=((1.2, 0.3),)), "probabilities"),
        (lambda: Population(N=10, capture=((0.2, 0.3),), weights=(0.5, 0.5)), "weights"),
        (lambda: Population(N=10, capture=((0.2, 0.3),), referrals=(Referral(0, 2, 0.5),)), "referral lists"),
        (lambda: Referral(1, 1, 0.5), "distinct"),
        (lambda: Heterogeneity(kind="lognormal"), "kind must be"),
        (lambda: Heterogeneity(kind="logit-normal"), "loading"),
    ],
)
def test_bad_populations_are_rejected(make, match):
    with pytest.raises(ValueError, match=match):
        make()


def test_grid_names_and_held_out_family():
    assert set(grid.HELDOUT) == {n for n in grid.DESIGNS if n.startswith("heldout_")} and grid.HELDOUT
    assert grid.HELDOUT2 and not (set(grid.HELDOUT) | set(grid.HELDOUT2)) & set(grid.TUNING)
    ks = {d.population.k for d in grid.DESIGNS.values()}
    Ns = {d.population.N for d in grid.DESIGNS.values()}
    assert min(ks) == 3 and max(ks) == 10 and min(Ns) == 500 and max(Ns) == 100_000
    # seeds depend on the design's name, not on its position
    assert grid.design_seeds(1, "indep_3_N1000", 3) == grid.design_seeds(1, "indep_3_N1000", 5)[:3]
    assert grid.design_seeds(1, "indep_3_N1000", 3) != grid.design_seeds(1, "indep_4_N500", 3)


def test_runner_table_coverage_rule_and_cache(tmp_path):
    methods = {"Mt": ("Mt", {}), "chao": ("chao", {})}
    t = grid.run_grid(methods, ["indep_4_N500"], replicates=4, seed=3, cache_dir=tmp_path)
    assert list(t.columns) == list(grid.COLUMNS) and len(t) == 8
    mt = t[t["method"] == "Mt"]
    assert mt["bounded"].all()
    assert mt["covered"].equals((mt["lower"] <= mt["N"]) & (mt["N"] <= mt["upper"]))
    np.testing.assert_allclose(mt["width_over_n"], (mt["upper"] - mt["lower"]) / mt["N"])
    # the same replicates again come from the cache, identical; more replicates only add rows
    again = grid.run_grid(methods, ["indep_4_N500"], replicates=4, seed=3, cache_dir=tmp_path)
    pd.testing.assert_frame_equal(t.drop(columns="seconds"), again.drop(columns="seconds"))
    more = grid.run_grid(methods, ["indep_4_N500"], replicates=6, seed=3, cache_dir=tmp_path)
    assert len(more) == 12

    def key(x: pd.DataFrame) -> pd.DataFrame:
        return x[x["replicate"] < 4].sort_values(["method", "replicate"]).drop(columns="seconds").reset_index(drop=True)

    pd.testing.assert_frame_equal(key(more), key(t))


def test_lower_limit_only_counts_as_covering_when_below_n():
    class R:
        def __init__(self, lower, upper):
            self.estimate, self.lower, self.upper = None, lower, upper
            self.status = type("S", (), {"value": "warning"})()

    sim = grid.DESIGNS["indep_4_N500"].simulate(np.random.default_rng(1))
    d = grid.DESIGNS["indep_4_N500"]
    below = grid._row(d, 0, 1, "m", sim, R(450.0, None), 0.0)
    above = grid._row(d, 0, 1, "m", sim, R(520.0, None), 0.0)
    none = grid._row(d, 0, 1, "m", sim, R(None, None), 0.0)
    assert below["covered"] and not below["bounded"] and math.isinf(below["width_over_n"])
    assert not above["covered"] and not none["covered"]


def test_summary_has_clopper_pearson_interval_and_markdown():
    t = pd.DataFrame({
        "design": "d", "method": "m", "N": 100, "estimate": 100.0, "covered": [True] * 18 + [False] * 2,
        "bounded": [True] * 15 + [False] * 5, "lower": 90.0, "upper": 110.0,
        "width_over_n": [0.2] * 15 + [math.inf] * 5, "seconds": 0.1,
    })
    s = grid.summarise(t).iloc[0]
    ci = stats.binomtest(18, 20).proportion_ci(0.95, method="exact")
    assert (s["ci_lower"], s["ci_upper"]) == pytest.approx((ci.low, ci.high))
    assert s["coverage"] == 0.9 and s["bounded"] == 0.75 and s["median_width_over_n"] == pytest.approx(0.2)
    md = grid.markdown_table(grid.summarise(t))
    assert "| d | 18/20, w 0.20, e 1.00, b 75%, lo 0.90 |" in md


def test_a_raising_fit_is_a_recorded_miss(monkeypatch, tmp_path):
    import estimators

    def boom(*args, **kwargs):
        raise np.linalg.LinAlgError("Singular matrix")

    monkeypatch.setattr(estimators, "estimate", boom)
    t = grid.run_grid({"x": ("Mt", {})}, ["indep_4_N500"], replicates=2, seed=1)
    assert (t["status"] == "error: LinAlgError").all() and not t["covered"].any()


def test_third_held_out_family_is_apart_and_reproducible():
    h3 = grid.HELDOUT3
    assert set(h3) == {n for n in grid.DESIGNS if n.startswith("heldout3_")} and 4 <= len(h3) <= 5
    assert not set(h3) & (set(grid.TUNING) | set(grid.HELDOUT) | set(grid.HELDOUT2))
    designs = [grid.DESIGNS[n] for n in h3]
    assert all(d.family == "heldout3" and d.description for d in designs)
    informative = [d for d in designs if d.informative]
    assert len(informative) >= 2 and len(designs) - len(informative) >= 2
    assert any(d.population.k == 4 for d in informative)
    assert all(d.population.N <= 50_000 and d.population.k <= 8 for d in designs)
    # no held-out design repeats the (lists, N) of an earlier design
    earlier = {(d.population.k, d.population.N) for n, d in grid.DESIGNS.items() if n not in h3}
    assert not {(d.population.k, d.population.N) for d in designs} & earlier
    for d in designs:
        seed = grid.design_seeds(20261206, d.name, 1)[0]  # the runner's first replicate seed
        a = d.simulate(np.random.default_rng(seed))
        b = d.simulate(np.random.default_rng(seed))
        np.testing.assert_array_equal(a.histories.patterns, b.histories.patterns)
        np.testing.assert_array_equal(a.histories.counts, b.histories.counts)
        assert a.true_n == d.population.N and a.histories.source == "SYNTHETIC"
        assert 0 < a.histories.n < d.population.N


def test_heldout3_avoid_design_has_the_negative_dependence_it_describes():
    from dataclasses import replace

    # the design's own parameters at N = 200,000, so the pair ratios are sharp (sd about 0.01)
    pop = replace(grid.DESIGNS["heldout3_avoid_4_N12000"].population, N=200_000)
    h = pop.simulate(np.random.default_rng(4)).histories

    def on(*js: int) -> int:
        return int(h.counts[np.all(h.patterns[:, list(js)] == 1, axis=1)].sum())

    def ratio(i: int, j: int) -> float:  # joint / product of margins, 1 under independence
        return on(i, j) * 200_000 / (on(i) * on(j))

    assert ratio(0, 3) < 0.95 and ratio(1, 3) < 0.95  # list 4 avoids the people of lists 1-2
    assert ratio(0, 1) > 1.05  # lists 1 and 2 share theirs
    assert abs(ratio(0, 2) - 1.0) < 0.03  # list 3 carries no loading
