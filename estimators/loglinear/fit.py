"""Poisson log-linear fits of the incomplete 2^k table (IRLS), single and batched.

The fitted model is ``log E[y_c] = X_c beta`` over the observable cells; the
unobserved cell's expected count is ``exp(beta_0)`` (its design row is all zeros but
the intercept), so N-hat = n + exp(beta_0) (Fienberg 1972; Cormack 1989).

Interaction terms whose sufficient statistic is zero (e.g. two lists with no record in
common) have an MLE at minus infinity: the extended MLE fits every cell containing the
term as 0 and leaves the other cells - and N-hat - finite.  As in SparseMSE (Chan,
Silverman & Vincent 2021), such cells and columns are removed before fitting; the
nominal parameter count (used for AIC/BIC and df) still counts them, as R's ``glm``
does when it reports "fitted rates numerically 0".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .._lazy import lazy_module

if TYPE_CHECKING:
    from scipy import special
else:
    special = lazy_module("scipy.special")


_MAXIT = 100
_TOL = 1e-11


@dataclass(frozen=True)
class PoissonFit:
    """Result of one Poisson log-linear fit (internal array-level type)."""

    beta: np.ndarray  # (P,), NaN for removed columns
    mu: np.ndarray  # (C,) fitted counts, 0 on removed cells
    cov: np.ndarray  # (P, P) inverse Fisher information, NaN rows/cols for removed columns
    loglik: float  # full Poisson log-likelihood over the C cells (with -log y!)
    deviance: float
    converged: bool
    iterations: int
    kept_columns: np.ndarray  # (P,) bool
    kept_cells: np.ndarray  # (C,) bool


#: Bound on the linear predictor while iterating. Counts are below 2**63 (log < 44), so a
#: fitted log-mean beyond +-300 only occurs on a diverging fit (an MLE that does not exist);
#: exp(300)**2 still fits in a double, so the weighted cross-products never overflow.
ETA_LIMIT = 300.0


def poisson_loglik(y: np.ndarray, mu: np.ndarray) -> float:
    """Poisson log-likelihood sum(y log mu - mu - log y!), with 0 log 0 = 0."""
    with np.errstate(divide="ignore", invalid="ignore"):
        term = np.where(y > 0, y * np.log(np.where(mu > 0, mu, 1.0)), 0.0)
    return float(np.sum(term - mu - special.gammaln(y + 1.0)))


def poisson_deviance(y: np.ndarray, mu: np.ndarray) -> float:
    """Poisson deviance 2 sum(y log(y/mu) - (y - mu)), with 0 log 0 = 0."""
    with np.errstate(divide="ignore", invalid="ignore"):
        term = np.where(y > 0, y * np.log(np.where(y > 0, y, 1.0) / np.where(mu > 0, mu, 1.0)), 0.0)
    return float(2.0 * np.sum(term - (y - mu)))


def zero_term_reduction(
    X: np.ndarray, y: np.ndarray, interaction_columns: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Cells and columns kept once interaction columns with zero statistic are removed.

    Parameters
    ----------
    X : (C, P) design
    y : (C,) counts
    interaction_columns : (P,) bool, True for interaction (order >= 2) columns

    Returns
    -------
    kept_cells, kept_columns : bool arrays
    """
    stats = y @ X
    empty = interaction_columns & (stats <= 0)
    kept_cells = ~np.any(X[:, empty] > 0, axis=1) if np.any(empty) else np.ones(len(y), bool)
    kept_columns = ~empty
    return kept_cells, kept_columns


def irls(
    X: np.ndarray,
    y: np.ndarray,
    *,
    start: np.ndarray | None = None,
    maxit: int = _MAXIT,
    tol: float = _TOL,
) -> tuple[np.ndarray, bool, int]:
    """Plain IRLS for a Poisson GLM with log link on a full-rank design.

    Starts like R's ``glm`` (mu = y + 0.1) unless ``start`` (coefficients) is given.
    Convergence: relative change of the deviance below ``tol``.
    """
    if start is None:
        eta = np.log(y + 0.1)
    else:
        eta = X @ start
    mu = np.exp(eta)
    dev_old = poisson_deviance(y, mu)
    beta = np.zeros(X.shape[1])
    converged = False
    iterations = 0
    for iterations in range(1, maxit + 1):  # noqa: B007 (returned below)
        z = eta + (y - mu) / mu
        XtW = X.T * mu
        try:
            beta = np.linalg.solve(XtW @ X, XtW @ z)
        except np.linalg.LinAlgError:
            beta = np.linalg.lstsq(XtW @ X, XtW @ z, rcond=None)[0]
        eta = np.clip(X @ beta, -ETA_LIMIT, ETA_LIMIT)
        mu = np.exp(eta)
        dev = poisson_deviance(y, mu)
        if abs(dev - dev_old) / (abs(dev) + 0.1) < tol:
            converged = True
            break
        dev_old = dev
    return beta, converged, iterations


