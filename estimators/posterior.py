"""Posterior draws of N: intervals and ArviZ ``InferenceData``, for every layer.

The Bayesian methods (:mod:`estimators.bayes`) and the combination of strata and
replicates (:mod:`estimators.combine`) read intervals off draws the same way.  ArviZ is
imported only when InferenceData is built.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping
from typing import Any

import numpy as np

INTERVALS = ("equal-tailed", "hpd")


def credible_interval(draws: np.ndarray, level: float, kind: str = "equal-tailed") -> tuple[float, float]:
    """Equal-tailed or highest-density interval of 1-d ``draws`` at ``level``."""
    x = np.sort(np.asarray(draws, dtype=float).ravel())
    if kind == "equal-tailed":
        alpha = 1.0 - level
        lo, hi = np.quantile(x, [alpha / 2.0, 1.0 - alpha / 2.0])
        return float(lo), float(hi)
    if kind == "hpd":
        n = x.size
        m = max(1, int(math.ceil(level * n)))
        if m >= n:
            return float(x[0]), float(x[-1])
        widths = x[m - 1 :] - x[: n - m + 1]
        i = int(np.argmin(widths))
        return float(x[i]), float(x[i + m - 1])
    raise ValueError(f"interval must be one of {', '.join(INTERVALS)}; got {kind!r}")


def make_inference_data(
    posterior: Mapping[str, np.ndarray],
    *,
    sample_stats: Mapping[str, np.ndarray] | None = None,
    attrs: Mapping[str, Any] | None = None,
) -> Any:
    """ArviZ InferenceData from arrays shaped ``(chains, draws, ...)``."""
    import arviz as az

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        idata = az.from_dict(
            posterior={k: np.asarray(v) for k, v in posterior.items()},
            sample_stats={k: np.asarray(v) for k, v in (sample_stats or {}).items()} or None,
            attrs=dict(attrs or {}),
        )
    return idata
