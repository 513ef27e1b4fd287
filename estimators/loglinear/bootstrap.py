"""A bootstrap interval for ``loglinear`` that redoes the model selection in every resample.

``loglinear`` with ``interval="bootstrap-reselect"``: the model is chosen by AIC/BIC as
usual; then ``reselect_replicates`` complete tables (all 2^k cells, the unobserved one
included) are drawn from the selected model's fitted Poisson means, and in each the
whole search is run again on the observed cells (Silverman, Chan & Vincent 2024 redo the
selection in each resample; Buckland & Garthwaite 1991 give the parametric bootstrap for
capture-recapture).  Each resample knows its own true unobserved count m*, so the error
of the procedure -- selection included -- is measured on the log scale,

    e_b = log(m_hat*_b + 1/2) - log(m*_b + 1/2),

and the interval for the unobserved count is the basic (pivot) bootstrap interval
(m_hat + 1/2) exp(-q_{1 - alpha/2}(e)) - 1/2 ... (m_hat + 1/2) exp(-q_{alpha/2}(e)) - 1/2,
plus the observed n.  A resample in which no searched model has an estimate (the MLE
does not exist) counts as an unbounded overestimate (e = +inf): it can only lower the
lower limit, never narrow the interval.

The cost is ``reselect_replicates`` searches: cheap for 3-5 lists (8 to 1,024 models),
seconds per resample for the exhaustive 6-list search and the stepwise search beyond.  The
searches are independent tasks (:func:`run_reselect_task`, in blocks) on any executor
(``fit(..., executor=)``, ``--workers``, ``--scheduler``); the resampled tables are drawn
before they are sent out, so the interval is the same on any executor.

References
----------
Silverman, B. W., Chan, L. and Vincent, K. (2024). *Statistics and Computing*,
doi:10.1007/s11222-023-10346-9 (bootstrap intervals that redo the model selection in each
resample); R package MultipleSystemsEstimation.
Buckland, S. T. and Garthwaite, P. H. (1991). Quantifying precision of mark-recapture
estimates using the bootstrap and related methods. *Biometrics* 47, 255-268.
Davison, A. C. and Hinkley, D. V. (1997). *Bootstrap Methods and their Application*,
Cambridge University Press (basic bootstrap interval, section 5.2).
"""

from __future__ import annotations

import dataclasses
import math
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from ..executor import executor_workers, run_tasks
from ..results import EstimateResult, LoglinearFit, Status
from ..seeds import resolve_seed
from .design import terms_label
from .search import STATUS_OK, exhaustive_models, fit_models, stepwise_search

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from ..histories import CaptureHistories
    from .estimators import LogLinear


@dataclass(frozen=True)
class ReselectTask:
    """A block of resampled tables to search again, one task of :func:`run_reselect_task`.

    The tables are drawn in the calling process (one generator, in resample order), so
    the interval does not depend on where or in how many blocks the searches run.
    """

    cells: np.ndarray  # (resamples, 2^k) complete tables, the unobserved cell first
    k: int
    mode: str
    maxorder: int
    criterion: str


def run_reselect_task(task: ReselectTask) -> list[tuple[float, str]]:
    """For each table of ``task``: the re-selected model's N-hat (nan when none exists) and its label."""
    models = exhaustive_models(task.k, task.maxorder) if task.mode == "exhaustive" else None
    return [_reselect(row[1:].astype(float), task.k, task.mode, models, task.criterion) for row in task.cells]


def _reselect(y: np.ndarray, k: int, mode: str, models: list[Any] | None, criterion: str) -> tuple[float, str]:
    """N-hat of the best model for observed cells ``y`` (nan when none exists) and its label."""
    if mode == "exhaustive":
        assert models is not None
        tab = fit_models(y, k, models)
        terms = tab.terms
    else:
        terms, tab = stepwise_search(y, k, criterion=criterion)
    crit = tab.aic if criterion == "aic" else tab.bic
    values = np.where(tab.status == STATUS_OK, crit, np.inf)
    j = int(np.argmin(values))
    if not np.isfinite(values[j]) or not np.isfinite(tab.estimate[j]):
        return math.nan, ""
    return float(tab.estimate[j]), repr(sorted(terms[j]))


