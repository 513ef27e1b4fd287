"""``lcm`` (latent-class model, Manrique-Vallier 2016) against R LCMCR 0.4.14 and exact results.

References: ``data/benchmarks/reference/<dataset>.json``, entry ``"anchor": "LCMCR"``:
``lcmCR(captures = LC, tabular = FALSE, K = 10, a_alpha = 0.25, b_alpha = 0.25,
seed = 20240101, buffer_size = 10000, thinning = 10)`` then ``lcmCR_PostSampl(sampler,
burnin = 10000, samples = 5000, thinning = 10)``, R 4.2.2, plus the same call with seeds
1-5 (``seed_sensitivity``).

Tolerance (the issue's): each of the posterior median, 2.5% and 97.5% quantiles must lie
within 2% of R's, or within the spread of R's six runs where that is wider, i.e. in
[0.98 * min(R runs), 1.02 * max(R runs)].  R's runs are single chains of 5,000 draws, so
their spread is the Monte Carlo error of the reference.  Our runs use one fixed seed
(the CLI default, not tuned per dataset) and 4 chains.

Western is the exception, documented in its own test: our sampler and an independent
NUTS run on the same posterior agree with each other and sit ~5% above R LCMCR.
"""

from __future__ import annotations

import json
import math
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest
from numba import njit
from scipy import stats
from scipy.special import betaln, gammaln

from estimators import CaptureHistories, DiagnosticsWarning, Status, methods
from estimators.bayes import lcm_kernel
from estimators.bayes.lcm import LatentClass

from .conftest import load, reference

SEED = 20231116
NUTS_CHECK = Path(__file__).parent / "reference" / "lcm_nuts_check.json"
STABLE = [
    "LCMCR_kosovo_aggregate",
    "Rcapture_hare",
    "Rcapture_lesbian",
    "dga_spina_MY1997",
    "conting_spina",
    "CARE1_Congenital",
    "SparseMSE_NewOrl",
]
UNSTABLE = ["SparseMSE_UKdat", "SparseMSE_UKdat_5", "SparseMSE_Ned", "conting_ScotPWID"]


def lcmcr_reference(name: str) -> dict:
    return next(m for m in reference(name)["methods"] if m["anchor"] == "LCMCR")


def band(ref: dict, key: str, run_key: str) -> tuple[float, float]:
    values = [ref[key]] + [r[run_key] for r in ref["seed_sensitivity"]["runs"]]
    return 0.98 * min(values), 1.02 * max(values)


def fit(h: CaptureHistories, **options) -> object:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DiagnosticsWarning)
        return LatentClass(seed=SEED, **options).fit(h)


# --- the compiled random-variate generators --------------------------------------------
# Every sampler is exact and driven by the kernel's xoshiro256** stream; each is compared
# with scipy's distribution on a fixed seed (so the tests are deterministic).  Threshold:
# p-value > 1e-4 (a wrong algorithm gives p-values ~ 0 at these sample sizes).


def _xoshiro_reference(seed: int, size: int) -> list[int]:
    """Pure-Python transcription of Blackman & Vigna's splitmix64 seeding and xoshiro256**."""
    mask = (1 << 64) - 1

    def rotl(x: int, k: int) -> int:
        return ((x << k) | (x >> (64 - k))) & mask

    x, s = seed & mask, []
    for _ in range(4):
        x = (x + 0x9E3779B97F4A7C15) & mask
        z = x
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & mask
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & mask
        s.append(z ^ (z >> 31))
    out = []
    for _ in range(size):
        out.append((rotl((s[1] * 5) & mask, 7) * 9) & mask)
        t = (s[1] << 17) & mask
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
    return out


@njit(cache=True)
def _raw(seed, size):  # pragma: no cover - compiled
    st = lcm_kernel.seed_state(seed)
    out = np.empty(size, dtype=np.uint64)
    for i in range(size):
        out[i] = lcm_kernel.next_u64(st)
    return out


@njit(cache=True)
def _uniforms(size, seed):  # pragma: no cover - compiled
    st = lcm_kernel.seed_state(seed)
    out = np.empty(size)
    for i in range(size):
        out[i] = lcm_kernel.uniform(st)
    return out


@njit(cache=True)
def _normals(size, seed):  # pragma: no cover - compiled
    st = lcm_kernel.seed_state(seed)
    out = np.empty(size)
    for i in range(size):
        out[i] = lcm_kernel.normal(st)
    return out


@njit(cache=True)
def _binomials(n, p, size, seed):  # pragma: no cover - compiled
    st = lcm_kernel.seed_state(seed)
    out = np.empty(size, dtype=np.int64)
    for i in range(size):
        out[i] = lcm_kernel.binomial(st, n, p)
    return out


@njit(cache=True)
def _poissons(mean, size, seed):  # pragma: no cover - compiled
    st = lcm_kernel.seed_state(seed)
    out = np.empty(size, dtype=np.int64)
    for i in range(size):
        out[i] = lcm_kernel.poisson(st, mean)
    return out


@njit(cache=True)
def _negative_binomials(n, p, size, seed):  # pragma: no cover - compiled
    st = lcm_kernel.seed_state(seed)
    out = np.empty(size, dtype=np.int64)
    for i in range(size):
        out[i] = lcm_kernel.negative_binomial(st, n, p)
    return out


@njit(cache=True)
def _gammas(a, size, seed):  # pragma: no cover - compiled
    st = lcm_kernel.seed_state(seed)
    out = np.empty(size)
    for i in range(size):
        out[i] = lcm_kernel.gamma(st, a)
    return out


@njit(cache=True)
def _betas(a, b, size, seed):  # pragma: no cover - compiled
    st = lcm_kernel.seed_state(seed)
    out = np.empty(size)
    for i in range(size):
        out[i] = lcm_kernel.beta(st, a, b)
    return out


