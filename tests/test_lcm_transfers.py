"""Transfers of observed people between latent classes (``lcm_sampler.observed_transfer_moves``).

The move changes the classes of some observed people of one capture pattern with the
capture probabilities and stick weights integrated out.  Tested (a) its log ratio against
the brute-force collapsed joint, and (b) the move alone, run as a Markov chain on a tiny
table, against the exactly enumerated collapsed posterior of the pattern-by-class counts.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from numba import njit
from scipy import stats
from scipy.special import betaln, gammaln

from estimators.bayes import lcm_kernel, lcm_sampler


def _collapsed_log_joint(m, nk_obs, s, n, a, b, alpha):
    """log p(observed classes, m | alpha) by brute force, without the patterns' multinomial coefficients.

    (n + M - 1)! / prod_k m_k!  x  prod_{j,k} B(a + s_jk, b + N_k - s_jk)  x
    prod_{k < K} B(1 + N_k, alpha + T_k) (Manrique-Vallier 2016, eq. 2-3), as in test_lcm.py.
    """
    m = np.asarray(m, dtype=float)
    Nk = nk_obs + m
    lp = gammaln(n + m.sum()) - gammaln(m + 1).sum()
    lp += betaln(a + s, b + Nk[None, :] - s).sum()
    T = np.concatenate([np.cumsum(Nk[::-1])[::-1][1:], [0.0]])
    lp += betaln(1 + Nk[:-1], alpha + T[:-1]).sum()
    return lp


def _stats(X, c):
    """Per-class observed counts and list totals of a pattern-by-class table."""
    return c.sum(axis=0), X.T @ c


def test_transfer_ratio_matches_the_brute_force_joint():
    """Moving t people of one pattern from class k to class l: log ratio = brute-force joint difference."""
    rng = np.random.default_rng(11)
    for _ in range(400):
        K, J = int(rng.integers(2, 11)), int(rng.integers(3, 7))
        H = int(rng.integers(2, 12))
        X = rng.integers(0, 2, size=(H, J))
        X[X.sum(axis=1) == 0, 0] = 1
        c = rng.integers(0, 300, size=(H, K))
        c[rng.random((H, K)) < 0.3] = 0
        m = rng.integers(0, 2000, size=K)
        m[rng.random(K) < 0.3] = 0
        h, k = int(rng.integers(0, H)), int(rng.integers(0, K))
        c[h, k] = max(c[h, k], 1)
        dest = int(rng.choice([r for r in range(K) if r != k]))
        t = int(rng.integers(1, c[h, k] + 1))
        a, b, alpha = float(rng.uniform(0.1, 3)), float(rng.uniform(0.5, 5)), float(rng.uniform(1e-3, 3))
        nk, s = _stats(X, c)
        n = int(c.sum())
        c2 = c.copy()
        c2[h, k] -= t
        c2[h, dest] += t
        nk2, s2 = _stats(X, c2)
        want = _collapsed_log_joint(m, nk2, s2, n, a, b, alpha) - _collapsed_log_joint(m, nk, s, n, a, b, alpha)
        got = lcm_sampler.log_transfer_target_ratio(X[h].astype(np.int64), k, dest, float(t), m.astype(np.int64),
                                                    nk.astype(np.int64), s.astype(np.int64), a, b, alpha)
        assert got == pytest.approx(want, rel=1e-9, abs=1e-7)


@njit(cache=True)
def _transfer_chain(X, counts, c, m, a, b, alpha, moves, seed):  # pragma: no cover - compiled
    """Run only the transfer move ``moves`` times; return the visited tables' codes (base n_h + 1 per cell)."""
    st = lcm_kernel.seed_state(seed)
    H, J = X.shape
    K = m.shape[0]
    nk = np.zeros(K, dtype=np.int64)
    s = np.zeros((J, K), dtype=np.int64)
    for h in range(H):
        for k in range(K):
            nk[k] += c[h, k]
            for j in range(J):
                s[j, k] += X[h, j] * c[h, k]
    cum = np.cumsum(counts)
    w = np.empty(K)
    out = np.empty(moves, dtype=np.int64)
    for i in range(moves):
        lcm_sampler.observed_transfer_moves(st, 1, X, cum, c, m, nk, s, a, b, alpha, w)
        code = 0
        for h in range(H):
            for k in range(K):
                code = code * (counts[h] + 1) + c[h, k]
        out[i] = code
    return out


