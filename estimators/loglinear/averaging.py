"""AIC model averaging over the searched log-linear models (``loglinear`` with ``averaging="aic"``).

The interval of one selected model ignores that the model was chosen from the data.
Averaging over every searched model whose MLE exists, with Akaike weights

    w_i = exp(-Delta_i / 2) / sum_j exp(-Delta_j / 2),   Delta_i = AIC_i - min AIC,

gives the model-averaged estimate N_bar = sum_i w_i N_i and Buckland, Burnham & Augustin's
(1997) unconditional standard error

    se(N_bar) = sum_i w_i sqrt(var_i + (N_i - N_bar)^2).

The interval is the model-averaged tail-area (MATA) Wald interval of Turek & Fletcher
(2012), on the log of the unobserved count as every model's own Wald interval is: the
limits x solve

    sum_i w_i Phi((log(x - n) - log m_i) / s_i) = 1 - alpha/2  (lower),   = alpha/2 (upper),

with m_i the model's estimate of the unobserved count and s_i the standard error of its
log.  MATA keeps a mixture of well-separated models as wide as the mixture is, where a
symmetric interval around N_bar would not.  BIC weights (``criterion="bic"``) are the same
formula with BIC.

References
----------
Buckland, S. T., Burnham, K. P. and Augustin, N. H. (1997). Model selection: an integral
part of inference. *Biometrics* 53, 603-618.
Burnham, K. P. and Anderson, D. R. (2002). *Model Selection and Multimodel Inference*,
2nd ed., Springer (section 4.3).
Turek, D. and Fletcher, D. (2012). Model-averaged Wald confidence intervals.
*Computational Statistics & Data Analysis* 56(9), 2809-2815.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from .._lazy import lazy_module
from ..results import EstimateResult, LoglinearFit, Status

if TYPE_CHECKING:
    import pandas as pd
    from scipy import optimize, stats
else:
    pd = lazy_module("pandas")
    optimize = lazy_module("scipy.optimize")
    stats = lazy_module("scipy.stats")


if TYPE_CHECKING:
    from ..histories import CaptureHistories
    from .estimators import LogLinear, ModelSearch

AVERAGING = (None, "aic")
#: Models with an Akaike weight below this share are left out of the average (their
#: total weight is reported); the sum over tens of thousands of models is then cheap.
MIN_WEIGHT = 1e-6


@dataclass(frozen=True)
class Averaged:
    """Model-averaged estimate, its unconditional standard error and MATA interval."""

    estimate: float
    stderr: float
    lower: float
    upper: float | None
    weights: pd.DataFrame
    dropped_weight: float


def _log_scale(table: pd.DataFrame, n: float, level: float) -> tuple[np.ndarray, np.ndarray]:
    """log m_i and the standard error of log m_i from each model's Wald limits."""
    z = stats.norm.ppf(0.5 + level / 2.0)
    m = table["estimate"].to_numpy(float) - n
    up = table["upper"].to_numpy(float) - n
    with np.errstate(divide="ignore", invalid="ignore"):
        logm = np.log(m)
        s = (np.log(up) - logm) / z
    return logm, s