@njit(cache=True)
def _multinomials(total, probs, size, seed):  # pragma: no cover - compiled
    st = lcm_kernel.seed_state(seed)
    K = probs.shape[0]
    out = np.empty((size, K), dtype=np.int64)
    cum = np.empty(K)
    alloc = np.zeros(K, dtype=np.int64)
    order = np.arange(K)
    for i in range(size):
        lcm_kernel._allocate(st, total, cum, probs, alloc, order)
        out[i] = alloc
    return out


def _chi2_pvalue(x: np.ndarray, pmf) -> float:
    """Chi-square goodness of fit of integer draws to a pmf, cells with expectation > 5."""
    values, counts = np.unique(x, return_counts=True)
    expected = pmf(values) * x.size
    keep = expected > 5
    chi2 = float(((counts[keep] - expected[keep]) ** 2 / expected[keep]).sum())
    return float(stats.chi2.sf(chi2, int(keep.sum()) - 1))


def test_xoshiro_matches_the_reference_algorithm():
    for seed in (0, 1, 20231116, 2**62 + 12345):
        assert _raw(seed, 1000).tolist() == _xoshiro_reference(seed, 1000)


def test_uniform_is_on_the_open_interval_and_uniform():
    u = _uniforms(200_000, 3)
    assert 0.0 < u.min() and u.max() < 1.0
    assert stats.kstest(u, "uniform").pvalue > 1e-4


def test_normal_matches_the_distribution():
    # 1e6 draws: ~2,600 of them in the tail beyond r = 3.654 and ~1 % through the wedges.
    x = _normals(1_000_000, 5)
    assert stats.kstest(x, "norm").pvalue > 1e-4
    tail = np.abs(x[np.abs(x) > 3.6541528853610088])
    assert stats.kstest(tail, stats.truncnorm(3.6541528853610088, np.inf).cdf).pvalue > 1e-4
    assert x.mean() == pytest.approx(0.0, abs=0.005) and x.var() == pytest.approx(1.0, abs=0.005)


@pytest.mark.parametrize(
    ("n", "p"), [(2000, 0.3), (2000, 0.001), (20, 0.3), (50, 0.9), (100_000, 0.5), (1000, 0.995), (60, 0.4)]
)
def test_binomial_matches_the_distribution(n, p):
    # Both branches (inversion for n*p < 10, BTRS otherwise, with its exact test by products
    # near the mode and by lgamma far from it) and the p > 0.5 flip.
    x = _binomials(n, p, 100_000, 7)
    assert x.min() >= 0 and x.max() <= n
    # Fixed seed, so deterministic; a wrong algorithm gives p-values ~ 0, not 1e-4.
    assert _chi2_pvalue(x, lambda v: stats.binom.pmf(v, n, p)) > 1e-4
    assert x.mean() == pytest.approx(n * p, rel=0.01, abs=0.02)


@pytest.mark.parametrize("mean", [0.3, 4.0, 9.9, 10.0, 57.5, 6000.0])
def test_poisson_matches_the_distribution(mean):
    # Inversion below a mean of 10, PTRS from 10 on.
    x = _poissons(mean, 100_000, 17)
    assert _chi2_pvalue(x, lambda v: stats.poisson.pmf(v, mean)) > 1e-4
    assert x.mean() == pytest.approx(mean, rel=0.01, abs=0.01)


@pytest.mark.parametrize(("n", "p"), [(4400, 0.4), (68, 0.9), (3, 0.2)])
def test_negative_binomial_matches_the_distribution(n, p):
    x = _negative_binomials(n, p, 100_000, 19)
    assert _chi2_pvalue(x, lambda v: stats.nbinom.pmf(v, n, p)) > 1e-4


@pytest.mark.parametrize("a", [0.3, 1.0, 2.25, 9.25, 500.0])
def test_gamma_matches_the_distribution(a):
    x = _gammas(a, 50_000, 11)
    assert stats.kstest(x, stats.gamma(a).cdf).pvalue > 1e-4


@pytest.mark.parametrize(("a", "b"), [(1.0, 1.0), (1.0, 5.0), (3.0, 1.0), (2.5, 700.0), (500.0, 1000.0)])
def test_beta_matches_the_distribution(a, b):
    x = _betas(a, b, 50_000, 13)
    assert stats.kstest(x, stats.beta(a, b).cdf).pvalue > 1e-4


@pytest.mark.parametrize(
    ("total", "probs"),
    [
        (7, [0.5, 0.0, 0.3, 0.2]),  # one by one
        (300, [0.786, 0.212, 3.6e-4, 2.0e-4, 4.8e-4, 0.0]),  # BTRS, then Bernoulli counts
        (60, [0.2, 0.1, 0.25, 0.05, 0.15, 0.25]),
    ],
)
def test_allocation_matches_the_multinomial(total, probs):
    # Each class count is Binomial(total, p_k); the pair (first two classes) is checked too.
    probs = np.array(probs)
    x = _multinomials(total, probs * 3.7, 40_000, 23)  # unnormalised weights
    assert (x.sum(axis=1) == total).all()
    assert (x[:, probs == 0] == 0).all()
    p = probs / probs.sum()
    for k in np.flatnonzero(p > 0):
        assert _chi2_pvalue(x[:, k], lambda v, k=k: stats.binom.pmf(v, total, p[k])) > 1e-4
    pair = x[:, 0] + x[:, 1]
    assert _chi2_pvalue(pair, lambda v: stats.binom.pmf(v, total, p[0] + p[1])) > 1e-4


