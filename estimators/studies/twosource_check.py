"""Validation of the ``two-source`` method: its exact posterior against brute-force integration.

The method (:class:`~estimators.bayes.twosource.TwoSource`) integrates the posterior of N
by a one-dimensional quadrature after a change of variables (its docstring gives the
derivation).  This module computes the same posterior **independently**, straight from the
model's definition:

    P(N | data) ∝ (1/N) · N! / (N - n)! · B(n1 + 1, N - n1 + 1)
                  · ∫∫ q1^n11 (1 - q1)^n10 q0^n01 (1 - q0)^(N - n) φ(v) dq1 dv,

with q0 = expit(logit(q1) - v), v = log ψ ~ Normal(mean, sd), q1 ~ Uniform(0, 1), the
capture probability p1 ~ Uniform(0, 1) of list 1 integrated out exactly (the Beta
function), and P(N) ∝ 1/N.  The double integral is a plain two-dimensional sum over a
grid of (logit q1, v) at every N, with no change of variables shared with the method.  At
ψ fixed to 1 the model is the Bayesian Lincoln-Petersen model of Castledine (1981), whose
posterior is closed-form; the validation report shows both checks.

References
----------
Castledine, B. J. (1981). A Bayesian analysis of multiple-recapture sampling for a closed
population. Biometrika 68(1), 197-210.
Bishop, Y. M. M., Fienberg, S. E. and Holland, P. W. (1975). *Discrete Multivariate
Analysis*, ch. 6.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import special, stats

from ..bayes.twosource import DEFAULT_LOG_OR_MEAN, DEFAULT_LOG_OR_SD, TwoSource
from ..exceptions import RemovalsWarning
from ..histories import CaptureHistories


@dataclass(frozen=True)
class TwoListCase:
    """Two lists' cells and a prior on log ψ, for :func:`twosource_validation`."""

    name: str
    n11: int
    n10: int
    n01: int
    log_or_mean: float
    log_or_sd: float

    @property
    def prior(self) -> str:
        """The prior on log ψ in words."""
        if self.log_or_sd < 0.01:
            return f"ψ fixed at {math.exp(self.log_or_mean):g} (sd {self.log_or_sd:g})"
        mean = "0" if self.log_or_mean == 0 else f"log {math.exp(self.log_or_mean):.2g}"
        return f"log ψ ~ Normal({mean}, {self.log_or_sd:g})"


def brute_force_pmf(
    n11: int, n10: int, n01: int, values: np.ndarray, *, log_or_mean: float, log_or_sd: float,
    grid: int = 121,
) -> np.ndarray:
    """The posterior pmf of N at ``values``, by direct two-dimensional summation.

    Parameters
    ----------
    n11, n10, n01 : int
        People on both lists, on list 1 only, on list 2 only.
    values : array of int
        The N at which to evaluate (all >= n); the pmf is normalised over them.
    log_or_mean, log_or_sd : float
        Normal prior of v = log ψ.
    grid : int, default 121
        Points per dimension: logit q1 over its Beta(n11 + 1, n10 + 1) mean ± 12 sd and
        v over its prior mean ± 8 sd (midpoint rule; the integrands are smooth and
        negligible beyond).

    Returns
    -------
    ndarray
        Probabilities at ``values`` (summing to 1).
    """
    n1, n = n11 + n10, n11 + n10 + n01
    values = np.asarray(values, dtype=float)
    a, b = n11 + 1.0, n10 + 1.0
    mu = float(special.digamma(a) - special.digamma(b))
    sd = math.sqrt(float(special.polygamma(1, a) + special.polygamma(1, b)))
    u = np.linspace(mu - 12 * sd, mu + 12 * sd, grid)
    v = np.linspace(log_or_mean - 8 * log_or_sd, log_or_mean + 8 * log_or_sd, grid)
    uu, vv = np.meshgrid(u, v, indexing="ij")
    q1 = special.expit(uu)
    log_q0 = -np.logaddexp(0.0, -(uu - vv))
    log_1m_q0 = -np.logaddexp(0.0, uu - vv)
    # dq1 = q1 (1 - q1) du: the Jacobian of the logit grid.
    base = (n11 * np.log(q1) + n10 * np.log1p(-q1) + np.log(q1) + np.log1p(-q1) + n01 * log_q0
            + stats.norm.logpdf(vv, log_or_mean, log_or_sd)).ravel()
    slope = log_1m_q0.ravel()
    log_int = np.array([special.logsumexp(base + (big_n - n) * slope) for big_n in values])
    log_post = (-np.log(values) + special.gammaln(values + 1) - special.gammaln(values - n + 1)
                + special.betaln(n1 + 1, values - n1 + 1) + log_int)
    p = np.exp(log_post - log_post.max())
    return p / p.sum()  # type: ignore[no-any-return]


