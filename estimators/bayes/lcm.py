"""``lcm``: the non-parametric latent class model of Manrique-Vallier (2016), as in R's LCMCR.

People belong to latent classes; within a class, the lists capture independently with
class-specific probabilities.  The class weights follow a stick-breaking (Dirichlet
process) prior truncated at ``K`` classes, so heterogeneity in capture is modelled
without choosing the number of classes.  A Gibbs sampler with data augmentation of the
unobserved people draws the population size N; by default every sweep adds a collapsed
move of the unobserved count of each class with its capture probabilities and the class
weights integrated out (:mod:`estimators.bayes.lcm_sampler`), which mixes along the ridge
"many unseen people in a class that captures little" that LCMCR's plain sweep creeps
along.

The sampler works on aggregated pattern counts in compiled code; chains run in parallel
threads.  Unlike LCMCR, which returns a bare vector from one chain, several chains are
run and compared on label-invariant quantities only (N, the identifiable population,
the concentration, the number of occupied classes), never on class-specific parameters,
whose labels switch.  When the chains disagree (R-hat of N) or mix too slowly (ESS), the
run is extended up to ``max_iterations`` and, if they still disagree, the status is
``not_converged`` and no number is reported.

Beside N the result reports the *identifiable population* of Johndrow, Lum &
Manrique-Vallier (2019): the people in latent classes whose capture probability (the
probability of being on at least one list) is at least ``threshold``.  People in classes
that the lists almost never reach are not identified by the data; when the upper end of
N depends on them, i.e. when a modest change of the prior on N moves the upper limit,
``upper`` is None and a message says so (``details["upper_check"]``).

References
----------
Johndrow, J. E., Lum, K. and Manrique-Vallier, D. (2019). Low-risk population size
estimates in the presence of capture heterogeneity. *Biometrika* 106(1), 197-210
(arXiv:1606.02235).
Manrique-Vallier, D. (2016). Bayesian population size estimation using Dirichlet process
mixtures. *Biometrics* 72(4), 1246-1254.
Manrique-Vallier, D. (2023). LCMCR: Bayesian non-parametric latent-class capture-recapture,
R package version 0.4.14.
Zhang, S. (2023). StanLCMCR, Human Rights Data Analysis Group (calibrated Beta priors,
lognormal prior on the concentration; :mod:`estimators.bayes.lcm_priors`).
"""

from __future__ import annotations

import dataclasses
import math
import time
import warnings
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..exceptions import BoundaryWarning, DiagnosticsWarning
from ..histories import CaptureHistories
from ..posterior import LazyInferenceData
from ..results import EstimateResult, PosteriorFit, Status
from ..seeds import resolve_seed
from .common import (
    BayesianEstimator,
    chain_seeds,
    credible_interval,
    diagnostic_problems,
    diagnostics_table,
    posterior_result,
    progress_bar,
)

_CHUNK = 2000  # sweeps per compiled call (progress and reseeding granularity)
_STORE_CAP = 50_000  # stored draws per chain before the storage thinning doubles
ALPHA_PRIORS = ("gamma", "lognormal")
#: The priors of the sensitivity table (``sensitivity=True``): LCMCR's, and StanLCMCR's
#: calibrated Beta priors for N/n in [1.1, 3] and [1.1, 5] (its ``fit.yaml``) with the
#: lognormal(0, 0.25) concentration prior of its ``LCMCR_7.stan``.
SENSITIVITY_PRIORS: tuple[tuple[str, dict[str, Any]], ...] = (
    ("LCMCR: Beta(1, 1), alpha ~ Gamma(0.25, 0.25)",
     {"prior_range": None, "a_lambda": 1.0, "b_lambda": 1.0, "alpha_prior": "gamma", "a_alpha": 0.25, "b_alpha": 0.25}),
    ("calibrated: N/n in [1.1, 3] (95%), alpha ~ lognormal(0, 0.25)",
     {"prior_range": (1.1, 3.0), "a_lambda": 1.0, "b_lambda": 1.0, "alpha_prior": "lognormal"}),
    ("calibrated: N/n in [1.1, 5] (95%), alpha ~ lognormal(0, 0.25)",
     {"prior_range": (1.1, 5.0), "a_lambda": 1.0, "b_lambda": 1.0, "alpha_prior": "lognormal"}),
)
#: Largest relative move of the upper limit, when the prior on N changes from 1/N to 1/N²,
#: for the upper end to count as bounded by the data (see :func:`upper_limit_check`).
UPPER_SENSITIVITY_MAX = 0.10


