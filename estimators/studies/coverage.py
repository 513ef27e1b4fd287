"""Coverage studies: simulate from a known N under a method's own model, count interval hits.

A method's interval can only be checked against the truth on simulated data.  This
module simulates capture histories from a known population size under the assumptions
of one model (independent lists, a log-linear model with given interactions, latent
classes, ...), fits a method to each replicate and records whether its interval covers
the true N.  It backs the validity tests (``tests/test_coverage.py``) and the validation
report.

* :func:`simulate_independent_lists`, :func:`simulate_loglinear` and
  :func:`simulate_latent_classes` draw one data set from a model with known parameters;
* :class:`Design` bundles a simulator with its parameters and the methods whose
  assumptions it satisfies; :data:`DESIGNS` holds the ready-made ones (see
  :func:`design`);
* :func:`coverage_study` runs ``replicates`` simulations and fits (one row each), one
  task each (:class:`CoverageTask`, :func:`run_coverage_task`) on any executor;
* :func:`coverage_summary` gives the coverage share with its Monte Carlo standard
  error and exact (Clopper-Pearson) binomial interval;
* :func:`report_studies` runs the studies of the validation report
  (:data:`REPORT_STUDIES`).

A replicate whose fit reports no interval (``not_converged``, ``mle_does_not_exist``,
...) counts as a miss in ``coverage``: a method cannot look calibrated by declining to
answer.  ``coverage_converged`` is the share among the replicates with an interval.

References
----------
Clopper, C. J. and Pearson, E. S. (1934). The use of confidence or fiducial limits
illustrated in the case of the binomial. *Biometrika* 26(4), 404-413.
Morris, T. P., White, I. R. and Crowther, M. J. (2019). Using simulation studies to
evaluate statistical methods. *Statistics in Medicine* 38(11), 2074-2102.
Fienberg, S. E. (1972). The multiple recapture census for closed populations and
incomplete 2^k contingency tables. *Biometrika* 59, 591-603.
Manrique-Vallier, D. (2016). Bayesian population size estimation using Dirichlet process
mixtures. *Biometrics* 72(4), 1246-1254.
"""

from __future__ import annotations

import math
import time
import warnings
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ..exceptions import RemovalsWarning
from ..executor import run_tasks
from ..histories import CaptureHistories
from ..loglinear.design import cell_patterns, design_matrix
from ..seeds import spawn_seeds

COLUMNS = (
    "method",
    "design",
    "replicate",
    "seed",
    "true_N",
    "observed",
    "estimate",
    "lower",
    "upper",
    "status",
    "covered",
    "seconds",
)


@dataclass(frozen=True)
class Simulation:
    """One simulated data set: the true population size and what the lists saw.

    Attributes
    ----------
    true_n : int
        The population size simulated (observed plus never caught).
    histories : CaptureHistories
        Counts of the observed capture patterns (the all-zero pattern is never seen).
    """

    true_n: int
    histories: CaptureHistories


def _lists(k: int) -> tuple[str, ...]:
    return tuple(f"L{j + 1}" for j in range(k))


def _from_cells(k: int, cell_counts: np.ndarray, true_n: int) -> Simulation:
    """Simulation from counts of the 2^k - 1 observable cells (canonical order)."""
    pats = cell_patterns(k)
    keep = cell_counts > 0
    h = CaptureHistories(lists=_lists(k), patterns=pats[keep], counts=cell_counts[keep].astype(np.int64))
    return Simulation(true_n=int(true_n), histories=h)


def _from_people(X: np.ndarray) -> Simulation:
    """Simulation from 0/1 capture rows of every person (the unobserved are dropped)."""
    seen = X[X.any(axis=1)]
    if seen.shape[0] == 0:
        raise ValueError("the simulated lists caught nobody; raise the capture probabilities or N")
    patterns, counts = np.unique(seen, axis=0, return_counts=True)
    h = CaptureHistories(lists=_lists(X.shape[1]), patterns=patterns, counts=counts)
    return Simulation(true_n=int(X.shape[0]), histories=h)


def _check_n(N: int) -> None:
    if not isinstance(N, (int, np.integer)) or isinstance(N, bool) or N < 1:
        raise ValueError(f"N must be a positive integer; got {N!r}")


