"""The one result type every estimator returns, its status enum and typed sub-results.

:class:`EstimateResult` is frozen and the same for every method, so the CLI, plots,
reports and comparison tables treat all methods alike.  What is specific to a family
lives in typed sub-results (:class:`LoglinearFit`, :class:`ModelSelection`,
:class:`ClosedFormFit`, :class:`PosteriorFit`, :class:`StratifiedTotal`,
:class:`ReplicateCombination`), read with :meth:`EstimateResult.part`;
``EstimateResult.details`` is their JSON view (plus any method-specific extras), with
the same keys the CLI has always printed.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum, StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np

from ._lazy import lazy_module
from .posterior import posterior_draws

if TYPE_CHECKING:
    import pandas as pd
else:
    pd = lazy_module("pandas")



class Status(StrEnum):
    """Whether an estimate exists, and how far to trust it."""

    OK = "ok"
    WARNING = "warning"
    NOT_CONVERGED = "not_converged"
    MLE_DOES_NOT_EXIST = "mle_does_not_exist"
    NOT_IDENTIFIABLE = "not_identifiable"
    INSUFFICIENT_DATA = "insufficient_data"

    @property
    def has_estimate(self) -> bool:
        """True for the statuses that carry a number (ok, warning)."""
        return self in (Status.OK, Status.WARNING)


def _clean(value: Any) -> Any:
    """JSON-safe copy: numpy scalars to Python, NaN/inf to None, tuples to lists."""
    if isinstance(value, Mapping):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    if isinstance(value, np.ndarray):
        return [_clean(v) for v in value.tolist()]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        f = float(value)
        return f if math.isfinite(f) else None
    if isinstance(value, np.bool_):
        return bool(value)
    return value


@dataclass(frozen=True)
class SubResult:
    """Base of the typed sub-results; :meth:`as_details` is the JSON view.

    Fields that are None are left out of the view (they do not apply to this fit).
    """

    def as_details(self) -> dict[str, Any]:
        """The fields as a ``details`` mapping (None fields left out)."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self) if getattr(self, f.name) is not None}


@dataclass(frozen=True)
class LoglinearFit(SubResult):
    """One fitted Poisson log-linear model of the incomplete 2^k table.

    Attributes
    ----------
    stderr : standard error of N-hat (delta method, Rcapture's).
    deviance, df, n_params, aic, bic : fit statistics (AIC/BIC with the nominal number of
        parameters, as Rcapture).
    unobserved : fitted count of the unobserved cell, exp(intercept).
    wald_interval : the Wald interval on the log of the unobserved count.
    iterations : IRLS iterations.
    interval : how the reported interval was computed.
    profile_maximiser : N maximising the profile likelihood (profile intervals only).
    dropped_constrained_columns : Chao-model eta columns dropped for being negative.
    model : Rcapture-style name of the model (k <= 9), e.g. ``[12,3]``, or the family
        model's name (``Mth-chao``).
    terms : the interaction terms with list names, e.g. ``A:B + B:C``.
    """

    stderr: float
    deviance: float
    df: int
    n_params: int
    aic: float
    bic: float
    unobserved: float
    wald_interval: tuple[float, float]
    iterations: int
    interval: str
    profile_maximiser: float | None = None
    dropped_constrained_columns: int | None = None
    model: str | None = None
    terms: str | None = None


@dataclass(frozen=True)
class ModelSelection(SubResult):
    """How a log-linear model was selected (JSON key ``selection``)."""

    criterion: str
    search: str
    maxorder: int
    n_models: int
    n_with_estimate: int
    top_models: tuple[Mapping[str, Any], ...]

    def as_details(self) -> dict[str, Any]:
        return {"selection": super().as_details()}


@dataclass(frozen=True)
class ClosedFormFit(SubResult):
    """A closed-form estimator's inputs (e.g. n1, n2, m or f1, f2), standard error and interval kind."""

    inputs: Mapping[str, float]
    stderr: float | None
    interval: str

    def as_details(self) -> dict[str, Any]:
        out: dict[str, Any] = dict(self.inputs)
        if self.stderr is not None:
            out["stderr"] = self.stderr
        out["interval"] = self.interval
        return out


