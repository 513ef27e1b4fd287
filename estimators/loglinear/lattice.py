"""IRLS of many log-linear models of one incomplete 2^k table, on the subset lattice (numba).

Every column of a hierarchical log-linear design is the indicator of a set of lists s
(the intercept is the empty set, a main effect one list, an interaction its lists):
X[c, s] = 1 when the capture history c contains s (both read as k-bit masks).  So the
weighted cross-products that IRLS needs are sums over the cells containing a set,

    (X' W X)[s, t] = M(s | t),   (X' W z)[s] = R(s),   M(u) = sum_{c ⊇ u} w_c,
    R(u) = sum_{c ⊇ u} w_c z_c,

and the linear predictor is a sum over the subsets of each cell, eta_c = sum_{s ⊆ c}
beta_s.  Both are zeta (superset / subset sum) transforms over the 2^k subsets, k 2^(k-1)
additions each, instead of a (cells x columns^2) product: for six lists 192 additions
instead of 63 x 22 x 22 multiply-adds per model and iteration.  The normal equations are
solved by a Cholesky factorisation of the model's own columns only.

The iteration is :func:`estimators.loglinear.fit.fit_batch`'s: R's ``glm`` start
(mu = y + 0.1), IRLS steps, convergence when the relative change of the deviance is
below ``tol``; the results agree with it to rounding (tested against it on every model of
the benchmark searches).  A column whose Cholesky pivot vanishes (a design without full
column rank, which the search reports as not identifiable) is given coefficient 0, a
least-squares solution with the same fitted values as ``lstsq``'s.

Compiled once and cached on disk (numba ``cache=True``; numba's cache directory rules,
``NUMBA_CACHE_DIR`` included).  This module imports numba: import it only where it is
used.

References
----------
Yates, F. (1937). The design and analysis of factorial experiments. Imperial Bureau of
Soil Science (the fast transform over the 2^k subsets).
Fienberg, S. E. (1972). The multiple recapture census for closed populations and
incomplete 2^k contingency tables. Biometrika 59, 591-603.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit, prange

#: Relative size of a Cholesky pivot (to the column's own weight) below which the column
#: counts as linearly dependent.  1e-10 also dropped columns of models without an MLE as
#: their fit ran to the boundary, so those stalled at the iteration limit; 1e-13 catches
#: exact dependencies (pivots at rounding level) only.
_PIVOT_TOL = 1e-13
_LOG_TINY = math.log(1e-300)


@njit(cache=True, nogil=True)
def _superset_sums(v: np.ndarray, k: int) -> None:  # pragma: no cover (compiled)
    """In place: v[u] <- sum over c ⊇ u of v[c]."""
    n = v.size
    for i in range(k):
        bit = 1 << i
        for hi in range(0, n, 2 * bit):
            for lo in range(hi, hi + bit):
                v[lo] += v[lo + bit]


@njit(cache=True, nogil=True)
def _subset_sums(v: np.ndarray, k: int) -> None:  # pragma: no cover (compiled)
    """In place: v[c] <- sum over u ⊆ c of v[u]."""
    n = v.size
    for i in range(k):
        bit = 1 << i
        for hi in range(0, n, 2 * bit):
            for lo in range(hi, hi + bit):
                v[lo + bit] += v[lo]


@njit(cache=True, nogil=True)
def _cholesky(a: np.ndarray, p: int, dropped: np.ndarray) -> None:  # pragma: no cover (compiled)
    """Lower Cholesky factor of a[:p, :p] in place (lower triangle); columns with a
    vanishing pivot are zeroed and flagged in ``dropped``."""
    for j in range(p):
        d = a[j, j]
        for m in range(j):
            d -= a[j, m] * a[j, m]
        if d <= _PIVOT_TOL * a[j, j] or d <= 0.0:
            dropped[j] = True
            for i in range(j, p):
                a[i, j] = 0.0
            continue
        dropped[j] = False
        root = math.sqrt(d)
        a[j, j] = root
        for i in range(j + 1, p):
            s = a[i, j]
            for m in range(j):
                s -= a[i, m] * a[j, m]
            a[i, j] = s / root


@njit(cache=True, nogil=True)
def _solve(a: np.ndarray, p: int, dropped: np.ndarray, b: np.ndarray) -> None:  # pragma: no cover
    """Solve L L' x = b in place with the factor from :func:`_cholesky` (x = 0 on dropped columns)."""
    for i in range(p):
        if dropped[i]:
            b[i] = 0.0
            continue
        s = b[i]
        for m in range(i):
            s -= a[i, m] * b[m]
        b[i] = s / a[i, i]
    for i in range(p - 1, -1, -1):
        if dropped[i]:
            b[i] = 0.0
            continue
        s = b[i]
        for m in range(i + 1, p):
            s -= a[m, i] * b[m]
        b[i] = s / a[i, i]


