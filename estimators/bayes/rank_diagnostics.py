"""Rank-normalised split R-hat and bulk / tail ESS in NumPy, exactly as ArviZ computes them.

ArviZ (0.23) costs about a second to import (xarray, Matplotlib, a numba ufunc compiled
at import) and compiles its variance helper with numba on first use (~0.6 s), in every
process.  These functions repeat its computation operation for operation - the same
normal scores of average ranks (Blom 1958), split chains, FFT autocovariances padded to
the next 5-smooth length, Geyer's initial monotone sequence, the sequential sums of its
compiled variance, R's type-7 quantile for the tail ESS - so they return the same
doubles (tested against ArviZ on random draws with ties, constant and short chains).

References
----------
Vehtari, A., Gelman, A., Simpson, D., Carpenter, B. and Bürkner, P.-C. (2021).
Rank-normalization, folding, and localization: an improved R-hat for assessing
convergence of MCMC. *Bayesian Analysis* 16(2), 667-718.
Blom, G. (1958). *Statistical Estimates and Transformed Beta-Variables*. Wiley.
Geyer, C. J. (1992). Practical Markov chain Monte Carlo. *Statistical Science* 7, 473-483.
"""

from __future__ import annotations

from typing import Any

import numpy as np


def _variance_sequential(x: np.ndarray, ddof: int) -> np.ndarray:
    """Variance along the last axis as ArviZ's compiled ``stats_variance_1d`` computes it:
    sequential sums of x and x^2 (``cumsum`` adds in the same order as its loop)."""
    n = x.shape[-1]
    a = np.cumsum(x, axis=-1)[..., -1]
    b = np.cumsum(x * x, axis=-1)[..., -1]
    return (b / n - (a / n) ** 2) * (n / (n - ddof))


def _split_chains(x: np.ndarray) -> np.ndarray:
    half = x.shape[1] // 2
    return np.vstack((x[:, :half], x[:, -half:]))


def _z_scale(x: np.ndarray) -> np.ndarray:
    """Normal scores of the average ranks, (rank - 3/8) / (size + 1/4) (Blom 1958)."""
    from scipy.special import ndtri

    flat = x.ravel()
    sorter = np.argsort(flat, kind="quicksort")
    inv = np.empty(sorter.size, dtype=np.intp)
    inv[sorter] = np.arange(sorter.size, dtype=np.intp)
    ordered = flat[sorter]
    obs = np.r_[True, ordered[1:] != ordered[:-1]]
    dense = obs.cumsum()[inv]
    count = np.r_[np.nonzero(obs)[0], len(obs)]
    rank = 0.5 * (count[dense] + count[dense - 1] + 1)
    return np.asarray(ndtri((rank - 3 / 8) / (rank.size - 2 * (3 / 8) + 1))).reshape(x.shape)


def _rhat(x: np.ndarray) -> float:
    n = x.shape[1]
    between = n * float(_variance_sequential(np.mean(x, axis=1), 1))
    within = float(np.mean(_variance_sequential(x, 1)))
    return float(np.sqrt((between / within + n - 1) / n))


def _next_5_smooth(target: int) -> int:
    """Smallest 2^a 3^b 5^c >= target (``scipy.fftpack.next_fast_len``)."""
    best = 1 << max(0, (target - 1).bit_length())
    p5 = 1
    while p5 < best:
        p35 = p5
        while p35 < best:
            v = p35
            while v < target:
                v *= 2
            best = min(best, v)
            p35 *= 3
        p5 *= 5
    return best