@dataclass(frozen=True)
class PosteriorFit(SubResult):
    """Summary of a posterior of N: how the point and interval were taken, and diagnostics.

    Attributes
    ----------
    diagnostics : one mapping per variable: ``variable, mean, sd, r_hat, ess_bulk,
        ess_tail, chains, draws, divergences``.
    point : how the point is taken (``posterior median``).
    interval_kind : ``equal-tailed`` or ``hpd``.
    posterior_median_unconverged : the median of draws that failed the diagnostics
        (reported for inspection only; the result then has no estimate).
    model : the model fitted, in words or as an Rcapture-style name.
    terms : interaction terms with list names (log-linear models).
    """

    diagnostics: tuple[Mapping[str, Any], ...]
    point: str
    interval_kind: str
    posterior_median_unconverged: float | None = None
    model: str | None = None
    terms: str | None = None

    def diagnostics_of(self, variable: str = "N") -> Mapping[str, Any] | None:
        """The diagnostics row of ``variable``, or None."""
        return next((row for row in self.diagnostics if row.get("variable") == variable), None)


@dataclass(frozen=True)
class StratifiedTotal(SubResult):
    """How a total over strata was formed: strata and people it covers, its interval."""

    strata_total: int
    strata_covered: int
    #: None in public output when they would give away a withheld stratum (:mod:`estimators.disclosure`)
    observed_in_covered_strata: int | None
    observed_not_covered: int | None
    interval: str
    bootstrap_failures: int | None = None


@dataclass(frozen=True)
class ReplicateCombination(SubResult):
    """Estimates over linkage replicates combined (Rubin's rules or pooled draws); JSON key ``linkage``."""

    summary: Mapping[str, Any]
    first_replicate_details: Mapping[str, Any] | None = None

    def as_details(self) -> dict[str, Any]:
        out: dict[str, Any] = {"linkage": dict(self.summary)}
        if self.first_replicate_details is not None:
            out["method_details_first_replicate"] = dict(self.first_replicate_details)
        return out