@njit(cache=True, nogil=True)
def _deviance(y: np.ndarray, ylogy: np.ndarray, w: np.ndarray, eta: np.ndarray, mu: np.ndarray) -> float:  # pragma: no cover
    """2 sum_c w_c (y log y - y log mu - (y - mu)), log mu = eta (floored at log 1e-300)."""
    total = 0.0
    for c in range(1, y.size):
        if w[c]:
            logmu = eta[c] if eta[c] > _LOG_TINY else _LOG_TINY
            total += ylogy[c] - y[c] * logmu - (y[c] - mu[c])
    return 2.0 * total


@njit(cache=True, nogil=True)
def _info(
    masks: np.ndarray, p: int, v: np.ndarray, r: np.ndarray, a: np.ndarray, rhs: np.ndarray, k: int
) -> None:  # pragma: no cover (compiled)
    """Normal equations of the model with columns ``masks[:p]`` from cell weights v, r."""
    _superset_sums(v, k)
    _superset_sums(r, k)
    for i in range(p):
        mi = masks[i]
        rhs[i] = r[mi]
        for j in range(i + 1):
            a[i, j] = v[mi | masks[j]]


@njit(cache=True, nogil=True)
def _fit_one(
    y: np.ndarray,
    ylogy: np.ndarray,
    lgy_total: float,
    k: int,
    masks: np.ndarray,
    p: int,
    w: np.ndarray,
    maxit: int,
    tol: float,
    out: np.ndarray,
    work: np.ndarray,
    a: np.ndarray,
    beta: np.ndarray,
    u: np.ndarray,
    dropped: np.ndarray,
) -> None:  # pragma: no cover (compiled)
    """One model: IRLS from R's glm start; out = (beta0, var0, deviance, loglik, converged, iterations).

    ``work`` (5, 2^k), ``a`` (P, P), ``beta``, ``u`` (P,) float and ``dropped`` (P,) bool are scratch.
    """
    n = y.size
    eta = work[0]
    mu = work[1]
    v = work[2]
    r = work[3]
    t = work[4]
    for c in range(1, n):
        eta[c] = math.log(y[c] + 0.1)
        mu[c] = math.exp(eta[c])
    eta[0] = 0.0
    mu[0] = 0.0
    dev_old = _deviance(y, ylogy, w, eta, mu)
    converged = False
    iterations = 0
    for it in range(1, maxit + 1):
        v[0] = 0.0
        r[0] = 0.0
        for c in range(1, n):
            if w[c]:
                m = mu[c]
                v[c] = m
                r[c] = m * eta[c] + (y[c] - m)
            else:
                v[c] = 0.0
                r[c] = 0.0
        _info(masks, p, v, r, a, beta, k)
        _cholesky(a, p, dropped)
        _solve(a, p, dropped, beta)
        t[:] = 0.0
        for i in range(p):
            t[masks[i]] += beta[i]
        _subset_sums(t, k)
        for c in range(1, n):
            if w[c]:
                e = min(max(t[c], -700.0), 700.0)
                eta[c] = e
                mu[c] = math.exp(e)
        dev = _deviance(y, ylogy, w, eta, mu)
        iterations = it
        done = abs(dev - dev_old) / (abs(dev) + 0.1) < tol
        dev_old = dev
        if done:
            converged = True
            break
    # Fisher information at the final fit; var(beta0) = (A^-1)[0, 0] = |L^-1 e0|^2
    for c in range(n):
        v[c] = mu[c] if (c > 0 and w[c]) else 0.0
        r[c] = 0.0
    _info(masks, p, v, r, a, t, k)
    _cholesky(a, p, dropped)
    var0 = math.nan
    if not dropped[0]:
        # forward substitution of L u = e0: u_0 = 1 / L00, u_i = -sum_{m<i} L_im u_m / L_ii
        u[:] = 0.0
        u[0] = 1.0 / a[0, 0]
        total = u[0] * u[0]
        for i in range(1, p):
            if dropped[i]:
                continue
            s = 0.0
            for m in range(i):
                s -= a[i, m] * u[m]
            u[i] = s / a[i, i]
            total += u[i] * u[i]
        var0 = total
    loglik = 0.0
    for c in range(1, n):
        if w[c]:
            logmu = eta[c] if eta[c] > _LOG_TINY else _LOG_TINY
            loglik += y[c] * logmu - mu[c]
    out[0] = beta[0]
    out[1] = var0
    out[2] = _deviance(y, ylogy, w, eta, mu)
    out[3] = loglik - lgy_total
    out[4] = 1.0 if converged else 0.0
    out[5] = iterations


