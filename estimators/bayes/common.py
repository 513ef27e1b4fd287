"""What the Bayesian estimators share: settings, posterior summaries, diagnostics, status.

Every Bayesian method ends by handing its draws of the population size N (shape
``(chains, draws)``) to :func:`posterior_result`, which

* wraps them (and any other traced quantities) in ArviZ ``InferenceData``;
* computes the diagnostics table (split R-hat, bulk and tail ESS, divergences where the
  sampler has them) with ArviZ;
* turns failed thresholds (R-hat > ``rhat_max``, bulk ESS < ``ess_min``, divergences)
  into ``Status.NOT_CONVERGED`` with a :class:`~estimators.exceptions.DiagnosticsWarning`
  and no number, never a silent pass (Vehtari et al. 2021);
* reports the posterior median as the point and an equal-tailed (or HPD) interval.

References
----------
Vehtari, A., Gelman, A., Simpson, D., Carpenter, B. and Bürkner, P.-C. (2021).
Rank-normalization, folding, and localization: an improved R-hat for assessing
convergence of MCMC. *Bayesian Analysis* 16(2), 667-718.
"""

from __future__ import annotations

import dataclasses
import math
import sys
import warnings
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np

from .._lazy import lazy_module
from ..base import Estimator
from ..exceptions import DiagnosticsWarning
from ..posterior import INTERVALS, credible_interval, divergence_count, posterior_draws
from ..posterior import make_inference_data as make_inference_data  # re-export for the methods
from ..results import EstimateResult, PosteriorFit, Status, records
from ..seeds import spawn_seeds
from ..validation import check_choice, check_int, check_number

if TYPE_CHECKING:
    import pandas as pd
else:
    pd = lazy_module("pandas")


if TYPE_CHECKING:
    from ..histories import CaptureHistories


def chain_seeds(seed: int, chains: int) -> list[int]:
    """Independent 32-bit seeds for ``chains`` chains, derived from one seed."""
    return spawn_seeds(seed, chains)


@dataclass(frozen=True, kw_only=True)
class BayesianEstimator(Estimator):
    """Settings shared by the Bayesian methods.

    Parameters
    ----------
    chains : int, default 4
        Independent chains; R-hat needs at least 2.
    interval : {"equal-tailed", "hpd"}, default "equal-tailed"
        Credible interval at ``level``: equal-tailed quantiles or highest posterior density.
    rhat_max : float, default 1.01
        Largest acceptable rank-normalised split R-hat of N (Vehtari et al. 2021).
    ess_min : float, default 400
        Smallest acceptable bulk (and tail) effective sample size of N.
    progress : bool, optional
        Show a progress bar on stderr; default: only when stderr is a terminal.
    """

    chains: int = 4
    interval: str = "equal-tailed"
    rhat_max: float = 1.01
    ess_min: float = 400.0
    progress: bool | None = None

    posterior_draws: ClassVar[bool] = True

    def __post_init__(self) -> None:
        super().__post_init__()
        check_int(self.chains, "chains", minimum=1)
        check_choice(self.interval, "interval", INTERVALS)
        check_number(self.rhat_max, "rhat_max", minimum=1.0)
        check_number(self.ess_min, "ess_min", minimum=0.0)

    @property
    def interval_kind(self) -> str:
        """The credible interval read off draws: ``interval`` (equal-tailed or hpd)."""
        return self.interval

    def show_progress(self) -> bool:
        """Whether to draw a progress bar (explicit setting, else stderr is a TTY)."""
        if self.progress is not None:
            return bool(self.progress)
        return bool(getattr(sys.stderr, "isatty", lambda: False)())


def pmf_quantile(values: np.ndarray, pmf: np.ndarray, q: float) -> float:
    """Smallest value whose cumulative posterior probability reaches ``q`` (exact posteriors)."""
    cdf = np.cumsum(pmf)
    cdf /= cdf[-1]
    i = int(np.searchsorted(cdf, q - 1e-12, side="left"))
    return float(values[min(i, len(values) - 1)])