def _quantile(values: np.ndarray, pmf: np.ndarray, q: float) -> float:
    cdf = np.cumsum(pmf)
    return float(values[min(int(np.searchsorted(cdf, q - 1e-12)), len(values) - 1)])


def default_cases(histories: CaptureHistories | None = None) -> list[TwoListCase]:
    """The cases of the validation report: Seber's (1982) two lists and a small example,
    each at ψ fixed to 1 and under the method's default prior.

    Parameters
    ----------
    histories : CaptureHistories, optional
        Two more lists to check under the default prior (e.g. a benchmark's first two).
    """
    cases = []
    for name, (n11, n10, n01) in (("Seber (1982) two-list example", (167, 781, 254)),
                                  ("small example", (30, 20, 25))):
        cases.append(TwoListCase(name, n11, n10, n01, 0.0, 1e-3))
        cases.append(TwoListCase(name, n11, n10, n01, DEFAULT_LOG_OR_MEAN, DEFAULT_LOG_OR_SD))
    if histories is not None:
        y = histories.cell_counts()
        cases.append(TwoListCase(histories.source or "two lists", int(y[2]), int(y[1]), int(y[0]),
                                 DEFAULT_LOG_OR_MEAN, DEFAULT_LOG_OR_SD))
    return cases


def twosource_validation(cases: Sequence[TwoListCase], *, seed: int) -> pd.DataFrame:
    """The ``two-source`` method against brute-force integration of its posterior, case by case.

    The brute force is evaluated at every N of the method's own grid (every integer from
    n upward, geometric cells for a long tail) that carries more than 1e-9 of its mass, so
    the two pmfs are compared point by point as well as by their quantiles.

    Parameters
    ----------
    cases : sequence of TwoListCase
    seed : int
        Seed of the method's fits (its point and interval come from the exact pmf; the
        seed only fixes its posterior draws).

    Returns
    -------
    DataFrame
        One row per case: ``case, prior, n, median, lower, upper`` (ours),
        ``bf_median, bf_lower, bf_upper`` (brute force), ``max_abs_diff`` (largest
        difference between the quantiles, in people), ``max_pmf_diff`` (largest absolute
        difference of the pmfs relative to the pmf's peak), ``grid_points``, ``grid_step``
        (widest cell of the method's grid: 1 where it is exact at every integer).
    """
    rows = []
    for case in cases:
        h = CaptureHistories.from_frequency_table(
            pd.DataFrame({"A": [1, 1, 0], "B": [1, 0, 1], "count": [case.n11, case.n10, case.n01]})
        )
        spec = TwoSource(seed=seed, log_or_mean=case.log_or_mean, log_or_sd=case.log_or_sd)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RemovalsWarning)
            result = spec.fit(h)
        post = spec.posterior(h)
        # Compare where the method puts all but 1e-9 of its mass (beyond, both are negligible).
        cdf = np.cumsum(post.pmf)
        keep = (cdf >= 1e-9) & (np.concatenate([[0.0], cdf[:-1]]) <= 1.0 - 1e-9)
        values, widths = post.values[keep].astype(float), post.widths[keep].astype(float)
        ours_pmf = post.pmf[keep] / post.pmf[keep].sum()
        # A cell of the method's grid stands for `width` integers from its value: the brute
        # force's probability of the cell is its pmf at the value times the width.
        bf = brute_force_pmf(case.n11, case.n10, case.n01, values, log_or_mean=case.log_or_mean,
                             log_or_sd=case.log_or_sd) * widths
        bf /= bf.sum()
        ours = np.array([result.estimate, result.lower, result.upper], dtype=float)
        brute = np.array([_quantile(values, bf, q) for q in (0.5, 0.025, 0.975)])
        rows.append({
            "case": case.name, "prior": case.prior, "n": case.n11 + case.n10 + case.n01,
            "median": ours[0], "lower": ours[1], "upper": ours[2],
            "bf_median": brute[0], "bf_lower": brute[1], "bf_upper": brute[2],
            "max_abs_diff": float(np.max(np.abs(ours - brute))),
            "max_pmf_diff": float(np.max(np.abs(ours_pmf - bf)) / bf.max()),
            "grid_points": int(values.size),
            "grid_step": int(widths.max()),
        })
    return pd.DataFrame(rows)