def _check_probabilities(name: str, p: np.ndarray) -> None:
    if not (np.all(np.isfinite(p)) and np.all(p >= 0.0) and np.all(p <= 1.0)):
        raise ValueError(f"{name} must hold probabilities in [0, 1]; got {p.tolist()!r}")


def simulate_independent_lists(rng: np.random.Generator, *, N: int, capture: Sequence[float]) -> Simulation:
    """Each of ``N`` people is caught by list j with probability ``capture[j]``, independently.

    The assumptions of Rcapture's M_t, of the main-effects log-linear model and (with two
    lists) of the Lincoln-Petersen and Chapman estimators (Otis et al. 1978).

    Parameters
    ----------
    rng : numpy.random.Generator
        Source of randomness (seeded by the caller).
    N : int
        True population size, >= 1.
    capture : sequence of float, length k >= 2
        Capture probability of each list, in [0, 1].

    Returns
    -------
    Simulation
        ``true_n = N`` and the histories of the people caught at least once.

    Examples
    --------
    >>> s = simulate_independent_lists(np.random.default_rng(1), N=500, capture=[0.3, 0.4, 0.5])
    >>> s.true_n, s.histories.k
    (500, 3)
    """
    _check_n(N)
    p = np.asarray(capture, dtype=float)
    if p.ndim != 1 or p.size < 2:
        raise ValueError(f"capture must list one probability per list (at least 2); got {capture!r}")
    _check_probabilities("capture", p)
    return _from_people((rng.random((int(N), p.size)) < p).astype(np.int8))


def simulate_latent_classes(
    rng: np.random.Generator, *, N: int, capture: Sequence[Sequence[float]], weights: Sequence[float]
) -> Simulation:
    """Latent-class population: lists independent within each class (Manrique-Vallier 2016).

    Each of ``N`` people falls in class c with probability ``weights[c]``; within class c,
    list j catches them with probability ``capture[c][j]``, independently.  This is the
    model of ``lcm`` with finitely many occupied classes.

    Parameters
    ----------
    rng : numpy.random.Generator
        Source of randomness.
    N : int
        True population size, >= 1.
    capture : (classes, k) array-like of float
        Class-specific capture probabilities, in [0, 1].
    weights : sequence of float, length classes
        Class probabilities (normalised here; must be non-negative with a positive sum).

    Returns
    -------
    Simulation

    Examples
    --------
    >>> s = simulate_latent_classes(np.random.default_rng(1), N=1000,
    ...     capture=[[0.5, 0.5, 0.5], [0.1, 0.2, 0.1]], weights=[0.5, 0.5])
    >>> s.histories.k
    3
    """
    _check_n(N)
    p = np.asarray(capture, dtype=float)
    w = np.asarray(weights, dtype=float)
    if p.ndim != 2 or p.shape[1] < 2 or w.shape != (p.shape[0],):
        raise ValueError("capture must be a (classes, lists) array with lists >= 2 and weights one per class")
    _check_probabilities("capture", p)
    if not (np.all(w >= 0.0) and w.sum() > 0.0):
        raise ValueError(f"weights must be non-negative with a positive sum; got {w.tolist()!r}")
    cls = rng.choice(p.shape[0], size=int(N), p=w / w.sum())
    return _from_people((rng.random((int(N), p.shape[1])) < p[cls]).astype(np.int8))