def _ess(x: np.ndarray) -> float:
    """Effective sample size of a (chains, draws) array: FFT autocovariances and Geyer's
    initial monotone sequence (Vehtari et al. 2021), operation for operation as ArviZ."""
    x = np.asarray(x, dtype=float)
    if np.isnan(x).any():
        return float("nan")
    if (np.max(x) - np.min(x)) < np.finfo(float).resolution:
        return float(x.size)
    n_chain, n_draw = x.shape
    m = _next_5_smooth(2 * n_draw)
    centred = x - x.mean(1, keepdims=True)
    spec = np.fft.rfft(centred, n=m, axis=1)
    spec *= np.conjugate(spec)
    acov = np.fft.irfft(spec, n=m, axis=1)[:, :n_draw]
    acov /= n_draw
    chain_mean = x.mean(axis=1)
    # np.mean(acov[:, t]) of every lag t at once: the rows of the transposed copy are reduced
    # in the same (pairwise) order as one strided column, so the doubles are the same.
    acov_mean = np.ascontiguousarray(acov.T).mean(axis=1)
    mean_var = acov_mean[0] * n_draw / (n_draw - 1.0)
    var_plus = mean_var * (n_draw - 1.0) / n_draw
    if n_chain > 1:
        var_plus += float(_variance_sequential(chain_mean, 1))
    # the autocorrelation of every lag, elementwise as ArviZ's loop computes it lag by lag
    r = (1.0 - (mean_var - acov_mean) / var_plus).tolist()
    rho = np.zeros(n_draw)
    rho_even = 1.0
    rho[0] = rho_even
    rho_odd = r[1]
    rho[1] = rho_odd
    # Geyer's initial positive sequence: pairs (t + 1, t + 2) are kept while their sum is >= 0
    t = 1
    written = 1
    while t < (n_draw - 3) and (rho_even + rho_odd) > 0.0:
        rho_even = r[t + 1]
        rho_odd = r[t + 2]
        if (rho_even + rho_odd) >= 0:
            written = t + 2
        t += 2
    max_t = t - 2
    head = r[: written + 1]
    head[0] = 1.0
    if rho_even > 0:
        while len(head) < max_t + 2:
            head.append(0.0)
        head[max_t + 1] = rho_even
    # ... made monotone
    t = 1
    while t <= max_t - 2:
        if (head[t + 1] + head[t + 2]) > (head[t - 1] + head[t]):
            head[t + 1] = (head[t - 1] + head[t]) / 2.0
            head[t + 2] = head[t + 1]
        t += 2
    rho[: len(head)] = head
    ess = n_chain * n_draw
    tau = -1.0 + 2.0 * np.sum(rho[: max_t + 1]) + np.sum(rho[max_t + 1 : max_t + 2])
    tau = max(tau, 1 / np.log10(ess))
    return float("nan") if np.isnan(rho).any() else float(ess / tau)


def _quantile_type7(x: np.ndarray, p: float) -> float:
    """R's type-7 quantile as ``scipy.stats.mstats.mquantiles(alphap=1, betap=1)`` computes it."""
    v = np.sort(x.ravel())
    n = v.size
    aleph = n * p + (1.0 - p)
    k = int(np.floor(np.clip(aleph, 1, n - 1)))
    gamma = float(np.clip(aleph - k, 0, 1))
    return float((1.0 - gamma) * v[k - 1] + gamma * v[k])


def rank_diagnostics(draws: np.ndarray) -> tuple[float, float, float]:
    """(R-hat, bulk ESS, tail ESS) of a (chains, draws) array, as ArviZ 0.23 computes them.

    ``arviz.rhat(x, method="rank")``, ``arviz.ess(x, method="bulk")`` and
    ``arviz.ess(x, method="tail")``, each NaN where ArviZ gives NaN (NaN draws, fewer
    than 4 draws, R-hat with one chain) and, as in
    :func:`~estimators.bayes.common.diagnostics_table`, NaN for draws that do not vary.
    """
    x = np.asarray(draws, dtype=float)
    n_chains, n_draws = x.shape
    nan = float("nan")
    if not np.ptp(x) > 0 or np.isnan(x).any() or n_draws < 4:
        return nan, nan, nan
    split = _split_chains(x)
    z = _z_scale(split)
    rhat = nan
    if n_chains >= 2:
        rhat = max(_rhat(z), _rhat(_z_scale(np.abs(split - np.median(split)))))
    ess_bulk = _ess(z)
    ess_tail = min(_ess(_split_chains(x <= _quantile_type7(x, p))) for p in (0.05, 0.95))
    return rhat, ess_bulk, ess_tail


def diagnostics_row(name: str, draws: np.ndarray, divergences: int | None = None) -> dict[str, Any]:
    """One row of :func:`~estimators.bayes.common.diagnostics_table`, without ArviZ."""
    x = np.asarray(draws, dtype=float)
    n_chains, n_draws = x.shape
    rhat, ess_bulk, ess_tail = rank_diagnostics(x)
    return {
        "variable": name,
        "mean": float(x.mean()),
        "sd": float(x.std(ddof=1)) if x.size > 1 else float("nan"),
        "r_hat": rhat,
        "ess_bulk": ess_bulk,
        "ess_tail": ess_tail,
        "chains": n_chains,
        "draws": n_draws,
        "divergences": divergences,
    }
