"""Sensitivity of an estimate: leave each list out; compare methods on the same data.

DOMAIN practice (HRDAG, OHCHR) is to show how the estimate moves when a list is dropped
or the model changes: an interval from one model ignores model uncertainty.
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import pandas as pd

from ..base import Estimator
from ..exceptions import RemovalsWarning
from ..histories import CaptureHistories
from ..methods import create
from ..results import EstimateResult

DROP_ONE_COLUMNS = ("dropped", "lists", "k", "observed", "estimate", "lower", "upper", "status")
COMPARE_COLUMNS = ("label", "method", "observed", "estimate", "lower", "upper", "level", "status", "model", "notes")


def make_spec(method: str | Estimator, seed: int | None, options: Mapping[str, Any]) -> Estimator:
    """The spec of ``method``: a catalogued name with ``options`` and ``seed``, or a spec (``seed`` applied)."""
    if isinstance(method, Estimator):
        if options:
            raise ValueError("options apply to a method name; a spec already holds its settings")
        return method if seed is None else method.with_seed(seed)
    return create(method, seed=seed, **dict(options))


def fit_quietly(spec: Estimator, histories: CaptureHistories) -> EstimateResult:
    """Fit ``spec``; warnings are not raised (the status and messages carry their content)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RemovalsWarning)
        return spec.fit(histories, progress=False)  # callers show their own progress


def _fit(histories: CaptureHistories, method: str | Estimator, seed: int, options: Mapping[str, Any]) -> EstimateResult:
    return fit_quietly(make_spec(method, seed, options), histories)


def drop_one_list(
    histories: CaptureHistories,
    method: str | Estimator,
    *,
    seed: int,
    all_lists: EstimateResult | None = None,
    **options: Any,
) -> pd.DataFrame:
    """Estimate with all lists, then with each list left out in turn.

    Parameters
    ----------
    histories : CaptureHistories
        k >= 2 lists (stratified histories are fitted per stratum, as the method does).
    method : str or Estimator
        Registered method name (see :func:`estimators.methods.available`), or a spec
        (then ``options`` must be empty; ``seed`` replaces its seed).
    seed : int
        Seed passed to every fit (recorded in ``attrs``).
    all_lists : EstimateResult, optional
        The method's fit to all of ``histories``, when already computed: reused for the
        first row instead of fitting again.
    **options
        Options of the method's spec.

    Returns
    -------
    DataFrame
        k + 1 rows, first the fit with all lists: ``dropped`` (None for all lists, else
        the list left out), ``lists`` (lists used, comma-separated), ``k``,
        ``observed`` (documented people on the lists used), ``estimate, lower, upper``
        (None when the method gives no estimate, e.g. too few lists), ``status``.
        ``attrs``: ``method, seed, options``.  People seen only on the dropped list are
        no longer observed, so ``observed`` falls too.

    Examples
    --------
    >>> from estimators.studies.example_data import synthetic_belarus_lists
    >>> h, _ = synthetic_belarus_lists(1)
    >>> len(drop_one_list(h, "chao", seed=1))
    4
    """
    if histories.k < 2:
        raise ValueError(f"drop_one_list needs at least 2 lists; the data have {histories.k}")
    spec = make_spec(method, seed, options)
    rows = []
    for dropped in (None, *histories.lists):
        h = histories if dropped is None else histories.drop_lists([dropped])
        r = all_lists if dropped is None and all_lists is not None else fit_quietly(spec, h)
        rows.append(
            {
                "dropped": dropped,
                "lists": ", ".join(h.lists),
                "k": h.k,
                "observed": h.n,
                "estimate": r.estimate,
                "lower": r.lower,
                "upper": r.upper,
                "status": r.status.value,
            }
        )
    table = pd.DataFrame(rows, columns=list(DROP_ONE_COLUMNS))
    table["dropped"] = pd.Series([r["dropped"] for r in rows], dtype=object)  # None (not NaN) for "all lists"
    table.attrs.update(method=spec.name, seed=seed, options=dict(options))
    return table


@dataclass(frozen=True)
class MethodComparison:
    """Output of :func:`compare_methods`: the table and the fitted results.

    Attributes
    ----------
    table : DataFrame
        One row per method (columns :data:`COMPARE_COLUMNS`).
    results : mapping label -> EstimateResult
        The fitted results (Bayesian ones keep their draws for
        :func:`estimators.plotting.plot_posterior_n`).
    seconds : mapping label -> float
        Wall-clock seconds of each fit (differs from run to run; not in ``table``).
    """

    table: pd.DataFrame
    results: Mapping[str, EstimateResult] = field(default_factory=dict)
    seconds: Mapping[str, float] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "results", MappingProxyType(dict(self.results)))
        object.__setattr__(self, "seconds", MappingProxyType(dict(self.seconds)))


def compare_methods(
    histories: CaptureHistories,
    methods: Mapping[str, tuple[str, Mapping[str, Any]] | Estimator],
    seed: int,
) -> MethodComparison:
    """Fit several methods to the same histories.

    Parameters
    ----------
    histories : CaptureHistories
    methods : mapping label -> (method name, options) or spec
        E.g. ``{"Chao lower bound": ("chao", {}), "LCM": ("lcm", {"draws": 500})}``, or
        ``{"LCM": LatentClass(draws=500)}``.
    seed : int
        Seed of every fit (replaces a spec's own seed).

    Returns
    -------
    MethodComparison
        ``table`` columns: ``label, method, observed, estimate, lower, upper, level,
        status, model`` (``details["model"]`` when the method reports one), ``notes``
        (the result's messages joined by "; ").  ``results``: label -> EstimateResult.
    """
    if not methods:
        raise ValueError("methods must name at least one method")
    rows, results, seconds = [], {}, {}
    for label, spec in methods.items():
        if isinstance(spec, Estimator):
            method: str | Estimator = spec
            options: Mapping[str, Any] = {}
        elif isinstance(spec, tuple) and len(spec) == 2:
            method, options = spec
        else:
            raise ValueError(f"methods[{label!r}] must be a (method name, options) tuple or a spec; got {spec!r}")
        start = time.perf_counter()
        r = _fit(histories, method, seed, options)
        seconds[label] = time.perf_counter() - start
        results[label] = r
        # The result's own summary row (the total when stratified), plus label, model, notes.
        row = r.summary().iloc[-1].drop("stratum").to_dict()
        rows.append({"label": label, **row, "model": r.model or "", "notes": "; ".join(r.messages)})
    table = pd.DataFrame(rows, columns=list(COMPARE_COLUMNS))
    table.attrs.update(seed=seed)
    return MethodComparison(table=table, results=results, seconds=seconds)