@pytest.mark.parametrize(
    ("total", "probs"),
    [
        (12, [0.5, 0.3, 0.2]),  # one by one
        (25, [0.2, 0.5, 0.3]),  # ranks, then Bernoulli counts
        (50, [0.45, 0.1, 0.45]),  # a tie; BTRS for the first class, then Bernoulli counts
        (30, [0.05, 0.0, 0.7, 0.25]),  # a zero class among them
    ],
)
def test_allocation_matches_the_joint_multinomial_pmf(total, probs):
    # Chi-square of the whole count vector against the multinomial pmf (cells with
    # expectation > 5), not only of the margins.
    probs = np.array(probs)
    x = _multinomials(total, probs * 0.37, 100_000, 29)
    codes = x @ (total + 1) ** np.arange(probs.size)

    def pmf(values: np.ndarray) -> np.ndarray:
        vectors = (values[:, None] // (total + 1) ** np.arange(probs.size)) % (total + 1)
        return stats.multinomial.pmf(vectors, total, probs / probs.sum())

    assert _chi2_pvalue(codes, pmf) > 1e-4


def _one_chain(X, counts, lam, V, n_iter, seed):
    K = V.shape[0]
    lam, V, alpha, n0 = lam.copy(), V.copy(), np.ones(1), np.zeros(1, dtype=np.int64)
    out = (np.zeros(n_iter, dtype=np.int64), np.zeros(n_iter), np.zeros(n_iter, dtype=np.int64))
    lcm_kernel.run_chain(X, counts, lam, V, alpha, n0, 1.0, 1.0, 0.25, 0.25, n_iter, 1, seed, *out)
    assert K == V.shape[0]
    return out, lam, V


def test_chains_in_threads_draw_as_run_alone():
    """Each chain's generator state is its own (seeded from its seed), not the thread's."""
    h = load("LCMCR_kosovo_aggregate").collapse_strata()
    X = np.ascontiguousarray(h.patterns, dtype=np.int64)
    counts = np.ascontiguousarray(h.counts, dtype=np.int64)
    lam = np.full((X.shape[1], 10), 0.3)
    V = np.full(10, 0.2)
    V[-1] = 1.0
    seeds = [11, 12, 13, 14, 11]

    def run(seed: int) -> np.ndarray:
        return _one_chain(X, counts, lam, V, 3000, seed)[0][0]

    alone = [run(seed) for seed in seeds]
    with ThreadPoolExecutor(max_workers=4) as pool:
        threaded = list(pool.map(run, seeds[::-1]))[::-1]
    for a, b in zip(alone, threaded, strict=True):
        np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(alone[0], alone[-1])
    assert not np.array_equal(alone[0], alone[1])


def test_class_weights_that_underflow_are_redone_in_log_space():
    """All products pi_k * prod_j lam_jk underflow to 0 for the pattern 111111; in log space
    class 1 outweighs class 0 by e^41, so its 100 people go to class 1 (lam[:, 1] ~ 0.66),
    not to class 0 as a zero-mass draw would give (lam[:, 1] ~ Beta(1, 51), ~0.02)."""
    X = np.ones((1, 6), dtype=np.int64)
    counts = np.array([100], dtype=np.int64)
    lam = np.full((6, 10), 1e-60)
    lam[:, 1] = 1e-55
    V = np.full(10, 0.5)
    V[0] = 1.0 - 1e-12
    V[-1] = 1.0
    (n0, alpha, classes), lam_after, V_after = _one_chain(X, counts, lam, V, 1, 5)
    assert np.isfinite(alpha).all() and (n0 >= 0).all() and 1 <= classes[0] <= 10
    assert ((lam_after > 0) & (lam_after < 1)).all()
    assert (lam_after[:, 1] > 0.3).all()


# --- exact check: one class is the M_t model with Beta(1,1) priors and p(N) ∝ 1/N ------


@pytest.mark.parametrize("name", ["SparseMSE_NewOrl", "dga_spina_MY1997"])
def test_one_class_matches_the_exact_posterior(name):
    """With K = 1 the posterior of N has a closed form (independent lists).

    p(N | x) ∝ (1/N) · N!/(N-n)! · Π_j B(1 + n_j, 1 + N - n_j); quantiles from the exact pmf.
    Tolerance 1.5%: Monte Carlo error of 4 x 5,000 draws at the 2.5% / 97.5% quantiles.
    """
    h = load(name).collapse_strata()
    n = h.n
    sizes = np.array(list(h.list_sizes.values()))
    N = np.arange(n, 60 * n)
    lp = -np.log(N) + gammaln(N + 1) - gammaln(N - n + 1) + sum(betaln(1 + s, 1 + N - s) for s in sizes)
    p = np.exp(lp - lp.max())
    cdf = np.cumsum(p) / p.sum()
    exact = [N[np.searchsorted(cdf, q)] for q in (0.025, 0.5, 0.975)]
    r = fit(h, K=1)
    assert r.status is Status.OK
    assert r.lower == pytest.approx(exact[0], rel=0.015)
    assert r.estimate == pytest.approx(exact[1], rel=0.01)
    assert r.upper == pytest.approx(exact[2], rel=0.015)


# --- R LCMCR references -------------------------------------------------------------------


@pytest.mark.parametrize("name", STABLE)
def test_matches_lcmcr_where_r_is_stable(name):
    h = load(name).collapse_strata()
    ref = lcmcr_reference(name)
    r = fit(h)
    assert r.status is Status.OK, r.messages
    lo, hi = band(ref, "posterior_median", "median")
    assert lo <= r.estimate <= hi
    lo, hi = band(ref, "ci_lower", "q025")
    assert lo <= r.lower <= hi
    lo, hi = band(ref, "ci_upper", "q975")
    assert lo <= r.upper <= hi
    diag = r.details["diagnostics"][0]
    assert diag["variable"] == "N" and diag["r_hat"] <= 1.01 and diag["ess_bulk"] >= 400


def test_western_matches_an_independent_sampler_not_r():
    """Western: the one 'stable' LCMCR reference we do not reproduce.

    R LCMCR gives a median of 1,874 (seeds 1-5: 1,814-1,845; upper limit 2,812-3,095).
    Our four chains agree (R-hat 1.000, bulk ESS ~9,000 in a 4 x 200,000-sweep run) on a
    median near 1,970 and an upper limit near 3,250, about 5% and 8% above R.  NUTS on
    the same posterior with the classes and N summed out (``bench/lcm_nuts_check.py``,
    values in ``tests/reference/lcm_nuts_check.json``) gives 1,989 [1,339, 3,281], i.e.
    it sides with our Gibbs sampler, so the difference is not ours to "fix" by tuning.
    Tolerance vs NUTS: 2% on the median, 5% on the limits (NUTS had divergences on this
    mixture, and the 2.5%/97.5% quantiles of 8,000 draws carry ~2-3% Monte Carlo error).
    """
    nuts = next(r for r in json.loads(NUTS_CHECK.read_text())["results"] if r["dataset"] == "SparseMSE_Western")
    r = fit(load("SparseMSE_Western").collapse_strata())
    assert r.status is Status.OK
    assert r.estimate == pytest.approx(nuts["median"], rel=0.02)
    assert r.lower == pytest.approx(nuts["q025"], rel=0.05)
    assert r.upper == pytest.approx(nuts["q975"], rel=0.05)


@pytest.mark.parametrize("name", ["SparseMSE_NewOrl", "LCMCR_kosovo_aggregate"])
def test_agrees_with_the_independent_sampler(name):
    """NUTS on the summed-out posterior (see above): median within 2%, limits within 5%."""
    nuts = next(r for r in json.loads(NUTS_CHECK.read_text())["results"] if r["dataset"] == name)
    r = fit(load(name).collapse_strata())
    assert r.estimate == pytest.approx(nuts["median"], rel=0.02)
    assert r.lower == pytest.approx(nuts["q025"], rel=0.05)
    assert r.upper == pytest.approx(nuts["q975"], rel=0.05)


@pytest.mark.slow
@pytest.mark.parametrize("name", UNSTABLE)
def test_never_a_confident_number_where_r_is_unstable(name):
    """R LCMCR's medians differ by up to 2x across seeds here and it says nothing.

    Ours either converges (4 chains agree: R-hat <= 1.01, ESS >= 400, and the message says
    how long it took) or reports not_converged with no number and a DiagnosticsWarning.
    """
    h = load(name).collapse_strata()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        r = LatentClass(seed=SEED, max_iterations=330_000).fit(h)
    diag = r.details["diagnostics"][0]
    if r.status is Status.OK:
        assert diag["r_hat"] <= 1.01 and diag["ess_bulk"] >= 400 and diag["ess_tail"] >= 400
        if r.details["sampler"]["extensions"]:
            assert any("agreed only after" in m for m in r.messages)
    else:
        assert r.status is Status.NOT_CONVERGED
        assert r.estimate is None and r.lower is None and r.upper is None
        assert any(issubclass(w.category, DiagnosticsWarning) for w in caught)
        assert diag["r_hat"] > 1.01 or diag["ess_bulk"] < 400 or diag["ess_tail"] < 400


def test_short_run_on_ukdat_is_not_converged():
    h = load("SparseMSE_UKdat").collapse_strata()
    with pytest.warns(DiagnosticsWarning, match="not converged"):
        r = LatentClass(seed=SEED, burnin=1000, draws=500, thin=2, extend=False).fit(h)
    assert r.status is Status.NOT_CONVERGED
    assert r.estimate is None
    assert r.details["posterior_median_unconverged"] > h.n
    assert not r.has_estimate


# --- reproducibility, API, options --------------------------------------------------------


def test_same_seed_same_draws_and_seed_recorded():
    h = load("dga_spina_MY1997")
    a, b = (LatentClass(seed=3, burnin=500, draws=300, thin=2, extend=False) for _ in range(2))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DiagnosticsWarning)  # short runs: only the draws matter here
        a, b, c = a.fit(h), b.fit(h), LatentClass(seed=4, burnin=500, draws=300, thin=2, extend=False).fit(h)
    np.testing.assert_array_equal(a.n_draws(), b.n_draws())
    assert not np.array_equal(a.n_draws(), c.n_draws())
    assert a.seed == 3 and a.details["sampler"]["chain_seeds"] == b.details["sampler"]["chain_seeds"]
    assert a.n_draws().shape == (4, 300)


