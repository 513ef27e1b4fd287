"""The one result type every estimator returns, and its status enum."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum, StrEnum
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd


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
class EstimateResult:
    """Frozen result of one estimator on one set of capture histories.

    When ``status`` says no estimate exists, ``estimate``, ``lower`` and ``upper`` are
    None: never a huge or placeholder number.

    Attributes
    ----------
    method : registry name of the method.
    lists : lists used, in order.
    observed : number of distinct people observed (a documented minimum).
    estimate, lower, upper : point estimate of the total N and interval at ``level``.
    level : confidence (or credible) level of the interval.
    status : :class:`Status`.
    messages : human-readable notes (why no estimate, boundary warnings, ...).
    seed : random seed used (None for deterministic methods).
    details : method-specific read-only mapping (model, deviance, AIC, ...).
    strata : per-stratum results when the input was stratified (the top level then
        holds the total over estimable strata).
    stratum : the stratum label of a per-stratum result.
    expected_cells : expected counts of all 2^k cells, index = pattern code (0 = the
        unobserved cell); used by the parametric bootstrap, not serialised.
    draws : ArviZ ``InferenceData`` with the posterior draws of N (Bayesian methods
        only; not serialised). Its ``posterior["N"]`` has shape (chains, draws).
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
    strata: tuple[EstimateResult, ...] | None = None
    stratum: Mapping[str, str] | None = None
    expected_cells: np.ndarray | None = field(default=None, repr=False, compare=False)
    draws: Any = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "lists", tuple(self.lists))
        object.__setattr__(self, "messages", tuple(self.messages))
        object.__setattr__(self, "details", MappingProxyType(dict(self.details)))
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

    def n_draws(self) -> np.ndarray | None:
        """Posterior draws of N as an array (chains, draws), or None for non-Bayesian results."""
        if self.draws is None:
            return None
        return np.asarray(self.draws.posterior["N"], dtype=float)

    @property
    def has_estimate(self) -> bool:
        """True when a number is reported."""
        return self.status.has_estimate and self.estimate is not None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict with the CLI contract's keys (``strata`` when stratified)."""
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
            out["strata"] = [s.to_dict() for s in self.strata]
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