def simulate_loglinear(
    rng: np.random.Generator,
    *,
    intercept: float,
    main: Sequence[float],
    interactions: Mapping[tuple[int, ...], float] | None = None,
    N: int | None = None,
) -> Simulation:
    """Counts of the full 2^k table from a log-linear model with known parameters (Fienberg 1972).

    log mu_h = intercept + sum_j main[j] x_hj + sum_t interactions[t] prod_{j in t} x_hj
    over all 2^k cells h, including the unobserved all-zero cell (whose log mean is the
    intercept).  With ``N=None`` the cells are independent Poisson(mu_h) and the true
    population size is their sum (the model of ``bayes-loglinear``); with ``N`` given,
    ``N`` people are spread over the cells multinomially with probabilities
    proportional to mu_h (the same model conditioned on N: ``loglinear``, ``dga``).

    Parameters
    ----------
    rng : numpy.random.Generator
        Source of randomness.
    intercept : float
        Log expected count of the all-zero cell (unused up to normalisation when ``N``
        is given).
    main : sequence of float, length k >= 2
        Main effect (log odds of capture at the other lists' zero level) of each list.
    interactions : mapping of tuple of int to float, optional
        Interaction terms, 0-based list indices (e.g. ``{(0, 1): 0.8}``), and their values.
    N : int, optional
        Fixed population size (multinomial); default: Poisson cells, random N.

    Returns
    -------
    Simulation

    Examples
    --------
    >>> s = simulate_loglinear(np.random.default_rng(2), intercept=5.0, main=[-1.0, -0.5, -1.0],
    ...     interactions={(0, 1): 0.7})
    >>> s.true_n >= s.histories.n
    True
    """
    b = np.asarray(main, dtype=float)
    if b.ndim != 1 or b.size < 2:
        raise ValueError(f"main must hold one effect per list (at least 2); got {main!r}")
    k = b.size
    terms = list((interactions or {}).keys())
    for t in terms:
        if len(t) < 2 or len(set(t)) != len(t) or not all(0 <= i < k for i in t):
            raise ValueError(f"interaction terms must be tuples of >= 2 distinct list indices in 0..{k - 1}; got {t!r}")
    values = np.array([float((interactions or {})[t]) for t in terms])
    pats = np.vstack([np.zeros((1, k), dtype=np.int8), cell_patterns(k)])
    X = design_matrix(pats, [tuple(sorted(t)) for t in terms])
    eta = X @ np.concatenate([[float(intercept)], b, values])
    if not np.all(np.isfinite(eta)):
        raise ValueError("the log-linear parameters must be finite")
    if N is None:
        cells = rng.poisson(np.exp(eta))
        return _from_cells(k, cells[1:], int(cells.sum()))
    _check_n(N)
    prob = np.exp(eta - eta.max())
    cells = rng.multinomial(int(N), prob / prob.sum())
    return _from_cells(k, cells[1:], int(N))


@dataclass(frozen=True, kw_only=True)
class Design:
    """A named simulation design: a simulator, its parameters and the methods it suits.

    Parameters
    ----------
    name : str
        Short identifier (used in tables).
    description : str
        The model simulated from, in words.
    simulator : callable
        ``simulator(rng, **parameters) -> Simulation``.
    parameters : mapping
        Keyword arguments of ``simulator``.
    methods : tuple of str
        Methods whose model assumptions this design satisfies.
    """

    name: str
    description: str
    simulator: Callable[..., Simulation]
    parameters: Mapping[str, Any] = field(default_factory=dict)
    methods: tuple[str, ...] = ()

    def simulate(self, rng: np.random.Generator) -> Simulation:
        """Draw one data set."""
        return self.simulator(rng, **self.parameters)


