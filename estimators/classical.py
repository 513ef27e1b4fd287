"""Closed-form estimators: Lincoln-Petersen, Chapman, and Chao's lower bound.

Intervals use Chao's (1987) log-normal construction, which keeps the lower limit above
the observed count n: with f0 = N-hat - n and C = exp(z sqrt(log(1 + var / f0^2))),
the interval is (n + f0 / C, n + f0 C).

References
----------
Petersen, C. G. J. (1896); Lincoln, F. C. (1930).
Chapman, D. G. (1951). Some properties of the hypergeometric distribution with
applications to zoological sample censuses. Univ. California Publ. Stat. 1, 131-160.
Seber, G. A. F. (1982). The Estimation of Animal Abundance, 2nd ed., pp. 59-60.
Chao, A. (1987). Estimating the population size for capture-recapture data with
unequal catchability. Biometrics 43, 783-791.

When one list holds every record of the other (m = n1 or m = n2) both estimates equal the
observed count n and the variance formulas give 0, a zero-width interval the data do not
support.  The two-list estimators then report the hypergeometric likelihood-ratio
interval instead (see :func:`hypergeometric_boundary_interval`) with status ``warning``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist
from typing import TYPE_CHECKING, ClassVar

import numpy as np

from ._lazy import lazy_module
from .base import Estimator
from .histories import CaptureHistories
from .results import ClosedFormFit, EstimateResult, Status

if TYPE_CHECKING:
    from scipy import optimize, special, stats
else:
    optimize = lazy_module("scipy.optimize")
    special = lazy_module("scipy.special")
    stats = lazy_module("scipy.stats")


def lognormal_interval(n: float, n_hat: float, var: float, level: float) -> tuple[float, float]:
    """Chao's (1987) log-normal interval for N given the observed count n."""
    f0 = n_hat - n
    if f0 <= 0 or var <= 0:
        return float(n_hat), float(n_hat)
    z = NormalDist().inv_cdf(0.5 + level / 2.0)  # the standard library's: no scipy.stats to import
    c = math.exp(z * math.sqrt(math.log(1.0 + var / f0**2)))
    return n + f0 / c, n + f0 * c


def hypergeometric_loglik(N: float, n1: int, n2: int, m: int) -> float:
    """Log of the hypergeometric likelihood C(n1, m) C(N - n1, n2 - m) / C(N, n2) of N.

    Terms constant in N are omitted; N is continuous (log-gamma), N >= n1 + n2 - m.
    """
    return float(special.gammaln(N - n1 + 1.0) - special.gammaln(N - n1 - n2 + m + 1.0)
                 - special.gammaln(N + 1.0) + special.gammaln(N - n2 + 1.0))


def hypergeometric_boundary_interval(n1: int, n2: int, m: int, level: float) -> tuple[float, float]:
    """Likelihood-ratio interval for N when one list holds the other (m = n1 or m = n2).

    The hypergeometric likelihood of N given n1, n2 and m (Seber 1982, sec. 3.1.1) is
    then strictly decreasing from its maximum at N = n = n1 + n2 - m, so the interval
    is [n, U] with l(n) - l(U) = chi2_1(level) / 2.  With n1 = 10, n2 = 5, m = 5 it
    is [15, 21.1]: N = 20 (where all 5 of list 2 fall in list 1 with probability 0.19)
    is inside, as it should be.
    """
    n = n1 + n2 - m
    if m not in (n1, n2) or m <= 0:
        raise ValueError("the boundary interval applies only when one list holds the other (m = n1 or n2 > 0)")
    l_max = hypergeometric_loglik(float(n), n1, n2, m)
    cut = stats.chi2.ppf(level, 1) / 2.0

    def g(N: float) -> float:
        return l_max - hypergeometric_loglik(N, n1, n2, m) - cut

    a, b = float(n), 2.0 * n + 1.0
    while g(b) < 0:  # the likelihood falls without limit (like N^-min(n1, n2)): this ends
        a, b = b, 2.0 * b
    return float(n), float(optimize.brentq(g, a, b, xtol=1e-9 * b, rtol=1e-12))


def _two_list_counts(h: CaptureHistories) -> tuple[int, int, int]:
    y = h.cell_counts()  # cells: 01, 10, 11
    n2_only, n1_only, m = int(y[0]), int(y[1]), int(y[2])
    return n1_only + m, n2_only + m, m


