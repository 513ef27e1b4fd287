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
    coords: Mapping[str, Any] | None = None,
    dims: Mapping[str, list[str]] | None = None,
) -> Any:
    """ArviZ InferenceData from arrays shaped ``(chains, draws, ...)``."""
    import arviz as az

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        idata = az.from_dict(
            posterior={k: np.asarray(v) for k, v in posterior.items()},
            sample_stats={k: np.asarray(v) for k, v in (sample_stats or {}).items()} or None,
            attrs=dict(attrs or {}),
            coords=dict(coords) if coords else None,
            dims=dict(dims) if dims else None,
        )
    return idata


class LazyInferenceData:
    """An ArviZ ``InferenceData`` of posterior draws, built on first use.

    Nothing in a fit needs ArviZ: intervals and diagnostics are computed from the arrays
    (:func:`posterior_draws`, :func:`divergence_count`), and importing ArviZ (with xarray
    and Matplotlib) costs about a second and a half in a fresh process.  This stands in
    for the InferenceData in :attr:`EstimateResult.draws`: any attribute, item or
    membership test builds the real one (:func:`make_inference_data`) and is answered by it.

    Parameters
    ----------
    posterior : arrays shaped ``(chains, draws, ...)`` by variable name.
    attrs : attributes of the InferenceData (seed, method).
    sample_stats : per-draw sampler statistics, same leading shape (e.g. ``diverging``).
    coords, dims : labels of the trailing dimensions, as for :func:`arviz.from_dict`.
    """

    __slots__ = ("_attrs", "_coords", "_dims", "_idata", "_posterior", "_sample_stats")

    def __init__(
        self,
        posterior: Mapping[str, np.ndarray],
        attrs: Mapping[str, Any] | None = None,
        *,
        sample_stats: Mapping[str, np.ndarray] | None = None,
        coords: Mapping[str, Any] | None = None,
        dims: Mapping[str, list[str]] | None = None,
    ) -> None:
        self._posterior = dict(posterior)
        self._sample_stats = dict(sample_stats or {})
        self._attrs = dict(attrs or {})
        self._coords = dict(coords or {})
        self._dims = dict(dims or {})
        self._idata: Any = None

    def draws(self, name: str) -> np.ndarray:
        """The posterior draws of ``name``, shaped ``(chains, draws, ...)``, without ArviZ."""
        return self._posterior[name]

    def stat(self, name: str) -> np.ndarray | None:
        """The sampler statistic ``name`` (None if not recorded), without ArviZ."""
        return self._sample_stats.get(name)

    def materialise(self) -> Any:
        """The ArviZ InferenceData (built once)."""
        if self._idata is None:
            self._idata = make_inference_data(
                self._posterior, sample_stats=self._sample_stats, attrs=self._attrs, coords=self._coords,
                dims=self._dims,
            )
        return self._idata

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.materialise(), name)

    def __getitem__(self, key: str) -> Any:
        return self.materialise()[key]

    def __contains__(self, key: object) -> bool:
        return key in self.materialise()

    def __iter__(self) -> Any:
        return iter(self.materialise())

    def __repr__(self) -> str:
        return repr(self.materialise())


def posterior_draws(idata: Any, name: str) -> np.ndarray:
    """Draws of ``name`` shaped ``(chains, draws, ...)`` from an InferenceData or a lazy one."""
    if isinstance(idata, LazyInferenceData):
        return np.asarray(idata.draws(name))
    return np.asarray(idata.posterior[name])


def divergence_count(idata: Any) -> int | None:
    """Divergent transitions among the kept draws (None when the sampler has no such notion)."""
    if isinstance(idata, LazyInferenceData):
        diverging = idata.stat("diverging")
    else:
        stats = getattr(idata, "sample_stats", None)
        diverging = stats["diverging"] if stats is not None and "diverging" in stats else None
    return None if diverging is None else int(np.asarray(diverging).sum())
