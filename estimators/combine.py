"""Combining fits: totals over strata, and estimates over replicates.

Strata
------
A stratum is *not estimable* when fewer than ``min_lists_per_stratum`` lists (default
3, HRDAG practice) have records in it, or when the method gives no estimate there (MLE
does not exist, not identifiable, ...).  The total sums the estimable strata and says
how many strata and how many observed people it covers.

* Methods with posterior draws of N: strata are fitted with independent seeds and the
  draws are summed draw by draw (a draw of the total's posterior).
* Other methods: the interval of the total is a parametric bootstrap.  For each
  estimable stratum, complete tables are drawn as independent Poisson counts around the
  fitted expected counts of all 2^k cells (the unobserved cell included), the stratum's
  refit spec (:meth:`~estimators.base.Estimator.refit_spec`) is fitted to the observable
  part; replicate b of the total is the observed count plus the sum of the strata's
  replicate-b estimates of the people no list found (each stratum drawing from its own
  seed), so the percentile interval never falls below the people observed.
* Methods whose results carry no fitted cells: the strata's limits are summed, which is
  conservative for independent strata.
* Strata without an estimate enter the total with their lower limit if the method gave
  one (upper end not identified), else their observed people as a documented minimum;
  the total then has no upper limit; the status is ``warning``.

Each stratum (its fit and its bootstrap) is one task of :func:`estimators.executor.run_tasks`,
so strata run on any ``concurrent.futures.Executor`` with the same numbers.

Replicates
----------
R fits of the same method on R plausible versions of the data (linkage replicates) are
combined like multiple imputations (Rubin 1987): frequentist results by Rubin's rules on
the log scale (:func:`rubin_combine`, which gives the point and the variance components),
with the interval the point linkage's own interval widened by Rubin's total-to-within
ratio (:func:`widen_interval`, never below the people observed); Bayesian results by
pooling their draws (:func:`combine_replicates`).

The spec is used only through the hooks of :class:`~estimators.base.Estimator`
(described by :class:`CombinableSpec` here, so this module does not import it).

References
----------
Rubin, D. B. (1987). *Multiple Imputation for Nonresponse in Surveys*. Wiley.
Efron, B. and Tibshirani, R. J. (1993). *An Introduction to the Bootstrap*. Chapman & Hall.
"""

from __future__ import annotations

import dataclasses
import math
import warnings
from collections.abc import Mapping
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol, Self

import numpy as np

from .cells import cell_patterns
from .executor import run_tasks
from .histories import CaptureHistories
from .posterior import LazyInferenceData, credible_interval
from .results import EstimateResult, ReplicateCombination, Status, StratifiedTotal
from .seeds import resolve_seed, spawn_seeds


class CombinableSpec(Protocol):
    """What combining needs from an estimator spec (see :class:`estimators.base.Estimator`)."""

    name: ClassVar[str]
    posterior_draws: ClassVar[bool]

    @property
    def level(self) -> float: ...

    @property
    def seed(self) -> int | None: ...

    @property
    def bootstrap_replicates(self) -> int: ...

    @property
    def min_lists_per_stratum(self) -> int: ...

    @property
    def interval_kind(self) -> str: ...

    def with_seed(self, seed: int) -> Self: ...

    def refit_spec(self, result: EstimateResult) -> Self: ...

    def check_lists(self, histories: CaptureHistories) -> str | None: ...

    def fit_unstratified(
        self, histories: CaptureHistories, *, executor: Executor | None = ..., progress: bool | None = ...
    ) -> EstimateResult: ...

    def no_estimate(
        self, histories: CaptureHistories, status: Status, message: str, **details: object
    ) -> EstimateResult: ...

    def result(
        self, histories: CaptureHistories, *, estimate: float | None, lower: float | None, upper: float | None,
        status: Status = ..., messages: Any = ..., parts: Any = ..., details: Mapping[str, Any] | None = ...,
        seed: int | None = ..., expected_cells: np.ndarray | None = ..., draws: Any = ...,
    ) -> EstimateResult: ...


# ----------------------------------------------------------------------------- strata


