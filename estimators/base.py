"""The estimator spec: frozen settings, ``fit(histories) -> EstimateResult``, and its hooks.

Every method is a frozen, keyword-only dataclass deriving from :class:`Estimator`
(scikit-learn's estimator contract): ``__init__`` holds no logic, :meth:`Estimator.fit`
never changes the spec or the data, so one spec can be fitted to many strata.

A subclass states its catalogue metadata as class variables (``name``, ``summary``,
``reference``, ``min_lists``, ``max_lists``; read by :mod:`estimators.methods`), the
assumption its estimate rests on in plain words (``assumption``), and
implements ``_fit`` for one unstratified table.  Stratified data and replicates are
combined by :mod:`estimators.combine` through the hooks below, never by inspecting a
spec's attributes:

* :attr:`Estimator.posterior_draws` - results carry posterior draws of N (totals are
  then sums of draws, replicates pool draws);
* :meth:`Estimator.with_seed` - the spec for one stratum or replicate;
* :meth:`Estimator.refit_spec` - the spec to refit on bootstrap tables of a stratum;
* :attr:`Estimator.interval_kind` - how an interval is read off draws.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import Any, ClassVar, Self

import numpy as np

from .combine import fit_stratified
from .histories import CaptureHistories
from .results import EstimateResult, Status, SubResult
from .validation import check_int, check_level


@dataclass(frozen=True, kw_only=True)
class Estimator:
    """Base class of every estimator spec.

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

    #: Catalogue name (``removals estimate --method NAME``).
    name: ClassVar[str] = ""
    #: One-line summary for ``removals methods``.
    summary: ClassVar[str] = ""
    #: The papers or packages the method implements.
    reference: ClassVar[str] = ""
    #: The assumption the estimate rests on, in plain words (``removals compare``).
    assumption: ClassVar[str] = ""
    #: Fewest and most lists the method takes (None: no maximum).
    min_lists: ClassVar[int] = 2
    max_lists: ClassVar[int | None] = None
    #: Results carry posterior draws of N (``EstimateResult.draws``).
    posterior_draws: ClassVar[bool] = False
    #: Most lists the method takes because it works on all 2^k cells (memory and time grow
    #: as 2^k); None for methods that work on the observed patterns only.
    max_table_lists: ClassVar[int | None] = 15

    def __post_init__(self) -> None:
        check_level(self.level)
        check_int(self.seed, "seed", minimum=0, optional=True)
        check_int(self.bootstrap_replicates, "bootstrap_replicates", minimum=1)
        check_int(self.min_lists_per_stratum, "min_lists_per_stratum", minimum=2)

    # ----------------------------------------------------------------- fitting
    def fit(
        self, histories: CaptureHistories, *, executor: Executor | None = None, progress: bool | None = None
    ) -> EstimateResult:
        """Estimate N from capture histories (per stratum and in total if stratified).

        Parameters
        ----------
        histories : CaptureHistories
        executor : concurrent.futures.Executor, optional
            Where the work fans out (see :mod:`estimators.executor`): one task per stratum of
            stratified histories, or, for a method whose single fit is many independent
            fits (``loglinear`` with ``interval="bootstrap-reselect"``), those fits.  The
            numbers do not depend on it.
        progress : bool, optional
            Progress bar over the tasks (default: when stderr is a terminal).
        """
        if histories.is_stratified:
            return fit_stratified(self, histories, executor=executor, progress=progress)
        return self.fit_unstratified(histories, executor=executor, progress=progress)

    def fit_unstratified(
        self, histories: CaptureHistories, *, executor: Executor | None = None, progress: bool | None = None
    ) -> EstimateResult:
        """Estimate N from one (unstratified) table, after checking the number of lists."""
        problem = self.check_lists(histories)
        if problem is not None:
            return self.no_estimate(histories, Status.INSUFFICIENT_DATA, problem)
        return self._fit_fanned_out(histories, executor=executor, progress=progress)

    def _fit(self, histories: CaptureHistories) -> EstimateResult:  # pragma: no cover
        raise NotImplementedError

    def _fit_fanned_out(
        self, histories: CaptureHistories, *, executor: Executor | None, progress: bool | None
    ) -> EstimateResult:
        """``_fit`` with its independent sub-fits on ``executor``; methods that have none ignore it."""
        return self._fit(histories)

    def check_lists(self, histories: CaptureHistories) -> str | None:
        """Why this method cannot use these lists, or None."""
        k = histories.k
        if k < self.min_lists:
            return f"{self.name} needs at least {self.min_lists} lists; the data have {k}"
        if self.max_lists is not None and k > self.max_lists:
            return f"{self.name} takes exactly {self.max_lists} lists; the data have {k} (drop or merge lists)"
        if self.max_table_lists is not None and k > self.max_table_lists:
            return (f"{self.name} works on all 2^k cells of the table and takes at most {self.max_table_lists} "
                    f"lists; the data have {k} (merge lists, or use lcm, which works on the observed patterns)")
        return None

    # ----------------------------------------------------------------- hooks for combine
    def with_seed(self, seed: int) -> Self:
        """The spec fitted to one stratum or replicate, drawing from its own ``seed``."""
        return dataclasses.replace(self, seed=seed)

    def refit_spec(self, result: EstimateResult) -> Self:
        """The spec refitted to parametric-bootstrap tables of a stratum that gave ``result``.

        Default: the same spec.  Methods that select a model override it to refit the
        selected model (the bootstrap then ignores selection) with a cheap interval.
        """
        return self

    @property
    def interval_kind(self) -> str:
        """How an interval is read off posterior draws: ``equal-tailed`` (default) or ``hpd``."""
        return "equal-tailed"

    # ----------------------------------------------------------------- results
    def result(
        self,
        histories: CaptureHistories,
        *,
        estimate: float | None,
        lower: float | None,
        upper: float | None,
        status: Status = Status.OK,
        messages: Sequence[str] = (),
        parts: Sequence[SubResult] = (),
        details: Mapping[str, Any] | None = None,
        seed: int | None = None,
        expected_cells: np.ndarray | None = None,
        draws: Any = None,
        timings: Mapping[str, Any] | None = None,
    ) -> EstimateResult:
        """The result of this spec on ``histories`` (method, lists, observed and level filled in)."""
        return EstimateResult(
            method=self.name,
            lists=histories.lists,
            observed=histories.n,
            estimate=estimate,
            lower=lower,
            upper=upper,
            level=self.level,
            status=status,
            messages=tuple(messages),
            seed=self.seed if seed is None else seed,
            details=dict(details or {}),
            parts=tuple(parts),
            expected_cells=expected_cells,
            draws=draws,
            timings=dict(timings or {}),
        )

    def no_estimate(self, histories: CaptureHistories, status: Status, message: str, **details: object) -> EstimateResult:
        """A result that reports why no estimate exists."""
        return self.result(
            histories, estimate=None, lower=None, upper=None, status=status, messages=(message,), details=details
        )
