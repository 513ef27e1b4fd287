"""Linkage uncertainty: estimate on R plausible linkages and combine.

A single linkage at a threshold treats every link as certain.  Here each replicate
draws a linkage from the match probabilities - every scored pair is a link with its
probability, independently, and clusters are the connected components of the links -
and the estimator is fitted to the capture histories of each replicate.  The R results
are combined like multiple imputations (Rubin 1987) by :mod:`estimators.combine`:

* frequentist methods: the point by Rubin's rules on the log scale, with Rubin's
  degrees of freedom (:func:`estimators.combine.rubin_combine`); the interval is the
  point linkage's own interval widened on each side by Rubin's factor
  t sqrt(T) / (z sqrt(W)) (:func:`estimators.combine.widen_interval`), never narrower than it:
  with no variance between replicates it is the point linkage's interval, and its
  lower limit is never below the fewest people observed in a replicate;
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

import dataclasses
import os
import re
import warnings
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..base import Estimator
from ..combine import combine_replicate_strata, combine_replicates, pools_draws
from ..exceptions import InputError, SettingsError
from ..executor import run_tasks
from ..histories import CaptureHistories
from ..results import EstimateResult, ReplicateCombination, Status
from ..seeds import resolve_seed, spawn_seeds
from .files import LinkageData, read_linkage

__all__ = [
    "ReplicateTask",
    "draw_linkage",
    "estimate_from_linkage_file",
    "estimate_with_linkage_replicates",
    "replicate_histories",
    "run_replicate",
]


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
    return [draw_linkage(linkage, s) for s in spawn_seeds(seed, replicates)]


def draw_linkage(linkage: LinkageData, seed: int) -> CaptureHistories:
    """One plausible linkage's capture histories: each scored pair a link with its probability."""
    rng = np.random.default_rng(seed)
    return linkage.histories(rng.random(len(linkage.probability)) < linkage.probability)


@dataclass(frozen=True)
class ReplicateTask:
    """One fit of the linkage replicates, sent to a worker.

    ``draw_seed`` None fits the point linkage (pairs at or above the threshold);
    otherwise a linkage is drawn from that seed (:func:`draw_linkage`).  The fit uses
    ``fit_seed``.
    """

    spec: Estimator
    linkage: LinkageData
    draw_seed: int | None
    fit_seed: int


def run_replicate(task: ReplicateTask) -> tuple[EstimateResult, list[tuple[type[Warning], str]]]:
    """Fit one replicate (a task); its warnings are returned, to be reported once with their counts."""
    if task.draw_seed is None:
        return task.spec.with_seed(task.fit_seed).fit(task.linkage.point_histories(), progress=False), []
    histories = draw_linkage(task.linkage, task.draw_seed)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = task.spec.with_seed(task.fit_seed).fit(histories, progress=False)
    return result, [(w.category, str(w.message)) for w in caught]


