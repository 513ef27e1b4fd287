"""Fit one log-linear model and turn it into N-hat, intervals and a status."""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np

from ..exceptions import BoundaryWarning, ConvergenceWarning
from ..results import LoglinearFit, Status
from ..validation import check_choice
from .existence import is_identifiable, mle_exists, unobserved_cell_limit
from .fit import PoissonFit, fit_model, irls
from .profile import ProfileInterval, profile_interval

INTERVALS = ("profile", "wald")


@dataclass(frozen=True)
class SingleFit:
    """Everything a log-linear estimator reports about one model (internal type).

    ``fit`` is the typed sub-result of the fitted model (None when no fit was reported).
    """

    status: Status
    estimate: float | None
    lower: float | None
    upper: float | None
    messages: tuple[str, ...]
    fit: LoglinearFit | None = None
    expected_cells: np.ndarray | None = None


def _fit_nonneg(
    X: np.ndarray, y: np.ndarray, interaction: np.ndarray, nonneg: np.ndarray
) -> tuple[PoissonFit, np.ndarray]:
    """Fit, then drop the first negative constrained coefficient and refit, until none.

    This is Rcapture's treatment of the eta parameters of Chao's lower-bound model
    (``Chao.neg``).  Returns the fit and the mask of columns kept.
    """
    keep = np.ones(X.shape[1], bool)
    while True:
        fit = fit_model(X[:, keep], y, interaction[keep])
        beta = fit.beta
        cons = nonneg[keep]
        neg = np.flatnonzero(cons & np.isfinite(beta) & (beta < 0))
        if neg.size == 0:
            return fit, keep
        cols = np.flatnonzero(keep)
        keep[cols[neg[0]]] = False


def fit_single(
    X: np.ndarray,
    y: np.ndarray,
    *,
    interaction: np.ndarray,
    nonneg: np.ndarray | None = None,
    level: float = 0.95,
    interval: str = "profile",
    n_params_nominal: int | None = None,
) -> SingleFit:
    """Fit the model with design ``X`` (intercept first) to the cell counts ``y``.

    Checks existence and identifiability first (see :mod:`.existence`); when either
    fails the result has no number.
    """
    check_choice(interval, "interval", INTERVALS)
    nonneg = np.zeros(X.shape[1], bool) if nonneg is None else nonneg
    n = float(y.sum())
    C = len(y)
    fit, keep = _fit_nonneg(X, y, interaction, nonneg)
    Xk = X[:, keep]
    kc, kk = fit.kept_cells, fit.kept_columns
    A = Xk[np.ix_(kc, kk)]
    removed_terms = int((~kk).sum())
    messages: list[str] = []
    if not is_identifiable(A):
        return SingleFit(
            Status.NOT_IDENTIFIABLE, None, None, None,
            ("the model is not identifiable from these data: its design has deficient rank "
             "once cells forced to zero by empty overlaps are removed",),
        )
    if not mle_exists(A, y[kc]):
        limit = unobserved_cell_limit(A, y[kc])
        if limit == "zero" and fit.converged:
            # The likelihood rises as the unobserved cell shrinks: N-hat = n, finite.
            return _boundary_fit(X, y, fit, keep, interaction, nonneg, level, n_params_nominal, removed_terms)
        warnings.warn(
            "the MLE does not exist for this model and data (Fienberg-Rinaldo linear "
            "program): no estimate is reported",
            BoundaryWarning,
            stacklevel=3,
        )
        why = ("so N is unbounded under this model: the likelihood does not fall as N grows"
               if limit == "infinite" else "so no estimate is reported")
        return SingleFit(
            Status.MLE_DOES_NOT_EXIST, None, None, None,
            ("the maximum likelihood estimate does not exist for this model and data: "
             f"the observed margins lie on the boundary (linear-programming test), {why}",),
        )
    if not fit.converged:
        warnings.warn("IRLS did not converge", ConvergenceWarning, stacklevel=3)
        return SingleFit(
            Status.NOT_CONVERGED, None, None, None,
            (f"the fit did not converge in {fit.iterations} iterations",),
        )
    if removed_terms:
        messages.append(
            f"{removed_terms} interaction term(s) have no records in common; the cells "
            "they cover are fitted as 0 (extended MLE), which does not affect N"
        )
    b0 = float(fit.beta[0])
    var0 = float(fit.cov[0, 0])
    f0 = math.exp(b0)
    n_hat = n + f0
    se = math.sqrt(f0 + f0**2 * var0)
    p_nom = int(n_params_nominal if n_params_nominal is not None else keep.sum())
    aic = -2 * fit.loglik + 2 * p_nom
    bic = -2 * fit.loglik + math.log(n) * p_nom
    z = NormalDist().inv_cdf(0.5 + level / 2)
    sd0 = math.sqrt(max(var0, 0.0))
    wald = (n + math.exp(b0 - z * sd0), n + math.exp(b0 + z * sd0))
    dropped = int((~keep).sum()) if (~keep).any() else None
    lower: float | None
    upper: float | None
    profile_maximiser: float | None = None
    if interval == "wald":
        lower, upper = wald
        interval_text = "wald (normal on log of unobserved count)"
    else:
        # Rcapture's closedpCI.t re-applies the eta >= 0 rule to the full design at
        # every N of the profile, so the profile starts from all columns.
        full_cols = np.ones(X.shape[1], bool)
        full_cols[np.flatnonzero(keep)[~kk]] = False
        prof = _profile(X, y, kc, full_cols, interaction, nonneg, n, n_hat, level)
        lower, upper = prof.lower, prof.upper
        interval_text = "profile likelihood (Cormack 1992)"
        profile_maximiser = prof.n_max
        if prof.upper is None:
            messages.append(
                f"the profile likelihood does not fall below the cut-off up to N = "
                f"{prof.searched_up_to:.0f}: the data give no upper limit"
            )
        if prof.lower_at_boundary:
            messages.append("the lower limit is the observed count n (boundary)")
        if prof.widened_to_estimate:
            messages.append(_widened_message(prof, level))
    expected = np.zeros(C + 1)
    expected[0] = f0
    expected[1:] = fit.mu
    status = Status.OK if upper is not None else Status.WARNING
    summary = LoglinearFit(
        stderr=se, deviance=fit.deviance, df=C - p_nom, n_params=p_nom, aic=aic, bic=bic, unobserved=f0,
        wald_interval=wald, iterations=fit.iterations, interval=interval_text,
        profile_maximiser=profile_maximiser, dropped_constrained_columns=dropped,
    )
    return SingleFit(status, n_hat, lower, upper, tuple(messages), summary, expected)