DESIGNS: dict[str, Design] = {
    d.name: d
    for d in (
        Design(
            name="two-lists-independent",
            description="N = 1,000; two independent lists with capture probabilities 0.3 and 0.4",
            simulator=simulate_independent_lists,
            parameters={"N": 1000, "capture": (0.3, 0.4)},
            methods=("chapman", "petersen"),
        ),
        Design(
            name="independent-lists",
            description="N = 1,000; four independent lists with capture probabilities 0.15, 0.2, 0.25, 0.3",
            simulator=simulate_independent_lists,
            parameters={"N": 1000, "capture": (0.15, 0.2, 0.25, 0.3)},
            methods=("Mt", "loglinear"),
        ),
        Design(
            name="loglinear-dependent-pair",
            description=(
                "N = 1,000 spread multinomially over the cells of the decomposable log-linear model "
                "[L1,L2][L3][L4]: L1 and L2 positively dependent (P(L1, L2) = 0.55, 0.1, 0.1, 0.25 for "
                "00, 01, 10, 11: odds ratio 13.75), L3 and L4 independent with capture probabilities 0.25, 0.3"
            ),
            simulator=simulate_loglinear,
            parameters={
                "intercept": 0.0,
                "main": (math.log(0.1 / 0.55), math.log(0.1 / 0.55), math.log(0.25 / 0.75), math.log(0.3 / 0.7)),
                "interactions": {(0, 1): math.log(0.55 * 0.25 / (0.1 * 0.1))},
                "N": 1000,
            },
            methods=("dga", "loglinear"),
        ),
        Design(
            name="loglinear-poisson-two-way",
            description=(
                "Independent Poisson cells of a 4-list log-linear model with every two-way interaction "
                "(exp(intercept) = 400 unobserved expected; main effects -0.9, -0.6, -1.1, -0.7; "
                "interactions L1:L2 0.6, L1:L3 -0.3, L1:L4 0, L2:L3 0.2, L2:L4 0.4, L3:L4 -0.2): "
                "E[N] ~ 1,700, the model of bayes-loglinear"
            ),
            simulator=simulate_loglinear,
            parameters={
                "intercept": math.log(400.0),
                "main": (-0.9, -0.6, -1.1, -0.7),
                "interactions": {(0, 1): 0.6, (0, 2): -0.3, (0, 3): 0.0, (1, 2): 0.2, (1, 3): 0.4, (2, 3): -0.2},
            },
            methods=("bayes-loglinear", "loglinear"),
        ),
        Design(
            name="two-latent-classes",
            description=(
                "N = 5,000 in two equal latent classes, six lists independent within a class: "
                "capture probabilities 0.6-0.7 in the first class and 0.25-0.35 in the second "
                "(about 300 people unobserved, nearly all from the second class)"
            ),
            simulator=simulate_latent_classes,
            parameters={
                "N": 5000,
                "capture": ((0.7, 0.6, 0.65, 0.7, 0.6, 0.65), (0.3, 0.25, 0.35, 0.3, 0.25, 0.35)),
                "weights": (0.5, 0.5),
            },
            methods=("lcm",),
        ),
    )
}


def design(name: str) -> Design:
    """The ready-made design called ``name`` (see :data:`DESIGNS`).

    Raises
    ------
    ValueError
        If no design has that name.
    """
    if name not in DESIGNS:
        raise ValueError(f"design must be one of {', '.join(DESIGNS)}; got {name!r}")
    return DESIGNS[name]


@dataclass(frozen=True)
class CoverageTask:
    """One replicate of a coverage study: simulate from ``design`` with ``seed``, fit ``method``.

    Any study of simulated data can run its replicates the same way: a frozen task
    carrying its seed, a module-level function of it (:func:`run_coverage_task`), and
    :func:`estimators.executor.run_tasks` to fan them out.
    """

    method: str
    design: Design
    replicate: int
    seed: int
    options: Mapping[str, Any] = field(default_factory=dict)


def run_coverage_task(task: CoverageTask) -> dict[str, Any]:
    """Simulate one data set and fit the method to it: one row of :func:`coverage_study`."""
    from ..methods import create

    sim = task.design.simulate(np.random.default_rng(task.seed))
    spec = create(task.method, seed=task.seed, **dict(task.options))
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RemovalsWarning)
        result = spec.fit(sim.histories, progress=False)
    seconds = time.perf_counter() - start
    has = bool(result.has_estimate and result.lower is not None and result.upper is not None)
    return {
        "method": task.method,
        "design": task.design.name,
        "replicate": task.replicate,
        "seed": task.seed,
        "true_N": sim.true_n,
        "observed": sim.histories.n,
        "estimate": float(result.estimate) if result.estimate is not None else float("nan"),
        "lower": float(result.lower) if has and result.lower is not None else float("nan"),
        "upper": float(result.upper) if has and result.upper is not None else float("nan"),
        "status": result.status.value,
        "covered": bool(has and result.lower is not None and result.upper is not None
                        and result.lower <= sim.true_n <= result.upper),
        "seconds": seconds,
    }


