"""Linkage uncertainty: estimate on R plausible linkages and combine.

A single linkage at a threshold treats every link as certain.  Here each replicate
draws a linkage from the match probabilities - every scored pair is a link with its
probability, independently, and clusters are the connected components of the links -
and the estimator is fitted to the capture histories of each replicate.  The R results
are combined like multiple imputations (Rubin 1987):

* frequentist methods, on the log scale (intervals of N are skewed):
  ``q_r = log N_r``, within-replicate variance ``w_r`` from the replicate's interval
  (``((log upper - log lower) / (2 z))^2``); ``Q = mean q_r``, ``W = mean w_r``,
  ``B = var q_r``, total ``T = W + (1 + 1/R) B``; the interval is
  ``exp(Q +- t_nu sqrt(T))`` with Rubin's degrees of freedom
  ``nu = (R - 1) (1 + W / ((1 + 1/R) B))^2``;
* Bayesian methods: the posterior draws of N of all replicates are pooled (a draw
  from the mixture over linkages, as in Bayesian multiple imputation) and the interval
  is taken from the pooled draws.

The result reports the point linkage's interval beside the combined one, the fraction
of variance due to linkage, and each replicate's estimate.

Caveats: independent edge draws followed by transitive closure ignore the dependence
between pairs (Sadinle 2017 samples coherent partitions instead), and Splink's
probabilities are only as calibrated as the model.  The combined interval is a
better statement of uncertainty than the point linkage's, not an exact one.

References
----------
Rubin, D. B. (1987). *Multiple Imputation for Nonresponse in Surveys*. Wiley.
Sadinle, M. (2017). Bayesian estimation of bipartite matchings for record linkage.
    *JASA* 112, 600-612.
Sadinle, M. (2018). Bayesian propagation of record linkage uncertainty into population
    size estimation of human rights violations. *Annals of Applied Statistics* 12,
    1013-1038.
Tancredi, A. & Liseo, B. (2011). A hierarchical Bayesian approach to record linkage and
    population size problems. *Annals of Applied Statistics* 5, 1553-1585.
"""

from __future__ import annotations

import math
import re
import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import stats

from ..base import Estimator
from ..histories import CaptureHistories
from ..results import EstimateResult, Status
from ..seeds import resolve_seed, spawn_seeds
from .files import LinkageData

__all__ = ["RubinCombination", "rubin_combine", "replicate_histories", "estimate_with_linkage_replicates"]


@dataclass(frozen=True)
class RubinCombination:
    """Rubin's combination of R estimates on the log scale.

    Attributes
    ----------
    estimate, lower, upper : combined point estimate exp(Q) and interval.
    within, between, total : W, B and T on the log scale.
    df : Rubin's degrees of freedom (inf when B = 0).
    fraction_linkage : (1 + 1/R) B / T, the share of the variance due to linkage.
    """

    estimate: float
    lower: float
    upper: float
    within: float
    between: float
    total: float
    df: float
    fraction_linkage: float