def test_result_carries_inference_data_and_diagnostics():
    h = load("Rcapture_hare")
    r = methods.create("lcm", seed=SEED, burnin=2000, draws=1000, thin=5).fit(h)
    assert r.status is Status.OK
    post = r.draws.posterior
    assert set(post.data_vars) >= {"N", "n0", "alpha"}
    np.testing.assert_array_equal(np.asarray(post["N"]) - np.asarray(post["n0"]), h.n)
    assert r.estimate == pytest.approx(float(np.median(r.n_draws())))
    assert r.observed == h.n <= r.lower <= r.estimate <= r.upper
    cols = set(r.details["diagnostics"][0])
    assert {"r_hat", "ess_bulk", "ess_tail", "divergences"} <= cols
    hpd = LatentClass(seed=SEED, burnin=2000, draws=1000, thin=5, interval="hpd").fit(h)
    assert hpd.upper - hpd.lower <= r.upper - r.lower + 1e-9


def test_stratified_total_sums_the_draws():
    h = load("conting_spina")
    assert h.is_stratified
    r = LatentClass(seed=SEED, burnin=2000, draws=1000, thin=5).fit(h)
    per = [s for s in r.strata if s.has_estimate]
    assert len(per) >= 2  # one stratum has only 2 lists: reported as not estimable
    assert all(s.status is Status.INSUFFICIENT_DATA for s in r.strata if not s.has_estimate)
    # the stratum without an estimate enters with its observed people (a documented minimum)
    total = sum(s.n_draws() for s in per) + (r.observed - sum(s.observed for s in per))
    np.testing.assert_array_equal(r.n_draws(), total)
    assert r.estimate == pytest.approx(float(np.median(total)))
    assert r.upper is None  # unknown how many people the unestimated stratum misses
    # Independent streams per stratum (seeds differ), recorded.
    assert len({s.seed for s in per}) == len(per)