@pytest.mark.parametrize("m", [(0, 0, 0), (4, 0, 1), (0, 7, 0)])
def test_transfers_leave_the_collapsed_posterior_invariant(m):
    """The move alone, from one table, visits every table with its exact collapsed probability.

    3 patterns (counts 4, 3, 2) on 3 lists, K = 3 classes, unobserved counts m fixed (first
    and last classes, empty ones): 15 x 10 x 6 = 900 tables, the target
    prod_h n_h! / prod_k c_hk! x the collapsed joint, enumerated.  Chi-square of the visit
    counts of 4,000,000 moves thinned by 200 (autocorrelation: thinned by 20 the chi-square
    is 1.4x its degrees of freedom on a correct chain, by 100 1.05x; the chain is
    irreducible over the tables: any table reaches any other by single transfers);
    p-value threshold 1e-4.
    """
    X = np.array([[1, 0, 0], [1, 1, 0], [0, 1, 1]], dtype=np.int64)
    counts = np.array([4, 3, 2], dtype=np.int64)
    mm = np.array(m, dtype=np.int64)
    K = 3
    a, b, alpha = 0.7, 1.3, 0.8
    n = int(counts.sum())
    tables, logp = [], []
    per_pattern = [[c for c in itertools.product(range(nh + 1), repeat=K) if sum(c) == nh] for nh in counts]
    for rows in itertools.product(*per_pattern):
        c = np.array(rows)
        nk, s = _stats(X, c)
        lp = _collapsed_log_joint(mm, nk, s, n, a, b, alpha)
        lp += sum(gammaln(counts[h] + 1) - gammaln(c[h] + 1).sum() for h in range(len(counts)))
        code = 0
        for h in range(len(counts)):
            for k in range(K):
                code = code * (counts[h] + 1) + c[h, k]
        tables.append(code)
        logp.append(lp)
    p = np.exp(np.array(logp) - max(logp))
    p /= p.sum()
    start = np.zeros((3, K), dtype=np.int64)
    start[:, 0] = counts
    visits = _transfer_chain(X, counts, start, mm, a, b, alpha, 4_000_000, 5)[::200]
    index = {code: i for i, code in enumerate(tables)}
    observed = np.bincount([index[v] for v in visits], minlength=len(tables))
    expected = p * visits.size
    keep = expected >= 5
    chi2 = ((observed[keep] - expected[keep]) ** 2 / expected[keep]).sum() + (
        (observed[~keep].sum() - expected[~keep].sum()) ** 2 / max(expected[~keep].sum(), 1e-12))
    dof = int(keep.sum())
    assert stats.chi2.sf(chi2, dof) > 1e-4


def test_last_label_swap_ratio_matches_the_brute_force_joint():
    """Swapping the last two classes (the last has no stick of its own): closed form = brute-force joint."""
    rng = np.random.default_rng(8)
    for _ in range(200):
        K, J = int(rng.integers(2, 11)), int(rng.integers(3, 7))
        nk_obs = rng.integers(0, 500, size=K)
        s = np.minimum(rng.integers(0, 500, size=(J, K)), nk_obs[None, :])
        m = rng.integers(0, 3000, size=K)
        m[rng.random(K) < 0.3] = 0
        n = int(nk_obs.sum()) or 1
        a, b, alpha = float(rng.uniform(0.1, 3)), float(rng.uniform(0.5, 5)), float(rng.uniform(1e-3, 30))
        order = np.arange(K)
        order[[K - 2, K - 1]] = order[[K - 1, K - 2]]
        want = (_collapsed_log_joint(m[order], nk_obs[order], s[:, order], n, a, b, alpha)
                - _collapsed_log_joint(m, nk_obs, s, n, a, b, alpha))
        N = nk_obs + m
        got = lcm_sampler.last_swap_log_ratio(float(N[K - 2]), float(N[K - 1]), alpha)
        assert got == pytest.approx(want, rel=1e-9, abs=1e-7)
