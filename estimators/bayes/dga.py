"""Bayesian model averaging over decomposable graphical models (Madigan & York 1997), as R dga does it.

The method ``dga`` reproduces ``bma.cr`` of the R package dga 2.0.2 (Johndrow, Lum and
Ball): the 2^k table of list-overlap counts Y (the all-absent cell unknown) is given a
hyper-Dirichlet prior for every decomposable graph of list dependence, and the posterior
over (graph, number missing m) is computed exactly on a grid m = 0..Mmax.

For a vertex set c (a subset of the lists) let D_c be the marginal table of the observed
counts over c (2^|c| cells; D_c[0] counts the observed people absent from every list in
c) and delta_c = delta 2^(k - |c|).  With

    compLML[c, m] = lgamma(m + D_c[0] + delta_c) + sum_{cells != 0} lgamma(D_c[cell] + delta_c)
                    - 2^|c| lgamma(delta_c),
    Dterm(m)      = lgamma(2^k delta) - lgamma(m + n + 2^k delta),

the log posterior of graph G and m (dga's ``computeLogPostProbs`` and ``bma.cr``) is

    sum_{cliques C} compLML[C, m] - sum_{non-empty separators S} compLML[S, m]
    + (#cliques - #non-empty separators) Dterm(m)
    + lgamma(m + n + 1) - sum_cells lgamma(Y + 1) - lgamma(m + 1) + log p(N = n + m)
    + log p(G),

normalised jointly over graphs and m.  The multiplier of Dterm is the number of
connected components of G (each component's hyper-Dirichlet normalising constant);
with it the 3- to 5-list R references are reproduced to ~1e-13 (with Dterm counted once,
disconnected graphs get absurd weight).  Row sums are the posterior model probabilities,
column sums the posterior of N = n + m.

Every decomposable graph is enumerated for k <= ``max_exhaustive_lists`` (8, 61, 822,
18,154 graphs for 3..6 lists).  The graphs x grid sum runs in one fused numba kernel:
compLML is computed once as a (2^k - 1 subsets x grid) matrix, each graph is a sparse
+1/-1 combination of its rows, and each cell is exponentiated against one reference
(cells more than 90 log units below it are skipped; they cannot change a double sum).
Above ``max_exhaustive_lists`` the graphs are searched by MC³ (Madigan & York 1995): a
Metropolis chain over decomposable graphs, proposing to toggle one edge, scored by the
graph's marginal posterior summed over the grid; the posterior of N averages the visited
graphs' exact posteriors of N.

References
----------
Madigan, D. and York, J. C. (1997). Bayesian methods for estimation of the size of a
closed population. *Biometrika* 84(1), 19-31.
Madigan, D. and York, J. (1995). Bayesian graphical models for discrete data.
*International Statistical Review* 63(2), 215-232.
Johndrow, J., Lum, K. and Ball, P. (2015). dga: Capture-Recapture Estimation using
Bayesian Model Averaging. R package version 2.0.2 (CRAN).
Dawid, A. P. and Lauritzen, S. L. (1993). Hyper Markov laws in the statistical analysis
of decomposable graphical models. *Annals of Statistics* 21(3), 1272-1317.
Rissanen, J. (1983). A universal prior for integers and estimation by minimum
description length. *Annals of Statistics* 11(2), 416-431.
"""

from __future__ import annotations

import dataclasses
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from .._lazy import lazy_module
from ..posterior import LazyInferenceData
from ..results import EstimateResult, PosteriorFit, Status
from ..seeds import resolve_seed
from .common import (
    BayesianEstimator,
    chain_seeds,
    make_inference_data,
    overlap_problem,
    pmf_hpd,
    pmf_quantile,
    posterior_result,
    progress_bar,
    split_timings,
)
from .rank_diagnostics import diagnostics_row

if TYPE_CHECKING:
    from scipy import special
else:
    special = lazy_module("scipy.special")


if TYPE_CHECKING:
    from ..histories import CaptureHistories
    from .graphs import DecomposableGraph

PRIORS_N = ("inverse", "rissanen", "negbin")
MC3_WEIGHTS = ("auto", "renormalised", "visits")
#: "auto" renormalises over the visited graphs when they hold at least this share of the posterior.
MC3_COVERAGE = 0.9

#: Grid growth (the rule the R references used): start, growth factor, tail tolerance.
GRID_START_MIN = 2000
GRID_START_PER_OBSERVED = 5
GRID_GROWTH = 4
GRID_TAIL_TOL = 1e-6
GRID_CAP_PER_OBSERVED = 400
GRID_CELL_BUDGET = 1.5e8
#: MC³ scores one graph at a time, so its grid cap is the 5-list one (1.5e8 / 822 graphs).
MC3_GRID_GRAPHS = 822

#: Cells more than this many log units below the reference are not exponentiated.
_CUTOFF = -90.0
#: Re-run a grid segment with a higher reference when a cell exceeds it by this much.
_OVERFLOW_MARGIN = 600.0
#: Largest comp matrix (bytes) kept in memory between the sum and the top-model pass.
_KEEP_BYTES = 3e8
#: Largest MC³ store of per-subset compLML rows (bytes).
_STORE_BYTES = 2e8
#: MC³: at most this many incremental (one-move) score updates before a vector is rebuilt.
_DELTA_DEPTH = 64
#: Grid points per segment of the fused kernel (bounds the comp matrix size).
_SEGMENT_CELLS = 2**23

_RISSANEN_C = 2.865064  # normalising constant of Rissanen's universal prior (Rissanen 1983)


# ----------------------------------------------------------------------------- data
@dataclass(frozen=True)
class _Table:
    """Observed cells of the 2^k table: pattern codes (list 1 = most significant bit), counts."""

    k: int
    codes: np.ndarray
    counts: np.ndarray
    n: int

    @classmethod
    def from_histories(cls, h: CaptureHistories) -> _Table:
        k = h.k
        weights = (1 << np.arange(k - 1, -1, -1)).astype(np.int64)
        codes = h.patterns.astype(np.int64) @ weights
        uniq, inv = np.unique(codes, return_inverse=True)
        counts = np.bincount(inv, weights=h.counts.astype(float))
        keep = counts > 0
        return cls(k=k, codes=uniq[keep], counts=counts[keep], n=int(h.counts.sum()))

    def code_mask(self, vmask: int) -> int:
        """Cell-code mask of the vertex set ``vmask`` (vertex i = list i = code bit k-1-i)."""
        out = 0
        for i in range(self.k):
            if vmask >> i & 1:
                out |= 1 << (self.k - 1 - i)
        return out

    def margin(self, vmask: int, delta: float) -> tuple[float, float]:
        """(shift, const) with compLML[c, m] = lgamma(m + shift) + const for the set ``vmask``.

        shift = D_c[0] + delta_c; const = sum over positive margin cells of
        lgamma(D + delta_c) - lgamma(delta_c), minus lgamma(delta_c) (the 0-cell's share);
        zero margin cells contribute lgamma(delta_c) - lgamma(delta_c) = 0.
        """
        cm = self.code_mask(vmask)
        size = bin(vmask).count("1")
        dc = delta * 2.0 ** (self.k - size)
        keys = self.codes & cm
        if self.k <= 16:
            cells = np.bincount(keys, weights=self.counts, minlength=1)
            d0 = float(cells[0])
            cells = cells[1:]
            cells = cells[cells > 0]
        else:
            d0 = float(self.counts[keys == 0].sum())
            pos = keys != 0
            _, inv = np.unique(keys[pos], return_inverse=True)
            cells = np.bincount(inv, weights=self.counts[pos])
        const = float(np.sum(special.gammaln(cells + dc) - special.gammaln(dc))) if cells.size else 0.0
        return d0 + dc, const - float(special.gammaln(dc))