def pmf_hpd(values: np.ndarray, pmf: np.ndarray, level: float) -> tuple[float, float]:
    """Shortest interval of a unimodal-ish discrete posterior holding ``level`` of its mass."""
    p = np.asarray(pmf, dtype=float) / float(np.sum(pmf))
    cdf = np.concatenate([[0.0], np.cumsum(p)])
    best = (0, len(values) - 1)
    j = 0
    n = len(values)
    for i in range(n):
        j = max(j, i)
        while j < n - 1 and cdf[j + 1] - cdf[i] < level:
            j += 1
        if cdf[j + 1] - cdf[i] >= level - 1e-12 and (values[j] - values[i]) < (values[best[1]] - values[best[0]]):
            best = (i, j)
    return float(values[best[0]]), float(values[best[1]])


def diagnostics_table(idata: Any, var_names: tuple[str, ...] = ("N",)) -> pd.DataFrame:
    """R-hat, bulk and tail ESS (and divergences) of ``var_names`` in ``idata``.

    One row per variable: ``variable, mean, sd, r_hat, ess_bulk, ess_tail, chains, draws,
    divergences`` (divergences is None when the sampler has no such notion).
    """
    from .rank_diagnostics import diagnostics_row  # ArviZ's numbers without its numba start-up

    rows = []
    divergences = divergence_count(idata)
    for v in var_names:
        x = np.asarray(posterior_draws(idata, v), dtype=float)
        flat = x.reshape(x.shape[0], x.shape[1], -1)
        for j in range(flat.shape[2]):
            xj = flat[:, :, j]
            name = v if flat.shape[2] == 1 else f"{v}[{j}]"
            rows.append(diagnostics_row(name, xj, divergences))
    return pd.DataFrame(rows)


def diagnostic_problems(table: pd.DataFrame, *, rhat_max: float, ess_min: float, variable: str = "N") -> list[str]:
    """Plain-language reasons the draws of ``variable`` fail the thresholds (empty list: pass)."""
    row = table.loc[table["variable"] == variable].iloc[0]
    problems: list[str] = []
    if int(row["chains"]) < 2:
        problems.append("R-hat needs at least 2 chains; convergence cannot be checked with 1")
    elif not math.isfinite(row["r_hat"]):
        problems.append(f"R-hat of {variable} is undefined (the draws do not vary)")
    elif row["r_hat"] > rhat_max:
        problems.append(f"R-hat of {variable} is {row['r_hat']:.3f} > {rhat_max:g}: the chains disagree")
    for key, label in (("ess_bulk", "bulk"), ("ess_tail", "tail")):
        val = row[key]
        if not math.isfinite(val) or val < ess_min:
            shown = "undefined" if not math.isfinite(val) else f"{val:.0f}"
            problems.append(f"{label} ESS of {variable} is {shown} < {ess_min:g}")
    div = row["divergences"]
    if div is not None and not pd.isna(div) and int(div) > 0:
        problems.append(f"{int(div)} divergent transition(s): the posterior geometry is not explored reliably")
    return problems