@pytest.mark.parametrize(
    ("options", "match"),
    [
        ({"K": 0}, "K must be"),
        ({"draws": 0}, "draws must be"),
        ({"a_alpha": -1.0}, "a_alpha must be"),
        ({"chains": 0}, "chains must be"),
        ({"interval": "central"}, "interval must be one of"),
        ({"rhat_max": 0.9}, "rhat_max must be"),
        ({"overrelax": -1.0}, "overrelax must be"),
        ({"overrelax": 0.5}, "overrelax must be"),
        ({"overrelax": float("nan")}, "overrelax must be"),
        ({"overrelax": True}, "overrelax must be"),
        ({"overrelax": -0.9, "collapsed": False}, "collapsed sampler only"),
    ],
)
def test_bad_options_are_rejected(options, match):
    with pytest.raises(ValueError, match=match):
        LatentClass(**options)


def test_overrelax_takes_numpy_numbers():
    assert LatentClass(overrelax=np.float32(-0.95)).overrelax == pytest.approx(-0.95)


def test_too_few_lists():
    h = CaptureHistories(lists=("A", "B"), patterns=np.array([[1, 1], [1, 0], [0, 1]]), counts=np.array([5, 10, 12]))
    r = LatentClass(seed=1).fit(h)
    assert r.status is Status.INSUFFICIENT_DATA and r.estimate is None


# --- the collapsed sampler, the priors, the identifiable population, honesty --------------

from estimators.bayes import lcm_priors, lcm_sampler  # noqa: E402
from estimators.exceptions import BoundaryWarning  # noqa: E402
from estimators.studies.coverage import Design, coverage_study, simulate_latent_classes  # noqa: E402


def _collapsed_log_joint(m, nk_obs, s, n, a, b, alpha):
    """log p(observed classes, m | alpha) up to a constant, by brute force (scipy).

    (n + M - 1)! / prod_k m_k!  x  prod_{j,k} B(a + s_jk, b + N_k - s_jk)  x
    prod_{k < K} B(1 + N_k, alpha + T_k): p(N) ∝ 1/N, Beta capture probabilities and
    stick-breaking weights integrated out (Manrique-Vallier 2016, eq. 2-3).
    """
    m = np.asarray(m, dtype=float)
    Nk = nk_obs + m
    lp = gammaln(n + m.sum()) - gammaln(m + 1).sum()
    lp += betaln(a + s, b + Nk[None, :] - s).sum()
    T = np.concatenate([np.cumsum(Nk[::-1])[::-1][1:], [0.0]])
    lp += betaln(1 + Nk[:-1], alpha + T[:-1]).sum()
    return lp


def test_collapsed_target_matches_the_brute_force_joint():
    """The kernel's log p(m_k | ...) differences equal those of the full collapsed joint.

    Each move compares two values of one m_k with the rest fixed, so only differences
    matter: checked to 1e-8 over random states (classes empty and full, first and last).
    """
    rng = np.random.default_rng(5)
    for _ in range(200):
        K, J = int(rng.integers(2, 8)), int(rng.integers(3, 7))
        nk_obs = rng.integers(0, 500, size=K)
        s = np.minimum(rng.integers(0, 500, size=(J, K)), nk_obs[None, :])
        m = rng.integers(0, 3000, size=K)
        n = int(nk_obs.sum()) or 1
        a, b, alpha = float(rng.uniform(0.1, 3)), float(rng.uniform(0.5, 5)), float(rng.uniform(0.1, 3))
        k = int(rng.integers(0, K))
        new = int(rng.integers(0, 5000))
        m2 = m.copy()
        m2[k] = new
        rest = float(m.sum() - m[k])
        got = lcm_sampler.log_unobserved_target(k, float(new), m.astype(np.int64), nk_obs.astype(np.int64),
                                                s.astype(np.int64), n, rest, a, b, alpha)
        got -= lcm_sampler.log_unobserved_target(k, float(m[k]), m.astype(np.int64), nk_obs.astype(np.int64),
                                                 s.astype(np.int64), n, rest, a, b, alpha)
        want = _collapsed_log_joint(m2, nk_obs, s, n, a, b, alpha) - _collapsed_log_joint(m, nk_obs, s, n, a, b, alpha)
        assert got == pytest.approx(want, rel=1e-9, abs=1e-7)