def fit_stratum(spec: CombinableSpec, sub: CaptureHistories, seed: int) -> tuple[CaptureHistories, EstimateResult]:
    """Fit one stratum, its unobserved lists dropped; not estimable below the list minimum.

    Returns the stratum's table as fitted (lists with records only) and the result.
    """
    observed = sub.observed_lists()
    if len(observed) < sub.k:
        sub = sub.drop_lists([name for name in sub.lists if name not in observed])
    if len(observed) < spec.min_lists_per_stratum:
        return sub, spec.no_estimate(
            sub,
            Status.INSUFFICIENT_DATA,
            f"not estimable: only {len(observed)} list(s) observed in this stratum "
            f"(at least {spec.min_lists_per_stratum} needed)",
        )
    problem = spec.check_lists(sub)
    if problem is not None:
        return sub, spec.no_estimate(sub, Status.INSUFFICIENT_DATA, f"not estimable: {problem}")
    fit_spec = spec.with_seed(seed) if spec.posterior_draws else spec
    res = fit_spec.fit_unstratified(sub, progress=False)  # one bar, over the strata
    if not res.has_estimate:
        res = dataclasses.replace(res, messages=("not estimable: " + "; ".join(res.messages),))
    return sub, res


@dataclass(frozen=True)
class StratumTask:
    """The work of one stratum, sent to a worker: fit, then (frequentist) bootstrap draws.

    ``seed`` is the stratum's own seed (spawned from the spec's): it seeds the fit of a
    method with posterior draws, or the stratum's parametric bootstrap otherwise.
    """

    spec: Any
    histories: CaptureHistories
    seed: int


@dataclass(frozen=True)
class StratumOutcome:
    """A stratum's fit and, for frequentist methods, its bootstrap draws of N.

    ``draws`` is None when the stratum has no estimate, the method has posterior draws,
    or the bootstrap could not draw (``usable`` False: no expected cells, or 20 draws
    in a row without an estimate).
    """

    histories: CaptureHistories
    result: EstimateResult
    draws: np.ndarray | None = None
    failed: int = 0
    usable: bool = True


def run_stratum(task: StratumTask) -> StratumOutcome:
    """Fit one stratum and, for a frequentist method with an estimate, draw its bootstrap (a task)."""
    sub, res = fit_stratum(task.spec, task.histories, task.seed)
    if not res.has_estimate or task.spec.posterior_draws:
        return StratumOutcome(sub, res)
    draws, failed = bootstrap_stratum(task.spec, sub, res, task.seed)
    return StratumOutcome(sub, res, draws, failed, usable=draws is not None)


