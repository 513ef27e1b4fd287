"""Common behaviour of estimator specs: settings validation, list checks, strata."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from .histories import CaptureHistories
from .results import EstimateResult, Status


@dataclass(frozen=True, kw_only=True)
class Estimator:
    """Base class of every estimator spec.

    A spec is an immutable bag of keyword-only settings; :meth:`fit` never changes the
    spec or the data, so one spec can be fitted to many strata.

    Parameters
    ----------
    level : float, default 0.95
        Confidence level of the interval, in (0, 1).
    seed : int, optional
        Seed of every random step (the stratified bootstrap); recorded in the result.
    bootstrap_replicates : int, default 999
        Parametric bootstrap replicates for the interval of a stratified total.
    min_lists_per_stratum : int, default 3
        A stratum with fewer lists observed is not estimable (HRDAG practice).
    """

    level: float = 0.95
    seed: int | None = None
    bootstrap_replicates: int = 999
    min_lists_per_stratum: int = 3

    name: ClassVar[str] = ""
    min_lists: ClassVar[int] = 2
    max_lists: ClassVar[int | None] = None

    def __post_init__(self) -> None:
        if not (isinstance(self.level, (int, float)) and 0.0 < float(self.level) < 1.0):
            raise ValueError(f"level must be strictly between 0 and 1; got {self.level!r}")
        if self.seed is not None and (not isinstance(self.seed, int) or self.seed < 0):
            raise ValueError(f"seed must be a non-negative integer; got {self.seed!r}")
        if not isinstance(self.bootstrap_replicates, int) or self.bootstrap_replicates < 1:
            raise ValueError(
                f"bootstrap_replicates must be a positive integer; got {self.bootstrap_replicates!r}"
            )
        if not isinstance(self.min_lists_per_stratum, int) or self.min_lists_per_stratum < 2:
            raise ValueError(
                f"min_lists_per_stratum must be an integer >= 2; got {self.min_lists_per_stratum!r}"
            )

    def fit(self, histories: CaptureHistories) -> EstimateResult:
        """Estimate N from capture histories (per stratum and in total if stratified)."""
        if histories.is_stratified:
            from .strata import fit_stratified

            return fit_stratified(self, histories)
        problem = self.check_lists(histories)
        if problem is not None:
            return self.no_estimate(histories, Status.INSUFFICIENT_DATA, problem)
        return self._fit(histories)

    def check_lists(self, histories: CaptureHistories) -> str | None:
        """Why this method cannot use these lists, or None."""
        k = histories.k
        if k < self.min_lists:
            return f"{self.name} needs at least {self.min_lists} lists; the data have {k}"
        if self.max_lists is not None and k > self.max_lists:
            return f"{self.name} takes exactly {self.max_lists} lists; the data have {k} (drop or merge lists)"
        return None

    def no_estimate(self, histories: CaptureHistories, status: Status, message: str, **details: object) -> EstimateResult:
        """A result that reports why no estimate exists."""
        return EstimateResult(
            method=self.name,
            lists=histories.lists,
            observed=histories.n,
            estimate=None,
            lower=None,
            upper=None,
            level=self.level,
            status=status,
            messages=(message,),
            seed=self.seed,
            details=details,
        )

    def _fit(self, histories: CaptureHistories) -> EstimateResult:  # pragma: no cover
        raise NotImplementedError