P = TypeVar("P", bound=SubResult)


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A DataFrame's rows as dicts with string keys (for sub-results' tables)."""
    return [{str(k): v for k, v in row.items()} for row in frame.to_dict(orient="records")]


def _rebuild(cls: type[Any], fields: dict[str, Any]) -> Any:
    """Unpickle a result by its constructor (see :meth:`EstimateResult.__reduce__`)."""
    return cls(**fields)


@dataclass(frozen=True)
class EstimateResult:
    """Frozen result of one estimator on one set of capture histories.

    When ``status`` says no estimate exists, ``estimate``, ``lower`` and ``upper`` are
    None: never a huge or placeholder number.

    Attributes
    ----------
    method : catalogue name of the method (:mod:`estimators.methods`).
    lists : lists used, in order.
    observed : number of distinct people observed (a documented minimum).
    estimate, lower, upper : point estimate of the total N and interval at ``level``.
    level : confidence (or credible) level of the interval.
    status : :class:`Status`.
    messages : human-readable notes (why no estimate, boundary warnings, ...).
    seed : random seed used (None for deterministic methods).
    details : read-only JSON view: the sub-results' fields (model, deviance, AIC, ...)
        and any method-specific extras.
    parts : typed sub-results (read them with :meth:`part`).
    strata : per-stratum results when the input was stratified (the top level then
        holds the total over estimable strata).
    stratum : the stratum label of a per-stratum result.
    expected_cells : expected counts of all 2^k cells, index = pattern code (0 = the
        unobserved cell); used by the parametric bootstrap, not serialised.
    draws : ArviZ ``InferenceData`` with the posterior draws of N (Bayesian methods
        only; not serialised). Its ``posterior["N"]`` has shape (chains, draws).
    timings : what differs from run to run: wall-clock seconds of the fit's steps, and
        whether a compiled model came from a cache.  Left out of :meth:`to_dict` unless
        asked for, so the same inputs and seed give byte-identical JSON.
    """

    method: str
    lists: tuple[str, ...]
    observed: int
    estimate: float | None
    lower: float | None
    upper: float | None
    level: float
    status: Status
    messages: tuple[str, ...] = ()
    seed: int | None = None
    details: Mapping[str, Any] = field(default_factory=dict)
    parts: tuple[SubResult, ...] = ()
    strata: tuple[EstimateResult, ...] | None = None
    stratum: Mapping[str, str] | None = None
    expected_cells: np.ndarray | None = field(default=None, repr=False, compare=False)
    draws: Any = field(default=None, repr=False, compare=False)
    timings: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "lists", tuple(self.lists))
        object.__setattr__(self, "messages", tuple(self.messages))
        object.__setattr__(self, "parts", tuple(self.parts))
        object.__setattr__(self, "timings", MappingProxyType(dict(self.timings)))
        view: dict[str, Any] = {}
        for part in self.parts:  # the parts are the source of truth for their keys
            view.update(part.as_details())
        view.update((k, v) for k, v in self.details.items() if k not in view)
        object.__setattr__(self, "details", MappingProxyType(view))
        if self.stratum is not None:
            object.__setattr__(self, "stratum", MappingProxyType(dict(self.stratum)))
        if not self.status.has_estimate:
            object.__setattr__(self, "estimate", None)
            object.__setattr__(self, "lower", None)
            object.__setattr__(self, "upper", None)
        for name in ("estimate", "lower", "upper"):
            v = getattr(self, name)
            if v is not None:
                v = float(v)
                object.__setattr__(self, name, v if math.isfinite(v) else None)
        if self.expected_cells is not None:
            cells = np.array(self.expected_cells, dtype=float)
            cells.setflags(write=False)
            object.__setattr__(self, "expected_cells", cells)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle through the constructor: the read-only mappings (``MappingProxyType``) do not
        pickle, and results travel back from worker processes (:mod:`estimators.executor`)."""
        fields = {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}
        for name in ("details", "timings", "stratum"):
            if fields[name] is not None:
                fields[name] = dict(fields[name])
        return (_rebuild, (type(self), fields))

    def part(self, kind: type[P]) -> P | None:
        """The sub-result of type ``kind`` (e.g. :class:`LoglinearFit`), or None."""
        return next((p for p in self.parts if isinstance(p, kind)), None)

    @property
    def model(self) -> str | None:
        """The model fitted (a name such as ``[12,3]`` or ``Mth-chao``, or a description), if any."""
        for part in self.parts:
            model = getattr(part, "model", None)
            if model:
                return str(model)
        return None

    def n_draws(self) -> np.ndarray | None:
        """Posterior draws of N as an array (chains, draws), or None for non-Bayesian results."""
        if self.draws is None:
            return None
        return np.asarray(posterior_draws(self.draws, "N"), dtype=float)

    @property
    def has_estimate(self) -> bool:
        """True when a number is reported."""
        return self.status.has_estimate and self.estimate is not None

    def to_dict(self, *, timings: bool = False) -> dict[str, Any]:
        """JSON-ready dict with the CLI contract's keys (``strata`` when stratified).

        ``timings=True`` adds ``timings`` (seconds; they differ from run to run).
        """
        out: dict[str, Any] = {}
        if self.stratum is not None:
            out["stratum"] = dict(self.stratum)
        out.update(
            method=self.method,
            lists=list(self.lists),
            observed=int(self.observed),
            estimate=self.estimate,
            lower=self.lower,
            upper=self.upper,
            level=self.level,
            status=self.status.value,
            messages=list(self.messages),
            seed=self.seed,
            details=_clean(self.details),
        )
        if self.strata is not None:
            out["strata"] = [s.to_dict(timings=timings) for s in self.strata]
        if timings:
            out["timings"] = dict(self.timings)
        return _clean(out)  # type: ignore[no-any-return]

    def summary(self) -> pd.DataFrame:
        """Tidy one-row-per-result table (per stratum, then the total, when stratified)."""
        rows = []
        for r in (*(self.strata or ()), self):
            rows.append(
                {
                    "stratum": ", ".join(f"{k}={v}" for k, v in r.stratum.items())
                    if r.stratum
                    else ("total" if self.strata is not None else ""),
                    "method": r.method,
                    "observed": r.observed,
                    "estimate": r.estimate,
                    "lower": r.lower,
                    "upper": r.upper,
                    "level": r.level,
                    "status": r.status.value,
                }
            )
        return pd.DataFrame(rows)