def _boundary_fit(
    X: np.ndarray,
    y: np.ndarray,
    fit: PoissonFit,
    keep: np.ndarray,
    interaction: np.ndarray,
    nonneg: np.ndarray,
    level: float,
    n_params_nominal: int | None,
    removed_terms: int,
) -> SingleFit:
    """N-hat = n when the extended MLE empties the unobserved cell (see :func:`unobserved_cell_limit`).

    Typically a list holds everyone observed (Mt: its capture probability is 1 at the
    MLE).  The data then bound N: the profile likelihood is largest at N = n and falls
    as N grows, so the interval is the profile-likelihood one from n (whatever
    ``interval`` asks: a Wald interval on log(N - n) does not exist at N - n = 0).  The
    status is ``warning``: the estimate sits on the boundary of the parameter space,
    where the chi-square calibration of the interval is doubtful.
    """
    n = float(y.sum())
    C = len(y)
    kc, kk = fit.kept_cells, fit.kept_columns
    full_cols = np.ones(X.shape[1], bool)
    full_cols[np.flatnonzero(keep)[~kk]] = False
    prof = _profile(X, y, kc, full_cols, interaction, nonneg, n, n, level)
    messages = [
        "the estimate is the observed count n, on the boundary of the parameter space: under this model "
        "the maximum likelihood leaves nobody unobserved (e.g. one list holds everyone observed, or an "
        "empty cell pins the unobserved cell at 0); the interval is the profile likelihood's from n, whose "
        "chi-square calibration is doubtful on this boundary"
    ]
    if removed_terms:
        messages.append(
            f"{removed_terms} interaction term(s) have no records in common; the cells "
            "they cover are fitted as 0 (extended MLE), which does not affect N"
        )
    if prof.upper is None:
        messages.append(
            f"the profile likelihood does not fall below the cut-off up to N = "
            f"{prof.searched_up_to:.0f}: the data give no upper limit"
        )
    if prof.widened_to_estimate:
        messages.append(_widened_message(prof, level))
    p_nom = int(n_params_nominal if n_params_nominal is not None else keep.sum())
    expected = np.zeros(C + 1)
    expected[1:] = fit.mu
    summary = LoglinearFit(
        stderr=math.nan, deviance=fit.deviance, df=C - p_nom, n_params=p_nom,
        aic=-2 * fit.loglik + 2 * p_nom, bic=-2 * fit.loglik + math.log(n) * p_nom, unobserved=0.0,
        wald_interval=(math.nan, math.nan), iterations=fit.iterations,
        interval="profile likelihood (Cormack 1992), estimate on the boundary N = n",
        profile_maximiser=prof.n_max, dropped_constrained_columns=int((~keep).sum()) if (~keep).any() else None,
    )
    return SingleFit(Status.WARNING, n, prof.lower, prof.upper, tuple(messages), summary, expected)


def _widened_message(prof: ProfileInterval, level: float) -> str:
    """Why an interval was widened to the estimate (:attr:`ProfileInterval.widened_to_estimate`)."""
    return (f"at level {level:g} the profile-likelihood interval around the likelihood's maximum "
            f"(N = {prof.n_max:,.1f}) leaves out the estimate, which maximises the Poisson likelihood instead; "
            "the interval is widened to include the estimate")


def _profile(
    X: np.ndarray,
    y: np.ndarray,
    kept_cells: np.ndarray,
    kept_cols: np.ndarray,
    interaction: np.ndarray,
    nonneg: np.ndarray,
    n: float,
    n_hat: float,
    level: float,
) -> ProfileInterval:
    Xr = X[np.ix_(kept_cells, kept_cols)]
    yr = y[kept_cells]
    nonneg_r = nonneg[kept_cols]
    Xc = np.vstack([Xr, np.eye(1, Xr.shape[1])])

    def kernel(n0: float) -> float:
        yc = np.append(yr, n0)
        keep = np.ones(Xc.shape[1], bool)
        while True:
            beta, _, _ = irls(Xc[:, keep], yc)
            neg = np.flatnonzero(nonneg_r[keep] & (beta < 0))
            if neg.size == 0:
                break
            keep[np.flatnonzero(keep)[neg[0]]] = False
        mu = np.exp(np.clip(Xc[:, keep] @ beta, -700, 700))
        pos = yc > 0
        return float(np.sum(yc[pos] * np.log(mu[pos])))

    return profile_interval(kernel, n, n_hat, level=level)
