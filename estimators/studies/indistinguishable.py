"""What no method can do with three lists: the independent twin of a latent-class design.

A population of latent classes without referrals or within-class heterogeneity (a
:class:`~estimators.studies.simulation.Population` with ``capture`` rows and ``weights``
only) gives every observed capture pattern an exact probability.  Its **independent twin**
is the population of independent lists whose observed-pattern distribution is closest to
it (the Kullback-Leibler projection onto independence, which is the limit of the
independence model's maximum likelihood fit to its data): the twin's lists are
independent, so it is a design on which the issue asks for a finite, tight interval, and
its size N' is what that fit estimates.

When the two pattern distributions are close, data sets of the two designs look alike,
and the Neyman-Pearson lemma bounds what any interval procedure can do on both: to report
an upper limit of at least N in a share ``c`` of the latent-class design's data sets
(which it must, to cover N there that often), it must report an upper limit of at least
N in at least :func:`neyman_pearson_floor` of the twin's data sets, where N is ``N / N'``
times the twin's size.  The most powerful rule for telling the designs apart is the
likelihood ratio of the observed patterns given their number n; the floor is its
``1 - c`` quantile under the latent-class design, read off under the twin (Monte Carlo).
The split of the n people across the patterns is the evidence that does not depend on how
N came about; with N fixed, as the coverage grid simulates, the number n itself carries a
little more (its spread differs between the designs), and ``use_count=True`` counts it
too, which lowers the floor (on ``classes2_3_N500`` at a 90% cover: 49% with n, 55% without).

This is Link's (2003) non-identifiability made a number for one design; with four or more
lists, the two distributions separate (the latent-class structure shows in the higher-order
margins).  Used in ``bench/three_list_limit.py`` (bench/RESULTS.md).  Designs are SYNTHETIC.

References
----------
Link, W. A. (2003). Nonidentifiability of population size from capture-recapture data with
heterogeneous detection probabilities. *Biometrics* 59, 1123-1130.
Neyman, J. and Pearson, E. S. (1933). On the problem of the most efficient tests of
statistical hypotheses. *Phil. Trans. R. Soc. A* 231, 289-337.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
from scipy.optimize import minimize
from scipy.special import expit

from .simulation import Population


@dataclass(frozen=True)
class IndependentTwin:
    """The independent-lists population nearest to a latent-class design's observed patterns.

    Attributes
    ----------
    patterns : ndarray (2^k - 1, k)
        The observed capture patterns, in the order of the probability vectors.
    design_patterns : ndarray
        The design's probability of each observed pattern given that a person is observed.
    twin_patterns : ndarray
        The twin's.
    capture : tuple of float
        The twin's capture probability per list.
    expected_n : float
        People the design is expected to observe (N times the chance of being on a list).
    twin_size : float
        The twin's N' (``expected_n`` over its chance of being on a list): what the
        independence model estimates from the design's data in the limit.
    kl : float
        Kullback-Leibler divergence (nats) of the design's pattern split from the twin's
        (KL(design || twin)), per observed person.
    design_size : int
        The design's N.
    """

    patterns: np.ndarray
    design_patterns: np.ndarray
    twin_patterns: np.ndarray
    capture: tuple[float, ...]
    expected_n: float
    twin_size: float
    kl: float
    design_size: int = 0

    def population(self) -> Population:
        """The twin as a simulable population (N' rounded)."""
        return Population(N=int(round(self.twin_size)), capture=(self.capture,))


def _observed_patterns(k: int) -> np.ndarray:
    return np.array([p for p in itertools.product((0, 1), repeat=k) if any(p)], dtype=int)


def independent_twin(population: Population) -> IndependentTwin:
    """The independent twin of a latent-class population (see the module docstring).

    Parameters
    ----------
    population : Population
        Latent classes only: no ``referrals`` and no ``heterogeneity`` (their pattern
        probabilities are not closed-form).

    Returns
    -------
    IndependentTwin
    """
    if population.referrals or population.heterogeneity is not None:
        raise ValueError("the twin needs a population of latent classes only (no referrals, no heterogeneity)")
    pats = _observed_patterns(population.k)
    cell = np.zeros(len(pats))
    unseen = 0.0
    for row, weight in zip(population.capture, population.weights, strict=True):
        p = np.asarray(row, dtype=float)
        cell += weight * np.prod(np.where(pats == 1, p, 1.0 - p), axis=1)
        unseen += weight * float(np.prod(1.0 - p))
    design = cell / cell.sum()

    def split(logits: np.ndarray) -> tuple[np.ndarray, float]:
        p = expit(logits)
        c = np.prod(np.where(pats == 1, p, 1.0 - p), axis=1)
        return c / c.sum(), float(c.sum())

    def cross_entropy(logits: np.ndarray) -> float:
        return -float(design @ np.log(split(logits)[0]))

    fit = minimize(cross_entropy, np.zeros(population.k), method="BFGS", options={"gtol": 1e-10})
    if not fit.success and fit.fun > cross_entropy(np.zeros(population.k)):  # pragma: no cover - a smooth convex fit
        raise RuntimeError(f"the independence fit did not converge: {fit.message}")
    twin, seen = split(fit.x)
    expected_n = float(population.N) * (1.0 - unseen)
    return IndependentTwin(
        patterns=pats, design_patterns=design, twin_patterns=twin,
        capture=tuple(float(x) for x in expit(fit.x)), expected_n=expected_n, twin_size=expected_n / seen,
        kl=float(design @ np.log(design / twin)), design_size=int(population.N),
    )


def neyman_pearson_floor(twin: IndependentTwin, cover: float, *, draws: int = 200_000, seed: int = 0,
                         use_count: bool = False) -> float:
    """Least share of the twin's data sets given an upper limit >= N by a procedure covering N a share ``cover``.

    Monte Carlo over ``draws`` data sets of each design: the event "upper limit >= N" must have
    probability ``cover`` under the design; the likelihood-ratio region does that with the least
    probability under the twin (Neyman-Pearson), which is returned.

    Parameters
    ----------
    twin : IndependentTwin
    cover : float in (0, 1)
    draws : int
    seed : int
        Seed of the Monte Carlo generator (recorded by the caller).
    use_count : bool, default False
        False: the split of a fixed number of observed people (the design's expected count,
        rounded) across the patterns, the evidence that does not depend on how N came about.
        True: also the number observed, binomial with N fixed in each design (N people for the
        design, N' rounded for the twin; as the coverage grid simulates), which a procedure could
        use too: the floor is then lower (the number's spread differs between the two).

    Returns
    -------
    float
        The share of the twin's data sets (Monte Carlo) in the likelihood-ratio region.
    """
    if not 0.0 < cover < 1.0:
        raise ValueError(f"cover must be strictly between 0 and 1; got {cover!r}")
    from scipy.stats import binom

    rng = np.random.default_rng(seed)
    log_ratio = np.log(twin.design_patterns) - np.log(twin.twin_patterns)
    if not use_count:
        n = int(round(twin.expected_n))
        under_design = rng.multinomial(n, twin.design_patterns, size=draws) @ log_ratio
        under_twin = rng.multinomial(n, twin.twin_patterns, size=draws) @ log_ratio
    else:
        big, small = int(twin.design_size), int(round(twin.twin_size))
        p_design, p_twin = twin.expected_n / big, twin.expected_n / twin.twin_size

        def total(counts: np.ndarray, splits: np.ndarray) -> np.ndarray:
            return splits @ log_ratio + binom.logpmf(counts, big, p_design) - binom.logpmf(counts, small, p_twin)

        n_design = rng.binomial(big, p_design, size=draws)
        n_twin = rng.binomial(small, p_twin, size=draws)
        under_design = total(n_design, np.array([rng.multinomial(k, twin.design_patterns) for k in n_design]))
        under_twin = total(n_twin, np.array([rng.multinomial(k, twin.twin_patterns) for k in n_twin]))
    threshold = float(np.quantile(under_design, 1.0 - cover))
    return float(np.mean(under_twin >= threshold))
