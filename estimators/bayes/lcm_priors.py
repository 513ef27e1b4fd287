"""Priors of the latent-class model: calibrated capture probabilities and the concentration.

LCMCR puts Beta(1, 1) priors on every class's list-inclusion probability lambda_jk.
With J lists, the probability that a member of class k is on no list is
q_k = prod_j (1 - lambda_jk), so the prior on lambda implies a prior on the *expansion
factor* E = N/n = 1/(1 - q_k) of a class.  Uniform lambdas make q_k small for most
classes (with J = 4, E < 1.07 half the time) but leave a long tail of near-zero lambdas,
which is what lets a class of people nobody captures grow without bound.

HRDAG's StanLCMCR (``fit/src/beta_priors.R``; Zhang 2023) instead states a prior range of
E, e.g. 95 % prior probability that E lies in [1.1, 3], and finds a Beta(a, b) for every
lambda_jk that reproduces it:

1. X = -log q_k = -sum_j log(1 - lambda_jk) is a decreasing function of E:
   X = log E - log(E - 1).  A Gamma(shape, rate) is fitted to X by its two quantiles:
   P(X <= x(upper)) = (1 - probability) / 2 and P(X <= x(lower)) = (1 + probability) / 2.
2. With Y_j = 1 - lambda_jk ~ Beta(a_Y, b_Y), -log Y_j has mean psi(a_Y + b_Y) -
   psi(a_Y) and variance psi'(a_Y) - psi'(a_Y + b_Y); the sum over J lists is matched
   to the Gamma's mean shape/rate and variance shape/rate².
3. lambda_jk ~ Beta(b_Y, a_Y).

StanLCMCR's ``LCMCR_7.stan`` uses Beta(0.061, 1.601) for J = 33 lists and E in
[1.01, 5]; :func:`beta_prior_from_expansion_range` reproduces it (see the tests).  Here
the gamma is fitted exactly to the two quantiles and the inverse digamma is solved by
Newton's method (StanLCMCR fits the gamma numerically with ``rriskDistributions`` and
uses an approximate inverse digamma, hence differences in the third digit).

The concentration alpha of the stick-breaking weights: LCMCR's Gamma(0.25, 0.25) has a
mode at 0 and lets alpha collapse to tiny values (one class); StanLCMCR's boundary-
avoiding lognormal(0, 0.25) keeps alpha in about [0.6, 1.6] (95 %), with a similar mean.

References
----------
Manrique-Vallier, D. (2016). Bayesian population size estimation using Dirichlet process
mixtures. *Biometrics* 72(4), 1246-1254.
Zhang, S. (2023). StanLCMCR: LCMCR in Stan, Human Rights Data Analysis Group,
``github.com/HRDAG/StanLCMCR`` (``fit/src/beta_priors.R``, ``stan/LCMCR_7.stan``).
"""

from __future__ import annotations

import math

from scipy import optimize, special, stats


def inverse_digamma(y: float) -> float:
    """x > 0 with psi(x) = y, by Newton's method from Minka's (2000) starting point."""
    x = math.exp(y) + 0.5 if y >= -2.22 else -1.0 / (y - float(special.digamma(1.0)))
    for _ in range(50):
        step = (float(special.digamma(x)) - y) / float(special.polygamma(1, x))
        x_new = x - step
        if x_new <= 0:
            x_new = x / 2.0
        if abs(x_new - x) <= 1e-15 * max(1.0, x):
            return x_new
        x = x_new
    return x


def gamma_from_quantiles(x_low: float, x_high: float, p_low: float, p_high: float) -> tuple[float, float]:
    """Gamma (shape, rate) with P(X <= x_low) = p_low and P(X <= x_high) = p_high (exact)."""
    if not (0 < x_low < x_high and 0 < p_low < p_high < 1):
        raise ValueError("need 0 < x_low < x_high and 0 < p_low < p_high < 1")
    target = math.log(x_high / x_low)

    def gap(log_shape: float) -> float:
        a = math.exp(log_shape)
        return math.log(stats.gamma.ppf(p_high, a) / stats.gamma.ppf(p_low, a)) - target

    log_shape = optimize.brentq(gap, math.log(0.05), math.log(1e7), xtol=1e-14)
    shape = math.exp(log_shape)
    rate = float(stats.gamma.ppf(p_low, shape)) / x_low
    return shape, rate


def beta_prior_from_expansion_range(
    lower: float, upper: float, lists: int, probability: float = 0.95
) -> tuple[float, float]:
    """Beta(a, b) prior of every capture probability implying E = N/n in [lower, upper].

    Parameters
    ----------
    lower, upper : float
        The stated prior range of the expansion factor N/n of a latent class (> 1), e.g.
        (1.1, 3): between 10 % and 200 % more people than observed.
    lists : int
        Number of lists J (>= 1).
    probability : float, default 0.95
        Prior probability of the range (equal tails outside it).

    Returns
    -------
    (a, b) : the Beta parameters of lambda_jk (StanLCMCR's calibration; module docstring).

    Raises
    ------
    ValueError
        For a range not above 1, lower >= upper, or J < 1.

    Examples
    --------
    >>> a, b = beta_prior_from_expansion_range(1.01, 5.0, 33)
    >>> round(a, 3), round(b, 2)
    (0.061, 1.6)
    """
    if not (1.0 < lower < upper and math.isfinite(upper)):
        raise ValueError(f"the prior range of N/n must satisfy 1 < lower < upper; got ({lower!r}, {upper!r})")
    if not (isinstance(lists, int) and lists >= 1):
        raise ValueError(f"lists must be an integer >= 1; got {lists!r}")
    if not (0.0 < probability < 1.0):
        raise ValueError(f"probability must be in (0, 1); got {probability!r}")
    tail = (1.0 - probability) / 2.0
    # X = -log q is decreasing in E: the upper end of E is the lower quantile of X.
    x_low = math.log(upper) - math.log(upper - 1.0)
    x_high = math.log(lower) - math.log(lower - 1.0)
    shape, rate = gamma_from_quantiles(x_low, x_high, tail, 1.0 - tail)
    mean_each = shape / rate / lists
    var_each = shape / rate**2 / lists

    def b_of(a_y: float) -> float:
        return inverse_digamma(mean_each + float(special.digamma(a_y))) - a_y

    def gap(log_a: float) -> float:
        a_y = math.exp(log_a)
        return float(special.polygamma(1, a_y) - special.polygamma(1, a_y + b_of(a_y))) - var_each

    log_a = optimize.brentq(gap, math.log(1e-4), math.log(1e4), xtol=1e-14)
    a_y = math.exp(log_a)
    b_y = b_of(a_y)
    return b_y, a_y


def implied_expansion_quantiles(a: float, b: float, lists: int, probs: tuple[float, ...] = (0.025, 0.5, 0.975),
                                draws: int = 200_000, seed: int = 0) -> list[float]:
    """Monte Carlo quantiles of E = 1 / (1 - prod_j (1 - lambda_j)) under Beta(a, b) lambdas (a check)."""
    import numpy as np

    rng = np.random.default_rng(seed)
    lam = rng.beta(a, b, size=(draws, lists))
    q = np.exp(np.log1p(-lam).sum(axis=1))
    return [float(v) for v in np.quantile(1.0 / (1.0 - q), probs)]