def coverage_tasks(
    method: str, design: Design | str, replicates: int = 50, seed: int = 0, **options: Any
) -> list[CoverageTask]:
    """The replicates of a coverage study as tasks (see :func:`coverage_study` for the arguments)."""
    from ..methods import get

    d = DESIGNS[design] if isinstance(design, str) and design in DESIGNS else design
    if not isinstance(d, Design):
        raise ValueError(f"design must be a Design or one of {', '.join(DESIGNS)}; got {design!r}")
    if not isinstance(replicates, int) or isinstance(replicates, bool) or replicates < 1:
        raise ValueError(f"replicates must be a positive integer; got {replicates!r}")
    get(method)  # unknown method: ValueError naming the choices
    return [CoverageTask(method, d, rep, s, dict(options)) for rep, s in enumerate(spawn_seeds(int(seed), replicates))]


def run_coverage_tasks(
    tasks: Sequence[CoverageTask], *, executor: Executor | None = None, progress: bool | None = None
) -> pd.DataFrame:
    """Run coverage tasks (on ``executor``) and return their rows in task order."""
    labels = [f"{t.method} on {t.design.name}, replicate {t.replicate}" for t in tasks]
    rows = run_tasks(run_coverage_task, tasks, executor=executor, labels=labels, progress=progress,
                     what="replicates")
    return pd.DataFrame(rows, columns=list(COLUMNS))


def coverage_study(
    method: str, design: Design | str, replicates: int = 50, seed: int = 0, *,
    executor: Executor | None = None, progress: bool | None = None, **options: Any
) -> pd.DataFrame:
    """Simulate ``replicates`` data sets from ``design``, fit ``method`` to each, record coverage.

    Replicate r uses the r-th of ``replicates`` seeds spawned from ``seed``
    (:func:`estimators.seeds.spawn_seeds`): that seed starts the simulation's generator and
    is passed to the method, so any row can be reproduced on its own, and the rows do
    not depend on where they ran.  Warnings raised by a fit (e.g.
    :class:`~estimators.exceptions.DiagnosticsWarning`) are not re-emitted: their outcome
    is the row's ``status``, and a replicate without an interval counts as a miss
    (``covered`` False).

    Parameters
    ----------
    method : str
        Registered method name (``"lcm"``, ``"Mt"``, ...).
    design : Design or str
        The design, or the name of one in :data:`DESIGNS`.
    replicates : int, default 50
        Number of simulated data sets, >= 1.
    seed : int, default 0
        Master seed of the study.
    executor : concurrent.futures.Executor, optional
        Where the replicates run (one task each; :mod:`estimators.executor`); default
        here, one after the other.  A design's simulator must then be a module-level
        function (it is pickled).
    progress : bool, optional
        Progress bar over replicates on stderr (default: when stderr is a terminal).
    **options
        Settings passed to the method (``level``, ``burnin``, ``model``, ...); ``seed`` is
        set per replicate.

    Returns
    -------
    pandas.DataFrame
        One row per replicate with columns ``method, design, replicate, seed, true_N,
        observed, estimate, lower, upper, status, covered, seconds`` (estimate and limits
        NaN when the fit gave no number; ``seconds`` is the wall time of the fit, the
        only column that differs from run to run).

    Raises
    ------
    ValueError
        For an unknown method or design, or ``replicates`` < 1.

    Examples
    --------
    >>> table = coverage_study("Mt", "independent-lists", replicates=5, seed=1)
    >>> list(table.columns[:4])
    ['method', 'design', 'replicate', 'seed']
    >>> bool(table["covered"].mean() > 0.5)
    True
    """
    return run_coverage_tasks(coverage_tasks(method, design, replicates, seed, **options), executor=executor,
                              progress=progress)


def _clopper_pearson(hits: int, n: int, level: float) -> tuple[float, float]:
    from scipy import stats

    a = 1.0 - level
    lo = 0.0 if hits == 0 else float(stats.beta.ppf(a / 2.0, hits, n - hits + 1))
    hi = 1.0 if hits == n else float(stats.beta.ppf(1.0 - a / 2.0, hits + 1, n - hits))
    return lo, hi