def _expected_two_list(n_hat: float, n1: float, n2: float) -> np.ndarray:
    p1, p2 = n1 / n_hat, n2 / n_hat
    return n_hat * np.array([(1 - p1) * (1 - p2), (1 - p1) * p2, p1 * (1 - p2), p1 * p2])


@dataclass(frozen=True, kw_only=True)
class _TwoListEstimator(Estimator):
    """Shared fit of the two-list estimators: counts, no-overlap check, log-normal interval.

    Subclasses give :meth:`_point_and_variance` and the message for m = 0.
    """

    max_lists = 2
    no_overlap_message: ClassVar[str] = ""

    def _point_and_variance(self, n1: int, n2: int, m: int) -> tuple[float, float]:  # pragma: no cover
        raise NotImplementedError

    def _fit(self, histories: CaptureHistories) -> EstimateResult:
        n1, n2, m = _two_list_counts(histories)
        if m == 0:
            return self.no_estimate(histories, Status.MLE_DOES_NOT_EXIST, self.no_overlap_message, n1=n1, n2=n2, m=m)
        n_hat, var = self._point_and_variance(n1, n2, m)
        independence = "assumes the two lists are independent (no dependence between sources)"
        if m in (n1, n2):
            # The estimate is n and the variance formula 0: report the likelihood's interval.
            lower, upper = hypergeometric_boundary_interval(n1, n2, m, self.level)
            names = [str(x) for x in histories.lists]
            inner, outer = (names[0], names[1]) if m == n2 else (names[1], names[0])
            return self.result(
                histories, estimate=n_hat, lower=lower, upper=upper, status=Status.WARNING,
                messages=(
                    f"list {inner} holds every record of list {outer} (m = {m}): the estimate is the observed count n, "
                    "the smallest N the data allow, and the variance formula gives 0, which the data do not "
                    "support; the interval is the hypergeometric likelihood-ratio interval (lower limit n), "
                    "whose chi-square calibration is approximate with the estimate on this boundary",
                    independence,
                ),
                parts=(ClosedFormFit(inputs={"n1": n1, "n2": n2, "m": m}, stderr=None,
                                     interval="hypergeometric likelihood ratio (one list holds the other)"),),
                expected_cells=_expected_two_list(n_hat, n1, n2),
            )
        lower, upper = lognormal_interval(histories.n, n_hat, var, self.level)
        return self.result(
            histories, estimate=n_hat, lower=lower, upper=upper,
            messages=(independence,),
            parts=(ClosedFormFit(inputs={"n1": n1, "n2": n2, "m": m}, stderr=math.sqrt(var),
                                 interval="log-normal (Chao 1987)"),),
            expected_cells=_expected_two_list(n_hat, n1, n2),
        )


@dataclass(frozen=True, kw_only=True)
class Petersen(_TwoListEstimator):
    """Lincoln-Petersen estimator N = n1 n2 / m for exactly two lists.

    Variance n1 n2 (n1 - m)(n2 - m) / m^3 (Seber 1982); log-normal interval (Chao 1987).
    It assumes the two lists are independent: positively dependent lists bias it down.
    When the lists do not overlap (m = 0) the MLE does not exist.
    """

    name = "petersen"
    summary = "Lincoln-Petersen two-list estimator n1*n2/m (assumes independent lists)"
    reference = "Petersen (1896); Lincoln (1930); Seber (1982)"
    assumption = ("The two lists are independent: being on one does not change a person's chance of being on "
                  "the other, and on at least one list everyone has the same chance of being listed.")
    min_lists = 2
    no_overlap_message = "the two lists have no record in common (m = 0): the Petersen estimate is infinite"

    def _point_and_variance(self, n1: int, n2: int, m: int) -> tuple[float, float]:
        return n1 * n2 / m, n1 * n2 * (n1 - m) * (n2 - m) / m**3