def weighted_quantile(x: np.ndarray, weights: np.ndarray, q: float) -> float:
    """Smallest value whose cumulative normalised weight reaches ``q``."""
    order = np.argsort(x, kind="stable")
    xs = np.asarray(x, dtype=float)[order]
    cw = np.cumsum(np.asarray(weights, dtype=float)[order])
    cw /= cw[-1]
    i = int(np.searchsorted(cw, q, side="left"))
    return float(xs[min(i, xs.size - 1)])


def upper_limit_check(draws: np.ndarray, level: float) -> dict[str, float | bool]:
    """Does the data bound the upper end of N? Compare the upper limit under two priors on N.

    The fit uses p(N) ∝ 1/N.  Reweighting its draws by 1/N gives the posterior under
    p(N) ∝ 1/N², a prior with a lighter tail (exact importance sampling: the weights are
    the prior ratio).  When the data pin N down, the upper limit barely moves (for a
    posterior with coefficient of variation c, by about c² of it: 1 % at c = 0.1).  When
    the upper tail is set by the prior, i.e. the likelihood is flat out there because
    people in rarely captured classes are not identified, it moves much more: for a tail
    P(N > x) ~ x^-kappa the 1 - (1 - level)/2 quantile moves by a factor
    ((1 - level)/2)^(-1/(kappa (kappa + 1))), 13 % at kappa = 5.  Above
    :data:`UPPER_SENSITIVITY_MAX` (10 %) the upper end is declared not bounded by the
    data.  This is the local version of "the upper quantile grows with the prior range".

    Returns
    -------
    dict with ``upper`` (1/N prior), ``upper_lighter_prior`` (1/N²), ``relative_change``
    and ``bounded`` (relative change <= the threshold).
    """
    x = np.asarray(draws, dtype=float).ravel()
    q = 1.0 - (1.0 - level) / 2.0
    upper = float(np.quantile(x, q))
    lighter = weighted_quantile(x, 1.0 / x, q)
    change = (upper - lighter) / upper if upper > 0 else 0.0
    return {
        "upper": upper,
        "upper_lighter_prior": lighter,
        "relative_change": float(change),
        "threshold": UPPER_SENSITIVITY_MAX,
        "bounded": bool(change <= UPPER_SENSITIVITY_MAX),
    }