def coverage_summary(table: pd.DataFrame, level: float = 0.95) -> pd.DataFrame:
    """Coverage of a :func:`coverage_study` table, with its Monte Carlo uncertainty.

    Parameters
    ----------
    table : pandas.DataFrame
        Output of :func:`coverage_study` (several studies may be concatenated: one
        summary row per method and design).
    level : float, default 0.95
        Level of the exact binomial interval of the coverage (not the level of the
        method's intervals).

    Returns
    -------
    pandas.DataFrame
        One row per (method, design): ``replicates``, ``with_interval`` (replicates whose
        fit gave an interval), ``converged_share`` (their share), ``hits``, ``coverage``
        (hits / replicates: no interval counts as a miss), ``coverage_converged`` (hits /
        with_interval), ``mc_se`` (binomial Monte Carlo standard error of ``coverage``,
        sqrt(c(1-c)/R); Morris et al. 2019), ``ci_lower``, ``ci_upper`` (Clopper-Pearson
        interval of ``coverage``), ``mean_width`` (mean interval width), ``median_seconds``.

    Examples
    --------
    >>> s = coverage_summary(coverage_study("chapman", "two-lists-independent", replicates=20, seed=3))
    >>> int(s.loc[0, "replicates"])
    20
    """
    if not 0.0 < level < 1.0:
        raise ValueError(f"level must be strictly between 0 and 1; got {level!r}")
    missing = {"method", "design", "covered", "lower", "upper"} - set(table.columns)
    if missing:
        raise ValueError(f"table must come from coverage_study; missing columns {sorted(missing)}")
    out = []
    for (method, name), g in table.groupby(["method", "design"], sort=False):
        r = len(g)
        hits = int(g["covered"].sum())
        answered = int(g["lower"].notna().sum())
        c = hits / r
        lo, hi = _clopper_pearson(hits, r, level)
        out.append(
            {
                "method": method,
                "design": name,
                "replicates": r,
                "with_interval": answered,
                "converged_share": answered / r,
                "hits": hits,
                "coverage": c,
                "coverage_converged": hits / answered if answered else float("nan"),
                "mc_se": math.sqrt(c * (1.0 - c) / r),
                "ci_lower": lo,
                "ci_upper": hi,
                "mean_width": float((g["upper"] - g["lower"]).mean()) if answered else float("nan"),
                "median_seconds": float(g["seconds"].median()) if "seconds" in g else float("nan"),
            }
        )
    return pd.DataFrame(out)


#: The studies of the validation report: (method, design, replicates, method options).
#: Each method on a design that satisfies its own assumptions; replicate counts keep the
#: whole set to about a minute on a 2-core machine (the tests run the same designs).
REPORT_STUDIES: tuple[tuple[str, str, int, Mapping[str, Any]], ...] = (
    ("chapman", "two-lists-independent", 200, {}),
    ("Mt", "independent-lists", 200, {}),
    ("loglinear", "loglinear-dependent-pair", 200, {"model": "L1:L2"}),
    ("dga", "loglinear-dependent-pair", 50, {}),
    ("bayes-loglinear", "loglinear-poisson-two-way", 50, {}),
    ("lcm", "two-latent-classes", 20, {"burnin": 2000, "draws": 1000, "thin": 5, "max_iterations": 40_000}),
)


def report_studies(
    seed: int = 0, replicates: int | None = None, *, executor: Executor | None = None, progress: bool | None = None
) -> pd.DataFrame:
    """Run every study of :data:`REPORT_STUDIES`; one row per replicate, all studies stacked.

    Parameters
    ----------
    seed : int, default 0
        Master seed; study i uses the i-th seed spawned from it.
    replicates : int, optional
        Replicates per study, overriding the counts of :data:`REPORT_STUDIES` (e.g. 5 for
        a quick draft).
    executor : concurrent.futures.Executor, optional
        Where the replicates of all studies run (one task each); default here.
    progress : bool, optional
        Progress bar over replicates (default: when stderr is a terminal).

    Returns
    -------
    pandas.DataFrame
        The :func:`coverage_study` tables concatenated; summarise with
        :func:`coverage_summary` (one row per method and design).
    """
    seeds = spawn_seeds(int(seed), len(REPORT_STUDIES))
    tasks = [
        task
        for (method, name, count, options), s in zip(REPORT_STUDIES, seeds, strict=True)
        for task in coverage_tasks(method, name, replicates if replicates is not None else count, s, **dict(options))
    ]
    return run_coverage_tasks(tasks, executor=executor, progress=progress)