@njit(cache=True, nogil=True)
def _fit_range(
    y: np.ndarray,
    ylogy: np.ndarray,
    lgy_total: float,
    k: int,
    param_masks: np.ndarray,
    col_masks: np.ndarray,
    cell_weights: np.ndarray,
    maxit: int,
    tol: float,
    out: np.ndarray,
    lo: int,
    hi: int,
) -> None:  # pragma: no cover (compiled)
    P = param_masks.size
    masks = np.empty(P, np.int64)
    work = np.empty((5, y.size))
    a = np.empty((P, P))
    beta = np.empty(P)
    u = np.empty(P)
    dropped = np.zeros(P, np.bool_)
    for b in range(lo, hi):
        p = 0
        for j in range(P):
            if col_masks[b, j]:
                masks[p] = param_masks[j]
                p += 1
        _fit_one(y, ylogy, lgy_total, k, masks, p, cell_weights[b], maxit, tol, out[b], work, a, beta, u, dropped)


@njit(cache=True, nogil=True, parallel=True)
def _fit_parallel(
    y: np.ndarray,
    ylogy: np.ndarray,
    lgy_total: float,
    k: int,
    param_masks: np.ndarray,
    col_masks: np.ndarray,
    cell_weights: np.ndarray,
    maxit: int,
    tol: float,
    out: np.ndarray,
    block: int,
) -> None:  # pragma: no cover (compiled)
    B = col_masks.shape[0]
    nblocks = (B + block - 1) // block
    for j in prange(nblocks):
        lo = j * block
        _fit_range(y, ylogy, lgy_total, k, param_masks, col_masks, cell_weights, maxit, tol, out, lo, min(B, lo + block))


#: Models per parallel block; below ``PARALLEL_MIN_MODELS`` models the fit runs on one thread.
_BLOCK = 512
PARALLEL_MIN_MODELS = 4096


def fit_lattice(
    y_cells: np.ndarray,
    k: int,
    param_masks: np.ndarray,
    column_masks: np.ndarray,
    cell_masks: np.ndarray,
    *,
    maxit: int = 60,
    tol: float = 1e-10,
    parallel: bool | None = None,
) -> dict[str, np.ndarray]:
    """Fit many models sharing one set of candidate columns, one model at a time (compiled).

    Parameters
    ----------
    y_cells : (2^k - 1,) counts of the observable cells in canonical order (pattern 1 first).
    k : number of lists.
    param_masks : (P,) int, the set of lists of each candidate column as a k-bit mask in
        the pattern-code convention (list 1 = most significant bit; 0 for the intercept).
    column_masks : (B, P) bool, the columns of each model.
    cell_masks : (B, 2^k - 1) bool, the cells each model is fitted to.
    maxit, tol : as :func:`estimators.loglinear.fit.fit_batch`.
    parallel : use every numba thread (default: when there are at least
        :data:`PARALLEL_MIN_MODELS` models).

    Returns
    -------
    dict with ``beta0``, ``var0`` (variance of the intercept; NaN if its pivot vanished),
    ``deviance``, ``loglik`` (B,) float, ``converged`` (B,) bool, ``iterations`` (B,) int.
    """
    from scipy.special import gammaln

    y = np.zeros(2**k)
    y[1:] = np.asarray(y_cells, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        ylogy = np.where(y > 0, y * np.log(np.where(y > 0, y, 1.0)), 0.0)
    lgy_total = float(np.sum(gammaln(y + 1.0)))
    B = column_masks.shape[0]
    weights = np.zeros((B, 2**k), np.bool_)
    weights[:, 1:] = cell_masks
    cols = np.ascontiguousarray(column_masks, dtype=np.bool_)
    masks = np.ascontiguousarray(param_masks, dtype=np.int64)
    out = np.empty((B, 6))
    if parallel is None:
        parallel = B >= PARALLEL_MIN_MODELS
    if parallel:
        _fit_parallel(y, ylogy, lgy_total, k, masks, cols, weights, maxit, tol, out, _BLOCK)
    else:
        _fit_range(y, ylogy, lgy_total, k, masks, cols, weights, maxit, tol, out, 0, B)
    return {
        "beta0": out[:, 0].copy(),
        "var0": out[:, 1].copy(),
        "deviance": out[:, 2].copy(),
        "loglik": out[:, 3].copy(),
        "converged": out[:, 4] > 0.5,
        "iterations": out[:, 5].astype(np.int64),
    }