def rubin_combine(estimates: np.ndarray, lowers: np.ndarray, uppers: np.ndarray, level: float) -> RubinCombination:
    """Combine R estimates and their intervals by Rubin's rules on the log scale.

    Parameters
    ----------
    estimates, lowers, upper : arrays of shape (R,), positive, R >= 2.
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
        df=df, fraction_linkage=((1 + 1 / R) * B / T) if T > 0 else 0.0,
    )


_NUMBER = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?(?:e[-+]?\d+)?")


def replicate_histories(linkage: LinkageData, replicates: int, *, seed: int) -> list[CaptureHistories]:
    """R plausible linkages' capture histories (each pair a link with its probability).

    Parameters
    ----------
    linkage : LinkageData
    replicates : int >= 2
    seed : int
        Replicate r uses the r-th seed spawned from ``seed``.
    """
    if replicates < 2:
        raise ValueError(f"linkage replicates must be >= 2; got {replicates}")
    out = []
    for s in spawn_seeds(seed, replicates):
        rng = np.random.default_rng(s)
        out.append(linkage.histories(rng.random(len(linkage.probability)) < linkage.probability))
    return out


def _spec_with_seed(spec: Estimator, seed: int) -> Estimator:
    import dataclasses

    return dataclasses.replace(spec, seed=seed)  # type: ignore[type-var]


def estimate_with_linkage_replicates(
    spec: Estimator, linkage: LinkageData, replicates: int, *, seed: int | None = None
) -> EstimateResult:
    """Estimate N with linkage uncertainty: fit ``spec`` on R linkage replicates, combine.

    Parameters
    ----------
    spec : an estimator spec from :func:`estimators.registry.create`.
    linkage : LinkageData
        Read with :func:`.files.read_linkage`.
    replicates : int >= 2
        Number of linkage replicates R (20 or more for a stable between-variance).
    seed : int, optional
        Default ``spec.seed``; the linkage draws and every replicate's fit get seeds
        spawned from it (recorded in the result).

    Returns
    -------
    EstimateResult
        The combined estimate; ``details["linkage"]`` holds the point linkage's
        estimate and interval, the interval width ratio (combined / point), W, B, the
        fraction of variance due to linkage, and every replicate's estimate.
        ``observed`` is the mean over replicates of the children observed (rounded).
        Stratified histories: the total is the combination of the replicates' totals,
        and ``strata`` holds each stratum combined the same way (strata are matched by
        label; a child's stratum may change between replicates).

    References
    ----------
    Rubin (1987); Sadinle (2018); see the module docstring.
    """
    base_seed = resolve_seed(seed if seed is not None else getattr(spec, "seed", None))
    draw_seed, point_seed, *fit_seeds = spawn_seeds(base_seed, replicates + 2)
    point = _spec_with_seed(spec, point_seed).fit(linkage.point_histories())
    results: list[EstimateResult] = []
    # Warnings of the replicates, grouped by their text with the numbers masked (the same
    # problem reports other numbers in each replicate): (count, first text, texts differ).
    seen: dict[tuple[type[Warning], str], list[Any]] = {}
    for h, s in zip(replicate_histories(linkage, replicates, seed=draw_seed), fit_seeds, strict=True):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            results.append(_spec_with_seed(spec, s).fit(h))
        for w in caught:
            text = str(w.message)
            key = (w.category, _NUMBER.sub("#", text))
            if key in seen:
                seen[key][0] += 1
                seen[key][2] = seen[key][2] or text != seen[key][1]
            else:
                seen[key] = [1, text, False]
    notes = []
    for (category, _), (count, text, differ) in seen.items():  # each problem once, with its count
        note = f"in {count} of {replicates} linkage replicates: {text}" + (
            " (numbers of the first such replicate)" if differ else "")
        notes.append(note)
        warnings.warn(note, category, stacklevel=2)
    ok = [r for r in results if r.has_estimate and r.lower is not None and r.upper is not None]
    messages = [
        f"linkage uncertainty: {replicates} linkage replicates drawn from the match probabilities "
        f"(pairs >= {linkage.keep_above:g}); estimates combined "
        + ("by pooling posterior draws" if _bayesian(ok) else "by Rubin's rules on the log scale")
    ]
    # The warnings, once each with their counts, also go in the messages: the CLI reports
    # a result's messages, not Python warnings.
    messages.extend(notes)
    failed = len(results) - len(ok)
    if failed:
        messages.append(f"{failed} of {replicates} replicates gave no estimate and are left out")
    est = np.array([r.estimate for r in ok], dtype=float)
    details: dict[str, object] = {
        "linkage": {
            "replicates": replicates,
            "replicates_with_estimate": len(ok),
            "threshold": linkage.threshold,
            "keep_above": linkage.keep_above,
            "linkage_seed": linkage.seed,
            "point_linkage": {"estimate": point.estimate, "lower": point.lower, "upper": point.upper,
                              "observed": point.observed, "status": point.status.value},
            "replicate_estimates": [float(x) for x in est],
            "replicate_observed": [int(r.observed) for r in results],
        },
        "method_details_first_replicate": dict(ok[0].details) if ok else {},
    }
    lists = linkage.lists
    observed = int(round(float(np.mean([r.observed for r in results]))))
    if len(ok) < 2:
        status = results[0].status if results and not results[0].has_estimate else Status.INSUFFICIENT_DATA
        messages.append("fewer than 2 replicates gave an estimate: no combined estimate")
        return EstimateResult(method=spec.name, lists=lists, observed=observed, estimate=None, lower=None,
                              upper=None, level=spec.level, status=status, messages=tuple(messages),
                              seed=base_seed, details=details)
    link = details["linkage"]
    assert isinstance(link, dict)
    kind = str(getattr(spec, "interval", "equal-tailed"))
    estimate, lower, upper, stats_, draws = _combine(ok, spec.level, kind, base_seed)
    link.update(stats_)
    if point.lower is not None and point.upper is not None and point.upper > point.lower:
        link["interval_width_ratio"] = (upper - lower) / (point.upper - point.lower)
    messages.append(
        f"point linkage at p >= {linkage.threshold:g}: "
        + (f"{point.estimate:,.0f} [{point.lower:,.0f}, {point.upper:,.0f}]"
           if point.estimate is not None and point.lower is not None and point.upper is not None else "no estimate")
        + f"; with linkage uncertainty: {estimate:,.0f} [{lower:,.0f}, {upper:,.0f}]"
        + (f" (interval {link['interval_width_ratio']:.2f} times as wide)" if "interval_width_ratio" in link else "")
    )
    status = Status.WARNING if failed or any(r.status is Status.WARNING for r in ok) else Status.OK
    strata = _combine_strata(results, spec, kind, base_seed) if any(r.strata for r in results) else None
    if strata is not None:
        messages.append("per-stratum estimates are combined over replicates the same way; the total above is "
                        "the combination of the replicates' totals")
    return EstimateResult(
        method=spec.name, lists=lists, observed=observed, estimate=estimate, lower=lower, upper=upper,
        level=spec.level, status=status, messages=tuple(messages), seed=base_seed, details=details, draws=draws,
        strata=strata,
    )


def _combine(
    ok: list[EstimateResult], level: float, kind: str, seed: int
) -> tuple[float, float, float, dict[str, object], object]:
    """Combined estimate, interval, variance components and pooled draws of >= 2 results."""
    if _bayesian(ok):
        from ..bayes.common import credible_interval, make_inference_data

        arrays = [np.asarray(r.n_draws(), dtype=float) for r in ok]
        pooled = np.concatenate([a.reshape(-1) for a in arrays])
        lower, upper = credible_interval(pooled, level, kind)
        within = float(np.mean([a.var() for a in arrays]))
        between = float(np.var([a.mean() for a in arrays], ddof=1))
        total = within + (1 + 1 / len(ok)) * between
        draws = None
        if len({a.size for a in arrays}) == 1:
            draws = make_inference_data({"N": np.stack([a.reshape(-1) for a in arrays])},
                                        attrs={"seed": seed, "combined": "pooled over linkage replicates"})
        info: dict[str, object] = {"pooled_draws": int(pooled.size), "within_variance": within,
                                   "between_variance": between,
                                   "fraction_linkage": (total - within) / total if total > 0 else 0.0}
        return float(np.median(pooled)), lower, upper, info, draws
    est = np.array([r.estimate for r in ok], dtype=float)
    c = rubin_combine(est, np.array([r.lower for r in ok], dtype=float), np.array([r.upper for r in ok], dtype=float),
                      level)
    info = {"within_variance_log": c.within, "between_variance_log": c.between, "total_variance_log": c.total,
            "df": c.df if math.isfinite(c.df) else None, "fraction_linkage": c.fraction_linkage}
    return c.estimate, c.lower, c.upper, info, None


def _combine_strata(results: list[EstimateResult], spec: Estimator, kind: str, seed: int) -> tuple[EstimateResult, ...]:
    """Per-stratum combination over the replicates (strata matched by label)."""
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
        estimate, lower, upper, info, _ = _combine(ok, spec.level, kind, seed)
        status = Status.OK if len(ok) == len(results) else Status.WARNING
        out.append(EstimateResult(method=spec.name, lists=ok[0].lists, observed=observed, estimate=estimate,
                                  lower=lower, upper=upper, level=spec.level, status=status, messages=(note,),
                                  seed=seed, details={"linkage": info}, stratum=dict(key)))
    return tuple(out)


def _bayesian(results: list[EstimateResult]) -> bool:
    return bool(results) and all(r.draws is not None for r in results)