def test_collapsed_ratio_matches_the_brute_force_joint():
    """The move's log ratio (short steps as products, long ones as two targets) equals the joint's."""
    rng = np.random.default_rng(7)
    for trial in range(600):
        K, J = int(rng.integers(2, 12)), int(rng.integers(3, 8))
        nk_obs = rng.integers(0, 500, size=K)
        nk_obs[rng.random(K) < 0.3] = 0
        s = np.minimum(rng.integers(0, 500, size=(J, K)), nk_obs[None, :])
        m = rng.integers(0, 3000, size=K)
        m[rng.random(K) < 0.4] = rng.integers(0, 4)
        nk_obs[-1] += nk_obs.sum() == 0  # n = everyone observed, at least one
        n = int(nk_obs.sum())
        a, b = float(rng.uniform(0.05, 3)), float(rng.uniform(0.5, 5))
        alpha = float(rng.choice([1e-3, rng.uniform(0.1, 3)]))
        k = int(rng.integers(0, K))
        new = max(0, int(m[k]) + int(rng.integers(-9, 10))) if trial % 3 else int(rng.integers(0, 5000))
        if new == m[k]:
            continue
        m2 = m.copy()
        m2[k] = new
        got = lcm_sampler.log_unobserved_ratio(k, float(m[k]), float(new), m.astype(np.int64), nk_obs.astype(np.int64),
                                               s.astype(np.int64), n, float(m.sum() - m[k]), a, b, alpha)
        want = _collapsed_log_joint(m2, nk_obs, s, n, a, b, alpha) - _collapsed_log_joint(m, nk_obs, s, n, a, b, alpha)
        assert got == pytest.approx(want, rel=1e-9, abs=1e-8)


def test_label_swap_ratio_matches_the_brute_force_joint():
    """The closed-form ratio of swapping classes k and k+1 equals that of the full collapsed joint."""
    rng = np.random.default_rng(6)
    for _ in range(200):
        K, J = int(rng.integers(3, 11)), int(rng.integers(3, 7))
        nk_obs = rng.integers(0, 500, size=K)
        s = np.minimum(rng.integers(0, 500, size=(J, K)), nk_obs[None, :])
        m = rng.integers(0, 3000, size=K)
        m[rng.random(K) < 0.3] = 0
        n = int(nk_obs.sum()) or 1
        a, b, alpha = float(rng.uniform(0.1, 3)), float(rng.uniform(0.5, 5)), float(rng.uniform(1e-3, 3))
        k = int(rng.integers(0, K - 2))
        order = np.arange(K)
        order[[k, k + 1]] = order[[k + 1, k]]
        want = (_collapsed_log_joint(m[order], nk_obs[order], s[:, order], n, a, b, alpha)
                - _collapsed_log_joint(m, nk_obs, s, n, a, b, alpha))
        N = nk_obs + m
        got = math.log(lcm_sampler.swap_ratio(float(N[k]), float(N[k + 1]), float(N[k + 2:].sum()), alpha))
        assert got == pytest.approx(want, rel=1e-9, abs=1e-7)


def test_fast_lgamma_matches_scipy():
    x = np.concatenate([np.linspace(0.05, 12, 500), np.geomspace(12, 1e12, 500)])
    got = np.array([lcm_sampler.lgamma(v) for v in x])
    np.testing.assert_allclose(got, gammaln(x), rtol=1e-13, atol=1e-12)  # series truncated after x^-7


@njit(cache=True)
def _alphas(alpha0, kind, p1, p2, K, sum_log, size, seed):  # pragma: no cover - compiled
    st = lcm_kernel.seed_state(seed)
    out = np.empty(size)
    alpha = alpha0
    for i in range(size):
        alpha = lcm_sampler.update_alpha(st, alpha, kind, p1, p2, K, sum_log)
        out[i] = alpha
    return out


