"""What two lists can and cannot say about a total: bounds, scenarios and a two-source model.

Two lists A and B of sizes n1 and n2 with m people on both split the population into a
2x2 table whose cell "on neither list" (n00) is never observed.  Three observed cells
cannot identify four: the odds ratio between the two lists' captures,

    psi = (n11 n00) / (n10 n01),

is exactly the quantity the data cannot give.  Lincoln-Petersen assumes psi = 1
(independent lists); positively dependent lists (psi > 1, e.g. sources that copy the same
open-source reports) make it too low (Bishop, Fienberg & Holland 1975, ch. 6; Chao 1987).
Fixing psi gives

    N = n1 + n2 - m + psi (n1 - m)(n2 - m) / m,

which this module uses in three ways:

* :func:`union_bounds` and :func:`scenario_grid`: with published aggregate counts and no
  overlap, only bounds on the union and labelled what-if tables are possible;
* :class:`TwoSource` (registered method ``two-source``): with record-level lists (the
  overlap observed), a Bayesian model that states its prior on log psi and propagates it
  into the posterior of N, computed by exact numerical summation;
* :func:`aggregate_prior_scenarios` and :func:`prior_scenarios`: with aggregate counts
  only, the distribution of the implied total under stated priors on the overlap and on
  psi.  The data carry no information on either: these are prior-driven scenarios, not
  estimates.

References
----------
Petersen, C. G. J. (1896); Lincoln, F. C. (1930).
Chapman, D. G. (1951). Some properties of the hypergeometric distribution with
applications to zoological sample censuses. Univ. California Publ. Stat. 1, 131-160.
Bishop, Y. M. M., Fienberg, S. E. and Holland, P. W. (1975). *Discrete Multivariate
Analysis: Theory and Practice*, ch. 6 (estimating the size of a closed population; the
untestable no-interaction assumption of two lists).
Chao, A. (1987). Estimating the population size for capture-recapture data with unequal
catchability. Biometrics 43, 783-791.
Castledine, B. J. (1981). A Bayesian analysis of multiple-recapture sampling for a closed
population. Biometrika 68(1), 197-210.
Manrique-Vallier, D. (2016). Bayesian population size estimation using Dirichlet process
mixtures. Biometrics 72(4), 1246-1254 (why more than two lists are needed to model
dependence from the data).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from .._format import PRIOR_SCENARIO_LABEL, SCENARIO_LABEL
from .._lazy import lazy_module
from ..histories import CaptureHistories
from ..posterior import LazyInferenceData
from ..results import EstimateResult, Status
from ..seeds import resolve_seed, spawn_seeds
from .common import BayesianEstimator, pmf_hpd, posterior_result

if TYPE_CHECKING:
    import pandas as pd
    from scipy import special, stats
else:
    pd = lazy_module("pandas")
    special = lazy_module("scipy.special")
    stats = lazy_module("scipy.stats")


#: Default prior of the two-source model: log psi ~ Normal(log 2, 0.75).
DEFAULT_LOG_OR_MEAN = math.log(2.0)
DEFAULT_LOG_OR_SD = 0.75


# --------------------------------------------------------------------------- validation
def _count(name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or int(value) < 0:
        raise ValueError(f"{name} must be a non-negative integer count; got {value!r}")
    return int(value)


def _positive(name: str, value: Any) -> float:
    if not isinstance(value, (int, float, np.integer, np.floating)) or not math.isfinite(float(value)) or value <= 0:
        raise ValueError(f"{name} must be a positive finite number; got {value!r}")
    return float(value)


# --------------------------------------------------------------------------- bounds and scenarios
def union_bounds(n1: int, n2: int) -> tuple[int, int]:
    """Bounds on the number of distinct people documented by either of two lists.

    Parameters
    ----------
    n1, n2 : int
        Sizes of the two lists (non-negative).

    Returns
    -------
    (lower, upper) : tuple of int
        ``max(n1, n2)`` (one list contains the other: total overlap) and ``n1 + n2``
        (no one on both lists).

    Notes
    -----
    These bounds hold only if both figures count *distinct* people.  A published figure
    that counts transfers (a child moved twice counted twice), or that mixes definitions
    (different ages or periods), is not a list size, and the union can then lie outside
    the bounds.  The bounds are about the documented union, not about the total: the
    number never documented by either list is not bounded by two counts.

    Examples
    --------
    >>> union_bounds(2442, 2100)
    (2442, 4542)
    """
    a, b = _count("n1", n1), _count("n2", n2)
    return max(a, b), a + b


def implied_total(
    n1: float | np.ndarray,
    n2: float | np.ndarray,
    overlap: float | np.ndarray,
    odds_ratio: float | np.ndarray = 1.0,
) -> float | np.ndarray:
    """Total implied by two list sizes, their overlap and the odds ratio between lists.

    Under a two-list model whose 2x2 odds ratio is psi (psi = 1: independent lists;
    psi > 1: positive dependence), the unobserved cell is
    n00 = psi (n1 - m)(n2 - m) / m and the total is

        N = n1 + n2 - m + psi (n1 - m)(n2 - m) / m.

    At psi = 1 this is the Lincoln-Petersen estimate n1 n2 / m.

    Parameters
    ----------
    n1, n2 : float or array
        List sizes.
    overlap : float or array
        People on both lists, 0 <= m <= min(n1, n2).  m = 0 gives ``inf`` (no finite
        total is implied).
    odds_ratio : float or array, default 1
        The odds ratio psi > 0.  Arguments broadcast against each other.

    Returns
    -------
    float or ndarray
        The implied total (a float when every argument is scalar).

    Raises
    ------
    ValueError
        If a size is negative, the overlap exceeds the smaller list or psi <= 0.

    References
    ----------
    Bishop, Fienberg & Holland (1975), ch. 6; Chapman (1951).

    Examples
    --------
    >>> implied_total(100, 80, 40)
    200.0
    >>> implied_total(100, 80, 40, odds_ratio=2.0)
    260.0
    """
    a, b, m, psi = np.broadcast_arrays(
        np.asarray(n1, dtype=float), np.asarray(n2, dtype=float),
        np.asarray(overlap, dtype=float), np.asarray(odds_ratio, dtype=float),
    )
    if np.any(a < 0) or np.any(b < 0):
        raise ValueError("n1 and n2 must be non-negative")
    if np.any(m < 0) or np.any(m > np.minimum(a, b)):
        raise ValueError("overlap must lie between 0 and min(n1, n2)")
    if np.any(~np.isfinite(psi)) or np.any(psi <= 0):
        raise ValueError("odds_ratio must be positive and finite")
    with np.errstate(divide="ignore", invalid="ignore"):
        unseen = psi * (a - m) * (b - m) / m
    unseen = np.where(m > 0, unseen, np.where((a - m) * (b - m) > 0, np.inf, 0.0))
    out = a + b - m + unseen
    if out.ndim == 0:
        return float(out)
    return out


def overlap_range(n1: int, n2: int, shares: Sequence[float] | np.ndarray) -> np.ndarray:
    """Overlaps m = share * min(n1, n2) for assumed shares in (0, 1] (input of :func:`scenario_grid`).

    Examples
    --------
    >>> overlap_range(2442, 2100, [0.5, 1.0]).tolist()
    [1050.0, 2100.0]
    """
    a, b = _count("n1", n1), _count("n2", n2)
    s = np.asarray(shares, dtype=float).ravel()
    if s.size == 0 or np.any(s <= 0) or np.any(s > 1):
        raise ValueError(f"shares must lie in (0, 1]; got {s.tolist()}")
    return s * min(a, b)  # type: ignore[no-any-return]


def scenario_grid(
    n1: int,
    n2: int,
    overlaps: Sequence[float] | np.ndarray,
    odds_ratios: Sequence[float] | np.ndarray = (1.0, 2.0, 4.0),
) -> pd.DataFrame:
    """What-if table of the implied total over assumed overlaps and odds ratios.

    Nothing in two aggregate counts says what the overlap or the dependence is: every
    row is a scenario, not an estimate, and the table says so in its ``kind`` column and
    in ``attrs``.

    Parameters
    ----------
    n1, n2 : int
        List sizes (documented minimums).
    overlaps : sequence of float
        Assumed overlaps m (people on both lists), each in (0, min(n1, n2)].
    odds_ratios : sequence of float, default (1, 2, 4)
        Assumed odds ratios psi > 0 between the lists.

    Returns
    -------
    DataFrame
        One row per (overlap, odds ratio): ``overlap, overlap_share`` (m / min(n1, n2)),
        ``odds_ratio, union`` (n1 + n2 - m), ``unseen`` (implied n00),
        ``implied_total, kind`` (``"scenario, not an estimate"``).  ``attrs`` holds
        ``kind="scenario"``, ``identifiable=False``, ``n1``, ``n2``.

    Examples
    --------
    >>> g = scenario_grid(2442, 2100, [1000, 2000], [1.0, 2.0])
    >>> list(g.columns)
    ['overlap', 'overlap_share', 'odds_ratio', 'union', 'unseen', 'implied_total', 'kind']
    """
    a, b = _count("n1", n1), _count("n2", n2)
    m = np.asarray(overlaps, dtype=float).ravel()
    psi = np.asarray(odds_ratios, dtype=float).ravel()
    if m.size == 0 or psi.size == 0:
        raise ValueError("overlaps and odds_ratios must not be empty")
    if np.any(m <= 0) or np.any(m > min(a, b)):
        raise ValueError(f"every overlap must lie in (0, min(n1, n2)] = (0, {min(a, b)}]; got {m.tolist()}")
    mm, pp = np.meshgrid(m, psi, indexing="ij")
    mm, pp = mm.ravel(), pp.ravel()
    total = np.asarray(implied_total(a, b, mm, pp), dtype=float)
    union = a + b - mm
    frame = pd.DataFrame(
        {
            "overlap": mm,
            "overlap_share": mm / min(a, b),
            "odds_ratio": pp,
            "union": union,
            "unseen": total - union,
            "implied_total": total,
            "kind": SCENARIO_LABEL,
        }
    )
    frame.attrs.update(kind="scenario", identifiable=False, n1=a, n2=b, label=SCENARIO_LABEL)
    return frame


# --------------------------------------------------------------------------- the two-source posterior
@dataclass(frozen=True)
class TwoSourcePosterior:
    """Posterior probability mass of N on a grid (from :func:`two_source_posterior`).

    Attributes
    ----------
    values : ndarray of int
        Grid of N values, from the observed n upward: every integer while the grid has
        at most ``max_grid`` points, otherwise every integer over the first half of the
        points and geometrically spaced cells above.
    widths : ndarray of int
        Integers each grid value stands for (cell [value, value + width)); all 1 when
        the posterior is computed at every integer.
    pmf : ndarray
        Posterior probability of each cell; sums to 1.
    tail_mass : float
        Posterior mass above n + 0.95 (N_max - n) (large: the grid truncates the posterior).
    """

    values: np.ndarray
    widths: np.ndarray
    pmf: np.ndarray
    tail_mass: float

    @property
    def step(self) -> int:
        """Widest cell (1: exact at every integer up to quadrature error)."""
        return int(self.widths.max())

    def quantile(self, q: float) -> float:
        """Smallest grid value whose cumulative probability reaches ``q``."""
        cdf = np.cumsum(self.pmf)
        i = int(np.searchsorted(cdf, q - 1e-12, side="left"))
        return float(self.values[min(i, len(self.values) - 1)])

    def mean(self) -> float:
        """Posterior mean of N on the grid."""
        return float(np.sum((self.values + (self.widths - 1) / 2.0) * self.pmf))


def _log_expit(t: np.ndarray) -> np.ndarray:
    return -np.logaddexp(0.0, -t)  # type: ignore[no-any-return]


def _log_one_minus_expit(t: np.ndarray) -> np.ndarray:
    return -np.logaddexp(0.0, t)  # type: ignore[no-any-return]


def two_source_posterior(
    n11: int,
    n10: int,
    n01: int,
    *,
    log_or_mean: float = DEFAULT_LOG_OR_MEAN,
    log_or_sd: float = DEFAULT_LOG_OR_SD,
    n_max: int | None = None,
    max_grid: int = 20_000,
) -> TwoSourcePosterior:
    """Posterior of N in the two-source model of :class:`TwoSource`, on a grid.

    Parameters
    ----------
    n11, n10, n01 : int
        People on both lists, on list 1 only, on list 2 only.
    log_or_mean, log_or_sd : float
        Normal prior of log psi (psi: odds ratio between the lists' captures).
    n_max : int, optional
        Largest N on the grid.  By default the grid grows (x4) until the posterior mass
        in the top 5% of its range is below 1e-7, up to N = n + 10^7.
    max_grid : int, default 20000
        Most grid points in N; beyond that the upper half of the grid is geometric
        (cells of relative width about log(N_max / n) / (max_grid / 2)).

    Returns
    -------
    TwoSourcePosterior
    """
    n11, n10, n01 = _count("n11", n11), _count("n10", n10), _count("n01", n01)
    n = n11 + n10 + n01
    if n == 0:
        raise ValueError("no one is observed (n11 + n10 + n01 = 0)")
    sigma = _positive("log_or_sd", log_or_sd)
    mu = float(log_or_mean)
    n1 = n11 + n10
    # u = logit q1 ~ logit-Beta(n11 + 1, n10 + 1); v = log psi ~ Normal(mu, sigma); t = u - v.
    a, b = n11 + 1.0, n10 + 1.0
    mean_u = float(special.digamma(a) - special.digamma(b))
    sd_u = math.sqrt(float(special.polygamma(1, a) + special.polygamma(1, b)))
    sd_t = math.hypot(sd_u, sigma)
    t_lo, t_hi = mean_u - mu - 14.0 * sd_t, mean_u - mu + 14.0 * sd_t
    log_beta = float(special.betaln(a, b))

    def log_fu(u: np.ndarray) -> np.ndarray:
        return a * _log_expit(u) + b * _log_one_minus_expit(u) - log_beta  # type: ignore[no-any-return]

    def log_fv(v: np.ndarray) -> np.ndarray:
        return stats.norm.logpdf(v, loc=mu, scale=sigma)  # type: ignore[no-any-return]

    # t grid: fine enough for both h(t) and the likelihood factor of n01 (width ~ 1/sqrt(n01)).
    dt = min(sd_t, 1.0 / math.sqrt(n01 + 1.0)) / 8.0
    n_t = int(min(4000, max(200, math.ceil((t_hi - t_lo) / dt))))
    t = np.linspace(t_lo, t_hi, n_t)
    dt = float(t[1] - t[0])
    # h(t) = int f_u(u) f_v(u - t) du: integrate over the narrower of the two densities.
    if sd_u <= sigma:
        nodes = np.linspace(mean_u - 14 * sd_u, mean_u + 14 * sd_u, 401)
        w = log_fu(nodes) + math.log(nodes[1] - nodes[0])
        log_h = special.logsumexp(w[None, :] + log_fv(nodes[None, :] - t[:, None]), axis=1)
    else:
        nodes = np.linspace(mu - 14 * sigma, mu + 14 * sigma, 401)
        w = log_fv(nodes) + math.log(nodes[1] - nodes[0])
        log_h = special.logsumexp(w[None, :] + log_fu(t[:, None] + nodes[None, :]), axis=1)
    keep = log_h > log_h.max() - 40.0
    t, log_h = t[keep], log_h[keep] + math.log(dt)
    le, lne = _log_expit(t), _log_one_minus_expit(t)
    base = log_h + n01 * le

    def log_post(values: np.ndarray) -> np.ndarray:
        out = np.empty(values.size)
        j = (values - n).astype(float)
        log_c = (
            -np.log(values.astype(float))
            + special.gammaln(values - n1 + 1.0)
            - special.gammaln(j + 1.0)
            - np.log(values + 1.0)
        )
        chunk = max(1, 4_000_000 // max(1, t.size))
        for s in range(0, values.size, chunk):
            e = slice(s, s + chunk)
            out[e] = log_c[e] + special.logsumexp(base[None, :] + j[e, None] * lne[None, :], axis=1)
        return out

    cap = n + 10**7
    if n_max is not None:
        hi = _count("n_max", n_max)
        if hi <= n:
            raise ValueError(f"n_max must exceed the observed count {n}; got {n_max}")
    else:
        # start from the implied total at the prior's upper psi, at least 4n
        psi_hi = math.exp(mu + 4 * sigma)
        hi = int(min(cap, n + max(4 * n, 1000, 4 * psi_hi * (n10 + 1) * (n01 + 1) / (n11 + 0.5))))
    if not isinstance(max_grid, int) or max_grid < 100:
        raise ValueError(f"max_grid must be an integer >= 100; got {max_grid!r}")
    while True:
        if hi - n + 1 <= max_grid:
            values = np.arange(n, hi + 1, dtype=np.int64)
        else:
            dense = max_grid // 2
            tail_cells = np.unique(np.round(np.geomspace(n + dense, hi, max_grid - dense)).astype(np.int64))
            values = np.concatenate([np.arange(n, n + dense, dtype=np.int64), tail_cells])
        widths = np.diff(np.append(values, hi + 1))
        lp = log_post(values) + np.log(widths)
        pmf = np.exp(lp - lp.max())
        pmf /= pmf.sum()
        tail = float(pmf[values >= n + 0.95 * (hi - n)].sum())
        if n_max is not None or tail < 1e-7 or hi >= cap:
            break
        hi = int(min(cap, n + 4 * (hi - n)))
    return TwoSourcePosterior(values=values, widths=widths, pmf=pmf, tail_mass=tail)


@dataclass(frozen=True, kw_only=True)
class TwoSource(BayesianEstimator):
    r"""Two lists with an explicit, stated prior on their dependence (method ``two-source``).

    Needs record-level lists (the overlap observed): cells n11, n10, n01 are observed,
    n00 is not.  The model: each of N people is on list 1 with probability p1; on list 2
    with probability q1 if on list 1 and q0 if not, where the odds ratio
    psi = [q1 / (1 - q1)] / [q0 / (1 - q0)] measures dependence between the lists.
    Priors: p1, q1 ~ Uniform(0, 1); log psi ~ Normal(``log_or_mean``, ``log_or_sd``);
    P(N) proportional to 1/N.  At psi = 1 this is the Bayesian Lincoln-Petersen model
    with uniform capture probabilities (Castledine 1981).  The prior is stated on list 1's
    capture probability and list 2's conditional ones, so it is not symmetric in the two
    lists: swapping them moves the posterior slightly (0.7% on CARE1 HAV's first two lists;
    ``tests/test_conformance.py``).

    Two lists carry no information about psi (three observed cells, four unknowns): the
    posterior of psi is essentially its prior, and the width of the posterior of N is set
    by ``log_or_sd``.  Report the prior with the estimate.

    Parameters
    ----------
    log_or_mean : float, default log(2) = 0.693
        Prior mean of log psi.  Default: modest positive dependence (psi = 2), because
        lists compiled from shared open sources (the Belarus case) are expected to be
        positively dependent; psi = 1 (independence) would reproduce Lincoln-Petersen's
        known downward bias.
    log_or_sd : float, default 0.75
        Prior sd of log psi.  Default: the central 95% of the prior spans
        psi in [0.46, 8.7], from mild negative dependence to strong positive dependence,
        so the interval of N reflects that psi is unknown.  Larger values widen it.
    draws : int, default 1000
        Independent posterior draws of N kept per chain (for plots and stratified totals).
    n_max : int, optional
        Upper end of the N grid (default: grown until the tail mass is negligible).
    chains, level, interval, seed : see :class:`~estimators.bayes.common.BayesianEstimator`.
    min_lists_per_stratum : int, default 2
        Two lists suffice here because the dependence assumption is explicit.

    Notes
    -----
    Integrating p1 out analytically and writing u = logit q1, v = log psi, the posterior
    depends on (u, v) only through t = logit q0 = u - v, whose density h(t) is the
    convolution of the logit-Beta(n11 + 1, n10 + 1) density of u and the Normal prior of v.
    Then, with n = n11 + n10 + n01 and n1 = n11 + n10,

        P(N | data) propto (1/N) (N - n1)! / ((N - n)! (N + 1))
                          * int h(t) expit(t)^n01 (1 - expit(t))^(N - n) dt,

    evaluated on a grid of N (every integer, or for very long tails every integer over the
    first 10,000 values and geometric cells of ~0.1% relative width above) by quadrature in t:
    the posterior is exact up to quadrature error, with no MCMC.  The point is the
    posterior median and the interval is computed from the exact pmf; the draws are
    independent samples from it (seeded), so the same seed gives the same numbers.

    The parameterisation conditions on list 1 (uniform priors on p1 and on q1 = P(list 2 |
    list 1)); swapping the lists changes the prior slightly when psi != 1.

    References
    ----------
    Bishop, Fienberg & Holland (1975), ch. 6; Chapman (1951); Castledine (1981);
    Chao (1987).
    """

    log_or_mean: float = DEFAULT_LOG_OR_MEAN
    log_or_sd: float = DEFAULT_LOG_OR_SD
    draws: int = 1000
    n_max: int | None = None
    min_lists_per_stratum: int = 2

    name = "two-source"
    summary = "Bayesian two-list model with a stated Normal prior on the log odds ratio between lists"
    reference = "Bishop, Fienberg & Holland (1975) ch. 6; Chapman (1951); Castledine (1981)"
    assumption = ("The dependence between the two lists is as the stated prior on their odds ratio says (by default "
                  "modest positive dependence); two lists cannot measure their dependence, so the interval reflects "
                  "that prior.")
    min_lists = 2
    max_lists = 2

    def __post_init__(self) -> None:
        super().__post_init__()
        if not isinstance(self.log_or_mean, (int, float)) or not math.isfinite(self.log_or_mean):
            raise ValueError(f"log_or_mean must be a finite number; got {self.log_or_mean!r}")
        _positive("log_or_sd", self.log_or_sd)
        if not isinstance(self.draws, int) or self.draws < 1:
            raise ValueError(f"draws must be a positive integer; got {self.draws!r}")
        if self.n_max is not None and (not isinstance(self.n_max, int) or self.n_max < 1):
            raise ValueError(f"n_max must be a positive integer; got {self.n_max!r}")

    def posterior(self, histories: CaptureHistories) -> TwoSourcePosterior:
        """The exact posterior pmf of N for two-list ``histories``."""
        y = histories.cell_counts()  # cells 01, 10, 11
        return two_source_posterior(
            int(y[2]), int(y[1]), int(y[0]),
            log_or_mean=float(self.log_or_mean), log_or_sd=float(self.log_or_sd), n_max=self.n_max,
        )

    def _fit(self, histories: CaptureHistories) -> EstimateResult:
        seed = resolve_seed(self.seed)
        y = histories.cell_counts()
        n01, n10, n11 = int(y[0]), int(y[1]), int(y[2])
        post = self.posterior(histories)
        alpha = 1.0 - self.level
        if self.interval == "hpd":
            lower, upper = pmf_hpd(post.values.astype(float), post.pmf, self.level)
        else:
            lower, upper = post.quantile(alpha / 2.0), post.quantile(1.0 - alpha / 2.0)
        median = post.quantile(0.5)
        rngs = [np.random.default_rng(s) for s in spawn_seeds(seed, self.chains)]
        draws = np.empty((self.chains, self.draws))
        for c, rng in enumerate(rngs):
            idx = rng.choice(post.values.size, size=self.draws, p=post.pmf)
            # a uniform integer within the chosen cell (cells are single integers unless the grid is geometric)
            draws[c] = post.values[idx] + np.floor(rng.random(self.draws) * post.widths[idx])
        psi_lo, psi_hi = (math.exp(self.log_or_mean + z * self.log_or_sd) for z in (-1.959964, 1.959964))
        details = {
            "n11": n11, "n10": n10, "n01": n01,
            "prior_log_or": {"mean": float(self.log_or_mean), "sd": float(self.log_or_sd)},
            "prior_or_95": [psi_lo, psi_hi],
            "prior_n": "1/N",
            "prior_capture": "p1, P(list 2 | list 1) ~ Uniform(0, 1)",
            "posterior": "exact on a grid of N (quadrature over logit q0); independent draws",
            "tail_mass_note": "posterior mass above n + 0.95 (grid_max - n)",
            "grid_step": post.step,
            "grid_points": int(post.values.size),
            "grid_max": int(post.values[-1]),
            "tail_mass": post.tail_mass,
            "posterior_mean": post.mean(),
            "identifiable_dependence": False,
        }
        if n11 > 0:
            details["petersen"] = (n11 + n10) * (n11 + n01) / n11
        messages = [
            f"two lists cannot identify their dependence: the result rests on the stated prior "
            f"log psi ~ Normal({self.log_or_mean:.3g}, {self.log_or_sd:.3g}) (psi 95% prior range "
            f"{psi_lo:.2g}-{psi_hi:.2g})",
        ]
        if n11 == 0:
            messages.append("the lists have no record in common: the posterior is driven by the priors")
        idata = LazyInferenceData(  # exact draws: ArviZ only if someone reads them as InferenceData
            {"N": draws},
            {"method": self.name, "seed": seed, "log_or_mean": float(self.log_or_mean),
             "log_or_sd": float(self.log_or_sd)},
        )
        result = posterior_result(
            self, histories, idata, seed=seed, details=details, messages=tuple(messages),
            check_convergence=False, exact=(median, lower, upper),
        )
        if post.tail_mass >= 1e-6 and result.status == Status.OK:
            result = dataclasses.replace(
                result,
                status=Status.WARNING,
                messages=(*result.messages, f"the posterior of N is truncated at N = {int(post.values[-1]):,}: "
                          f"{post.tail_mass:.2g} of its mass lies in the top 5% of the grid's range"),
            )
        return result


# --------------------------------------------------------------------------- aggregate counts: prior propagation
@dataclass(frozen=True)
class ScenarioPrior:
    """A stated prior for :func:`prior_scenarios`.

    Attributes
    ----------
    description : plain-language label shown in reports.
    overlap_prior : (a, b) of the Beta prior on the overlap as a share of the smaller list.
    log_or_prior : (mean, sd) of the Normal prior on log psi.
    """

    description: str
    overlap_prior: tuple[float, float]
    log_or_prior: tuple[float, float]


#: Stated priors used by :func:`prior_scenarios` when none are given.
DEFAULT_SCENARIO_PRIORS: tuple[ScenarioPrior, ...] = (
    ScenarioPrior("heavy overlap (~80%), independent lists", (16.0, 4.0), (0.0, 0.1)),
    ScenarioPrior("heavy overlap (~80%), positive dependence (ψ ~ 2)", (16.0, 4.0), (math.log(2.0), 0.5)),
    ScenarioPrior("heavy overlap (~80%), strong dependence (ψ ~ 5)", (16.0, 4.0), (math.log(5.0), 0.5)),
    ScenarioPrior("moderate overlap (~50%), positive dependence (ψ ~ 2)", (10.0, 10.0), (math.log(2.0), 0.5)),
    ScenarioPrior("vague: overlap Uniform(0, 1), ψ ~ 2 (sd 0.75)", (1.0, 1.0), (math.log(2.0), 0.75)),
)


def aggregate_prior_scenarios(
    n1: int,
    n2: int,
    *,
    overlap_prior: tuple[float, float] = (16.0, 4.0),
    log_or_prior: tuple[float, float] = (DEFAULT_LOG_OR_MEAN, DEFAULT_LOG_OR_SD),
    draws: int = 10_000,
    seed: int | None = None,
) -> pd.DataFrame:
    """Propagate stated priors on overlap and dependence through two aggregate counts.

    With published counts only (no record-level lists, so no observed overlap), the data
    carry no information on the overlap m or on the odds ratio psi: the "posterior" is
    the prior pushed through :func:`implied_total`.  The result is a prior-driven
    scenario, **not an estimate**; the returned frame says so (``attrs["identifiable"]``
    is False, ``attrs["label"]`` and the ``kind`` column name it).

    Parameters
    ----------
    n1, n2 : int
        The two counts, taken as sizes of lists of distinct people (see
        :func:`union_bounds` for why that matters).
    overlap_prior : (a, b), default (16, 4)
        Beta(a, b) prior of the overlap as a share of the smaller list,
        m = share * min(n1, n2).  The default (mean 0.8) encodes "the two lists mostly
        describe the same transfers" (same camp, same period, shared open sources).
    log_or_prior : (mean, sd), default (log 2, 0.75)
        Normal prior of log psi (as :class:`TwoSource`).
    draws : int, default 10000
        Monte Carlo draws.
    seed : int, optional
        Seed (recorded in ``attrs["seed"]``; fresh entropy when None).

    Returns
    -------
    DataFrame
        One row per draw: ``overlap_share, overlap, odds_ratio, union, unseen,
        implied_total, kind``.  ``attrs``: ``identifiable=False``, ``label``, ``seed``,
        ``overlap_prior``, ``log_or_prior``, ``n1``, ``n2``.

    References
    ----------
    Bishop, Fienberg & Holland (1975), ch. 6.

    Examples
    --------
    >>> d = aggregate_prior_scenarios(2442, 2100, draws=1000, seed=1)
    >>> d.attrs["identifiable"]
    False
    """
    a_n, b_n = _count("n1", n1), _count("n2", n2)
    if min(a_n, b_n) == 0:
        raise ValueError("both counts must be positive")
    a, b = (_positive("overlap_prior[0]", overlap_prior[0]), _positive("overlap_prior[1]", overlap_prior[1]))
    mean, sd = float(log_or_prior[0]), _positive("log_or_prior[1]", log_or_prior[1])
    if not isinstance(draws, int) or draws < 1:
        raise ValueError(f"draws must be a positive integer; got {draws!r}")
    used = resolve_seed(seed)
    rng = np.random.default_rng(used)
    share = rng.beta(a, b, size=draws)
    share = np.clip(share, 1e-12, 1.0)
    m = share * min(a_n, b_n)
    psi = np.exp(rng.normal(mean, sd, size=draws))
    total = np.asarray(implied_total(a_n, b_n, m, psi), dtype=float)
    union = a_n + b_n - m
    frame = pd.DataFrame(
        {
            "overlap_share": share,
            "overlap": m,
            "odds_ratio": psi,
            "union": union,
            "unseen": total - union,
            "implied_total": total,
            "kind": PRIOR_SCENARIO_LABEL,
        }
    )
    frame.attrs.update(
        identifiable=False, label=PRIOR_SCENARIO_LABEL, seed=used, overlap_prior=(a, b),
        log_or_prior=(mean, sd), n1=a_n, n2=b_n,
    )
    return frame


def prior_scenarios(
    n1: int,
    n2: int,
    priors: Sequence[ScenarioPrior] | None = None,
    *,
    draws: int = 10_000,
    level: float = 0.95,
    seed: int | None = None,
) -> pd.DataFrame:
    """Prior-driven scenarios for two aggregate counts: one row per stated prior.

    Each row runs :func:`aggregate_prior_scenarios` under one prior and summarises the
    implied total.  These are **prior-driven scenarios, not estimates**: the two counts
    do not inform the overlap or the dependence, so the rows differ only because the
    priors differ.

    Parameters
    ----------
    n1, n2 : int
        The two counts.
    priors : sequence of ScenarioPrior, optional
        Stated priors (default :data:`DEFAULT_SCENARIO_PRIORS`).
    draws : int, default 10000
        Monte Carlo draws per prior.
    level : float, default 0.95
        Probability of the central interval.
    seed : int, optional
        One seed; each prior gets an independent stream from it (``spawn_seeds``).

    Returns
    -------
    DataFrame
        Columns ``scenario, overlap_a, overlap_b, overlap_share_mean, log_or_mean,
        log_or_sd, median, lower, upper, level, union_lower, union_upper, identifiable,
        kind``.  ``attrs``: ``label="prior-driven scenario, not an estimate"``,
        ``identifiable=False``, ``seed``.
    """
    if not (0.0 < level < 1.0):
        raise ValueError(f"level must be strictly between 0 and 1; got {level!r}")
    chosen = tuple(priors) if priors is not None else DEFAULT_SCENARIO_PRIORS
    if not chosen:
        raise ValueError("priors must not be empty")
    used = resolve_seed(seed)
    lo_b, hi_b = union_bounds(n1, n2)
    rows = []
    for prior, s in zip(chosen, spawn_seeds(used, len(chosen)), strict=True):
        d = aggregate_prior_scenarios(
            n1, n2, overlap_prior=prior.overlap_prior, log_or_prior=prior.log_or_prior, draws=draws, seed=s
        )
        q = np.quantile(d["implied_total"], [0.5, (1 - level) / 2, (1 + level) / 2])
        a, b = prior.overlap_prior
        rows.append(
            {
                "scenario": prior.description,
                "overlap_a": float(a),
                "overlap_b": float(b),
                "overlap_share_mean": float(a) / (float(a) + float(b)),
                "log_or_mean": float(prior.log_or_prior[0]),
                "log_or_sd": float(prior.log_or_prior[1]),
                "median": float(q[0]),
                "lower": float(q[1]),
                "upper": float(q[2]),
                "level": float(level),
                "union_lower": lo_b,
                "union_upper": hi_b,
                "identifiable": False,
                "kind": PRIOR_SCENARIO_LABEL,
            }
        )
    table = pd.DataFrame(rows)
    table.attrs.update(label=PRIOR_SCENARIO_LABEL, identifiable=False, seed=used, n1=int(n1), n2=int(n2))
    return table
