"""One general simulator of capture histories from a known population (SYNTHETIC data).

Every person of a population of known size N gets a capture probability on every list
from a generating process written independently of the estimators it is used to judge:

* **latent classes** (``capture`` rows and ``weights``): a person's class sets a
  baseline probability per list (one row: a homogeneous population);
* **individual heterogeneity** within a class (:class:`Heterogeneity`):

  - ``"gamma"`` / ``"beta"``: a frailty theta with mean 1 scales every list's capture
    hazard, p = 1 - (1 - p_class)^theta, theta ~ Gamma(shape, mean 1) or a Beta(a, b)
    variable divided by its mean (a bounded, skewed propensity);
  - ``"logit-normal"``: list-specific heterogeneity, logit p_j = logit p_class,j +
    loading_j z with one standard normal z per person; lists with different (or
    opposite-signed) loadings reach different people (Chao et al. 2001's list-specific
    behavioural heterogeneity);

* **referral dependence** (:class:`Referral`): after the lists are drawn, each person on
  the ``source`` list and not on the ``target`` list is added to the target with
  probability ``probability`` (one organisation refers the people it records to
  another).  Referrals apply in the order given, so chains of referral are possible.

None of these is the model of any one estimator: latent classes are ``lcm``'s model only
without the frailty, the referral process is not a log-linear interaction (it changes
higher-order margins too), and the frailty links are neither Rcapture's Mh forms nor a
finite mixture.

A :class:`Population` is a frozen description; :meth:`Population.simulate` draws one
data set with a given generator.  People are drawn in blocks, so N = 100,000 with ten
lists needs a few megabytes.

References
----------
Otis, D. L., Burnham, K. P., White, G. C. and Anderson, D. R. (1978). Statistical
inference from capture data on closed animal populations. *Wildlife Monographs* 62.
Chao, A., Tsay, P. K., Lin, S.-H., Shau, W.-Y. and Chao, D.-Y. (2001). The applications
of capture-recapture models to epidemiological data. *Statistics in Medicine* 20,
3123-3157.
Johndrow, J. E., Lum, K. and Manrique-Vallier, D. (2016). Estimating the observable
population size from biased samples: a new approach to population estimation with capture
heterogeneity. arXiv:1606.02235 (with much mass of capture probability near zero, N has
unbounded risk; the population above a capture threshold is estimable).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy.special import expit, logit

from ..histories import CaptureHistories

HETEROGENEITY_KINDS = ("gamma", "beta", "logit-normal")
_BLOCK = 50_000  # people drawn at a time


@dataclass(frozen=True, kw_only=True)
class Heterogeneity:
    """Individual variation of capture within a latent class.

    Parameters
    ----------
    kind : {"gamma", "beta", "logit-normal"}
    shape : float
        ``gamma``: shape of the Gamma frailty (mean 1, variance 1/shape).
    a, b : float
        ``beta``: parameters of the Beta propensity (the frailty is it over its mean
        a/(a+b), so between 0 and (a+b)/a).
    loadings : sequence of float
        ``logit-normal``: one loading per list (standard deviation of that list's logit
        capture probability across people; sign = which people the list reaches).
    """

    kind: str
    shape: float = 1.0
    a: float = 1.0
    b: float = 1.0
    loadings: tuple[float, ...] = ()

    def __post_init__(self) -> None:
        if self.kind not in HETEROGENEITY_KINDS:
            raise ValueError(f"kind must be one of {HETEROGENEITY_KINDS}; got {self.kind!r}")
        for key in ("shape", "a", "b"):
            v = getattr(self, key)
            if not (isinstance(v, (int, float)) and v > 0):
                raise ValueError(f"{key} must be a positive number; got {v!r}")
        object.__setattr__(self, "loadings", tuple(float(x) for x in self.loadings))
        if self.kind == "logit-normal" and not self.loadings:
            raise ValueError("logit-normal heterogeneity needs one loading per list")

    def apply(self, rng: np.random.Generator, p: np.ndarray) -> np.ndarray:
        """Person-level probabilities from class probabilities ``p`` (people x lists)."""
        m, k = p.shape
        if self.kind == "logit-normal":
            if len(self.loadings) != k:
                raise ValueError(f"loadings must have one entry per list ({k}); got {len(self.loadings)}")
            z = np.asarray(rng.standard_normal(m))[:, None]
            out: np.ndarray = expit(logit(np.clip(p, 1e-12, 1 - 1e-12)) + z * np.asarray(self.loadings)[None, :])
            return out
        theta: np.ndarray
        if self.kind == "gamma":
            theta = np.asarray(rng.gamma(self.shape, 1.0 / self.shape, size=m))
        else:
            theta = np.asarray(rng.beta(self.a, self.b, size=m)) / (self.a / (self.a + self.b))
        out2: np.ndarray = 1.0 - np.power(1.0 - p, theta[:, None])
        return out2


@dataclass(frozen=True)
class Referral:
    """People on list ``source`` (0-based) are added to list ``target`` with ``probability``."""

    source: int
    target: int
    probability: float

    def __post_init__(self) -> None:
        if self.source == self.target or min(self.source, self.target) < 0:
            raise ValueError(f"a referral needs two distinct non-negative list indices; got {self.source}, {self.target}")
        if not 0.0 <= self.probability <= 1.0:
            raise ValueError(f"referral probability must be in [0, 1]; got {self.probability!r}")


@dataclass(frozen=True)
class Simulation:
    """One simulated data set (SYNTHETIC).

    Attributes
    ----------
    true_n : int
        Population size simulated.
    histories : CaptureHistories
        Counts of the observed patterns (the all-zero pattern is never observed).
    truth : dict
        What else is known: people per class (``class_sizes``) and the number whose chance
        of being on at least one list is at least 0.1, 0.2 and 0.5 (``catchable``,
        the identifiable population of Johndrow et al. 2018 at those thresholds).
    """

    true_n: int
    histories: CaptureHistories
    truth: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class Population:
    """A population of known size and how lists catch its members.

    Parameters
    ----------
    N : int
        Population size, >= 1.
    capture : (classes, k) nested sequence of float
        Baseline capture probability of each list in each latent class (one row for a
        single class).
    weights : sequence of float, optional
        Class shares (normalised); default one class.
    heterogeneity : Heterogeneity, optional
        Variation within classes.
    referrals : sequence of Referral
        Referral dependence, applied in order after the independent draws.
    lists : sequence of str, optional
        List names; default L1..Lk.

    Examples
    --------
    >>> pop = Population(N=1000, capture=[[0.3, 0.4, 0.5]], referrals=[Referral(0, 1, 0.5)])
    >>> s = pop.simulate(np.random.default_rng(1))
    >>> s.true_n, s.histories.k
    (1000, 3)
    """

    N: int
    capture: tuple[tuple[float, ...], ...]
    weights: tuple[float, ...] = (1.0,)
    heterogeneity: Heterogeneity | None = None
    referrals: tuple[Referral, ...] = ()
    lists: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.N, (int, np.integer)) or isinstance(self.N, bool) or self.N < 1:
            raise ValueError(f"N must be a positive integer; got {self.N!r}")
        p = np.asarray(self.capture, dtype=float)
        if p.ndim != 2 or p.shape[1] < 2:
            raise ValueError("capture must be a (classes, lists) array with at least 2 lists")
        if not (np.all(np.isfinite(p)) and np.all(p >= 0) and np.all(p <= 1)):
            raise ValueError("capture must hold probabilities in [0, 1]")
        w = np.asarray(self.weights, dtype=float)
        if w.shape != (p.shape[0],) or not (np.all(w >= 0) and w.sum() > 0):
            raise ValueError("weights must be non-negative, one per class, with a positive sum")
        object.__setattr__(self, "capture", tuple(tuple(float(x) for x in row) for row in p))
        object.__setattr__(self, "weights", tuple(float(x) for x in w / w.sum()))
        object.__setattr__(self, "referrals", tuple(self.referrals))
        k = p.shape[1]
        for r in self.referrals:
            if max(r.source, r.target) >= k:
                raise ValueError(f"referral lists must be in 0..{k - 1}; got {r.source}, {r.target}")
        names = tuple(self.lists) or tuple(f"L{j + 1}" for j in range(k))
        if len(names) != k:
            raise ValueError(f"lists must name the {k} lists")
        object.__setattr__(self, "lists", names)

    @property
    def k(self) -> int:
        """Number of lists."""
        return len(self.capture[0])

    def simulate(self, rng: np.random.Generator) -> Simulation:
        """Draw the lists once; the same generator state gives the same data."""
        p = np.asarray(self.capture, dtype=float)
        N, k = int(self.N), self.k
        cls = rng.choice(p.shape[0], size=N, p=np.asarray(self.weights))
        codes = np.empty(N, dtype=np.int64)
        seen_prob = np.empty(N)
        weights = (1 << np.arange(k - 1, -1, -1)).astype(np.int64)
        for a in range(0, N, _BLOCK):
            b = min(N, a + _BLOCK)
            P = p[cls[a:b]]
            if self.heterogeneity is not None:
                P = self.heterogeneity.apply(rng, P)
            X = rng.random(P.shape) < P
            # chance of appearing at all, before referrals (referrals only add to people already seen)
            seen_prob[a:b] = 1.0 - np.prod(1.0 - P, axis=1)
            for r in self.referrals:
                add = X[:, r.source] & ~X[:, r.target] & (rng.random(b - a) < r.probability)
                X[:, r.target] |= add
            codes[a:b] = X.astype(np.int64) @ weights
        h = histories_from_codes(codes, self.lists)
        truth = {
            "class_sizes": np.bincount(cls, minlength=p.shape[0]).tolist(),
            "catchable": {str(t): int((seen_prob >= t).sum()) for t in (0.1, 0.2, 0.5)},
        }
        return Simulation(true_n=N, histories=h, truth=truth)

    def expected_observed_share(self, rng: np.random.Generator | None = None, people: int = 200_000) -> float:
        """Monte Carlo share of the population seen on at least one list (before referrals)."""
        g = rng if rng is not None else np.random.default_rng(0)
        p = np.asarray(self.capture, dtype=float)
        cls = g.choice(p.shape[0], size=people, p=np.asarray(self.weights))
        P = p[cls]
        if self.heterogeneity is not None:
            P = self.heterogeneity.apply(g, P)
        return float(np.mean(1.0 - np.prod(1.0 - P, axis=1)))


def histories_from_codes(codes: np.ndarray, lists: Sequence[str]) -> CaptureHistories:
    """SYNTHETIC capture histories from one pattern code per person (bit k-1-j = on list j; 0 = unseen, dropped)."""
    k = len(lists)
    codes = codes[codes > 0]
    if codes.size == 0:
        raise ValueError("the simulated lists caught nobody; raise the capture probabilities or N")
    uniq, counts = np.unique(codes, return_counts=True)
    patterns = ((uniq[:, None] >> np.arange(k - 1, -1, -1)[None, :]) & 1).astype(np.int8)
    return CaptureHistories(lists=tuple(lists), patterns=patterns, counts=counts.astype(np.int64), source="SYNTHETIC")


def spread(low: float, high: float, k: int) -> tuple[float, ...]:
    """``k`` capture probabilities evenly spaced from ``low`` to ``high`` (list order)."""
    if k < 1:
        raise ValueError("k must be at least 1")
    return tuple(float(x) for x in np.linspace(low, high, k))


def classes(rows: Sequence[Sequence[float]]) -> tuple[tuple[float, ...], ...]:
    """Nested tuple of class capture rows (for readable design tables)."""
    return tuple(tuple(float(x) for x in r) for r in rows)