@pytest.mark.parametrize(("kind", "p1", "p2"), [(0, 0.25, 0.25), (1, 0.0, 0.25), (1, 0.5, 1.0)])
def test_concentration_update_leaves_its_conditional_invariant(kind, p1, p2):
    """Draws of alpha given the sticks match prior(alpha) alpha^(K-1) exp(alpha S), by KS.

    The lognormal update is a Metropolis-Hastings chain, so its draws are correlated:
    every 20th of 400,000 is kept (autocorrelation at lag 20 is below 1e-3 at the ~60%
    acceptance seen here), and the test's p-value threshold is 1e-4 as above.
    """
    from scipy import integrate

    K, S = 10, -6.0
    x = _alphas(1.0, kind, p1, p2, K, S, 400_000, 31)[::20]
    if kind == 0:
        cdf = stats.gamma(p1 + K - 1, scale=1.0 / (p2 - S)).cdf
    else:
        def dens(a):
            return np.exp(-0.5 * ((np.log(a) - p1) / p2) ** 2 - np.log(a) + (K - 1) * np.log(a) + a * S)

        z = integrate.quad(dens, 0, np.inf, limit=200)[0]

        def cdf(v):
            return np.array([integrate.quad(dens, 0, t, limit=200)[0] / z for t in np.atleast_1d(v)])

    sample = np.sort(x)[:: max(1, x.size // 4000)]  # KS on 4,000 order statistics keeps quad cheap
    assert stats.kstest(sample, cdf).pvalue > 1e-4


def test_collapsed_sampler_agrees_with_lcmcrs_sweep():
    """Same posterior with and without the collapsed moves (NewOrl: both mix well).

    Median within 1.5% and limits within 4% (Monte Carlo error of the quantiles of
    4 chains, ESS > 5,000 each).
    """
    h = load("SparseMSE_NewOrl").collapse_strata()
    a = fit(h, collapsed=True)
    b = fit(h, collapsed=False)
    assert a.status is Status.OK and b.status is Status.OK
    assert a.estimate == pytest.approx(b.estimate, rel=0.015)
    assert a.lower == pytest.approx(b.lower, rel=0.04)
    assert a.upper == pytest.approx(b.upper, rel=0.04)
    assert a.details["sampler"]["collapsed_accepted_per_sweep"] > 0.05


def test_calibrated_prior_reproduces_stanlcmcr():
    """StanLCMCR's ``stan/LCMCR_7.stan``: ``lambda[k] ~ beta(0.061, 1.601)``, commented
    "expansion factor quantiles of 1.01 to 5 for J=33 lists" (HRDAG/StanLCMCR,
    ``fit/src/beta_priors.R``, ``beta_params_from_expansion_factor_quantiles(0.025, 0.975,
    1.01, 5, 33)``).  Tolerance: their printed 3 digits (their gamma fit is numerical and
    their inverse digamma approximate, ~0.005 error per its comment)."""
    a, b = lcm_priors.beta_prior_from_expansion_range(1.01, 5.0, 33)
    assert a == pytest.approx(0.061, abs=0.001)
    assert b == pytest.approx(1.601, abs=0.002)


@pytest.mark.parametrize("J", [3, 5, 10])
@pytest.mark.parametrize(("lower", "upper"), [(1.1, 3.0), (1.1, 5.0)])
def test_calibrated_prior_implies_the_stated_range(J, lower, upper):
    """Monte Carlo of E = 1/(1 - prod(1 - lambda)) under the calibrated Beta: its 2.5% and
    97.5% quantiles hit the stated range to within 6% (two-moment matching of a sum of
    log-Betas to a gamma is an approximation; 200,000 draws add < 1%)."""
    a, b = lcm_priors.beta_prior_from_expansion_range(lower, upper, J)
    q = lcm_priors.implied_expansion_quantiles(a, b, J)
    assert q[0] == pytest.approx(lower, rel=0.06)
    assert q[2] == pytest.approx(upper, rel=0.06)


def test_identifiable_population_is_n_at_threshold_zero_and_at_most_n_above():
    h = load("dga_spina_MY1997")
    kw = {"burnin": 500, "draws": 2000, "extend": False}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RemovalsWarnings)
        r0 = LatentClass(seed=2, threshold=0.0, **kw).fit(h)
        r5 = LatentClass(seed=2, threshold=0.5, **kw).fit(h)
    post0, post5 = r0.draws.posterior, r5.draws.posterior
    np.testing.assert_array_equal(np.asarray(post0["N_identifiable"]), np.asarray(post0["N"]))
    assert (np.asarray(post5["N_identifiable"]) <= np.asarray(post5["N"])).all()
    assert r5.details["identifiable"]["threshold"] == 0.5


RemovalsWarnings = (DiagnosticsWarning, BoundaryWarning)

#: A population with a hard-to-find majority: 40% caught with probability 0.5-0.6 per list,
#: 60% with probability 0.1 (27% of them on any of three lists); N = 2,000.  SYNTHETIC,
#: chosen for these tests (seed 11): its upper end grows with the prior range of N/n
#: (upper limits ~1,850 / 2,170 / 2,990 under N/n in [1.1, 3] / [1.1, 5] / [1.1, 10]).
HIDDEN = {"N": 2000, "capture": ((0.6, 0.5, 0.55), (0.1, 0.1, 0.1)), "weights": (0.4, 0.6)}


def test_upper_end_the_data_cannot_bound_is_withheld():
    """Under a wide calibrated prior (N/n in [1.1, 10]) the upper tail of N is set by the
    prior: changing p(N) from 1/N to 1/N² moves the upper limit by > 10%.  The result keeps
    its point and lower limit, withholds the upper one, warns (BoundaryWarning) and says
    why; the identifiable population (both classes have capture probability >= 0.1, so it
    is all of N here) keeps its interval, which covers the true N."""
    sim = simulate_latent_classes(np.random.default_rng(11), **HIDDEN)
    with pytest.warns(BoundaryWarning, match="do not bound N from above"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DiagnosticsWarning)
            r = LatentClass(seed=SEED, prior_range=(1.1, 10.0), alpha_prior="lognormal").fit(sim.histories)
    assert r.status is Status.WARNING
    assert r.upper is None and r.lower is not None and r.lower >= sim.histories.n
    assert not r.details["upper_check"]["bounded"]
    assert r.details["upper_unbounded_quantile"] > r.estimate
    assert any("upper limit not reported" in m for m in r.messages)
    ident = r.details["identifiable"]
    assert ident["lower"] <= sim.true_n <= ident["upper"]


@pytest.mark.slow
def test_upper_limit_that_grows_with_the_prior_range_is_withheld():
    """``sensitivity=True`` on the same data: the upper limit under N/n in [1.1, 5] exceeds
    the one under [1.1, 3] by > 10%, so the default fit's upper limit (narrow and below
    the true N here) is withheld.  ~4 fits: slow."""
    sim = simulate_latent_classes(np.random.default_rng(11), **HIDDEN)
    with pytest.warns(BoundaryWarning, match="grows with the prior range"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DiagnosticsWarning)
            r = LatentClass(seed=SEED, sensitivity=True).fit(sim.histories)
    assert r.upper is None and r.status is Status.WARNING
    assert r.details["upper_check"]["prior_range_growth"] > 0.10
    assert len(r.details["sensitivity"]) == 3


def test_sensitivity_table_refits_under_the_stated_priors():
    h = load("dga_spina_MY1997")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RemovalsWarnings)
        r = LatentClass(seed=SEED, burnin=1000, draws=5000, sensitivity=True).fit(h)
    rows = r.details["sensitivity"]
    assert [row["prior"] for row in rows] == [label for label, _ in __import__(
        "estimators.bayes.lcm", fromlist=["SENSITIVITY_PRIORS"]).SENSITIVITY_PRIORS]
    assert rows[0]["a_lambda"] == 1.0 and rows[0]["alpha_prior"] == "gamma"
    assert rows[1]["a_lambda"] == pytest.approx(lcm_priors.beta_prior_from_expansion_range(1.1, 3.0, 3)[0])
    assert all(row["status"] in ("ok", "warning", "not_converged") for row in rows)
    # spina is well identified: the three priors agree on the median to within 5%
    meds = [row["estimate"] for row in rows if row["estimate"] is not None]
    assert len(meds) == 3 and max(meds) / min(meds) < 1.05