def fit_model(
    X: np.ndarray,
    y: np.ndarray,
    interaction_columns: np.ndarray | None = None,
    *,
    start: np.ndarray | None = None,
    drop_zero_terms: bool = True,
) -> PoissonFit:
    """Fit one Poisson log-linear model, removing zero-statistic interaction terms.

    Parameters
    ----------
    X : (C, P) design including the intercept column.
    y : (C,) counts.
    interaction_columns : (P,) bool marking interaction columns eligible for removal
        when their sufficient statistic is zero.  Default: none.
    start : optional starting coefficients for the kept columns.
    """
    C, P = X.shape
    if interaction_columns is None or not drop_zero_terms:
        interaction_columns = np.zeros(P, bool)
    kept_cells, kept_columns = zero_term_reduction(X, y, interaction_columns)
    Xr = X[np.ix_(kept_cells, kept_columns)]
    yr = y[kept_cells]
    beta_r, converged, it = irls(Xr, yr, start=start)
    mu = np.zeros(C)
    mu[kept_cells] = np.exp(np.clip(Xr @ beta_r, -ETA_LIMIT, ETA_LIMIT))
    beta = np.full(P, np.nan)
    beta[kept_columns] = beta_r
    info = (Xr.T * mu[kept_cells]) @ Xr
    cov = np.full((P, P), np.nan)
    try:
        cov[np.ix_(kept_columns, kept_columns)] = np.linalg.inv(info)
    except np.linalg.LinAlgError:
        pass
    return PoissonFit(
        beta=beta,
        mu=mu,
        cov=cov,
        loglik=poisson_loglik(y, mu),
        deviance=poisson_deviance(y, mu),
        converged=converged,
        iterations=it,
        kept_columns=kept_columns,
        kept_cells=kept_cells,
    )


def fit_batch(
    X: np.ndarray,
    y: np.ndarray,
    column_masks: np.ndarray,
    cell_masks: np.ndarray,
    *,
    maxit: int = 60,
    tol: float = 1e-10,
) -> dict[str, np.ndarray]:
    """Fit many models sharing one full design, vectorised over models.

    Each model b uses the columns ``column_masks[b]`` and the cells ``cell_masks[b]``
    of ``X``.  All models are iterated together with IRLS from R's ``glm`` start;
    converged models drop out of the active set.  The model search uses the compiled
    :func:`estimators.loglinear.lattice.fit_lattice` (same iteration, ~15x less CPU);
    this plain NumPy version is the reference the tests compare it with.

    Returns
    -------
    dict with ``beta`` (B, P) (0 for unused columns), ``var0`` (B,) variance of the
    intercept, ``mu`` (B, C) (0 on unused cells), ``deviance`` and ``loglik`` (B,),
    ``converged`` (B,) bool and ``iterations`` (B,).
    """
    B = column_masks.shape[0]
    C, P = X.shape
    cm = column_masks.astype(float)
    wm = cell_masks.astype(float)
    outer = (X[:, :, None] * X[:, None, :]).reshape(C, P * P)
    eye = np.eye(P)
    lgy = special.gammaln(y + 1.0)
    ylogy = np.where(y > 0, y * np.log(np.where(y > 0, y, 1.0)), 0.0)

    def deviance(mu: np.ndarray, w: np.ndarray) -> np.ndarray:
        with np.errstate(divide="ignore"):
            logmu = np.log(np.maximum(mu, 1e-300))
        return 2.0 * np.sum(w * (ylogy - y * logmu - (y - mu)), axis=1)

    eta = np.broadcast_to(np.log(y + 0.1), (B, C)).copy()
    mu = np.exp(eta)
    dev_old = deviance(mu, wm)
    beta = np.zeros((B, P))
    converged = np.zeros(B, bool)
    iterations = np.zeros(B, int)
    active = np.arange(B)
    for it in range(1, maxit + 1):
        if active.size == 0:
            break
        e, m, w, c = eta[active], mu[active], wm[active], cm[active]
        z = e + (y - m) / m
        wmu = w * m
        info = (wmu @ outer).reshape(-1, P, P)
        rhs = (wmu * z) @ X
        # unused columns: identity rows/cols, zero right-hand side
        mask2 = c[:, :, None] * c[:, None, :]
        info = info * mask2 + eye * (1.0 - c)[:, None, :]
        rhs = rhs * c
        try:
            b = np.linalg.solve(info, rhs[:, :, None])[:, :, 0]
        except np.linalg.LinAlgError:
            b = np.stack([np.linalg.lstsq(a, r, rcond=None)[0] for a, r in zip(info, rhs, strict=False)])
        e_new = np.clip(b @ X.T, -ETA_LIMIT, ETA_LIMIT)
        m_new = np.exp(e_new)
        dev = deviance(m_new, w)
        done = np.abs(dev - dev_old[active]) / (np.abs(dev) + 0.1) < tol
        beta[active], eta[active], mu[active] = b, e_new, m_new
        dev_old[active] = dev
        iterations[active] = it
        converged[active[done]] = True
        active = active[~done]
    mu_used = mu * wm
    info = ((mu_used) @ outer).reshape(B, P, P)
    mask2 = cm[:, :, None] * cm[:, None, :]
    info = info * mask2 + eye * (1.0 - cm)[:, None, :]
    e0 = np.zeros(P)
    e0[0] = 1.0
    try:
        var0 = np.linalg.solve(info, np.broadcast_to(e0, (B, P))[:, :, None])[:, 0, 0]
    except np.linalg.LinAlgError:
        var0 = np.array([np.linalg.pinv(a)[0, 0] for a in info])
    with np.errstate(divide="ignore"):
        logmu = np.log(np.maximum(mu_used, 1e-300))
    loglik = np.sum(wm * (y * logmu - mu_used) - lgy, axis=1)
    return {
        "beta": beta * cm,
        "var0": var0,
        "mu": mu_used,
        "deviance": deviance(mu_used, wm),
        "loglik": loglik,
        "converged": converged,
        "iterations": iterations,
    }
