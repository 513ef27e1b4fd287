"""Stratified estimation: fit per stratum, total over estimable strata, bootstrap interval.

A stratum is *not estimable* when fewer than ``min_lists_per_stratum`` lists (default
3, HRDAG practice) have records in it, or when the method gives no estimate there
(MLE does not exist, not identifiable, ...).  The total sums the estimable strata and
says how many strata and how many observed people it covers.

The interval of the total is a parametric bootstrap: for each estimable stratum,
complete tables are drawn as independent Poisson counts around the fitted expected
counts of all 2^k cells (the unobserved cell included), the same method is refitted
to the observable part, and the totals' percentiles give the interval.
"""

from __future__ import annotations

import dataclasses
import warnings
from typing import TYPE_CHECKING

import numpy as np

from .histories import CaptureHistories
from .loglinear.design import cell_patterns
from .results import EstimateResult, Status
from .seeds import resolve_seed, spawn_seeds

if TYPE_CHECKING:
    from .base import Estimator


def fit_stratified(spec: Estimator, histories: CaptureHistories) -> EstimateResult:
    """Fit ``spec`` in every stratum of ``histories`` and combine."""
    seed = resolve_seed(spec.seed)
    per: list[EstimateResult] = []
    fitted_specs: list[tuple[Estimator, CaptureHistories, EstimateResult]] = []
    labels = histories.strata_labels()
    # Bayesian samplers get an independent stream per stratum (so summed draws are independent).
    bayesian = bool(getattr(spec, "bayesian", False))
    stratum_seeds = spawn_seeds(seed, len(labels))
    for index, label in enumerate(labels):
        sub = histories.select_stratum(label)
        stratum = {c: str(v) for c, v in zip(histories.strata_columns, label, strict=False)}
        observed = sub.observed_lists()
        if len(observed) < sub.k:
            sub = sub.drop_lists([name for name in sub.lists if name not in observed])
        if len(observed) < spec.min_lists_per_stratum:
            res = spec.no_estimate(
                sub,
                Status.INSUFFICIENT_DATA,
                f"not estimable: only {len(observed)} list(s) observed in this stratum "
                f"(at least {spec.min_lists_per_stratum} needed)",
            )
        else:
            problem = spec.check_lists(sub)
            if problem is not None:
                res = spec.no_estimate(sub, Status.INSUFFICIENT_DATA, f"not estimable: {problem}")
            else:
                fit_spec = dataclasses.replace(spec, seed=stratum_seeds[index]) if bayesian else spec
                res = fit_spec._fit(sub)
                if res.has_estimate:
                    fitted_specs.append((spec, sub, res))
                else:
                    res = dataclasses.replace(res, messages=("not estimable: " + "; ".join(res.messages),))
        per.append(dataclasses.replace(res, stratum=stratum, seed=stratum_seeds[index] if bayesian else seed))

    covered = [r for r in per if r.has_estimate]
    n_total = histories.n
    n_covered = sum(r.observed for r in covered)
    messages: list[str] = []
    details: dict[str, object] = {
        "strata_total": len(per),
        "strata_covered": len(covered),
        "observed_in_covered_strata": n_covered,
        "observed_not_covered": n_total - n_covered,
        "interval": f"parametric bootstrap ({spec.bootstrap_replicates} replicates), percentile",
    }
    if not covered:
        return EstimateResult(
            method=spec.name, lists=histories.lists, observed=n_total, estimate=None,
            lower=None, upper=None, level=spec.level, status=Status.INSUFFICIENT_DATA,
            messages=("no stratum is estimable",), seed=seed, details=details, strata=tuple(per),
        )
    if getattr(spec, "bayesian", False):
        return _bayesian_total(spec, histories, per, covered, details, messages, seed)
    total = float(sum(r.estimate for r in covered if r.estimate is not None))
    lower, upper, failed = _bootstrap_total(fitted_specs, spec, seed)
    details["bootstrap_failures"] = failed
    status = Status.OK
    if len(covered) < len(per):
        status = Status.WARNING
        messages.append(
            f"the total covers {len(covered)} of {len(per)} strata; "
            f"{n_total - n_covered} observed people in the other strata are not in it"
        )
    if failed:
        messages.append(f"{failed} bootstrap replicate(s) had no estimate and were redrawn")
    messages.append("strata are assumed independent; each stratum's model is assumed correct")
    return EstimateResult(
        method=spec.name, lists=histories.lists, observed=n_total, estimate=total,
        lower=lower, upper=upper, level=spec.level, status=status, messages=tuple(messages),
        seed=seed, details=details, strata=tuple(per),
    )