def fit_stratified(
    spec: CombinableSpec, histories: CaptureHistories, *, executor: Executor | None = None,
    progress: bool | None = None,
) -> EstimateResult:
    """Fit ``spec`` in every stratum of ``histories`` and combine into a total.

    Parameters
    ----------
    spec : the method's spec.
    histories : stratified capture histories.
    executor : concurrent.futures.Executor, optional
        Where the strata run (:func:`estimators.executor.run_tasks`): one task per
        stratum, its fit and its bootstrap.  Default: one after the other, here.
    progress : bool, optional
        Progress bar over strata on stderr (default: when stderr is a terminal).

    Stratum i gets the i-th seed spawned from the spec's seed, whatever the executor,
    and records it (``strata[i].seed``).
    """
    seed = resolve_seed(spec.seed)
    labels = histories.strata_labels()
    stratum_seeds = spawn_seeds(seed, len(labels))
    tasks = [StratumTask(spec, histories.select_stratum(label), s) for label, s in zip(labels, stratum_seeds, strict=True)]
    names = ["stratum " + ", ".join(f"{c}={v}" for c, v in zip(histories.strata_columns, label, strict=True))
             for label in labels]
    outcomes = run_tasks(run_stratum, tasks, executor=executor, labels=names, progress=progress, what="strata")
    per: list[EstimateResult] = []
    for label, stratum_seed, outcome in zip(labels, stratum_seeds, outcomes, strict=True):
        stratum = {c: str(v) for c, v in zip(histories.strata_columns, label, strict=True)}
        per.append(dataclasses.replace(outcome.result, stratum=stratum, seed=stratum_seed))

    covered = [r for r in per if r.has_estimate]
    n_covered = sum(r.observed for r in covered)
    coverage = {
        "strata_total": len(per),
        "strata_covered": len(covered),
        "observed_in_covered_strata": n_covered,
        "observed_not_covered": histories.n - n_covered,
    }
    messages: list[str] = []
    if not covered:
        part = StratifiedTotal(**coverage, interval=_bootstrap_label(spec))
        return dataclasses.replace(
            spec.result(histories, estimate=None, lower=None, upper=None, status=Status.INSUFFICIENT_DATA,
                        messages=("no stratum is estimable",), parts=(part,), seed=seed),
            strata=tuple(per),  # each says why it has no estimate
        )
    status = Status.OK
    draws = None
    lower: float | None
    upper: float | None
    # Strata without an estimate enter with what is known of them: a lower limit when the
    # method gave one (its upper end not identified), else their observed people.
    floors = [r.lower if r.lower is not None else float(r.observed) for r in per if not r.has_estimate]
    uncovered = float(sum(floors))
    fitted = [o for o in outcomes if o.result.has_estimate]
    if spec.posterior_draws:
        total_draws = _sum_draws(covered) + uncovered
        estimate = float(np.median(total_draws))
        lower, upper = credible_interval(total_draws, spec.level, spec.interval_kind)
        part = StratifiedTotal(
            **coverage, interval="posterior of the sum of the strata's N (draws summed; strata independent)"
        )
        draws = LazyInferenceData({"N": total_draws}, {"seed": seed, "combined": "sum over strata"})
    elif all(o.result.expected_cells is not None for o in fitted):
        estimate = float(sum(r.estimate for r in covered if r.estimate is not None)) + uncovered
        failed = sum(o.failed for o in fitted)
        lower = upper = None
        if all(o.usable and o.draws is not None for o in fitted):
            # each stratum's draws are of the people no list found there (>= 0)
            totals = n_covered + np.sum([o.draws for o in fitted if o.draws is not None], axis=0)
            alpha = 1.0 - spec.level
            lo, hi = np.quantile(totals, [alpha / 2, 1 - alpha / 2])
            lower, upper = float(lo) + uncovered, float(hi)
        part = StratifiedTotal(**coverage, interval=_bootstrap_label(spec), bootstrap_failures=failed)
        if failed:
            messages.append(f"{failed} bootstrap replicate(s) had no estimate and were redrawn")
    else:  # no fitted cells to resample: the strata's limits summed (conservative for independent strata)
        estimate = float(sum(r.estimate for r in covered if r.estimate is not None)) + uncovered
        lower = float(sum(r.lower for r in covered if r.lower is not None)) + uncovered
        upper = float(sum(r.upper for r in covered if r.upper is not None))
        part = StratifiedTotal(**coverage, interval="the strata's limits summed (conservative)")
    open_strata = [r for r in covered if r.upper is None]
    if open_strata:
        status, upper = Status.WARNING, None
        messages.append(f"{len(open_strata)} stratum/strata have no upper limit, so neither has the total")
    if len(covered) < len(per):
        # How many people no list found in the strata without an estimate is unknown, so the
        # total has no upper limit.
        status, upper = Status.WARNING, None
        messages.append(
            f"{len(per) - len(covered)} of {len(per)} strata have no estimate: they enter the total with their "
            f"lower limit or, without one, their observed people ({uncovered:,.0f} in all), and as the people no "
            "list found there are unknown, the total has no upper limit"
        )
    messages.append("strata are assumed independent; each stratum's model is assumed correct")
    return dataclasses.replace(
        spec.result(histories, estimate=estimate, lower=lower, upper=upper, status=status, messages=messages,
                    parts=(part,), seed=seed, draws=draws),
        strata=tuple(per),
    )


def _bootstrap_label(spec: CombinableSpec) -> str:
    return f"parametric bootstrap ({spec.bootstrap_replicates} replicates), percentile"


def _sum_draws(covered: list[EstimateResult]) -> np.ndarray:
    """Draws of the total: the strata's draws of N summed draw by draw."""
    arrays = [r.n_draws() for r in covered]
    shapes = {a.shape for a in arrays if a is not None}
    if any(a is None for a in arrays) or len(shapes) != 1:
        raise RuntimeError("stratum posteriors have different numbers of draws; cannot sum them")
    return np.sum(np.stack([a for a in arrays if a is not None]), axis=0)


