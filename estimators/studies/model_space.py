"""Which log-linear models "best AIC" chooses among: R's reference calls and ``loglinear``'s.

Rcapture's references (``closedpMS.t``) were computed with the highest interaction order
of each call (``maxorder``, recorded in ``data/benchmarks/reference/<dataset>.json``: up
to k - 1 for some datasets), while ``removals estimate FILE --method loglinear`` searches
hierarchical models with two-way interactions only (``loglinear``'s default ``maxorder = 2``;
the command-line default ``recommended`` also searches two-way models only).  The two model
sets differ whenever R's call went beyond two-way terms, and so can the selected model
and the estimate.  This module puts the two side by side, dataset by dataset, so that the
validation report states which one it validates against R and what ``loglinear`` gives.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from typing import Any

import pandas as pd

from .. import data
from ..exceptions import RemovalsWarning
from ..methods import create
from .comparison import BEST_AIC_LABEL

#: The best-AIC search of ``removals estimate FILE --method loglinear`` (``loglinear``'s defaults).
LOGLINEAR_OPTIONS: dict[str, Any] = {}


def reference_maxorder(name: str) -> int | None:
    """The highest interaction order of the Rcapture ``closedpMS.t`` reference call, if any."""
    for m in data.benchmark_reference(name)["methods"]:
        if m.get("anchor") == "Rcapture" and str(m.get("method", "")).startswith("best-AIC") and "maxorder" in m:
            return int(m["maxorder"])
    return None


def default_vs_reference(comparison: pd.DataFrame, *, seed: int, datasets: Iterable[str] | None = None) -> pd.DataFrame:
    """``loglinear``'s best-AIC model (two-way) beside the one chosen in R's model set, per dataset.

    Parameters
    ----------
    comparison : DataFrame
        :func:`~estimators.studies.comparison.reference_comparison` (its best-AIC rows
        give the selection in R's model set).
    seed : int
        Seed of the fits (log-linear fits do not draw random numbers; recorded).
    datasets : iterable of str, optional
        Default: every dataset with a best-AIC row.

    Returns
    -------
    DataFrame
        One row per dataset: ``dataset, lists, maxorder`` (R's call), ``r_set_model,
        r_set_estimate, r_set_lower, r_set_upper, r_set_status`` (ours in R's model set:
        the validated pairing), ``default_model, default_estimate, default_lower,
        default_upper, default_status`` (``removals estimate FILE``), ``same_set``
        (``maxorder == 2``: the two model sets are the same), ``same_model``.
    """
    rows = comparison[comparison["method"] == BEST_AIC_LABEL]
    if datasets is not None:
        rows = rows[rows["dataset"].isin(list(datasets))]
    out = []
    for r in rows.to_dict(orient="records"):
        name = str(r["dataset"])
        h = data.load_benchmark(name).collapse_strata()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RemovalsWarning)
            default = create("loglinear", seed=seed, **LOGLINEAR_OPTIONS).fit(h)
        maxorder = reference_maxorder(name)
        out.append({
            "dataset": name,
            "lists": int(r["lists"]),
            "maxorder": maxorder,
            "r_set_model": r["model"],
            "r_set_estimate": r["estimate"],
            "r_set_lower": r["lower"],
            "r_set_upper": r["upper"],
            "r_set_status": r["status"],
            "default_model": default.model,
            "default_estimate": default.estimate,
            "default_lower": default.lower,
            "default_upper": default.upper,
            "default_status": default.status.value,
            "same_set": maxorder == 2,
            "same_model": str(default.model) == str(r["model"]),
        })
    return pd.DataFrame(out)