def _rissanen_log(n_values: np.ndarray) -> np.ndarray:
    """log of Rissanen's (1983) universal prior 2^(-log2*(N)) / c for integers N >= 1."""
    x = np.asarray(n_values, dtype=float)
    total = np.zeros_like(x)
    term = np.log2(np.maximum(x, 1.0))
    while np.any(term > 0):
        pos = term > 0
        total[pos] += term[pos]
        term = np.where(pos, np.log2(np.where(pos, term, 1.0)), 0.0)
    return -math.log(2.0) * total - math.log(_RISSANEN_C)


# ----------------------------------------------------------------------------- the spec
@dataclass(frozen=True, kw_only=True)
class DGA(BayesianEstimator):
    """Madigan & York (1997) Bayesian model averaging over decomposable graphs, as dga 2.0.2.

    Parameters
    ----------
    delta : float, optional
        Hyper-Dirichlet prior count per cell of the full 2^k table (a margin over c gets
        delta 2^(k-|c|) per cell).  Default 2^-k, dga's suggested value.
    prior_n : {"inverse", "rissanen", "negbin"}, callable or sequence, default "inverse"
        Prior on N: "inverse" p(N) ∝ 1/N (dga's default); "rissanen" Rissanen's (1983)
        universal prior for integers, 2^(-log2*(N)); "negbin" the negative binomial
        (gamma-Poisson) prior of Madigan & York (1997), log p(N) = N log b - (N + a)
        log(1 + b) + lgamma(N + a) - lgamma(N + 1) - lgamma(a) with ``prior_a`` = a and
        ``prior_b`` = b (prior mean a b); a callable mapping an array of N to log prior
        values; or the log prior values on the grid (needs ``nmissing_max``).
    prior_a, prior_b : float, optional
        Parameters of the "negbin" prior (both required, both positive).
    nmissing_max : int, optional
        Largest number missing on the grid m = nmissing_min..nmissing_max.  Default: grown
        as for the R references: start at max(2000, 5n), multiply by 4 until the
        posterior mass on the last 5% of the grid is < 1e-6, capped at
        min(400n, 1.5e8 / number of graphs) (MC³: 1.5e8 / 822).
    nmissing_min : int, default 0
        Smallest number missing on the grid (dga's help example uses 1:300).
    draws : int, default 1000
        Draws of N per chain stored in the InferenceData (iid from the exact posterior;
        MC³: N drawn given the graph visited at thinned iterations).
    max_exhaustive_lists : int, default 5
        Enumerate every decomposable graph up to this many lists (at most 6); above it,
        search by MC³.
    mc3_iterations, mc3_max_iterations, mc3_burnin : int, default 20000, 320000, 5000
        MC³ iterations per chain: ``mc3_burnin`` discarded, then ``mc3_iterations`` kept;
        while R-hat or ESS of the N draws fail the thresholds the kept iterations are
        doubled (the chains continue) up to ``mc3_max_iterations``.
    top_models : int, default 10
        Number of most probable graphs reported in the details.
    model_log_prior : callable, optional
        Log prior weight of a graph, given its cliques as tuples of list names; default
        uniform over decomposable graphs (dga's default).
    mc3_weights : {"auto", "renormalised", "visits"}, default "auto"
        How MC³ weights the visited graphs' exact posteriors of N: "renormalised", their
        exact posterior probabilities renormalised over the visited graphs (no Monte Carlo
        noise in the weights, but biased when unvisited graphs hold real mass); "visits",
        the share of iterations spent in each (the classical MC³ estimate, consistent);
        "auto", renormalised when the visited graphs hold an estimated >= 90% of the
        posterior (Good-Turing coverage of the chains' sojourns, 1 - f1/n), else visits.

    Notes
    -----
    The point estimate is the posterior median of N, computed from the exact posterior
    (not from the draws); the interval is equal-tailed (or HPD) at ``level``.  Mode,
    mean and E(1/N)/E(1/N^2) (the Bayes estimate under squared relative error loss) are
    in the details.  A posterior that still has mass >= 1e-6 on the last 5% of the grid
    is truncated: the status is then ``warning``.
    """

    name = "dga"
    summary = "Bayesian model averaging over decomposable graphical models of list dependence (R dga's bma.cr)"
    reference = "Madigan & York (1997) Biometrika 84(1):19-31"
    assumption = "Dependence between lists is described by decomposable graphical models (lists linked in groups), averaged by how well each fits; no interaction among all lists at once, and people are otherwise alike."  # noqa: E501
    min_lists = 3

    delta: float | None = None
    prior_n: str | Callable[[np.ndarray], np.ndarray] | Sequence[float] = "inverse"
    prior_a: float | None = None
    prior_b: float | None = None
    nmissing_max: int | None = None
    nmissing_min: int = 0
    draws: int = 1000
    max_exhaustive_lists: int = 5
    mc3_iterations: int = 20000
    mc3_max_iterations: int = 320000
    mc3_burnin: int = 5000
    top_models: int = 10
    model_log_prior: Callable[[tuple[tuple[str, ...], ...]], float] | None = None
    mc3_weights: str = "auto"


    def __post_init__(self) -> None:
        super().__post_init__()
        if self.delta is not None and not (
            isinstance(self.delta, (int, float)) and math.isfinite(self.delta) and self.delta > 0
        ):
            raise ValueError(f"delta must be a positive number (or None for 2^-k); got {self.delta!r}")
        prior = self.prior_n
        if isinstance(prior, str):
            if prior not in PRIORS_N:
                raise ValueError(
                    f"prior_n must be one of {', '.join(PRIORS_N)}, a callable or an array of log prior "
                    f"values; got {prior!r}"
                )
        elif not callable(prior):
            try:
                values = tuple(float(v) for v in np.asarray(prior, dtype=float).ravel())
            except (TypeError, ValueError):
                raise ValueError(
                    "prior_n must be one of inverse, rissanen, negbin, a callable or an array of log prior values"
                ) from None
            if any(math.isnan(v) or v == math.inf for v in values):
                raise ValueError("prior_n log prior values must be finite or -inf")
            if self.nmissing_max is None:
                raise ValueError("an array prior_n gives one log prior per grid point: set nmissing_max too")
            if len(values) != self.nmissing_max - self.nmissing_min + 1:
                raise ValueError(
                    f"prior_n has {len(values)} values but the grid {self.nmissing_min}..{self.nmissing_max} "
                    f"has {self.nmissing_max - self.nmissing_min + 1} points"
                )
            object.__setattr__(self, "prior_n", values)
        for label, v in (("prior_a", self.prior_a), ("prior_b", self.prior_b)):
            if v is not None and not (isinstance(v, (int, float)) and math.isfinite(v) and v > 0):
                raise ValueError(f"{label} must be a positive number; got {v!r}")
        negbin = isinstance(prior, str) and prior == "negbin"
        if negbin and (self.prior_a is None or self.prior_b is None):
            raise ValueError("prior_n='negbin' needs prior_a and prior_b (e.g. 13.14 and 55.17, Madigan & York 1997)")
        if not negbin and (self.prior_a is not None or self.prior_b is not None):
            raise ValueError("prior_a and prior_b apply only to prior_n='negbin'")
        if not isinstance(self.nmissing_min, int) or isinstance(self.nmissing_min, bool) or self.nmissing_min < 0:
            raise ValueError(f"nmissing_min must be a non-negative integer; got {self.nmissing_min!r}")
        if self.nmissing_max is not None and (
            not isinstance(self.nmissing_max, int)
            or isinstance(self.nmissing_max, bool)
            or self.nmissing_max <= self.nmissing_min
        ):
            raise ValueError(
                f"nmissing_max must be an integer > nmissing_min ({self.nmissing_min}); got {self.nmissing_max!r}"
            )
        for label, v, lo in (
            ("draws", self.draws, 1),
            ("mc3_iterations", self.mc3_iterations, 1),
            ("mc3_max_iterations", self.mc3_max_iterations, 1),
            ("mc3_burnin", self.mc3_burnin, 0),
            ("top_models", self.top_models, 1),
        ):
            if not isinstance(v, int) or isinstance(v, bool) or v < lo:
                raise ValueError(f"{label} must be an integer >= {lo}; got {v!r}")
        if (
            not isinstance(self.max_exhaustive_lists, int)
            or isinstance(self.max_exhaustive_lists, bool)
            or not 3 <= self.max_exhaustive_lists <= 6
        ):
            raise ValueError(
                "max_exhaustive_lists must be an integer from 3 to 6 (7 lists have 617,675 decomposable "
                f"graphs: use MC³); got {self.max_exhaustive_lists!r}"
            )
        if self.mc3_max_iterations < self.mc3_iterations:
            raise ValueError(
                f"mc3_max_iterations ({self.mc3_max_iterations}) must be >= mc3_iterations ({self.mc3_iterations})"
            )
        if self.mc3_weights not in MC3_WEIGHTS:
            raise ValueError(f"mc3_weights must be one of {', '.join(MC3_WEIGHTS)}; got {self.mc3_weights!r}")
        if self.model_log_prior is not None and not callable(self.model_log_prior):
            raise ValueError("model_log_prior must be a callable (cliques as tuples of list names -> log weight)")

    # ------------------------------------------------------------------ helpers
    def _delta(self, k: int) -> float:
        return float(self.delta) if self.delta is not None else 2.0**-k

    def _prior_label(self) -> str:
        p = self.prior_n
        if p == "inverse":
            return "inverse: p(N) ∝ 1/N"
        if p == "rissanen":
            return "rissanen: p(N) ∝ 2^(-log2*(N)) (Rissanen 1983)"
        if p == "negbin":
            return f"negbin: negative binomial, a = {self.prior_a:g}, b = {self.prior_b:g} (prior mean {self.prior_a * self.prior_b:g})"  # type: ignore[operator]
        if callable(p):
            return "user-supplied log prior function of N"
        return "user-supplied log prior values on the grid"

    def _log_prior_n(self, n: int, m: np.ndarray, grid_offset: int) -> np.ndarray:
        """log p(N) (up to a constant) at N = n + m; ``grid_offset`` = index of m[0] on the grid."""
        big_n = n + m
        p = self.prior_n
        if p == "inverse":
            return np.asarray(-np.log(big_n))
        if p == "rissanen":
            return _rissanen_log(big_n)
        if p == "negbin":
            a, b = float(self.prior_a), float(self.prior_b)  # type: ignore[arg-type]
            return np.asarray(
                big_n * math.log(b) - (big_n + a) * math.log1p(b) + special.gammaln(big_n + a) - special.gammaln(big_n + 1) - special.gammaln(a)
            )
        if callable(p):
            out = np.asarray(p(big_n.astype(float)), dtype=float)
            if out.shape != big_n.shape:
                raise ValueError(f"prior_n callable returned shape {out.shape}; expected {big_n.shape}")
            if np.any(np.isnan(out)) or np.any(out == np.inf):
                raise ValueError("prior_n callable returned NaN or +inf")
            return out
        values = np.asarray(p, dtype=float)
        return values[grid_offset : grid_offset + m.size]

    def _model_log_prior(self, g: DecomposableGraph, names: tuple[str, ...]) -> float:
        if self.model_log_prior is None:
            return 0.0
        cliques = tuple(tuple(names[i] for i in c) for c in g.clique_lists())
        v = float(self.model_log_prior(cliques))
        if math.isnan(v) or v == math.inf:
            raise ValueError(f"model_log_prior returned {v} for {g.label(names)}")
        return v

    def _grid_plan(self, n: int, n_graphs: int) -> tuple[int, int, bool]:
        """(first Mmax, cap, fixed): the grid rule, or the given nmissing_max."""
        if self.nmissing_max is not None:
            return self.nmissing_max, self.nmissing_max, True
        cap = max(self.nmissing_min + 1, min(GRID_CAP_PER_OBSERVED * n, int(GRID_CELL_BUDGET // n_graphs)))
        start = max(GRID_START_MIN, GRID_START_PER_OBSERVED * n, self.nmissing_min + 1)
        return min(start, cap), cap, False

    # ------------------------------------------------------------------ fit
    def _fit(self, histories: CaptureHistories) -> EstimateResult:
        from . import graphs as gr

        table = _Table.from_histories(histories)
        seed = resolve_seed(self.seed)
        if table.k <= self.max_exhaustive_lists:
            return self._fit_exhaustive(histories, table, seed, gr)
        return self._fit_mc3(histories, table, seed, gr)

    # ------------------------------------------------------------------ shared pieces
    def _column_terms(self, table: _Table, delta: float, m: np.ndarray, offset: int) -> tuple[np.ndarray, np.ndarray]:
        """(colterm, dterm) on grid points m: multinomial coefficient + log prior; Dterm."""
        n = table.n
        total_delta = delta * 2.0**table.k
        colterm = special.gammaln(m + n + 1.0) - special.gammaln(m + 1.0) - float(np.sum(special.gammaln(table.counts + 1.0)))
        colterm = colterm + self._log_prior_n(n, m, offset)
        dterm = special.gammaln(total_delta) - special.gammaln(m + n + total_delta)
        return np.ascontiguousarray(colterm), np.ascontiguousarray(dterm)

    def _summaries(self, values: np.ndarray, pmf: np.ndarray) -> dict[str, float]:
        alpha = 1.0 - self.level
        median = pmf_quantile(values, pmf, 0.5)
        if self.interval == "hpd":
            keep = np.flatnonzero(pmf >= pmf.max() * 1e-16)
            lo_i, hi_i = int(keep[0]), int(keep[-1]) + 1
            lower, upper = pmf_hpd(values[lo_i:hi_i], pmf[lo_i:hi_i], self.level)
        else:
            lower = pmf_quantile(values, pmf, alpha / 2.0)
            upper = pmf_quantile(values, pmf, 1.0 - alpha / 2.0)
        mean = float(np.sum(values * pmf))
        inv1 = float(np.sum(pmf / values))
        inv2 = float(np.sum(pmf / values**2))
        return {
            "median": median,
            "lower": lower,
            "upper": upper,
            "mode": float(values[int(np.argmax(pmf))]),
            "mean": mean,
            "sd": float(math.sqrt(max(0.0, float(np.sum(values**2 * pmf)) - mean**2))),
            "relative_loss": inv1 / inv2 if inv2 > 0 else float("nan"),
        }

    def _tail_mass(self, pmf: np.ndarray, m0: int, mmax: int) -> float:
        """Posterior mass on the last 5% of the grid: m >= m0 + ceil(0.95 (Mmax - m0)) - 1.

        This is the R references' ``upper_tail_mass_last5pct`` (1-based position
        ceiling(0.95 Mmax) of the vector over 0:Mmax onwards).
        """
        start = m0 + (95 * (mmax - m0) + 99) // 100 - 1
        return float(pmf[max(0, start - m0) :].sum())

    def _messages(self, k: int, delta: float, search: str, n_graphs: int | None) -> list[str]:
        how = (
            f"averages over all {n_graphs:,} decomposable graphs on {k} lists"
            if search == "exhaustive"
            else f"averages over decomposable graphs on {k} lists visited by an MC³ search"
        )
        return [
            "assumes a closed population: nobody enters or leaves while the lists are compiled, "
            "and the same list-inclusion probabilities hold for everyone within each dependence model",
            "assumes the dependence between lists is described by a decomposable graphical model (lists "
            "not joined in the graph are independent given the lists that separate them); the estimate "
            f"{how}, weighted by their posterior probability (Madigan & York 1997)",
            f"prior on N: {self._prior_label()}; hyper-Dirichlet prior on cell probabilities with "
            f"delta = {delta:g} per cell; {'uniform' if self.model_log_prior is None else 'user-supplied'} "
            "prior over graphs",
        ]

    def _finish(
        self,
        histories: CaptureHistories,
        *,
        seed: int,
        n_draws: np.ndarray,
        values: np.ndarray,
        pmf: np.ndarray,
        details: dict[str, Any],
        messages: list[str],
        tail: float,
        grid: tuple[int, int],
        cap_hit: bool,
        fixed: bool,
        check_convergence: bool,
    ) -> EstimateResult:
        s = self._summaries(values, pmf)
        details.update(
            posterior_mode=s["mode"],
            posterior_mean=s["mean"],
            posterior_sd=s["sd"],
            relative_loss_estimate=s["relative_loss"],
            nmissing_grid=[grid[0], grid[1]],
            upper_tail_mass_last5pct=tail,
            grid_rule="given (nmissing_max)" if fixed else (
                "grown: start max(2000, 5n), x4 until the mass on the last 5% of the grid < 1e-6, "
                "capped at min(400n, 1.5e8 / number of graphs)"
            ),
        )
        truncated = tail >= GRID_TAIL_TOL
        if truncated:
            why = "the grid cap was reached" if (cap_hit and not fixed) else "nmissing_max was given"
            messages.append(
                f"the posterior of N is truncated at N = {histories.n + grid[1]:,} ({why}): it still has "
                f"{tail:.2g} of its mass on the last 5% of the grid, so the median, the upper limit and the "
                "mean are conditional on N <= that bound and too low"
            )
        attrs = {
            "method": self.name,
            "seed": seed,
            "search": details["search"],
            "delta": details["delta"],
            "prior_n": details["prior_n"],
            "nmissing_grid": f"{grid[0]}..{grid[1]}",
        }
        if not check_convergence:
            # Exact posterior, iid draws: no sampler to check, so neither ArviZ (~1 s to import)
            # nor its InferenceData are needed unless someone looks at the draws.
            result = self._exact_result(histories, n_draws, attrs, seed, details, messages, s)
        else:
            result = posterior_result(
                self,
                histories,
                make_inference_data({"N": n_draws}, attrs=attrs),
                seed=seed,
                details=details,
                messages=tuple(messages),
                check_convergence=check_convergence,
                exact=(s["median"], s["lower"], s["upper"]),
            )
        if truncated and result.status == Status.OK:
            result = dataclasses.replace(result, status=Status.WARNING)
        return result

    def _exact_result(
        self,
        histories: CaptureHistories,
        n_draws: np.ndarray,
        attrs: dict[str, Any],
        seed: int,
        details: dict[str, Any],
        messages: list[str],
        s: dict[str, float],
    ) -> EstimateResult:
        """:func:`~estimators.bayes.common.posterior_result` of an exact posterior (no
        convergence check), with the draws' diagnostics computed without ArviZ and the
        InferenceData built on first access."""
        draws = LazyInferenceData({"N": n_draws}, attrs)
        extras, timings = split_timings(details)
        unbounded = overlap_problem(histories)
        if unbounded is not None:
            return self.result(histories, estimate=None, lower=None, upper=None, status=Status.NOT_IDENTIFIABLE,
                               messages=(unbounded, *messages), seed=seed, details=extras, draws=draws,
                               timings=timings)
        model = extras.pop("model", None)
        summary = PosteriorFit(diagnostics=(diagnostics_row("N", n_draws),), point="posterior median",
                               interval_kind=self.interval, model=None if model is None else str(model))
        return self.result(histories, estimate=s["median"], lower=s["lower"], upper=s["upper"],
                           messages=messages, seed=seed, parts=(summary,), details=extras, draws=draws,
                           timings=timings)

    # ------------------------------------------------------------------ exhaustive
    def _graph_log_priors(self, graphs: Sequence[DecomposableGraph], names: tuple[str, ...]) -> np.ndarray:
        if self.model_log_prior is None:
            return np.zeros(len(graphs))
        out = np.array([self._model_log_prior(g, names) for g in graphs], dtype=float)
        if np.all(out == -np.inf):
            raise ValueError("model_log_prior gives every graph zero prior probability")
        return out

    def _fit_exhaustive(self, histories: CaptureHistories, table: _Table, seed: int, gr: Any) -> EstimateResult:
        t0 = time.perf_counter()
        k = table.k
        delta = self._delta(k)
        names = histories.lists
        gset = _GraphSet.all_graphs(k)
        graphs = gset.graphs
        m0 = self.nmissing_min
        mmax, cap, fixed = self._grid_plan(table.n, len(graphs))
        sums = _GridSums(self, table, delta, gset, self._graph_log_priors(graphs, names), m0, gr)
        sums.extend(mmax)
        while not fixed and mmax < cap and self._tail_mass(sums.column_pmf(), m0, mmax) >= GRID_TAIL_TOL:
            mmax = min(mmax * GRID_GROWTH, cap)
            sums.extend(mmax)
        cap_hit = (not fixed) and mmax >= cap
        pmf = sums.column_pmf()
        probs = sums.rows / sums.rows.sum()
        values = histories.n + np.arange(m0, mmax + 1, dtype=float)
        top = []
        for gi in np.argsort(-probs, kind="stable")[: self.top_models]:
            lp = sums.graph_logpost(int(gi))
            top.append(
                {
                    "cliques": graphs[int(gi)].label(names),
                    "post_prob": float(probs[gi]),
                    "post_median_N": pmf_quantile(values, np.exp(lp - lp.max()), 0.5),
                }
            )
        elapsed = time.perf_counter() - t0

        rng = np.random.default_rng(seed)
        u = rng.random((self.chains, self.draws))
        cdf = np.cumsum(pmf)
        cdf /= cdf[-1]
        draws = values[np.minimum(np.searchsorted(cdf, u, side="right"), values.size - 1)]

        details: dict[str, Any] = {
            "model": "decomposable graphical models, hyper-Dirichlet prior (Madigan & York 1997; dga bma.cr)",
            "search": "exhaustive",
            "n_graphs": len(graphs),
            "delta": delta,
            "prior_n": self._prior_label(),
            "top_models": top,
            "draws_per_chain": self.draws,
            "compute_seconds": elapsed,
        }
        messages = self._messages(k, delta, "exhaustive", len(graphs))
        return self._finish(
            histories, seed=seed, n_draws=draws, values=values, pmf=pmf, details=details, messages=messages,
            tail=self._tail_mass(pmf, m0, mmax), grid=(m0, mmax), cap_hit=cap_hit, fixed=fixed,
            check_convergence=False,
        )

    # ------------------------------------------------------------------ MC³
    def _mixture(self, run: _MC3Run, table: _Table, delta: float, m0: int, weighting: str, gr: Any) -> _GridSums:
        """Grid sums over the visited graphs, weighted by renormalised posterior or visits (not yet extended)."""
        edges = list(run.visits)
        visited = _GraphSet.from_graphs([run.graph(e) for e in edges])
        log_prior = run.log_priors(edges)
        if weighting == "renormalised":
            rowconst = log_prior
        else:
            visits = np.array([run.visits[e] for e in edges], dtype=float)
            log_mass = np.array([run.scores[e] for e in edges]) - log_prior
            rowconst = np.log(visits / visits.sum()) - log_mass
        return _GridSums(self, table, delta, visited, rowconst, m0, gr)

    def _grow(self, sums: _GridSums, m0: int, mmax: int, cap: int) -> int:
        """Extend ``sums`` to mmax, then by the growth rule; returns the final grid end."""
        sums.extend(mmax)
        while mmax < cap and self._tail_mass(sums.column_pmf(), m0, mmax) >= GRID_TAIL_TOL:
            mmax = min(mmax * GRID_GROWTH, cap)
            sums.extend(mmax)
        return mmax

    def _fit_mc3(self, histories: CaptureHistories, table: _Table, seed: int, gr: Any) -> EstimateResult:
        t0 = time.perf_counter()
        k = table.k
        delta = self._delta(k)
        names = histories.lists
        m0 = self.nmissing_min
        mmax, cap, fixed = self._grid_plan(table.n, MC3_GRID_GRAPHS)
        seeds = chain_seeds(seed, self.chains)
        decomp: dict[int, Any] = {}
        if not fixed:  # a short pilot run picks the grid, so the full run rarely has to be repeated
            pilot = _MC3Run(self, table, delta, names, m0, mmax, gr, decomp)
            pilot.start(seeds)
            pilot.advance(min(self.mc3_burnin, 1000), record=False)
            pilot.advance(min(self.mc3_iterations, 2000), record=True)
            mmax = self._grow(self._mixture(pilot, table, delta, m0, "renormalised", gr), m0, mmax, cap)
        while True:
            run = _MC3Run(self, table, delta, names, m0, mmax, gr, decomp)
            run.start(seeds)
            run.advance(self.mc3_burnin, record=False)
            target = self.mc3_iterations
            while True:
                run.advance(target - run.kept_iterations, record=True)
                if run.converged() or target >= self.mc3_max_iterations:
                    break
                target = min(2 * target, self.mc3_max_iterations)
            coverage = run.coverage()
            weighting = self.mc3_weights
            if weighting == "auto":
                weighting = "renormalised" if coverage is not None and coverage >= MC3_COVERAGE else "visits"
            sums = self._mixture(run, table, delta, m0, weighting, gr)
            grown = mmax if fixed else self._grow(sums, m0, mmax, cap)
            if grown == mmax:
                sums.extend(mmax)
                break
            mmax = grown  # the visited graphs need a larger grid: run the chains again on it
        cap_hit = (not fixed) and mmax >= cap
        values = histories.n + np.arange(m0, mmax + 1, dtype=float)
        pmf = sums.column_pmf()

        edges = list(run.visits)
        sc = np.array([run.scores[e] for e in edges])
        probs_renorm = np.exp(sc - special.logsumexp(sc))
        share = np.array([run.visits[e] for e in edges], dtype=float)
        share /= share.sum()
        weights = probs_renorm if weighting == "renormalised" else share
        top = []
        for gi in np.argsort(-weights, kind="stable")[: self.top_models]:
            lp = sums.graph_logpost(int(gi))
            top.append(
                {
                    "cliques": sums.gset.graphs[int(gi)].label(names),
                    "post_prob": float(weights[gi]),
                    "post_prob_visits": float(share[gi]),
                    "post_prob_renormalised": float(probs_renorm[gi]),
                    "post_median_N": pmf_quantile(values, np.exp(lp - lp.max()), 0.5),
                }
            )
        draws = run.draw_n(values)
        n_graphs = gr.KNOWN_COUNTS.get(k)
        details: dict[str, Any] = {
            "model": "decomposable graphical models, hyper-Dirichlet prior (Madigan & York 1997; dga bma.cr)",
            "search": "mc3",
            "n_graphs": n_graphs,
            "delta": delta,
            "prior_n": self._prior_label(),
            "top_models": top,
            "draws_per_chain": self.draws,
            "mc3": {
                "chains": self.chains,
                "iterations": run.kept_iterations,
                "burnin": self.mc3_burnin,
                "first_round_iterations": self.mc3_iterations,
                "max_iterations": self.mc3_max_iterations,
                "thin": run.thin,
                "acceptance_rate": run.acceptance_rate(),
                "distinct_graphs_visited": len(edges),
                "weights": weighting,
                "weights_option": self.mc3_weights,
                "visited_mass_estimate": coverage,
            },
            "compute_seconds": time.perf_counter() - t0,
        }
        messages = self._messages(k, delta, "mc3", n_graphs)
        how = (
            "each visited graph's exact posterior of N weighted by its exact posterior probability "
            "renormalised over the visited graphs"
            if weighting == "renormalised"
            else "each visited graph's exact posterior of N weighted by the share of iterations spent in it"
        )
        messages.append(
            f"MC³ over decomposable graphs: {self.chains} chain(s) x {run.kept_iterations} iterations after "
            f"{self.mc3_burnin} burn-in, {len(edges):,} distinct graphs visited; the posterior of N averages {how} "
            "(R-hat and ESS of N drawn along the chains decide convergence)"
        )
        return self._finish(
            histories, seed=seed, n_draws=draws, values=values, pmf=pmf, details=details, messages=messages,
            tail=self._tail_mass(pmf, m0, mmax), grid=(m0, mmax), cap_hit=cap_hit, fixed=fixed,
            check_convergence=True,
        )


# ----------------------------------------------------------------------------- internals
def _block(n_grid: int) -> int:
    """Grid points per kernel block: 256, fewer for short grids (at least 16 blocks, so threads share the work).

    It must not depend on the number of threads: the blocks fix the order in which the
    posterior sums are added, so the same data give the same bits on any machine and in
    any worker (an executor's workers run numba on one thread).
    """
    return int(max(64, min(256, -(-n_grid // 16))))


@dataclass(frozen=True, eq=False)
class _GraphSet:
    """Graphs as a sparse +1/-1 combination of subset columns (CSR), plus components.

    ``subsets[j]`` is the vertex mask of column j of the compLML matrix; graph g is
    ``sum_t sgn[t] column idx[t]`` over t in ptr[g]:ptr[g+1] (cliques +1, separators -1).
    """

    graphs: tuple[DecomposableGraph, ...]
    subsets: np.ndarray
    ptr: np.ndarray
    idx: np.ndarray
    sgn: np.ndarray
    ncomp: np.ndarray

    @classmethod
    def from_graphs(cls, graphs: Sequence[DecomposableGraph], subsets: Sequence[int] | None = None) -> _GraphSet:
        if subsets is None:
            seen: dict[int, int] = {}
            for g in graphs:
                for c in (*g.cliques, *g.separators):
                    seen.setdefault(c, len(seen))
            subsets = list(seen)
        col = {v: j for j, v in enumerate(subsets)}
        ptr = [0]
        idx: list[int] = []
        sgn: list[float] = []
        for g in graphs:
            idx.extend(col[c] for c in g.cliques)
            sgn.extend([1.0] * len(g.cliques))
            idx.extend(col[s] for s in g.separators)
            sgn.extend([-1.0] * len(g.separators))
            ptr.append(len(idx))
        return cls(
            graphs=tuple(graphs),
            subsets=np.asarray(subsets, dtype=np.int64),
            ptr=np.asarray(ptr, dtype=np.int64),
            idx=np.asarray(idx, dtype=np.int64),
            sgn=np.asarray(sgn, dtype=float),
            ncomp=np.asarray([g.n_components for g in graphs], dtype=float),
        )

    @classmethod
    def all_graphs(cls, k: int) -> _GraphSet:
        """Every decomposable graph on k lists, columns = every non-empty subset (cached per k)."""
        if k not in _ALL_GRAPHS:
            from .graphs import enumerate_decomposable

            _ALL_GRAPHS[k] = cls.from_graphs(enumerate_decomposable(k), list(range(1, 2**k)))
        return _ALL_GRAPHS[k]


_ALL_GRAPHS: dict[int, _GraphSet] = {}


@dataclass
class _Part:
    """One grid segment a..b: its compLML matrix (None once dropped to bound memory) and column terms."""

    a: int
    b: int
    comp: np.ndarray | None
    colterm: np.ndarray
    dterm: np.ndarray


class _GridSums:
    """Row sums (per graph) and column sums (per grid point) of exp(log posterior - ref).

    The grid m0..mmax is processed in segments (so it can grow, and so the compLML
    matrix stays bounded); every segment shares one reference ``ref``, raised (and the
    earlier sums rescaled) if a later segment holds a larger log posterior.
    """

    def __init__(
        self,
        spec: DGA,
        table: _Table,
        delta: float,
        gset: _GraphSet,
        rowconst: np.ndarray,
        m0: int,
        gr: Any,
    ) -> None:
        self.spec = spec
        self.table = table
        self.delta = delta
        self.gset = gset
        self.rowconst = np.ascontiguousarray(rowconst, dtype=float)
        self.m0 = m0
        self.gr = gr
        margins = [table.margin(int(v), delta) for v in gset.subsets]
        self.shift = np.array([a for a, _ in margins])
        self.const = np.array([c for _, c in margins])
        self.rows = np.zeros(len(gset.graphs))
        self.cols: list[np.ndarray] = []
        self.parts: list[_Part] = []
        self.ref: float | None = None
        self.mmax = m0 - 1
        self.kept = 0

    def extend(self, mmax: int) -> None:
        step = max(1, _SEGMENT_CELLS // max(1, self.shift.size))
        for a in range(self.mmax + 1, mmax + 1, step):
            self._segment(a, min(mmax, a + step - 1))
        self.mmax = max(self.mmax, mmax)

    def _segment(self, a: int, b: int) -> None:
        gr, gs = self.gr, self.gset
        m = np.arange(a, b + 1, dtype=float)
        comp = gr.comp_matrix(a, m.size, self.shift, self.const)
        colterm, dterm = self.spec._column_terms(self.table, self.delta, m, a - self.m0)
        if self.ref is None:  # coarse reference: the largest log posterior on a sub-grid
            stride = max(1, m.size // 64)
            _, _, top = gr.grid_sums(
                np.ascontiguousarray(comp[:, ::stride]), np.ascontiguousarray(colterm[::stride]),
                np.ascontiguousarray(dterm[::stride]), gs.ptr, gs.idx, gs.sgn, gs.ncomp, self.rowconst,
                0.0, _CUTOFF, _block(-(-m.size // stride)),
            )
            self.ref = float(top) if np.isfinite(top) else 0.0
        while True:
            rows, cols, top = gr.grid_sums(
                comp, colterm, dterm, gs.ptr, gs.idx, gs.sgn, gs.ncomp, self.rowconst, self.ref, _CUTOFF,
                _block(m.size),
            )
            if np.isfinite(top) and top > self.ref + _OVERFLOW_MARGIN:
                f = math.exp(self.ref - top)
                self.rows *= f
                self.cols = [c * f for c in self.cols]
                self.ref = float(top)
                continue
            break
        self.rows += rows
        self.cols.append(cols)
        keep = self.kept + comp.nbytes <= _KEEP_BYTES
        self.kept += comp.nbytes if keep else 0
        self.parts.append(_Part(a=a, b=b, comp=comp if keep else None, colterm=colterm, dterm=dterm))

    def column_pmf(self) -> np.ndarray:
        c = np.concatenate(self.cols)
        s = c.sum()
        if not s > 0:
            raise ValueError("the posterior of N has no mass on the grid (check prior_n and model_log_prior)")
        return np.asarray(c / s)

    def graph_logpost(self, gi: int) -> np.ndarray:
        """Log posterior (unnormalised, without the model prior) of graph gi over the grid."""
        gs = self.gset
        cols = gs.idx[gs.ptr[gi] : gs.ptr[gi + 1]]
        sgns = gs.sgn[gs.ptr[gi] : gs.ptr[gi + 1]]
        out = []
        for p in self.parts:
            v = gs.ncomp[gi] * p.dterm + p.colterm
            for j, s in zip(cols, sgns, strict=True):
                row = p.comp[j] if p.comp is not None else self.gr.comp_row(p.a, p.b - p.a + 1, self.shift[j], self.const[j])
                v = v + s * row
            out.append(v)
        return np.concatenate(out)


class _MC3Run:
    """MC³ over decomposable graphs (Madigan & York 1995) on one grid, with cached scores.

    A graph's score is log sum_m exp(log posterior(G, m)) + log prior(G); proposals toggle
    one uniformly chosen edge and are rejected outright when the result is not
    decomposable (a symmetric proposal on the decomposable graphs).
    """

    def __init__(
        self,
        spec: DGA,
        table: _Table,
        delta: float,
        names: tuple[str, ...],
        m0: int,
        mmax: int,
        gr: Any,
        decomp_cache: dict[int, Any],
    ) -> None:
        self.spec = spec
        self.table = table
        self.delta = delta
        self.names = names
        self.k = table.k
        self.gr = gr
        self.m0 = m0
        self.n_grid = mmax - m0 + 1
        m = np.arange(m0, mmax + 1, dtype=float)
        self.colterm, self.dterm = spec._column_terms(table, delta, m, 0)
        self.decomp = decomp_cache
        self.cap_rows = max(64, int(_STORE_BYTES // (8 * self.n_grid)))
        self.store = np.empty((min(32, self.cap_rows), self.n_grid))
        self.slot: dict[int, int] = {}
        self.margins: dict[int, tuple[float, float]] = {}
        self.scores: dict[int, float] = {}
        self.priors: dict[int, float] = {}
        self.scratch = np.empty(self.n_grid)
        self.vec_cur: list[np.ndarray] = []
        self.vec_cand: list[np.ndarray] = []
        self.vec_cur_id: list[int] = []
        self.vec_cand_id: list[int] = []
        self.vec_depth: list[int] = []
        self.cand_depth: list[int] = []
        self.visits: dict[int, int] = {}
        self.entries: dict[int, int] = {}
        self.records: list[list[int]] = []
        self.uniforms: list[np.ndarray] = []
        self.rngs: list[np.random.Generator] = []
        self.states: list[int] = []
        self.kept_iterations = 0
        self.accepted = 0
        self.proposed = 0
        self._draws_key = -1
        self._draws = np.empty((0, 0), dtype=np.int64)

    def graph(self, edges: int) -> Any:
        g = self.decomp.get(edges, False)
        if g is False:
            g = self.gr.decompose(edges, self.k)
            self.decomp[edges] = g
        return g

    def _slots(self, sets: Sequence[int]) -> list[int]:
        """Store rows of the vertex sets ``sets`` (computed on demand)."""
        missing = [c for c in dict.fromkeys(sets) if c not in self.slot]
        if len(self.slot) + len(missing) > self.cap_rows:  # bounded memory: start the store afresh
            self.slot.clear()
            missing = list(dict.fromkeys(sets))
        for c in missing:
            j = len(self.slot)
            if j >= self.store.shape[0]:
                grown = np.empty((min(self.cap_rows, 2 * self.store.shape[0]), self.n_grid))
                grown[:j] = self.store[:j]
                self.store = grown
            if c not in self.margins:
                self.margins[c] = self.table.margin(c, self.delta)
            shift, const = self.margins[c]
            self.store[j] = self.gr.comp_row(self.m0, self.n_grid, shift, const)
            self.slot[c] = j
        return [self.slot[c] for c in sets]

    def _rows_of(self, g: Any) -> tuple[np.ndarray, np.ndarray]:
        """Store rows of g's cliques and separators and their signs."""
        rows = np.array(self._slots((*g.cliques, *g.separators)), dtype=np.int64)
        sgns = np.array([1.0] * len(g.cliques) + [-1.0] * len(g.separators))
        return rows, sgns

    @staticmethod
    def _terms(g: Any) -> dict[int, int]:
        out: dict[int, int] = {}
        for c in g.cliques:
            out[c] = out.get(c, 0) + 1
        for sep in g.separators:
            out[sep] = out.get(sep, 0) - 1
        return out

    def score(self, edges: int, chain: int | None = None) -> float:
        """Cached score; a new graph's log posterior vector is kept as the chain's candidate,
        computed from the chain's current vector when that is valid (few rows change)."""
        s = self.scores.get(edges)
        if s is not None:
            return s
        g = self.graph(edges)
        if chain is None:
            rows, sgns = self._rows_of(g)
            lm = float(self.gr.graph_log_mass(
                self.store, rows, sgns, float(g.n_components), self.colterm, self.dterm, self.scratch
            ))
        else:
            out = self.vec_cand[chain]
            cur = self.vec_cur_id[chain]
            if cur >= 0 and self.vec_depth[chain] < _DELTA_DEPTH:
                gc = self.graph(cur)
                new, old = self._terms(g), self._terms(gc)
                diff = {c: new.get(c, 0) - old.get(c, 0) for c in dict.fromkeys((*new, *old))}
                diff = {c: v for c, v in diff.items() if v}
                rows = np.array(self._slots(list(diff)), dtype=np.int64)
                coefs = np.array(list(diff.values()), dtype=float)
                lm = float(self.gr.graph_log_mass_delta(
                    self.vec_cur[chain], self.store, rows, coefs, float(g.n_components - gc.n_components),
                    self.dterm, out,
                ))
                self.cand_depth[chain] = self.vec_depth[chain] + 1
            else:
                rows, sgns = self._rows_of(g)
                lm = float(self.gr.graph_log_mass(
                    self.store, rows, sgns, float(g.n_components), self.colterm, self.dterm, out
                ))
                self.cand_depth[chain] = 0
            self.vec_cand_id[chain] = edges
        lp = self.spec._model_log_prior(g, self.names)
        self.priors[edges] = lp
        s = lm + lp
        self.scores[edges] = s
        return s

    def _moved(self, chain: int, edges: int) -> None:
        """The chain moved to ``edges``: its current vector is the candidate's if that was just computed."""
        if self.vec_cand_id[chain] == edges:
            self.vec_cur[chain], self.vec_cand[chain] = self.vec_cand[chain], self.vec_cur[chain]
            self.vec_cur_id[chain] = edges
            self.vec_depth[chain] = self.cand_depth[chain]
            self.vec_cand_id[chain] = -1
        else:
            self.vec_cur_id[chain] = -1

    def log_priors(self, edges: list[int]) -> np.ndarray:
        return np.array([self.priors[e] for e in edges], dtype=float)

    def start(self, seeds: list[int]) -> None:
        """One chain per seed, each from an over-dispersed random decomposable graph."""
        self.rngs = []
        self.states = []
        self.vec_cur = [np.empty(self.n_grid) for _ in seeds]
        self.vec_cand = [np.empty(self.n_grid) for _ in seeds]
        self.vec_cur_id = [-1] * len(seeds)
        self.vec_cand_id = [-1] * len(seeds)
        self.vec_depth = [0] * len(seeds)
        self.cand_depth = [0] * len(seeds)
        self.records = []
        self.uniforms = []
        for cs in seeds:
            move_ss, draw_ss = np.random.SeedSequence(cs).spawn(2)
            rng = np.random.default_rng(move_ss)
            self.rngs.append(rng)
            self.states.append(self.gr.random_decomposable(self.k, rng))
            self.records.append([])
            self.uniforms.append(np.random.default_rng(draw_ss).random(self.spec.draws))
        self.kept_iterations = 0

    def advance(self, n_iter: int, *, record: bool) -> None:
        """Run every chain ``n_iter`` more iterations; with ``record`` count visits and keep
        every ``record_every``-th state (the draws are thinned from these at the end)."""
        if n_iter <= 0:
            return
        n_edges = self.gr.n_pairs(self.k)
        bits = [1 << b for b in range(n_edges)]
        decomp = self.decomp
        scores = self.scores
        visits = self.visits
        entries = self.entries
        missing = False
        every = self.record_every
        start = self.kept_iterations
        with progress_bar(n_iter * len(self.rngs), self.spec.show_progress(), "dga MC³") as bar:
            for c, rng in enumerate(self.rngs):
                e = self.states[c]
                s = self.score(e, c)
                if self.vec_cur_id[c] != e:
                    self._moved(c, e)
                pairs = rng.integers(0, n_edges, size=n_iter).tolist()
                logu = np.log(rng.random(n_iter)).tolist()
                rec = self.records[c]
                if record and start == 0:
                    entries[e] = entries.get(e, 0) + 1
                for it in range(n_iter):
                    cand = e ^ bits[pairs[it]]
                    g = decomp.get(cand, missing)
                    if g is missing:
                        g = self.graph(cand)
                    if g is not None:
                        self.proposed += 1
                        s2 = scores.get(cand)
                        if s2 is None:
                            s2 = self.score(cand, c)
                        if logu[it] < s2 - s:
                            e, s = cand, s2
                            self.accepted += 1
                            self._moved(c, e)
                            if record:
                                entries[e] = entries.get(e, 0) + 1
                    if record:
                        visits[e] = visits.get(e, 0) + 1
                        if (start + it) % every == 0:
                            rec.append(e)
                    if (it + 1) % 4096 == 0:
                        bar.update(4096)
                self.states[c] = e
        if record:
            self.kept_iterations += n_iter

    @property
    def record_every(self) -> int:
        return max(1, self.spec.mc3_iterations // self.spec.draws)

    @property
    def thin(self) -> int:
        return self.record_every * max(1, len(self.records[0]) // self.spec.draws)

    def recorded(self) -> list[list[int]]:
        """``draws`` states per chain, equally spaced over the kept iterations."""
        out: list[list[int]] = []
        for rec in self.records:
            if not rec:
                rec = [self.states[len(out)]]
            pos = np.linspace(0, len(rec) - 1, self.spec.draws).round().astype(int) if len(rec) > 1 else np.zeros(
                self.spec.draws, dtype=int
            )
            out.append([rec[i] for i in pos])
        return out

    def converged(self) -> bool:
        """R-hat and ESS of the N draws pass the spec's thresholds (the final check's rule)."""
        from .common import diagnostic_problems, diagnostics_table

        values = np.arange(self.m0, self.m0 + self.n_grid, dtype=float)
        idata = make_inference_data({"N": self.draw_n(values)})
        table = diagnostics_table(idata)
        return not diagnostic_problems(table, rhat_max=self.spec.rhat_max, ess_min=self.spec.ess_min)

    def acceptance_rate(self) -> float:
        return self.accepted / self.proposed if self.proposed else float("nan")

    def coverage(self) -> float | None:
        """Good-Turing estimate of the posterior mass of the visited graphs, 1 - f1 / n.

        n counts the sojourns of the chains in graphs after burn-in (entries into a graph,
        plus each chain's state when recording starts) and f1 the graphs entered exactly
        once (Good 1953; Chao & Jost 2012).  Sojourns, not iterations, because a chain
        holding in one graph inflates its iteration count without new information.
        """
        n = sum(self.entries.values())
        if n == 0:
            return None
        f1 = sum(1 for v in self.entries.values() if v == 1)
        return float(1.0 - f1 / n)

    def draw_n(self, values: np.ndarray) -> np.ndarray:
        """N given the graph at each recorded iteration, by inverse CDF of that graph's posterior."""
        if self._draws_key != self.kept_iterations:
            recorded = self.recorded()
            out = np.empty((len(recorded), self.spec.draws), dtype=np.int64)
            positions: dict[int, list[tuple[int, int]]] = {}
            for c, rec in enumerate(recorded):
                for j, e in enumerate(rec):
                    positions.setdefault(e, []).append((c, j))
            for e, where in positions.items():
                g = self.graph(e)
                rows, sgns = self._rows_of(g)
                cs = np.array([w[0] for w in where])
                js = np.array([w[1] for w in where])
                u = np.array([self.uniforms[c][j] for c, j in where])
                out[cs, js] = self.gr.sample_grid(
                    self.store, rows, sgns, float(g.n_components), self.colterm, self.dterm, u
                )
            self._draws = out
            self._draws_key = self.kept_iterations
        return np.asarray(values[self._draws])


# ----------------------------------------------------------------------------- benchmarking
def benchmark_fit(name: str, *, repeat: int = 3, reference_grid: bool = True, **options: Any) -> dict[str, Any]:
    """Time ``dga`` on a pinned benchmark (strata collapsed) against R dga's recorded time.

    Parameters
    ----------
    name : benchmark stem, e.g. ``"SparseMSE_Ned_5"``.
    repeat : fits timed after one warm-up fit (numba kernels loaded, graphs enumerated);
        the best time is reported.
    reference_grid : use the R reference's delta and ``Nmissing_grid`` (as its ``elapsed_s``
        was measured with); otherwise the default grid rule.
    options : further ``dga`` options.

    Returns
    -------
    dict with ``seconds`` (best wall time of the whole fit, diagnostics included; the
    exhaustive search's InferenceData is only built when the draws are read),
    ``compute_seconds`` (best wall time of the posterior computation alone),
    ``r_seconds`` (R's ``elapsed_s``, or None), ``speedup`` (r_seconds / seconds),
    ``compute_speedup``, ``estimate``, ``r_estimate`` and ``status``.

    Examples
    --------
    >>> benchmark_fit("CARE1_Congenital")["estimate"]  # doctest: +SKIP
    618.0
    """
    from .. import data

    h = data.load_benchmark(name).collapse_strata()
    ref = next(
        (m for m in data.benchmark_reference(name)["methods"] if m.get("anchor") == "dga" and "estimate" in m),
        None,
    )
    opts: dict[str, Any] = {"seed": 1}
    if reference_grid and ref is not None:
        opts.update(delta=ref["delta"], nmissing_max=ref["Nmissing_grid"][1])
    opts.update(options)
    spec = DGA(**opts)
    result = spec.fit(h)
    best = best_compute = math.inf
    for _ in range(max(1, repeat)):
        t0 = time.perf_counter()
        result = spec.fit(h)
        best = min(best, time.perf_counter() - t0)
        best_compute = min(best_compute, float(result.timings.get("compute_seconds", math.nan)))
    r_seconds = float(ref["elapsed_s"]) if ref is not None and "elapsed_s" in ref else None
    return {
        "dataset": name,
        "lists": h.k,
        "seconds": best,
        "compute_seconds": best_compute,
        "r_seconds": r_seconds,
        "speedup": r_seconds / best if r_seconds else None,
        "compute_speedup": r_seconds / best_compute if r_seconds else None,
        "estimate": result.estimate,
        "r_estimate": ref["posterior_median"] if ref is not None else None,
        "status": result.status.value,
    }