def _bayesian_total(
    spec: Estimator,
    histories: CaptureHistories,
    per: list[EstimateResult],
    covered: list[EstimateResult],
    details: dict[str, object],
    messages: list[str],
    seed: int,
) -> EstimateResult:
    """Total over strata of a Bayesian method: the draws of N are summed draw by draw.

    Strata are fitted independently, so the sum of one draw from each stratum's
    posterior is a draw from the posterior of the total.
    """
    from .bayes.common import credible_interval, make_inference_data

    arrays = [r.n_draws() for r in covered]
    shapes = {a.shape for a in arrays if a is not None}
    if any(a is None for a in arrays) or len(shapes) != 1:
        raise RuntimeError("stratum posteriors have different numbers of draws; cannot sum them")
    total_draws = np.sum(np.stack([a for a in arrays if a is not None]), axis=0)
    details["interval"] = "posterior of the sum of the strata's N (draws summed; strata independent)"
    level = spec.level
    kind = str(getattr(spec, "interval", "equal-tailed"))
    lower, upper = credible_interval(total_draws, level, kind)
    status = Status.OK
    if len(covered) < len(per):
        status = Status.WARNING
        n_covered = sum(r.observed for r in covered)
        messages.append(
            f"the total covers {len(covered)} of {len(per)} strata; "
            f"{histories.n - n_covered} observed people in the other strata are not in it"
        )
    messages.append("strata are assumed independent; each stratum's model is assumed correct")
    idata = make_inference_data({"N": total_draws}, attrs={"seed": seed, "combined": "sum over strata"})
    return EstimateResult(
        method=spec.name, lists=histories.lists, observed=histories.n, estimate=float(np.median(total_draws)),
        lower=lower, upper=upper, level=level, status=status, messages=tuple(messages), seed=seed,
        details=details, strata=tuple(per), draws=idata,
    )


def _bootstrap_total(
    fitted: list[tuple[Estimator, CaptureHistories, EstimateResult]], spec: Estimator, seed: int
) -> tuple[float | None, float | None, int]:
    """Percentile interval of the total by a seeded parametric bootstrap."""
    rng = np.random.default_rng(seed)
    B = spec.bootstrap_replicates
    totals = np.zeros(B)
    failed = 0
    # Refit with the same model (no re-selection) and the cheap Wald interval.
    for stratum_spec, sub, res in fitted:
        mu = res.expected_cells
        if mu is None:
            return None, None, 0
        refit = _refit_spec(stratum_spec, res)
        pats = cell_patterns(sub.k)
        draws = np.zeros(B)
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
                    r = refit._fit(boot)
                if r.has_estimate and r.estimate is not None:
                    draws[b] = r.estimate
                    break
                failed += 1
            else:
                return None, None, failed
        totals += draws
    alpha = 1.0 - spec.level
    lo, hi = np.quantile(totals, [alpha / 2, 1 - alpha / 2])
    return float(lo), float(hi), failed


def _refit_spec(spec: Estimator, res: EstimateResult) -> Estimator:
    """The spec to refit on bootstrap tables: the selected model, Wald interval."""
    fields = {f.name for f in dataclasses.fields(spec)}
    changes: dict[str, object] = {}
    if "interval" in fields:
        changes["interval"] = "wald"
    if "model" in fields and res.details.get("model"):
        changes["model"] = str(res.details["model"])
    return dataclasses.replace(spec, **changes) if changes else spec  # type: ignore[arg-type]