def posterior_result(
    spec: BayesianEstimator,
    histories: CaptureHistories,
    idata: Any,
    *,
    seed: int,
    details: Mapping[str, Any],
    messages: tuple[str, ...] = (),
    var_names: tuple[str, ...] = ("N",),
    check_convergence: bool = True,
    exact: tuple[float, float, float] | None = None,
) -> EstimateResult:
    """Build the result of a Bayesian fit from its InferenceData.

    Parameters
    ----------
    spec : the estimator spec (level, interval, thresholds).
    histories : the data fitted.
    idata : InferenceData whose posterior holds ``N`` shaped (chains, draws).
    seed : the seed actually used (recorded).
    details : method-specific details (model, priors, sampler settings, timings).
    messages : extra notes (assumptions, truncation, ...).
    var_names : variables whose diagnostics go in the table (N must be first).
    check_convergence : False for exact (non-MCMC) posteriors: draws are independent.
    exact : (median, lower, upper) computed from an exact posterior; used instead of
        the draws' quantiles.
    """
    n_draws = np.asarray(posterior_draws(idata, "N"), dtype=float)
    unbounded = overlap_problem(histories)
    if unbounded is not None:
        extras, timings = split_timings(details)
        return spec.result(histories, estimate=None, lower=None, upper=None, status=Status.NOT_IDENTIFIABLE,
                           messages=(unbounded, *messages), seed=seed, details=extras, draws=idata, timings=timings)
    table = diagnostics_table(idata, var_names)
    problems = diagnostic_problems(table, rhat_max=spec.rhat_max, ess_min=spec.ess_min) if check_convergence else []
    extras, timings = split_timings(details)
    model, terms = extras.pop("model", None), extras.pop("terms", None)
    summary = PosteriorFit(
        diagnostics=tuple(records(table)), point="posterior median", interval_kind=spec.interval,
        model=None if model is None else str(model), terms=None if terms is None else str(terms),
    )
    msgs = list(messages)
    if problems:
        text = "sampler not converged: " + "; ".join(problems) + ". Run longer (more draws/burn-in) or check the model."
        warnings.warn(text, DiagnosticsWarning, stacklevel=3)
        summary = dataclasses.replace(summary, posterior_median_unconverged=float(np.median(n_draws)))
        return spec.result(histories, estimate=None, lower=None, upper=None, status=Status.NOT_CONVERGED,
                           messages=(text, *msgs), seed=seed, parts=(summary,), details=extras, draws=idata, timings=timings)
    if exact is not None:
        point, lower, upper = exact
    else:
        point = float(np.median(n_draws))
        lower, upper = credible_interval(n_draws, spec.level, spec.interval)
    return spec.result(histories, estimate=point, lower=lower, upper=upper, status=Status.OK, messages=msgs,
                       seed=seed, parts=(summary,), details=extras, draws=idata, timings=timings)


def overlap_problem(histories: CaptureHistories) -> str | None:
    """Why the lists' overlaps say nothing about N, or None.

    Every model of the package is at least as flexible as independence, so when the
    maximum-likelihood estimate of N under independent lists does not exist (no usable
    overlap: Fienberg & Rinaldo's linear program on the main-effects design), no model can
    bound N from these data and a posterior of N merely restates its prior.
    """
    from ..cells import cell_patterns
    from ..loglinear.existence import mle_exists

    if histories.k > 15:  # 2^k cells: not checked for many lists (lcm works on observed patterns)
        return None
    pats = cell_patterns(histories.k).astype(float)
    design = np.column_stack([np.ones(len(pats)), pats])
    if mle_exists(design, histories.cell_counts()):
        return None
    return ("not identifiable from these data: the lists' overlaps do not bound N even under independence "
            "(its maximum-likelihood estimate does not exist), so the posterior of N only restates the prior; "
            "no estimate is reported")


def split_timings(details: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Split what differs from run to run out of a method's details (to ``EstimateResult.timings``).

    Top-level keys ending in ``seconds`` and the whole ``timing`` mapping (seconds, and
    whether a compiled model came from a cache) go to the timings; the rest stays.
    """
    extras = dict(details)
    timings: dict[str, Any] = {k: extras.pop(k) for k in [k for k in extras if k.endswith("seconds")]}
    nested = extras.pop("timing", None)
    if isinstance(nested, Mapping):
        timings.update({str(k): v for k, v in nested.items()})
    return extras, timings


@contextmanager
def progress_bar(total: int, enabled: bool, desc: str) -> Iterator[Any]:
    """A tqdm bar on stderr when ``enabled``, else a no-op object with ``update``."""
    if not enabled:

        class _Null:
            def update(self, n: int = 1) -> None:
                return None

        yield _Null()
        return
    from tqdm.auto import tqdm

    bar = tqdm(total=total, desc=desc, file=sys.stderr, leave=False, unit="it")
    try:
        yield bar
    finally:
        bar.close()
