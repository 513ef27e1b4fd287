"""Overdispersion of the capture-history counts: are people caught independently of each other?

Every model of the package treats the people of a list as caught independently: the
count of each capture pattern is Poisson (given the model).  When lists document people
in groups -- a news story, a camp roster or a transfer order naming the children moved
together -- the counts vary more than Poisson counts do, and every interval that ignores
it is too narrow (bench/group_capture_study.py: with groups of mean size 10, the default's
95% interval covered 8 of 20 data sets).

The variance inflation factor c is estimated from the most general model the search
considers, every two-way interaction (for k >= 4 lists it leaves 2^k - 1 - (1 + k +
k(k-1)/2) residual degrees of freedom; with 3 lists none, and c cannot be estimated), by
Fletcher's (2012) estimator for sparse counts,

    c_F = c_P / (1 + s_bar),   c_P = X^2 / df (Pearson),   s_bar = mean_i (y_i - mu_i) / mu_i,

the standard quasi-likelihood remedy in capture-recapture (Burnham & Anderson 2002,
section 6.2; program MARK's c-hat): standard errors are multiplied by sqrt(c) and models
are compared by QAIC = -2 log L / c + 2 K.  Lack of fit from other causes (an interaction
of three lists, heterogeneity) raises c too: the remedy is the same -- the two-way models
explain the counts less well than their intervals claim.

References
----------
Fletcher, D. J. (2012). Estimating overdispersion when fitting a generalized linear model
to sparse data. *Biometrika* 99(1), 230-237.
Burnham, K. P. and Anderson, D. R. (2002). *Model Selection and Multimodel Inference*,
2nd ed., Springer.
McCullagh, P. and Nelder, J. A. (1989). *Generalized Linear Models*, 2nd ed., Chapman &
Hall (chapter 9, quasi-likelihood).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .._lazy import lazy_module
from ..cells import cell_patterns
from .design import all_pair_terms, design_matrix

if TYPE_CHECKING:
    from scipy import special

    from ..histories import CaptureHistories
else:
    special = lazy_module("scipy.special")  # chdtrc: the chi-square tail without importing scipy.stats

#: Cells whose fitted count is below this are left out of the Pearson sum: a cell fitted at
#: ~0 (an interaction at its boundary) says nothing about the variance and would dominate it.
MIN_FITTED = 1e-6
#: Beyond this many lists the 2^k table (and its all-two-way model) is not built: not estimated.
MAX_LISTS = 16


@dataclass(frozen=True)
class Overdispersion:
    """Fletcher's estimate of the variance inflation factor of the all-two-way model.

    Attributes
    ----------
    c_hat : float
        Fletcher's estimate (NaN when it cannot be estimated).
    pearson : float
        Pearson X^2 / df.
    df : int
        Residual degrees of freedom of the all-two-way model: the cells with a positive
        fitted count less the rank of their design (0 with three lists; fewer than
        2^k - 1 - (1 + k + k(k-1)/2) when a pair of lists shares nobody).
    p_value : float
        Pearson goodness-of-fit p-value of that model (NaN when df is 0).
    """

    c_hat: float
    pearson: float
    df: int
    p_value: float

    def finding(self) -> str:
        """The measurement in words (for messages): how much more the counts vary, with df and p."""
        return (f"the counts vary {self.c_hat:.3g} times as much as people caught independently of one another "
                f"would make them (Fletcher's c of the all-two-way model, {self.df} df, goodness-of-fit "
                f"p = {self.p_value:.2g})")

    @property
    def factor(self) -> float:
        """The factor applied to variances: ``max(1, c_hat)`` (1 when it cannot be estimated)."""
        return max(1.0, self.c_hat) if math.isfinite(self.c_hat) else 1.0


def estimate_overdispersion(histories: CaptureHistories) -> Overdispersion:
    """Fletcher's c of the all-two-way log-linear model of ``histories`` (see the module docstring)."""
    from .fit import fit_model

    k = histories.k
    if k > MAX_LISTS:
        return Overdispersion(c_hat=math.nan, pearson=math.nan, df=0, p_value=math.nan)
    pats = cell_patterns(k)
    y = histories.cell_counts().astype(float)
    X = design_matrix(pats, all_pair_terms(k))
    if len(y) - X.shape[1] <= 0:
        return Overdispersion(c_hat=math.nan, pearson=math.nan, df=0, p_value=math.nan)
    interaction = np.zeros(X.shape[1], bool)
    interaction[1 + k :] = True
    fit = fit_model(X, y, interaction)
    mu = np.asarray(fit.mu, dtype=float)
    # Cells fixed at 0 (an empty pairwise overlap: its term is dropped, Bishop, Fienberg &
    # Holland 1975, section 3.8) or fitted at ~0 (an MLE on the boundary) carry no information
    # on the variance: they leave the sum and the degrees of freedom with their parameters.
    used = fit.kept_cells & np.isfinite(mu) & (mu > MIN_FITTED)
    df = int(used.sum()) - int(np.linalg.matrix_rank(X[np.ix_(used, fit.kept_columns)])) if used.any() else 0
    if not fit.converged or df <= 0:
        return Overdispersion(c_hat=math.nan, pearson=math.nan, df=max(df, 0), p_value=math.nan)
    resid = y[used] - mu[used]
    x2 = float(np.sum(resid**2 / mu[used]))
    pearson = x2 / df
    s_bar = float(np.mean(resid / mu[used]))
    c_hat = pearson / (1.0 + s_bar) if 1.0 + s_bar > 0 else math.nan
    return Overdispersion(c_hat=c_hat, pearson=pearson, df=df, p_value=float(special.chdtrc(df, x2)))


def overdispersion_warning(histories: CaptureHistories, consequence: str, *, alpha: float = 0.05) -> str | None:
    """A sentence when c > 1 with a goodness-of-fit p-value below ``alpha`` (None otherwise), ending in ``consequence``.

    For methods that assume people caught one by one (all but ``recommended``): their
    intervals are then too narrow.
    """
    spread = estimate_overdispersion(histories)
    if not (spread.c_hat > 1.0 and spread.p_value < alpha):
        return None
    text = spread.finding()
    return (f"{text[0].upper()}{text[1:]}: lists that record people in groups do this, and so does dependence the "
            f"two-way models miss. {consequence}")