def estimate_with_linkage_replicates(
    spec: Estimator, linkage: LinkageData, replicates: int, *, seed: int | None = None,
    executor: Executor | None = None, progress: bool | None = None,
) -> EstimateResult:
    """Estimate N with linkage uncertainty: fit ``spec`` on R linkage replicates, combine.

    Parameters
    ----------
    spec : an estimator spec from :func:`estimators.methods.create`.
    linkage : LinkageData
        Read with :func:`.files.read_linkage`.
    replicates : int >= 2
        Number of linkage replicates R (20 or more for a stable between-variance).
    seed : int, optional
        Default ``spec.seed``; the linkage draws and every replicate's fit get seeds
        spawned from it (recorded in the result).
    executor : concurrent.futures.Executor, optional
        Where the R + 1 fits (the point linkage and the replicates) run, one task each
        (:func:`estimators.executor.run_tasks`); default here, one after the other.  The
        numbers do not depend on it.
    progress : bool, optional
        Progress bar over the fits (default: when stderr is a terminal).

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
    if replicates < 2:
        raise ValueError(f"linkage replicates must be >= 2; got {replicates}")
    base_seed = resolve_seed(seed if seed is not None else spec.seed)
    draw_seed, point_seed, *fit_seeds = spawn_seeds(base_seed, replicates + 2)
    tasks = [ReplicateTask(spec, linkage, None, point_seed)] + [
        ReplicateTask(spec, linkage, d, f) for d, f in zip(spawn_seeds(draw_seed, replicates), fit_seeds, strict=True)
    ]
    labels = ["point linkage"] + [f"linkage replicate {r + 1}" for r in range(replicates)]
    fits = run_tasks(run_replicate, tasks, executor=executor, labels=labels, progress=progress,
                     what="linkage replicates")
    point = fits[0][0]
    results = [r for r, _ in fits[1:]]
    # Warnings of the replicates, grouped by their text with the numbers masked (the same
    # problem reports other numbers in each replicate): (count, first text, texts differ).
    seen: dict[tuple[type[Warning], str], list[Any]] = {}
    for _, caught in fits[1:]:
        for category, text in caught:
            key = (category, _NUMBER.sub("#", text))
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
        + ("by pooling posterior draws" if pools_draws(ok) else
           "by Rubin's rules on the log scale, the interval the point linkage's widened by Rubin's total/within "
           "variance ratio")
    ]
    # The warnings, once each with their counts, also go in the messages: the CLI reports
    # a result's messages, not Python warnings.
    messages.extend(notes)
    # replicates that bound N from below only (no upper limit identified on that linkage)
    open_above = [r for r in results if r.upper is None and r.lower is not None]
    failed = len(results) - len(ok) - len(open_above)
    if failed:
        messages.append(f"{failed} of {replicates} replicates gave no estimate and are left out")
    est = np.array([r.estimate for r in ok], dtype=float)
    summary: dict[str, object] = {
        "replicates": replicates,
        "replicates_with_estimate": len(ok),
        "threshold": linkage.threshold,
        "keep_above": linkage.keep_above,
        "linkage_seed": linkage.seed,
        "point_linkage": {"estimate": point.estimate, "lower": point.lower, "upper": point.upper,
                          "observed": point.observed, "status": point.status.value},
        "replicate_estimates": [float(x) for x in est],
        # each replicate's seeds (linkage draw, fit), spawned from the result's seed
        "replicate_seeds": [[t.draw_seed, t.fit_seed] for t in tasks[1:]],
        "replicate_observed": [int(r.observed) for r in results],
    }
    first = dict(ok[0].details) if ok else {}
    lists = linkage.lists
    observed = int(round(float(np.mean([r.observed for r in results]))))
    if open_above and len(open_above) / len(results) > (1.0 - spec.level) / 2.0:
        # More than the interval's upper tail of the linkages leave N unbounded above: so does the
        # mixture over linkages.  What stays is a lower limit: the lowest of every replicate's and of the
        # bounded replicates' combination (which carries the spread between linkages).
        lower_limit = min(float(r.lower) for r in results if r.lower is not None)  # type: ignore[arg-type]
        if len(ok) >= 2:
            lower_limit = min(lower_limit,
                              combine_replicates(ok, spec.level, spec.interval_kind, base_seed, point=point).lower)
        summary["replicates_open_above"] = len(open_above)
        messages.append(
            f"{len(open_above)} of {replicates} replicates bound N from below only (no upper limit on those "
            f"linkages), more than the {(1.0 - spec.level) / 2.0:.1%} upper tail of the combined interval: the "
            f"upper end is not identified; N is at least {lower_limit:,.0f}")
        return EstimateResult(method=spec.name, lists=lists, observed=observed, estimate=None, lower=lower_limit,
                              upper=None, level=spec.level, status=Status.WARNING, messages=tuple(messages),
                              seed=base_seed, parts=(ReplicateCombination(summary, first),))
    if open_above:
        messages.append(f"{len(open_above)} of {replicates} replicates bound N from below only; within the "
                        f"combined interval's {(1.0 - spec.level) / 2.0:.1%} upper tail, they are left out")
    if len(ok) < 2:
        status = results[0].status if results and not results[0].has_estimate else Status.INSUFFICIENT_DATA
        messages.append("fewer than 2 replicates gave an estimate: no combined estimate")
        return EstimateResult(method=spec.name, lists=lists, observed=observed, estimate=None, lower=None,
                              upper=None, level=spec.level, status=status, messages=tuple(messages),
                              seed=base_seed, parts=(ReplicateCombination(summary, first),))
    c = combine_replicates(ok, spec.level, spec.interval_kind, base_seed, point=point)
    estimate, lower, upper = c.estimate, c.lower, c.upper
    summary.update(c.info)
    if point.lower is not None and point.upper is not None and point.upper > point.lower:
        summary["interval_width_ratio"] = (upper - lower) / (point.upper - point.lower)
    messages.append(
        f"point linkage at p >= {linkage.threshold:g}: "
        + (f"{point.estimate:,.0f} [{point.lower:,.0f}, {point.upper:,.0f}]"
           if point.estimate is not None and point.lower is not None and point.upper is not None else "no estimate")
        + f"; with linkage uncertainty: {estimate:,.0f} [{lower:,.0f}, {upper:,.0f}]"
        + (f" (interval {summary['interval_width_ratio']:.2f} times as wide)"
           if "interval_width_ratio" in summary else "")
    )
    status = Status.WARNING if failed or any(r.status is Status.WARNING for r in ok) else Status.OK
    strata = combine_replicate_strata(results, spec, base_seed, point) if any(r.strata for r in results) else None
    if strata is not None:
        messages.append("per-stratum estimates are combined over replicates the same way; the total above is "
                        "the combination of the replicates' totals")
    return EstimateResult(
        method=spec.name, lists=lists, observed=observed, estimate=estimate, lower=lower, upper=upper,
        level=spec.level, status=status, messages=tuple(messages), seed=base_seed,
        parts=(ReplicateCombination(summary, first),), draws=c.draws, strata=strata,
    )


def estimate_from_linkage_file(
    spec: Estimator,
    histories_path: str | os.PathLike[str],
    histories: CaptureHistories,
    replicates: int,
    *,
    stratum: str | None = None,
    seed: int | None = None,
    executor: Executor | None = None,
    progress: bool | None = None,
) -> EstimateResult:
    """``removals estimate FILE --linkage-replicates R``: the linkage replicates of ``link`` output.

    Parameters
    ----------
    spec : the method's spec.
    histories_path : the histories file written by ``removals link`` (its sidecar beside it).
    histories : that file as read (its lists must match the sidecar's).
    replicates : R >= 2.
    stratum : the stratum column, which must be the one given to ``link``; None for the total.
    seed, executor, progress : see :func:`estimate_with_linkage_replicates`.

    Raises
    ------
    SettingsError
        For R < 2, or a stratum column other than the linkage's.
    InputError
        If the sidecar is missing or does not match the histories file.
    """
    if replicates < 2:
        raise SettingsError(f"linkage replicates must be >= 2; got {replicates}")
    linkage = read_linkage(histories_path)
    if stratum is not None and stratum != linkage.stratum_column:
        raise SettingsError(f"stratum {stratum!r} does not match the linkage's stratum column "
                            f"{linkage.stratum_column!r}; rerun 'removals link --strata {stratum}'")
    if stratum is None and linkage.stratum_column is not None:
        linkage = dataclasses.replace(linkage, node_stratum=None, stratum_column=None)
    if tuple(histories.lists) != linkage.lists:
        raise InputError("the histories file's lists differ from its linkage sidecar's; rerun 'removals link'",
                         source=str(histories_path))
    return estimate_with_linkage_replicates(spec, linkage, replicates, seed=seed, executor=executor, progress=progress)