def bootstrap_stratum(
    spec: CombinableSpec, sub: CaptureHistories, res: EstimateResult, seed: int
) -> tuple[np.ndarray | None, int]:
    """Parametric bootstrap draws of the people no list found in one stratum (Efron & Tibshirani 1993).

    ``spec.bootstrap_replicates`` complete tables are drawn as independent Poisson counts
    around the fitted expected counts of all 2^k cells, the unobserved cell included; the
    stratum's refit spec is fitted to the observable part of each, and the draw is its
    estimate minus the people it observed (N-hat_b - n_b, at least 0).  A draw without an
    estimate (no observed count, a list left empty, no fit) is redrawn, up to 20 times.

    Returns
    -------
    draws : ndarray of shape (B,), or None
        None when the fit has no expected cells or a replicate failed 20 times.
    failed : int
        Draws redrawn.
    """
    mu = res.expected_cells
    if mu is None:
        return None, 0
    rng = np.random.default_rng(seed)
    B = spec.bootstrap_replicates
    refit = spec.refit_spec(res)
    pats = cell_patterns(sub.k)
    draws = np.zeros(B)
    failed = 0
    for b in range(B):
        for _attempt in range(20):
            y = rng.poisson(mu[1:])
            if y.sum() == 0:
                failed += 1
                continue
            keep = y > 0
            boot = CaptureHistories(lists=sub.lists, patterns=pats[keep], counts=y[keep])
            if any(s == 0 for s in boot.list_sizes.values()):
                failed += 1
                continue
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                r = refit.fit_unstratified(boot, progress=False)
            if r.has_estimate and r.estimate is not None:
                draws[b] = max(r.estimate - boot.n, 0.0)
                break
            failed += 1
        else:
            return None, failed
    return draws, failed


# ----------------------------------------------------------------------------- replicates


@dataclass(frozen=True)
class RubinCombination:
    """Rubin's combination of R estimates on the log scale.

    Attributes
    ----------
    estimate, lower, upper : combined point estimate exp(Q) and interval.
    within, between, total : W, B and T on the log scale.
    df : Rubin's degrees of freedom (inf when B = 0).
    fraction_linkage : (1 + 1/R) B / T, the share of the variance due to the replicates.
    quantile : the t_nu (normal when B = 0) quantile of the interval.
    """

    estimate: float
    lower: float
    upper: float
    within: float
    between: float
    total: float
    df: float
    fraction_linkage: float
    quantile: float = math.nan

    def widening(self, level: float) -> float:
        """t_nu sqrt(T) / (z sqrt(W)): how much wider Rubin's interval is than the within one (1 when B = 0)."""
        from scipy import stats

        if not self.within > 0:
            return math.inf
        z = float(stats.norm.ppf(0.5 + level / 2))
        return self.quantile * math.sqrt(self.total) / (z * math.sqrt(self.within))


def rubin_combine(estimates: np.ndarray, lowers: np.ndarray, uppers: np.ndarray, level: float) -> RubinCombination:
    """Combine R estimates and their intervals by Rubin's rules on the log scale.

    ``q_r = log N_r``, within-replicate variance ``w_r`` from the replicate's interval
    (``((log upper - log lower) / (2 z))^2``); ``Q = mean q_r``, ``W = mean w_r``,
    ``B = var q_r``, total ``T = W + (1 + 1/R) B``; the interval is
    ``exp(Q +- t_nu sqrt(T))`` with Rubin's degrees of freedom
    ``nu = (R - 1) (1 + W / ((1 + 1/R) B))^2``.

    Parameters
    ----------
    estimates, lowers, uppers : arrays of shape (R,), positive, R >= 2.
    level : interval level in (0, 1).

    Returns
    -------
    RubinCombination

    Examples
    --------
    >>> c = rubin_combine(np.array([100., 110.]), np.array([80., 88.]), np.array([125., 137.5]), 0.95)
    >>> c.lower < 80 < 137.5 < c.upper
    True
    """
    from scipy import stats

    q = np.log(np.asarray(estimates, dtype=float))
    lo, hi = np.asarray(lowers, dtype=float), np.asarray(uppers, dtype=float)
    R = len(q)
    if R < 2:
        raise ValueError(f"need at least 2 replicates; got {R}")
    if not np.all(np.isfinite(q)) or np.any(lo <= 0) or np.any(hi < lo):
        raise ValueError("estimates and bounds must be positive and finite, with lower <= upper")
    z = stats.norm.ppf(0.5 + level / 2)
    w = ((np.log(hi) - np.log(lo)) / (2 * z)) ** 2
    Q, W, B = float(q.mean()), float(w.mean()), float(q.var(ddof=1))
    T = W + (1 + 1 / R) * B
    # Identical replicate estimates give B = 0 up to rounding (~1e-31): treat as none.
    if B > 1e-12:
        df = (R - 1) * (1 + W / ((1 + 1 / R) * B)) ** 2
        tq = float(stats.t.ppf(0.5 + level / 2, df))
    else:
        df, tq = math.inf, float(z)
    half = tq * math.sqrt(T)
    return RubinCombination(
        estimate=math.exp(Q), lower=math.exp(Q - half), upper=math.exp(Q + half), within=W, between=B, total=T,
        df=df, fraction_linkage=((1 + 1 / R) * B / T) if T > 0 else 0.0, quantile=tq,
    )