@pytest.mark.parametrize(
    ("options", "match"),
    [
        ({"prior_range": (0.9, 3)}, "prior_range must be"),
        ({"prior_range": (3, 2)}, "prior_range must be"),
        ({"prior_range": (1.1, 3), "a_lambda": 0.5}, "either prior_range"),
        ({"alpha_prior": "uniform"}, "alpha_prior must be"),
        ({"threshold": 1.0}, "threshold must be"),
        ({"alpha_log_sd": 0}, "alpha_log_sd must be"),
    ],
)
def test_bad_prior_options_are_rejected(options, match):
    with pytest.raises(ValueError, match=match):
        LatentClass(**options)


def test_prior_range_from_json_list_and_lognormal_alpha():
    """``--option prior_range=[1.1,3]`` arrives as a list; the result states the priors used."""
    spec = LatentClass(prior_range=[1.1, 3], alpha_prior="lognormal", seed=1, burnin=500, draws=2000, extend=False)
    assert spec.prior_range == (1.1, 3.0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RemovalsWarnings)
        r = spec.fit(load("dga_spina_MY1997"))
    assert r.details["priors"]["prior_range"] == [1.1, 3.0]
    assert r.details["priors"]["alpha"] == {"lognormal": [0.0, 0.25]}
    assert any("calibrated" in m and "lognormal(0, 0.25)" in m for m in r.messages)
    assert 0.0 < r.details["sampler"]["alpha_acceptance"] <= 1.0
    alpha = np.asarray(r.draws.posterior["alpha"])
    assert np.quantile(alpha, 0.01) > 0.3  # the boundary-avoiding prior keeps alpha off 0


def test_diagnostics_cover_label_invariant_quantities_only():
    h = load("Rcapture_hare")
    r = LatentClass(seed=SEED, burnin=1000, draws=4000).fit(h)
    variables = [row["variable"] for row in r.details["diagnostics"]]
    assert variables == ["N", "N_identifiable", "alpha"]  # never class-specific parameters
    assert "occupied_classes" in r.draws.posterior  # kept in the draws, not gated on


@pytest.mark.slow
def test_numba_cache_means_a_second_process_does_not_compile(tmp_path):
    """With NUMBA_CACHE_DIR set, a second process loads the sampler from the cache.

    Numba's dispatcher counts cache hits and misses per compiled signature
    (``dispatcher.stats``): the first process misses (compiles and writes), the second
    must hit and never miss.  Slow: the first process compiles the sampler (~30-60 s).
    """
    import os
    import subprocess
    import sys

    code = (
        "import warnings, numpy as np\n"
        "from estimators import CaptureHistories\n"
        "from estimators.bayes.lcm import LatentClass\n"
        "from estimators.bayes import lcm_sampler\n"
        "h = CaptureHistories(lists=('A','B','C'), patterns=np.array([[1,1,1],[1,1,0],[1,0,1],[1,0,0],[0,1,1],[0,1,0],[0,0,1]]),"
        " counts=np.array([5,10,12,40,7,30,25]))\n"
        "warnings.simplefilter('ignore')\n"
        "LatentClass(seed=1, burnin=10, draws=20, extend=False).fit(h)\n"
        "st = lcm_sampler.run_sampler.stats\n"
        "print(sum(st.cache_hits.values()), sum(st.cache_misses.values()))\n"
    )
    env = dict(os.environ, NUMBA_CACHE_DIR=str(tmp_path))
    runs = [subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
            for _ in range(2)]
    first = [int(v) for v in runs[0].stdout.split()]
    second = [int(v) for v in runs[1].stdout.split()]
    assert first[1] >= 1  # compiled (and written) the first time
    assert second == [1, 0]  # loaded from the cache, nothing compiled
    assert any(tmp_path.rglob("*.nbi"))


#: The issue's hard design (issue 12: "5 lists, two classes, N = 20,000", where lcm gave
#: not_converged with R-hat 1.14 and R LCMCR converged).  Its exact capture probabilities
#: are not in the issue; these are chosen for this test (SYNTHETIC, fixed before the runs):
#: 60% of people in a class caught with probability 0.06-0.12 per list, 40% with 0.3-0.5.
HARD = Design(
    name="five-lists-two-classes-20000",
    description="N = 20,000; 5 lists; 60% caught with probability 0.06-0.12 per list, 40% with 0.3-0.5",
    simulator=simulate_latent_classes,
    parameters={"N": 20_000, "capture": ((0.1, 0.08, 0.12, 0.06, 0.1), (0.45, 0.35, 0.5, 0.4, 0.3)),
                "weights": (0.6, 0.4)},
    methods=("lcm",),
)


@pytest.mark.slow
def test_converges_on_the_hard_design():
    """Default settings on 20 replicates of the hard design: >= 19 converge (95%), and the
    interval covers N in >= 16 (a calibrated 95% interval misses > 4 of 20 with probability
    0.003; with one replicate lost to non-convergence, 0.013).  Observed (2026-12-06): 20/20 converged,
    18/20 covered (both misses end 1-6% below N); LCMCR's sweep (``collapsed=False``) under the same
    run rules: 19/20 and 17/20.  ~4-7 min on a loaded 2-core machine."""
    table = coverage_study("lcm", HARD, replicates=20, seed=SEED)
    converged = int((table["status"] != "not_converged").sum())
    assert converged >= 19, table.to_string()
    assert int(table["covered"].sum()) >= 16, table.to_string()