@dataclass(frozen=True, kw_only=True)
class LatentClass(BayesianEstimator):
    """Latent-class capture-recapture (LCMCR's model) with convergence diagnostics.

    Parameters
    ----------
    K : int, default 10
        Truncation of the stick-breaking prior (maximum number of latent classes).
    a_lambda, b_lambda : float, default 1, 1
        Beta prior of every class-specific capture probability (LCMCR's).  Leave at the
        default when ``prior_range`` is given.
    prior_range : (float, float), optional
        Calibrated Beta prior of the capture probabilities instead: the stated prior range
        of a class's expansion factor N/n (both > 1), holding 95 % of the prior, e.g.
        ``(1.1, 3)``.  The Beta(a, b) is found as in HRDAG's StanLCMCR
        (``fit/src/beta_priors.R``): a gamma fitted to -log P(unobserved | class) at the
        two quantiles, moment-matched to a sum of J log-Beta variables
        (:func:`~estimators.bayes.lcm_priors.beta_prior_from_expansion_range`).
    alpha_prior : {"gamma", "lognormal"}, default "gamma"
        Prior of the stick-breaking concentration alpha: LCMCR's Gamma(``a_alpha``,
        ``b_alpha``) (shape, rate), or the boundary-avoiding lognormal(``alpha_log_mean``,
        ``alpha_log_sd``) of StanLCMCR's ``LCMCR_7.stan``, which keeps alpha away from 0
        (about [0.6, 1.6] with 95 % prior probability at the defaults).
    a_alpha, b_alpha : float, default 0.25, 0.25
        Gamma prior of alpha (LCMCR's).
    alpha_log_mean, alpha_log_sd : float, default 0, 0.25
        Lognormal prior of alpha (StanLCMCR's).
    collapsed : bool, default True
        Add the collapsed move of each class's unobserved count to every sweep
        (:mod:`~estimators.bayes.lcm_sampler`); False runs LCMCR's plain Gibbs sweep.
    overrelax : float, default 0
        With ``collapsed``, a number in (-1, 0) (e.g. -0.95) turns on overrelaxed updates
        of the capture probabilities (Adler 1981; Neal 1998), moves of the unobserved counts
        that carry them along, and label swaps into the last class
        (:mod:`~estimators.bayes.lcm_sampler`).  Not the default: more effective draws of N
        per CPU-second on 8 of 12 benchmark files measured (+1% to +35%), fewer on HAV, hare
        and UKdat (-3% to -9%), and on UKdat_5 longer excursions to low N that make some
        runs extend (bench/RESULTS.md).  0 keeps the sweep and its draws exactly as before.
    threshold : float, default 0.1
        Capture-probability threshold of the identifiable population (Johndrow, Lum &
        Manrique-Vallier 2019): the people in classes whose probability of being on at
        least one list is at least this.
    sensitivity : bool, default False
        Refit under the priors of :data:`SENSITIVITY_PRIORS` (LCMCR's; calibrated N/n in
        [1.1, 3] and [1.1, 5] with the lognormal concentration prior) and put the table in
        ``details["sensitivity"]``.  When the upper limit under N/n in [1.1, 5] exceeds
        the one under [1.1, 3] by more than 10 % (it grows with the prior range), the
        upper end is not bounded by the data: ``upper`` is None and a message says so.
        Three more fits (two when the fit's own priors are one of the three).
    burnin : int, default 2000
        Sweeps discarded at the start of every chain.
    draws : int, default 10000
        Draws reported per chain; the first round runs ``draws * thin`` sweeps after the
        burn-in, and a longer (extended) run is thinned evenly to this many.
    thin : int, default 2
        Store every ``thin``-th sweep.  LCMCR's defaults are 10,000 / 5,000 / 10; with the
        collapsed moves a shorter burn-in and denser storage give more effective draws per
        CPU-second (the rank-normalised R-hat and ESS of 4 x 10,000 draws cost ~0.008 s of
        CPU per quantity, and a fit computes them for four).
    chains : int, default 4
        Independent chains, run in parallel, started from draws of the prior.
    extend : bool, default True
        When the chains fail the R-hat/ESS thresholds, run longer until they pass or
        ``max_iterations`` sweeps per chain are spent: when R-hat fails, the first half of
        the run becomes burn-in; when only the ESS falls short, the run grows by about
        what the ESS needs and every draw after the burn-in is kept.
    max_iterations : int, default 1_000_000
        Budget of sweeps per chain.
    level, seed, interval, rhat_max, ess_min, progress :
        See :class:`~estimators.bayes.common.BayesianEstimator`.

    Notes
    -----
    The prior on N is p(N) ∝ 1/N, under which the number of unobserved people given
    everything else is negative binomial (Manrique-Vallier 2016, section 3).  The model
    assumes a closed population and that, within a latent class, lists capture
    independently; it cannot detect list dependence that the classes do not explain.

    References
    ----------
    Hastie, D. I., Liverani, S. and Richardson, S. (2015). Sampling from Dirichlet process
    mixture models with unknown concentration parameter: mixing issues in large data
    implementations. *Statistics and Computing* 25(5), 1023-1037 (label moves).
    Johndrow, J. E., Lum, K. and Manrique-Vallier, D. (2019). Low-risk population size
    estimates in the presence of capture heterogeneity. *Biometrika* 106(1), 197-210
    (arXiv:1606.02235; the identifiable population).
    Manrique-Vallier, D. (2016). Bayesian population size estimation using Dirichlet
    process mixtures. *Biometrics* 72(4), 1246-1254.
    van Dyk, D. A. and Park, T. (2008). Partially collapsed Gibbs samplers: theory and
    methods. *Journal of the American Statistical Association* 103(482), 790-796.
    Zhang, S. (2023). StanLCMCR. Human Rights Data Analysis Group (``fit/src/beta_priors.R``:
    calibrated Beta priors; ``stan/LCMCR_7.stan``: lognormal(0, 0.25) on alpha).

    Examples
    --------
    >>> import numpy as np
    >>> from estimators import CaptureHistories
    >>> h = CaptureHistories(lists=("S1", "S2", "S3"), counts=np.array([12, 142, 112, 247, 4, 49, 60]),
    ...     patterns=np.array([[1, 1, 1], [1, 1, 0], [1, 0, 1], [1, 0, 0], [0, 1, 1], [0, 1, 0], [0, 0, 1]]))
    >>> r = LatentClass(seed=1, draws=4000, burnin=1000).fit(h)
    >>> r.status.value
    'ok'
    """

    name = "lcm"
    max_table_lists = None
    summary = "Bayesian latent-class model (Dirichlet-process mixture), Gibbs sampler, several chains"
    reference = "Manrique-Vallier (2016) Biometrics 72(4):1246-1254; R LCMCR"
    assumption = "People fall into a few hidden groups; within a group every list includes people independently, with its own chance per group. Dependence between lists that such groups do not explain is not modelled."  # noqa: E501
    min_lists = 3

    K: int = 10
    a_lambda: float = 1.0
    b_lambda: float = 1.0
    prior_range: tuple[float, float] | None = None
    alpha_prior: str = "gamma"
    a_alpha: float = 0.25
    b_alpha: float = 0.25
    alpha_log_mean: float = 0.0
    alpha_log_sd: float = 0.25
    collapsed: bool = True
    overrelax: float = 0.0
    threshold: float = 0.1
    sensitivity: bool = False
    burnin: int = 2_000
    draws: int = 10_000
    thin: int = 2
    extend: bool = True
    max_iterations: int = 1_000_000


    def __post_init__(self) -> None:
        super().__post_init__()
        for key in ("K", "burnin", "draws", "thin", "max_iterations"):
            value = getattr(self, key)
            low = 0 if key == "burnin" else 1
            if not isinstance(value, int) or isinstance(value, bool) or value < low:
                raise ValueError(f"{key} must be an integer >= {low}; got {value!r}")
        for key in ("a_alpha", "b_alpha", "a_lambda", "b_lambda", "alpha_log_sd"):
            value = getattr(self, key)
            if not (isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0):
                raise ValueError(f"{key} must be a positive number; got {value!r}")
        if not (isinstance(self.alpha_log_mean, (int, float)) and math.isfinite(self.alpha_log_mean)):
            raise ValueError(f"alpha_log_mean must be a finite number; got {self.alpha_log_mean!r}")
        if self.alpha_prior not in ALPHA_PRIORS:
            raise ValueError(f"alpha_prior must be one of {', '.join(ALPHA_PRIORS)}; got {self.alpha_prior!r}")
        if not (isinstance(self.overrelax, (int, float, np.integer, np.floating)) and not isinstance(self.overrelax, bool)
                and -1.0 < float(self.overrelax) <= 0.0):
            raise ValueError(f"overrelax must be a number in (-1, 0]; got {self.overrelax!r}")
        if float(self.overrelax) != 0.0 and not self.collapsed:
            raise ValueError("overrelax applies to the collapsed sampler only: use collapsed=True, or overrelax=0")
        if not (isinstance(self.threshold, (int, float)) and 0.0 <= self.threshold < 1.0):
            raise ValueError(f"threshold must be a number in [0, 1); got {self.threshold!r}")
        if self.prior_range is not None:
            pr = self.prior_range
            if not (isinstance(pr, (list, tuple)) and len(pr) == 2
                    and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in pr)
                    and 1.0 < float(pr[0]) < float(pr[1]) and math.isfinite(float(pr[1]))):
                raise ValueError(f"prior_range must be two numbers 1 < lower < upper (N/n); got {pr!r}")
            if (self.a_lambda, self.b_lambda) != (1.0, 1.0):
                raise ValueError("give either prior_range or a_lambda/b_lambda, not both")
            object.__setattr__(self, "prior_range", (float(pr[0]), float(pr[1])))

    # --- priors --------------------------------------------------------------------------

    def lambda_prior(self, lists: int) -> tuple[float, float]:
        """(a, b) of the Beta prior of every capture probability for ``lists`` lists."""
        if self.prior_range is None:
            return float(self.a_lambda), float(self.b_lambda)
        from .lcm_priors import beta_prior_from_expansion_range

        return beta_prior_from_expansion_range(self.prior_range[0], self.prior_range[1], lists)

    def _alpha_prior_args(self) -> tuple[int, float, float]:
        from .lcm_sampler import GAMMA_PRIOR, LOGNORMAL_PRIOR

        if self.alpha_prior == "gamma":
            return GAMMA_PRIOR, float(self.a_alpha), float(self.b_alpha)
        return LOGNORMAL_PRIOR, float(self.alpha_log_mean), float(self.alpha_log_sd)

    def _prior_text(self, a: float, b: float) -> str:
        cap = f"Beta({a:.3g}, {b:.3g}) capture probabilities"
        if self.prior_range is not None:
            cap += f" (calibrated: N/n of a class in [{self.prior_range[0]:g}, {self.prior_range[1]:g}] with 95% prior probability)"
        if self.alpha_prior == "gamma":
            conc = f"Gamma({self.a_alpha:g}, {self.b_alpha:g}) concentration"
        else:
            conc = f"lognormal({self.alpha_log_mean:g}, {self.alpha_log_sd:g}) concentration"
        return f"prior: p(N) ∝ 1/N; stick-breaking weights with {conc}; {cap}"

    # --- fitting -------------------------------------------------------------------------

    def _fit(self, histories: CaptureHistories) -> EstimateResult:
        from . import lcm_sampler

        seed = resolve_seed(self.seed)
        X = np.ascontiguousarray(histories.patterns, dtype=np.int64)
        counts = np.ascontiguousarray(histories.counts, dtype=np.int64)
        J, K, C = histories.k, self.K, self.chains
        a_lam, b_lam = self.lambda_prior(J)
        kind, p1, p2 = self._alpha_prior_args()
        rng = np.random.default_rng(seed)
        # Overdispersed starts: capture probabilities and stick fractions from the prior.
        lam = rng.beta(a_lam, b_lam, size=(C, J, K)).clip(1e-6, 1 - 1e-6)
        V = rng.beta(1.0, 1.0, size=(C, K))
        V[:, -1] = 1.0
        alpha = np.ones((C, 1))
        n0 = np.zeros((C, 1), dtype=np.int64)
        counters = np.zeros((C, 2), dtype=np.int64)
        seeds = chain_seeds(seed, C)
        # numba's thread count: every core, or 1 in a worker process of estimators.executor
        import numba

        pool = ThreadPoolExecutor(max_workers=min(C, numba.get_num_threads()))

        def advance(n_iter: int, thin: int, stream: int, bar: Any) -> tuple[np.ndarray, ...]:
            """Run every chain ``n_iter`` more sweeps; return the stored draws (C, n_iter // thin)."""
            n_store = n_iter // thin
            out = (np.zeros((C, n_store), dtype=np.int64), np.zeros((C, n_store)),
                   np.zeros((C, n_store), dtype=np.int64), np.zeros((C, n_store), dtype=np.int64))
            done = 0
            chunk_index = 0
            step = max(thin, (_CHUNK // thin) * thin)
            while done < n_iter:
                this = min(step, n_iter - done)
                chunk_seeds = np.array(
                    [np.random.SeedSequence([s, stream, chunk_index]).generate_state(1)[0] for s in seeds],
                    dtype=np.int64,
                )
                a, b = done // thin, (done + this) // thin

                def one(c: int, this: int = this, a: int = a, b: int = b, seeds_now: np.ndarray = chunk_seeds) -> None:
                    lcm_sampler.run_sampler(
                        X, counts, lam[c], V[c], alpha[c], n0[c], a_lam, b_lam, kind, p1, p2,
                        bool(self.collapsed), float(self.overrelax) if self.collapsed else 0.0, float(self.threshold), this, thin, int(seeds_now[c]),
                        out[0][c, a:b], out[1][c, a:b], out[2][c, a:b], out[3][c, a:b], counters[c],
                    )

                list(pool.map(one, range(C)))
                done += this
                chunk_index += 1
                bar.update(this * C)
            return out

        try:
            outcome = self._run(advance, histories, seed, seeds, (a_lam, b_lam), counters)
        finally:
            pool.shutdown()
        if self.sensitivity:
            outcome = self._with_sensitivity(histories, outcome)
        return outcome

    def _run(
        self, advance: Any, histories: CaptureHistories, seed: int, seeds: list[int],
        lambda_prior: tuple[float, float], counters: np.ndarray,
    ) -> EstimateResult:
        start = time.perf_counter()
        C = self.chains
        thin = self.thin
        stored: list[tuple[int, tuple[np.ndarray, ...]]] = []  # (first sweep index, draws)
        total = 0
        rounds = 0
        window_start = self.burnin
        stream = 0
        planned = self.burnin + self.draws * thin
        with progress_bar(planned * C, self.show_progress(), "lcm") as bar:
            if self.burnin:
                advance(self.burnin, self.burnin, stream, bar)  # burn-in: store one draw only
                total = self.burnin
            while True:
                n_new = planned - total
                n_new = max(thin, (n_new // thin) * thin)
                stream += 1
                stored.append((total, advance(n_new, thin, stream, bar)))
                total += n_new
                draws = self._window(stored, window_start, thin, self.draws)
                idata = self._idata(histories, draws, seed)
                table = diagnostics_table(idata, ("N",))
                problems = diagnostic_problems(table, rhat_max=self.rhat_max, ess_min=self.ess_min)
                if not problems or not self.extend or total >= self.max_iterations:
                    break
                rounds += 1
                row = table.iloc[0]
                rhat_bad = not math.isfinite(row["r_hat"]) or row["r_hat"] > self.rhat_max
                if rhat_bad:
                    # chains disagree: the first half of the run becomes burn-in; run as long again
                    window_start = max(window_start, total // 2)
                    planned = 2 * total
                else:
                    # only the ESS is short: grow the kept window by what the ESS needs (x1.2), at
                    # least by half and at most three times the run so far
                    ess = min(float(row["ess_bulk"]), float(row["ess_tail"]))
                    kept = total - window_start
                    need = kept * (self.ess_min / max(ess, 1.0) - 1.0) * 1.2
                    planned = total + int(min(max(need, total / 2), 3 * total))
                planned = min(planned, self.max_iterations)
                if planned <= total:
                    break
                # storage cap: thin the stored draws and the future ones by 2
                while (planned - window_start) // thin > _STORE_CAP:
                    stored = self._halve(stored, thin)
                    thin *= 2
        seconds = time.perf_counter() - start
        return self._result(histories, draws, seed, seeds, lambda_prior, counters, total, window_start, thin,
                            rounds, problems, seconds)

    @staticmethod
    def _halve(stored: list[tuple[int, tuple[np.ndarray, ...]]], thin: int) -> list[tuple[int, tuple[np.ndarray, ...]]]:
        """Keep every other stored draw (sweeps at multiples of 2·thin from each chunk's start)."""
        out = []
        for first, arrays in stored:
            out.append((first, tuple(a[:, 1::2] for a in arrays)))
        return out

    @staticmethod
    def _window(
        stored: list[tuple[int, tuple[np.ndarray, ...]]], window_start: int, thin: int, size: int
    ) -> tuple[np.ndarray, ...]:
        """The stored draws of sweeps after ``window_start``, chains x draws, per quantity.

        A window longer than ``size`` draws per chain is thinned evenly to ``size``, so every
        fit reports the same number of draws (strata totals sum them draw by draw).
        """
        parts: list[list[np.ndarray]] = [[], [], [], []]
        for first, arrays in stored:
            n = arrays[0].shape[1]
            sweep = first + thin * (np.arange(n) + 1)  # sweep index of each stored draw (1-based)
            keep = sweep > window_start
            for i, a in enumerate(arrays):
                parts[i].append(a[:, keep])
        out = tuple(np.concatenate(p, axis=1) for p in parts)
        n = out[0].shape[1]
        if n > size:
            idx = np.round(np.linspace(0, n - 1, size)).astype(np.int64)
            out = tuple(a[:, idx] for a in out)
        return out

    def _idata(self, histories: CaptureHistories, draws: tuple[np.ndarray, ...], seed: int) -> Any:
        n0, alpha, classes, neps = draws
        return LazyInferenceData(  # ArviZ only if someone reads the draws as InferenceData
            {"N": n0 + histories.n, "n0": n0, "N_identifiable": neps, "alpha": alpha, "occupied_classes": classes},
            {"method": self.name, "seed": seed, "K": self.K, "threshold": self.threshold},
        )

    def _result(
        self, histories: CaptureHistories, draws: tuple[np.ndarray, ...], seed: int, seeds: list[int],
        lambda_prior: tuple[float, float], counters: np.ndarray, total: int, window_start: int, thin: int,
        rounds: int, problems: list[str], seconds: float,
    ) -> EstimateResult:
        n0_draws, alpha_draws, class_draws, neps_draws = draws
        idata = self._idata(histories, draws, seed)
        a_lam, b_lam = lambda_prior
        messages = [
            "assumes a closed population and that, within each latent class, lists capture independently",
            self._prior_text(a_lam, b_lam),
        ]
        if rounds and not problems:
            messages.append(
                f"the chains agreed only after extending the run: {total:,} sweeps per chain "
                f"({window_start:,} discarded)"
            )
        elif rounds:
            messages.append(f"extended {rounds} time(s) to {total:,} sweeps per chain")
        sweeps_done = max(total, 1) * self.chains
        N = n0_draws + histories.n
        details: dict[str, Any] = {
            "model": f"latent classes, K = {self.K}",
            "K": self.K,
            "priors": {
                "N": "1/N",
                "alpha": ({"gamma": [self.a_alpha, self.b_alpha]} if self.alpha_prior == "gamma"
                          else {"lognormal": [self.alpha_log_mean, self.alpha_log_sd]}),
                "lambda": [a_lam, b_lam],
                "prior_range": list(self.prior_range) if self.prior_range is not None else None,
            },
            "sampler": {
                "algorithm": ("Gibbs with data augmentation and collapsed moves of each class's unobserved count"
                              if self.collapsed else "Gibbs with data augmentation (LCMCR's sweep)")
                + (f", overrelaxed capture probabilities ({self.overrelax:g})" if self.collapsed and self.overrelax
                   else "")
                + " (aggregated patterns, numba)",
                "chains": self.chains,
                "burnin": window_start,
                "draws_per_chain": int(n0_draws.shape[1]),
                "thin": thin,
                "sweeps_per_chain": total,
                "extensions": rounds,
                "chain_seeds": seeds,
                "collapsed_accepted_per_sweep": float(counters[:, 0].sum() / sweeps_done) if self.collapsed else None,
                "alpha_acceptance": (float(counters[:, 1].sum() / sweeps_done) if self.alpha_prior == "lognormal"
                                     else None),
            },
            "seconds": seconds,
            "posterior_mean": float(np.mean(N)),
            "occupied_classes_median": float(np.median(class_draws)),
        }
        result = posterior_result(
            self, histories, idata, seed=seed, details=details, messages=tuple(messages),
            var_names=("N", "N_identifiable", "alpha"),
        )
        return self._honest(result, N, neps_draws, histories)

    def _honest(self, result: EstimateResult, N: np.ndarray, neps: np.ndarray, histories: CaptureHistories) -> EstimateResult:
        """Add the identifiable population; withhold an upper limit the data do not bound."""
        if result.part(PosteriorFit) is None:  # no posterior summary: the data say nothing about N
            return result
        details = dict(result.details)
        messages = list(result.messages)
        diag = {row["variable"]: row for row in details["diagnostics"]}
        ident: dict[str, Any] = {
            "threshold": self.threshold,
            "definition": ("people in latent classes whose probability of being on at least one list, "
                           f"1 - prod_j (1 - lambda_jk), is at least {self.threshold:g} (Johndrow, Lum & "
                           "Manrique-Vallier 2019)"),
        }
        neps_ok = result.has_estimate and not diagnostic_problems(
            pd_table(details["diagnostics"]), rhat_max=self.rhat_max, ess_min=self.ess_min, variable="N_identifiable"
        )
        if neps_ok:
            lo, hi = credible_interval(neps, self.level, self.interval)
            ident.update(estimate=float(np.median(neps)), lower=lo, upper=hi, share_of_N=float(np.median(neps / N)))
        else:
            ident.update(estimate=None, lower=None, upper=None,
                         note="no interval: the chains did not converge (R-hat/ESS of N or of N_identifiable)")
        ident["diagnostics"] = diag.get("N_identifiable")
        details["identifiable"] = ident
        if not result.has_estimate:
            return dataclasses.replace(result, details=details)
        check = upper_limit_check(N, self.level)
        details["upper_check"] = check
        upper = result.upper
        status = result.status
        if not check["bounded"]:
            details["upper_unbounded_quantile"] = result.upper
            upper = None
            status = Status.WARNING
            text = (
                f"the data do not bound N from above: the {100 * (1 - (1 - self.level) / 2):g}% posterior quantile "
                f"moves from {check['upper']:,.0f} to {check['upper_lighter_prior']:,.0f} "
                f"({100 * check['relative_change']:.0f}%) when the prior on N changes from 1/N to 1/N², so the "
                "upper end is set by the prior (people in classes the lists almost never reach); upper limit not "
                "reported"
            )
            if ident.get("estimate") is not None:
                text += (f"; the identifiable population (capture probability >= {self.threshold:g}) is "
                         f"{ident['estimate']:,.0f} [{ident['lower']:,.0f}, {ident['upper']:,.0f}]")
            messages.append(text)
            warnings.warn(text, BoundaryWarning, stacklevel=4)
        return dataclasses.replace(result, upper=upper, status=status, messages=tuple(messages), details=details)

    def _with_sensitivity(self, histories: CaptureHistories, result: EstimateResult) -> EstimateResult:
        """Refit under :data:`SENSITIVITY_PRIORS`; the table goes in ``details["sensitivity"]``."""
        rows = []
        for label, prior in SENSITIVITY_PRIORS:
            spec = dataclasses.replace(self, sensitivity=False, progress=False, **prior)
            if spec == dataclasses.replace(self, sensitivity=False, progress=False):
                r = result  # the fit itself used these priors
            else:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", DiagnosticsWarning)
                    warnings.simplefilter("ignore", BoundaryWarning)
                    r = spec.fit(histories)
            ident = r.details.get("identifiable", {})
            a, b = r.details["priors"]["lambda"]
            rows.append({
                "prior": label, "a_lambda": a, "b_lambda": b,
                "alpha_prior": spec.alpha_prior, "estimate": r.estimate, "lower": r.lower, "upper": r.upper,
                "upper_unbounded_quantile": r.details.get("upper_unbounded_quantile"),
                "status": r.status.value,
                "identifiable_estimate": ident.get("estimate"), "identifiable_lower": ident.get("lower"),
                "identifiable_upper": ident.get("upper"),
            })
        details = dict(result.details)
        details["sensitivity"] = rows
        spread = [r["estimate"] for r in rows if r["estimate"] is not None]
        messages = list(result.messages)
        if len(spread) >= 2 and min(spread) > 0 and max(spread) / min(spread) > 1.2:
            messages.append(
                f"prior sensitivity: the posterior median ranges over {min(spread):,.0f}-{max(spread):,.0f} "
                "under the priors of details['sensitivity']: the data do not settle N on their own"
            )
        # Does the upper limit grow with the prior range of N/n?  Compare the two calibrated fits.
        narrow, wide = (r.get("upper") or r.get("upper_unbounded_quantile") for r in rows[1:3])
        grows = None
        if narrow and wide:
            grows = (wide - narrow) / narrow
            details["upper_check"] = dict(details.get("upper_check", {}), prior_range_growth=grows,
                                          prior_range_growth_threshold=UPPER_SENSITIVITY_MAX)
        upper, status = result.upper, result.status
        if result.has_estimate and upper is not None and grows is not None and grows > UPPER_SENSITIVITY_MAX:
            details["upper_unbounded_quantile"] = upper
            upper, status = None, Status.WARNING
            text = (
                f"the data do not bound N from above: the upper limit grows with the prior range of N/n "
                f"({narrow:,.0f} with N/n in [1.1, 3], {wide:,.0f} with [1.1, 5]: +{100 * grows:.0f}%); "
                "upper limit not reported"
            )
            messages.append(text)
            warnings.warn(text, BoundaryWarning, stacklevel=4)
        return dataclasses.replace(result, upper=upper, status=status, details=details, messages=tuple(messages))


def pd_table(rows: list[dict[str, Any]]) -> Any:
    """The diagnostics records back as a DataFrame (for :func:`diagnostic_problems`)."""
    import pandas as pd

    return pd.DataFrame(rows)