def widen_interval(
    base: tuple[float, float, float], center: float, floor: float, factor: float
) -> tuple[float, float]:
    """A base interval of N, moved to ``center`` and widened by ``factor`` on each side.

    With ``base = (estimate, lower, upper)``, each side's distance from the estimate is
    scaled by ``factor`` and laid off from ``center``:

        lower = max(floor, min(center - factor (estimate - lower), lower))
        upper = max(center + factor (upper - estimate), upper)

    so the interval keeps the base's (e.g. profile-likelihood) skewed shape, ``factor = 1``
    with ``center = estimate`` gives the base interval exactly, the result always holds the
    base interval (a combination over linkages is never surer than the point linkage), and
    the lower limit never falls below ``floor``.  The sides are scaled on N, not on
    log(N - floor): near the floor (an estimate on the boundary, N̂ = n, or just above it) the
    log scale stretches without bound, and a lower limit at the estimate would stay there
    when ``center`` moves up.

    Parameters
    ----------
    base : (estimate, lower, upper) of the interval to widen.
    center : the new point estimate.
    floor : the smallest N the data allow (the people observed: a documented minimum).
    factor : >= 1, e.g. :meth:`RubinCombination.widening`.

    Examples
    --------
    >>> widen_interval((13.0, 10.0, 23.0), 13.0, 10.0, 1.0)
    (10.0, 23.0)
    >>> widen_interval((13.0, 11.0, 23.0), 13.0, 10.0, 1.5)
    (10.0, 28.0)
    >>> widen_interval((15.0, 15.0, 21.0), 16.5, 15.0, 1.0)  # an estimate on the boundary
    (15.0, 22.5)
    """
    est, lo, hi = base
    lower = max(floor, min(center - factor * (est - lo), lo))
    upper = max(center + factor * (hi - est), hi, center)
    return float(lower), float(upper)


@dataclass(frozen=True)
class Combined:
    """Estimates of >= 2 replicates combined: point, interval, variance components, pooled draws."""

    estimate: float
    lower: float
    upper: float
    info: dict[str, object]
    draws: Any = None


def pools_draws(results: list[EstimateResult]) -> bool:
    """Whether replicate results are combined by pooling posterior draws (all carry draws)."""
    return bool(results) and all(r.draws is not None for r in results)


def _usable(r: EstimateResult | None) -> bool:
    return (r is not None and r.estimate is not None and r.lower is not None and r.upper is not None
            and all(math.isfinite(float(x)) for x in (r.estimate, r.lower, r.upper))
            and r.lower <= r.estimate <= r.upper)