@dataclass(frozen=True, kw_only=True)
class Chapman(_TwoListEstimator):
    """Chapman's estimator N = (n1 + 1)(n2 + 1)/(m + 1) - 1 for exactly two lists.

    Variance (n1+1)(n2+1)(n1-m)(n2-m) / ((m+1)^2 (m+2)) (Seber 1982, pp. 59-60);
    log-normal interval (Chao 1987).  Assumes independent lists.  With no overlap
    (m = 0) the status is ``mle_does_not_exist`` and no number is given: the formula
    would still return (n1+1)(n2+1) - 1, which the data do not support.
    """

    name = "chapman"
    summary = "Chapman's bias-corrected two-list estimator with Seber variance, log-normal interval"
    reference = "Chapman (1951); Seber (1982); Chao (1987)"
    assumption = ("The two lists are independent: being on one does not change a person's chance of being on "
                  "the other, and on at least one list everyone has the same chance of being listed.")
    min_lists = 2
    no_overlap_message = "the two lists have no record in common (m = 0): no finite estimate is supported"

    def _point_and_variance(self, n1: int, n2: int, m: int) -> tuple[float, float]:
        n_hat = (n1 + 1) * (n2 + 1) / (m + 1) - 1
        return n_hat, (n1 + 1) * (n2 + 1) * (n1 - m) * (n2 - m) / ((m + 1) ** 2 * (m + 2))


@dataclass(frozen=True, kw_only=True)
class ChaoLowerBound(Estimator):
    """Chao's (1987) lower bound from f1 and f2 (people seen on exactly 1 and 2 lists).

    N = n + A f1^2 / (2 f2) with A = (k - 1)/k, the small-sample factor under which the
    bound equals Rcapture's "Mh Chao (LB)" model when its eta parameters are positive
    (set ``finite_lists_factor=False`` for Chao's original A = 1).  Variance
    f2 [A/2 r^2 + A^2 r^3 + A^2/4 r^4] with r = f1/f2 (Chao 1987); log-normal interval.
    It is a lower bound under heterogeneous capture, not an unbiased estimate.  With
    f1 = 0 the bound is n and the variance 0: status ``warning``, lower limit n, no upper.
    """

    name = "chao"
    summary = "Chao's lower bound n + (k-1)/k * f1^2/(2 f2) for any k >= 2, log-normal interval"
    reference = "Chao (1987); Rivest & Baillargeon (2007)"
    assumption = ("People differ in how easy they are to find, in any way; given that, lists are independent. "
                  "It gives a lower limit for N (the total can be higher), equal to N only if everyone is "
                  "equally easy to find.")
    min_lists = 2

    finite_lists_factor: bool = True


    def _fit(self, histories: CaptureHistories) -> EstimateResult:
        f = histories.f_counts()
        f1, f2 = int(f[0]), int(f[1]) if len(f) > 1 else 0
        n = histories.n
        k = histories.k
        a = (k - 1) / k if self.finite_lists_factor else 1.0
        if f1 == 0:
            # The bound is n and the variance formula 0: a zero-width interval the data do not support.
            return self.result(
                histories, estimate=float(n), lower=float(n), upper=None, status=Status.WARNING,
                messages=("nobody is on exactly one list (f1 = 0): Chao's lower bound is the observed count n and "
                          "its variance formula gives 0, which the data do not support; no upper limit is given",
                          "a lower bound for N under heterogeneous catchability"),
                parts=(ClosedFormFit(inputs={"f1": f1, "f2": f2, "factor": a}, stderr=None,
                                     interval="none (f1 = 0)"),),
                expected_cells=np.concatenate([[0.0], histories.cell_counts()]),
            )
        if f2 == 0:
            return self.no_estimate(
                histories,
                Status.INSUFFICIENT_DATA,
                "nobody is on exactly two lists (f2 = 0): Chao's lower bound is infinite",
                f1=f1, f2=f2,
            )
        f0 = a * f1**2 / (2 * f2)
        r = f1 / f2
        var = f2 * (a / 2 * r**2 + a**2 * r**3 + a**2 / 4 * r**4)
        n_hat = n + f0
        lower, upper = lognormal_interval(n, n_hat, var, self.level)
        return self.result(
            histories, estimate=n_hat, lower=lower, upper=upper,
            messages=("a lower bound for N under heterogeneous catchability",),
            parts=(ClosedFormFit(inputs={"f1": f1, "f2": f2, "factor": a}, stderr=math.sqrt(var),
                                 interval="log-normal (Chao 1987)"),),
            expected_cells=np.concatenate([[f0], histories.cell_counts()]),
        )
