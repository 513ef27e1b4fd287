"""Profile-likelihood interval for N under a Poisson log-linear model (Cormack 1992).

For a candidate N the unobserved cell is filled with n0 = N - n and the model is
refitted to the complete 2^k table.  The multinomial profile log-likelihood is

    l(N) = sum_c y_c log mu_c(N) + n0 log mu_0(N) - N log N + log N! - log n0!

(up to a constant), where mu(N) is the Poisson fit of the completed table.  The
interval is {N : l(N) >= max l - chi2_1(level) / 2}.  Rcapture's ``closedpCI.t``
computes the same quantity (with Stirling's formula for N > 100); its point
``ci_point`` is the maximiser of l.

That maximiser is not the estimate N-hat = n + exp(intercept) of the Poisson fit: the
multinomial profile carries the terms - N log N + log N! - log n0!, which move its
maximum away from N-hat (below it on the benchmarks, by up to about 2% for the
heterogeneity models).  At a 95% level the interval is
wide enough to hold both, but as the level falls it shrinks onto the maximiser and, at
levels such as 0.01, leaves N-hat out.  The interval is then widened to N-hat (the union
of the likelihood-ratio set and {N-hat}: its coverage is at least the set's), and
``widened_to_estimate`` says so.

References
----------
Cormack, R. M. (1992). Interval estimation for mark-recapture studies of closed
populations. Biometrics 48, 567-576.
Baillargeon, S. and Rivest, L.-P. (2007). Rcapture: loglinear models for
capture-recapture in R. Journal of Statistical Software 19(5).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .._lazy import lazy_module

if TYPE_CHECKING:
    from scipy import optimize, special, stats
else:
    optimize = lazy_module("scipy.optimize")
    stats = lazy_module("scipy.stats")
    special = lazy_module("scipy.special")



@dataclass(frozen=True)
class ProfileInterval:
    """Profile-likelihood interval; ``upper`` is None when the data do not bound N."""

    lower: float
    upper: float | None
    n_max: float  # maximiser of the profile likelihood
    lower_at_boundary: bool  # lower limit is n (the profile never drops below the cut)
    searched_up_to: float
    widened_to_estimate: bool = False  # the likelihood-ratio set left out n_hat; a limit was moved to it


def profile_interval(
    loglik_kernel: Callable[[float], float],
    n: float,
    n_hat: float,
    *,
    level: float = 0.95,
    max_factor: float = 1000.0,
) -> ProfileInterval:
    """Profile interval for N given ``loglik_kernel(n0)``.

    Parameters
    ----------
    loglik_kernel : callable
        Maps n0 = N - n >= 0 to ``sum_c y_c log mu_c + n0 log mu_0`` of the model fitted
        to the completed table (terms constant in N may be omitted).
    n : number of observed units.
    n_hat : the Poisson MLE of N, used to bracket the search; the interval always
        contains it (see the module's docstring).
    level : confidence level.
    max_factor : the upper limit is searched up to ``max_factor * n_hat``.
    """

    def ell(N: float) -> float:
        n0 = max(N - n, 0.0)
        return loglik_kernel(n0) - N * np.log(N) + special.gammaln(N + 1.0) - special.gammaln(n0 + 1.0)

    hi = max(3.0 * n_hat, n + 1.0)
    res = optimize.minimize_scalar(
        lambda N: -ell(N), bounds=(n, hi), method="bounded", options={"xatol": 1e-7 * hi}
    )
    n_max = float(res.x)
    l_max = -float(res.fun)
    cut = l_max - stats.chi2.ppf(level, 1) / 2.0

    def g(N: float) -> float:
        return ell(N) - cut

    if g(n) >= 0:
        lower, at_boundary = float(n), True
    else:
        lower = float(optimize.brentq(g, n, n_max, xtol=1e-9 * max(n_max, 1.0), rtol=1e-12))
        at_boundary = False
    upper: float | None = None
    a, b = n_max, max(3.0 * n_hat, n_max * 1.5, n + 2.0)
    limit = max_factor * max(n_hat, n + 1.0)
    while True:
        if g(b) < 0:
            upper = float(optimize.brentq(g, a, b, xtol=1e-9 * b, rtol=1e-12))
            break
        if b >= limit:
            break
        a, b = b, min(b * 4.0, limit)
    # the set is centred on n_max, not n_hat: at a low level it can leave n_hat out
    widened = n_hat < lower or (upper is not None and n_hat > upper)
    if widened:
        lower = min(lower, float(n_hat))
        upper = None if upper is None else max(upper, float(n_hat))
    return ProfileInterval(
        lower=lower, upper=upper, n_max=n_max, lower_at_boundary=at_boundary, searched_up_to=b,
        widened_to_estimate=widened,
    )