def combine_replicates(
    ok: list[EstimateResult], level: float, kind: str, seed: int, *, point: EstimateResult | None = None
) -> Combined:
    """Combine >= 2 replicate results with an estimate: pooled draws, or Rubin's rules.

    Frequentist results: the point is Rubin's exp(mean log N_r), and the interval is the
    point linkage's own interval (``point``; without a usable one, the interval of the
    replicate with the median estimate) moved to that point and widened on each side by
    Rubin's factor t_nu sqrt(T) / (z sqrt(W)), never below n, the fewest people observed in
    any replicate, and never narrower than the point linkage's (see :func:`widen_interval`).  Why not Rubin's
    interval exp(Q +- t sqrt(T)) itself: it is symmetric on log N, so it replaced the
    profile interval's shape with a narrower one (interval width ratio 0.86 with no
    between-replicate variance at all) and its lower limit could fall below the people
    observed.  Here B = 0 gives the point linkage's interval exactly, B > 0 widens it,
    and the lower limit is never below n.

    Parameters
    ----------
    ok : replicate results, each with an estimate and interval.
    level : interval level.
    kind : interval read off pooled draws (``equal-tailed`` or ``hpd``).
    seed : recorded in the pooled draws' attributes.
    point : the point linkage's result, whose interval is widened (frequentist results).
    """
    if pools_draws(ok):
        arrays = [np.asarray(r.n_draws(), dtype=float) for r in ok]
        pooled = np.concatenate([a.reshape(-1) for a in arrays])
        lower, upper = credible_interval(pooled, level, kind)
        within = float(np.mean([a.var() for a in arrays]))
        between = float(np.var([a.mean() for a in arrays], ddof=1))
        total = within + (1 + 1 / len(ok)) * between
        draws = None
        if len({a.size for a in arrays}) == 1:
            draws = LazyInferenceData({"N": np.stack([a.reshape(-1) for a in arrays])},
                                      {"seed": seed, "combined": "pooled over linkage replicates"})
        info: dict[str, object] = {"pooled_draws": int(pooled.size), "within_variance": within,
                                   "between_variance": between,
                                   "fraction_linkage": (total - within) / total if total > 0 else 0.0}
        return Combined(float(np.median(pooled)), lower, upper, info, draws)
    est = np.array([r.estimate for r in ok], dtype=float)
    c = rubin_combine(est, np.array([r.lower for r in ok], dtype=float), np.array([r.upper for r in ok], dtype=float),
                      level)
    floor = float(min(r.observed for r in ok))
    factor = c.widening(level)
    if point is not None and _usable(point):
        base, base_name = point, "point linkage"
    else:
        base, base_name = sorted(ok, key=lambda r: float(r.estimate))[len(ok) // 2], "median replicate"  # type: ignore[arg-type]
    if math.isfinite(factor):
        lower, upper = widen_interval((float(base.estimate), float(base.lower), float(base.upper)),  # type: ignore[arg-type]
                                      c.estimate, floor, factor)
    else:  # every replicate's interval has zero width (W = 0): Rubin's, kept above the people observed
        lower, upper = max(c.lower, floor), c.upper
    info = {"within_variance_log": c.within, "between_variance_log": c.between, "total_variance_log": c.total,
            "df": c.df if math.isfinite(c.df) else None, "fraction_linkage": c.fraction_linkage,
            "widening_factor": factor if math.isfinite(factor) else None,
            "interval": f"{base_name}'s interval widened by Rubin's total/within ratio, never below n = {floor:g}"}
    return Combined(c.estimate, lower, upper, info)


def combine_replicate_strata(
    results: list[EstimateResult], spec: CombinableSpec, seed: int, point: EstimateResult | None = None
) -> tuple[EstimateResult, ...]:
    """Per-stratum combination over replicates (strata matched by label; each widens the point linkage's stratum)."""
    point_strata = {tuple(sorted((sr.stratum or {}).items())): sr for sr in (point.strata or ())} if point else {}
    by_label: dict[tuple[tuple[str, str], ...], list[EstimateResult]] = {}
    for r in results:
        for sr in r.strata or ():
            key = tuple(sorted((sr.stratum or {}).items()))
            by_label.setdefault(key, []).append(sr)
    out = []
    for key in sorted(by_label):
        rs = by_label[key]
        ok = [r for r in rs if r.has_estimate and r.lower is not None and r.upper is not None]
        observed = int(round(float(np.mean([r.observed for r in rs]))))
        note = f"stratum present in {len(rs)} of {len(results)} replicates, with an estimate in {len(ok)}"
        if len(ok) < 2:
            out.append(EstimateResult(method=spec.name, lists=rs[0].lists, observed=observed, estimate=None,
                                      lower=None, upper=None, level=spec.level, status=Status.INSUFFICIENT_DATA,
                                      messages=(note, "fewer than 2 replicates gave an estimate"), seed=seed,
                                      stratum=dict(key)))
            continue
        c = combine_replicates(ok, spec.level, spec.interval_kind, seed, point=point_strata.get(key))
        status = Status.OK if len(ok) == len(results) else Status.WARNING
        out.append(EstimateResult(method=spec.name, lists=ok[0].lists, observed=observed, estimate=c.estimate,
                                  lower=c.lower, upper=c.upper, level=spec.level, status=status, messages=(note,),
                                  seed=seed, parts=(ReplicateCombination(c.info),), stratum=dict(key)))
    return tuple(out)