def reselect_interval(
    spec: LogLinear, histories: CaptureHistories, selected: EstimateResult, *,
    executor: Executor | None = None, progress: bool | None = None,
) -> EstimateResult:
    """Replace the selected model's interval by the model-selection-aware bootstrap interval.

    Parameters
    ----------
    spec, histories, selected : the spec, its data and the model it selected.
    executor : concurrent.futures.Executor, optional
        Where the resamples' searches run, in blocks (:func:`estimators.executor.run_tasks`);
        the resampled tables are drawn here first, so the interval is the same on any
        executor.  Default: in this process.
    progress : bool, optional
        Progress bar over the blocks (default: when stderr is a terminal).
    """
    if not selected.has_estimate or selected.expected_cells is None or selected.estimate is None:
        return selected
    k = histories.k
    seed = resolve_seed(spec.seed)
    rng = np.random.default_rng(np.random.SeedSequence([seed, 0xB007]))
    mu = np.asarray(selected.expected_cells, dtype=float)
    n = float(histories.n)
    m_hat = float(selected.estimate) - n
    mode = spec.search if spec.search != "auto" else ("exhaustive" if k <= spec.max_exhaustive_lists else "stepwise")
    replicates = spec.reselect_replicates
    tables = np.stack([rng.poisson(mu) for _ in range(replicates)])
    # in this process one resample a task (a finer progress bar); on workers blocks of them,
    # few enough to keep the round trips cheap, enough to share out
    size = 1 if executor is None else max(1, math.ceil(replicates / (4 * executor_workers(executor))))
    tasks = [ReselectTask(tables[i:i + size], k, mode, spec.maxorder, spec.criterion)
             for i in range(0, replicates, size)]
    labels = [f"resamples {i + 1}-{min(i + size, replicates)}" for i in range(0, replicates, size)]
    blocks = run_tasks(run_reselect_task, tasks, executor=executor, labels=labels, progress=progress,
                       what="resamples" if size == 1 else "blocks of resamples", chunksize=1)
    errors = np.empty(replicates)
    chosen: Counter[str] = Counter()
    failed = 0
    for b, (est, label) in enumerate(pair for block in blocks for pair in block):
        cells = tables[b]
        if not math.isfinite(est):
            errors[b] = math.inf
            failed += 1
            continue
        chosen[label] += 1
        errors[b] = math.log(est - float(cells[1:].sum()) + 0.5) - math.log(float(cells[0]) + 0.5)
    alpha = 1.0 - spec.level
    q_lo, q_hi = np.quantile(errors, [alpha / 2.0, 1.0 - alpha / 2.0])
    lower = n + max(0.0, (m_hat + 0.5) * math.exp(-q_hi) - 0.5) if math.isfinite(q_hi) else n
    upper: float | None = n + max(0.0, (m_hat + 0.5) * math.exp(-q_lo) - 0.5) if math.isfinite(q_lo) else None
    top = chosen.most_common(5)

    details: dict[str, Any] = {
        "profile_interval": [selected.lower, selected.upper],
        "bootstrap": {
            "replicates": replicates,
            "search": mode,
            "no_estimate": failed,
            "error_quantiles": [float(q_lo), float(q_hi)],
            "distinct_models_selected": len(chosen),
            "selected_share_of_original": chosen.get(repr(sorted(_terms_of(selected, histories))), 0)
            / max(1, spec.reselect_replicates - failed),
            "top_models": [[_label(t, histories), c] for t, c in top],
        },
    }
    messages = tuple(
        m for m in selected.messages if "does not include model-selection uncertainty" not in m
    ) + (
        f"interval from {spec.reselect_replicates} parametric bootstrap resamples, the model re-selected by "
        f"{spec.criterion.upper()} in each (Silverman et al. 2024): it includes model-selection uncertainty "
        f"within the search; {len(chosen)} distinct models were selected",
    )
    status = selected.status if upper is not None else Status.WARNING
    how = "parametric bootstrap re-selecting the model in every resample (basic interval, log scale)"
    parts = tuple(dataclasses.replace(p, interval=how) if isinstance(p, LoglinearFit) else p for p in selected.parts)
    return dataclasses.replace(selected, lower=lower, upper=upper, status=status, messages=messages, seed=seed,
                               parts=parts, details=details)


def _terms_of(result: EstimateResult, histories: CaptureHistories) -> list[tuple[int, ...]]:
    from .design import parse_terms

    fit = result.part(LoglinearFit)
    label = fit.terms if fit is not None and fit.terms else ""
    return sorted(parse_terms(label, histories.lists)) if label else []


def _label(raw: str, histories: CaptureHistories) -> str:
    import ast

    terms = [tuple(t) for t in ast.literal_eval(raw)] if raw else []
    return terms_label(terms, histories.lists)
