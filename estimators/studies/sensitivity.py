"""Sensitivity of an estimate: leave each list out; compare methods on the same data.

DOMAIN practice (HRDAG, OHCHR) is to show how the estimate moves when a list is dropped
or the model changes: an interval from one model ignores model uncertainty.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import pandas as pd

from ..exceptions import RemovalsWarning
from ..histories import CaptureHistories
from ..methods import create
from ..results import EstimateResult

DROP_ONE_COLUMNS = ("dropped", "lists", "k", "observed", "estimate", "lower", "upper", "status")
COMPARE_COLUMNS = ("label", "method", "observed", "estimate", "lower", "upper", "level", "status", "model", "notes")


def _fit(histories: CaptureHistories, method: str, seed: int, options: Mapping[str, Any]) -> EstimateResult:
    spec = create(method, seed=seed, **dict(options))
    with warnings.catch_warnings():
        # the status and messages carry every warning's content
        warnings.simplefilter("ignore", RemovalsWarning)
        return spec.fit(histories)  # type: ignore[no-any-return]


def drop_one_list(histories: CaptureHistories, method: str, *, seed: int, **options: Any) -> pd.DataFrame:
    """Estimate with all lists, then with each list left out in turn.

    Parameters
    ----------
    histories : CaptureHistories
        k >= 2 lists (stratified histories are fitted per stratum, as the method does).
    method : str
        Registered method name (see :func:`estimators.methods.available`).
    seed : int
        Seed passed to every fit (recorded in ``attrs``).
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
    rows = []
    for dropped in (None, *histories.lists):
        h = histories if dropped is None else histories.drop_lists([dropped])
        r = _fit(h, method, seed, options)
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
    table.attrs.update(method=method, seed=seed, options=dict(options))
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
    """

    table: pd.DataFrame
    results: Mapping[str, EstimateResult] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "results", MappingProxyType(dict(self.results)))


def compare_methods(
    histories: CaptureHistories,
    methods: Mapping[str, tuple[str, Mapping[str, Any]]],
    seed: int,
) -> MethodComparison:
    """Fit several methods to the same histories.

    Parameters
    ----------
    histories : CaptureHistories
    methods : mapping label -> (method name, options)
        E.g. ``{"Chao lower bound": ("chao", {}), "LCM": ("lcm", {"draws": 500})}``.
    seed : int
        Seed of every fit.

    Returns
    -------
    MethodComparison
        ``table`` columns: ``label, method, observed, estimate, lower, upper, level,
        status, model`` (``details["model"]`` when the method reports one), ``notes``
        (the result's messages joined by "; ").  ``results``: label -> EstimateResult.
    """
    if not methods:
        raise ValueError("methods must name at least one method")
    rows, results = [], {}
    for label, spec in methods.items():
        if not (isinstance(spec, tuple) and len(spec) == 2):
            raise ValueError(f"methods[{label!r}] must be a (method name, options) tuple; got {spec!r}")
        name, options = spec
        r = _fit(histories, name, seed, options)
        results[label] = r
        # The result's own summary row (the total when stratified), plus label, model, notes.
        row = r.summary().iloc[-1].drop("stratum").to_dict()
        rows.append({"label": label, **row, "model": r.model or "", "notes": "; ".join(r.messages)})
    table = pd.DataFrame(rows, columns=list(COMPARE_COLUMNS))
    table.attrs.update(seed=seed)
    return MethodComparison(table=table, results=results)