def average(table: pd.DataFrame, n: float, *, criterion: str = "aic", level: float = 0.95,
            dispersion: float = 1.0, dispersion_df: int | None = None) -> Averaged:
    """Average the models of a search table (columns of :class:`~.estimators.ModelSearch`).

    Parameters
    ----------
    table : pandas.DataFrame
        The search table: ``estimate, lower, upper, stderr, aic, bic, status, terms`` (and
        ``n_params`` when ``dispersion`` > 1); an optional ``prior_weight`` column gives models
        a prior weight other than 1 (Akaike weights are then prior x exp(-Delta/2), normalised).
    n : float
        Observed count.
    criterion : {"aic", "bic"}
    level : float
    dispersion : float, default 1
        Variance inflation factor c >= 1 (:mod:`~estimators.loglinear.dispersion`): each
        model's standard errors are multiplied by sqrt(c) and the models are weighed by
        QAIC = -2 log L / c + 2 K (or its BIC analogue) instead (Burnham & Anderson 2002,
        section 6.2).
    dispersion_df : int, optional
        Degrees of freedom of the estimate of ``dispersion``: with ``dispersion`` > 1 the
        tail areas are then Student t with these degrees of freedom instead of normal (the
        quasi-likelihood interval when the variance factor is estimated; McCullagh &
        Nelder 1989, section 9.2).

    Returns
    -------
    Averaged
    """
    if not (math.isfinite(dispersion) and dispersion >= 1.0):
        raise ValueError(f"dispersion must be a finite number >= 1; got {dispersion!r}")
    ok = table[(table["status"] == "ok") & table["estimate"].notna() & table["upper"].notna()].copy()
    if ok.empty:
        raise ValueError("no model with an estimate to average")
    score = ok[criterion].to_numpy(float)
    if dispersion > 1.0:
        k_params = ok["n_params"].to_numpy(float)
        penalty = score - (ok["aic"].to_numpy(float) - 2.0 * k_params)  # 2K (AIC) or K log(n) (BIC)
        score = (score - penalty) / dispersion + penalty  # -2 log L / c + penalty
    delta = score - float(score.min())
    w = np.exp(-0.5 * delta)
    if "prior_weight" in ok:  # models that share one hypothesis' prior weight (1 when not given)
        w = w * ok["prior_weight"].fillna(1.0).to_numpy(float)
    w /= w.sum()
    keep = w >= MIN_WEIGHT
    dropped = float(w[~keep].sum())
    ok = ok[keep].copy()
    w = w[keep] / w[keep].sum()
    ok["weight"] = w
    est = ok["estimate"].to_numpy(float)
    se = ok["stderr"].to_numpy(float) * math.sqrt(dispersion)
    n_bar = float(np.sum(w * est))
    se_bar = float(np.sum(w * np.sqrt(se**2 + (est - n_bar) ** 2)))
    logm, s = _log_scale(ok, n, level)
    s = s * math.sqrt(dispersion)
    good = np.isfinite(logm) & np.isfinite(s) & (s > 0)
    logm, s, wg = logm[good], s[good], w[good] / w[good].sum()
    alpha = 1.0 - level

    t_df = dispersion_df if dispersion > 1.0 and dispersion_df is not None and dispersion_df > 0 else None

    def cdf(log_x: float) -> float:
        z = (log_x - logm) / s
        return float(np.sum(wg * (stats.norm.cdf(z) if t_df is None else stats.t.cdf(z, t_df))))

    reach = 12.0 if t_df is None else max(12.0, float(stats.t.ppf(1.0 - 1e-9, t_df)))
    lo_b, hi_b = float(np.min(logm - reach * s)), float(np.max(logm + reach * s))
    low_log = optimize.brentq(lambda t: cdf(t) - alpha / 2.0, lo_b, hi_b, xtol=1e-10)
    high_log = optimize.brentq(lambda t: cdf(t) - (1.0 - alpha / 2.0), lo_b, hi_b, xtol=1e-10)
    upper = n + math.exp(high_log)
    return Averaged(
        estimate=n_bar,
        stderr=se_bar,
        lower=n + math.exp(low_log),
        upper=upper if math.isfinite(upper) else None,
        weights=ok.sort_values("weight", ascending=False),
        dropped_weight=dropped,
    )


def averaged_result(spec: LogLinear, histories: CaptureHistories, s: ModelSearch) -> EstimateResult:
    """``loglinear`` with ``averaging="aic"``: the model average over the search ``s`` (Wald intervals)."""
    if not s.selected.has_estimate:
        return s.selected
    a = average(s.table, float(histories.n), criterion=spec.criterion, level=spec.level)
    top = a.weights.head(10)
    details: dict[str, Any] = {
        "model": "model average",
        "averaging": {
            "criterion": spec.criterion,
            "search": s.search,
            "n_models": int(len(s.table)),
            "n_averaged": int(len(a.weights)),
            "weight_left_out": a.dropped_weight,
            "unconditional_stderr": a.stderr,
            "interval": "model-averaged tail area, Wald on log unobserved (Turek & Fletcher 2012)",
            "top_models": top[["terms", "estimate", "lower", "upper", spec.criterion, "weight"]].to_dict(
                orient="records"
            ),
        },
        "selected_model": getattr(s.selected.part(LoglinearFit), "terms", None),
    }
    messages = (
        f"averaged over {len(a.weights)} of {len(s.table)} searched models with "
        f"{spec.criterion.upper()} weights (Buckland et al. 1997); the interval includes model-selection "
        "uncertainty among these models, not the uncertainty of models outside the search (e.g. heterogeneity)",
    )
    return spec.result(histories, estimate=a.estimate, lower=a.lower, upper=a.upper,
                       status=Status.OK if a.upper is not None else Status.WARNING, messages=messages,
                       details=details)
