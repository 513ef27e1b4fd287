"""Every applicable method side by side on one set of capture histories (``removals compare``).

For each method: the estimate, interval and status, its diagnostics (R-hat and ESS of N
for samplers, the model for log-linear fits), the assumption it rests on in plain words
(the spec's ``assumption``), its internal-consistency error on this file
(:mod:`.consistency`) and how it moves when one list is dropped
(:func:`.sensitivity.drop_one_list`).  When methods of different families give intervals
that do not overlap, the comparison says so and what it means.  It never averages across
families into one number: the spread between families is model uncertainty that no
single interval shows, and the choice between them is a judgement about how the lists
were made (DOMAIN practice: HRDAG, OHCHR; Binette & Steorts 2021).

References
----------
Binette, O. and Steorts, R. C. (2021). On the reliability of multiple systems estimation
for the quantification of modern slavery. arXiv:2112.01594.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from .._format import number
from ..base import Estimator
from ..executor import run_tasks
from ..histories import CaptureHistories
from ..methods import available, create, get
from ..results import EstimateResult, PosteriorFit
from .consistency import DEFAULT_MIN_OBSERVED, ConsistencyCheck, internal_consistency
from .sensitivity import DROP_ONE_COLUMNS, compare_methods, drop_one_list

#: Family of each method: methods in one family rest on the same kind of assumption.
#: A method not named here (e.g. one catalogued later) is its own family.
FAMILIES: Mapping[str, str] = MappingProxyType({
    "M0": "independence", "Mt": "independence", "petersen": "independence", "chapman": "independence",
    "chao": "lower bound", "Mh-chao": "lower bound", "Mth-chao": "lower bound",
    **{f"{base}-{form}": "parametric heterogeneity"
       for base in ("Mh", "Mth") for form in ("poisson2", "darroch", "gamma3.5")},
    "loglinear": "log-linear", "recommended": "log-linear",
    "bayes-loglinear": "Bayesian log-linear",
    "dga": "graphical models",
    "lcm": "latent classes",
    "two-source": "two-list prior",
})
#: What each family assumes, in plain words (for the disagreement messages).
FAMILY_WORDS: Mapping[str, str] = MappingProxyType({
    "independence": "the lists are independent and everyone is equally easy to find",
    "lower bound": "people differ in how easy they are to find; the answer is a lower limit",
    "parametric heterogeneity": "people differ in how easy they are to find, in one assumed pattern",
    "log-linear": "the dependence between lists is what the chosen log-linear interactions describe",
    "Bayesian log-linear": "every pair of lists may be dependent, shrunk towards independence",
    "graphical models": "lists are dependent in groups, averaged over graphs",
    "latent classes": "people fall into hidden groups within which lists are independent",
    "two-list prior": "the two lists' dependence is what the stated prior says",
})
#: Families whose estimate is a lower limit for N: an answer above their interval does
#: not contradict them, so their interval is treated as open above when comparing.
LOWER_BOUND_FAMILIES = frozenset({"lower bound"})

#: Settings of the sampling methods under each budget (``"full"``: the methods' own
#: defaults, as ``removals estimate``).  Every other method runs with its defaults.
#:
#: ``standard`` keeps each sampler's default run but caps how far it is extended when its
#: chains disagree (``lcm`` to 120,000 sweeps per chain instead of 1,000,000), and starts
#: ``dga``'s MC³ (used from six lists on) at 5,000 kept iterations after 2,000 of burn-in,
#: doubled at most to 40,000 (defaults 20,000 / 5,000 / 320,000: on NewOrl's 8 lists and
#: four of its 7-list subsets this converged, with estimates within 4% of the defaults',
#: at 40% of the cost).  ``compare`` fits every method 2k + 1 times, so this is what keeps
#: it to minutes (``bench/bench_compare.py``); a sampler that needs more says
#: ``not_converged``.
#:
#: ``fast`` is for tests and a first look: short runs, no extension (samplers often
#: report ``not_converged``), and a stepwise log-linear search from six lists on.
BUDGETS: Mapping[str, Mapping[str, Mapping[str, Any]]] = MappingProxyType({
    "fast": {
        "loglinear": {"max_exhaustive_lists": 5},
        "lcm": {"burnin": 2000, "draws": 1000, "thin": 5, "extend": False},
        "dga": {"draws": 500, "mc3_iterations": 4000, "mc3_max_iterations": 8000, "mc3_burnin": 1000},
        "bayes-loglinear": {"draws": 300, "burnin": 300, "chains": 2},
        "two-source": {"draws": 500},
    },
    "standard": {
        "lcm": {"max_iterations": 120_000},
        "dga": {"mc3_iterations": 5000, "mc3_max_iterations": 40_000, "mc3_burnin": 2000},
    },
    "full": {},
})

#: Columns of :meth:`Comparison.summary`, in order (stable: the CLI's JSON and the
#: analysis report read them by name).
SUMMARY_COLUMNS = (
    "method", "family", "observed", "estimate", "lower", "upper", "level", "status", "model",
    "r_hat", "ess_bulk", "ess_tail", "divergences",
    "consistency_lists", "consistency_relative_bias", "consistency_min_relative_bias",
    "consistency_max_relative_bias", "consistency_coverage", "consistency_note",
    "drop_one_fits", "drop_one_low", "drop_one_high", "drop_one_most_influential", "drop_one_largest_change",
    "drop_one_note", "assumption", "notes",
)
#: Columns of :attr:`Comparison.disagreements`.
DISAGREEMENT_COLUMNS = (
    "family_a", "method_a", "lower_a", "upper_a", "family_b", "method_b", "lower_b", "upper_b",
)


def family_of(method: str) -> str:
    """The family of a catalogued method (its own name when it is in no family)."""
    return FAMILIES.get(method, method)


def applicable_methods(k: int) -> list[str]:
    """Every catalogued method that takes ``k`` lists, in catalogue order."""
    return [m.name for m in available() if m.min_lists <= k and (m.max_lists is None or k <= m.max_lists)]


def method_specs(
    k: int,
    *,
    methods: Sequence[str] | None = None,
    exclude: Iterable[str] = (),
    budget: str = "standard",
    options: Mapping[str, Mapping[str, Any]] | None = None,
    level: float = 0.95,
    seed: int,
) -> dict[str, Estimator]:
    """The specs ``compare`` fits: name -> spec with the budget's settings, then ``options``.

    Parameters
    ----------
    k : number of lists.
    methods : names to fit (default: every catalogued method that takes k lists).
    exclude : names to leave out.
    budget : ``"fast"``, ``"standard"`` or ``"full"`` (:data:`BUDGETS`).
    options : method name -> settings that override the budget's, e.g.
        ``{"lcm": {"K": 20}}``.
    level, seed : given to every spec.

    Raises
    ------
    SettingsError
        Unknown method, budget or option (from :func:`estimators.methods.create`).
    """
    from ..exceptions import SettingsError

    if budget not in BUDGETS:
        raise SettingsError(f"budget must be one of {', '.join(BUDGETS)}; got {budget!r}")
    names = [get(m).name for m in methods] if methods is not None else applicable_methods(k)
    excluded = {get(m).name for m in exclude}
    names = [m for m in dict.fromkeys(names) if m not in excluded]
    if not names:
        raise SettingsError("no method left to compare (check --method / --exclude and the number of lists)")
    options = dict(options or {})
    for name in options:
        canonical = get(name).name
        if canonical not in names:
            raise SettingsError(f"options given for {canonical!r}, which is not among the methods compared")
    by_canonical = {get(name).name: dict(value) for name, value in options.items()}
    for name, value in by_canonical.items():
        if {"level", "seed"} & set(value):
            raise SettingsError(f"options for {name!r}: level and seed apply to every method; give them to compare")
    specs = {}
    for name in names:
        accepted = get(name).options  # tests/test_compare.py checks every budget key is one of them
        budgeted = {key: value for key, value in BUDGETS[budget].get(name, {}).items() if key in accepted}
        settings: dict[str, Any] = {**budgeted, **by_canonical.get(name, {})}
        if "progress" in accepted:
            settings.setdefault("progress", False)
        specs[name] = create(name, level=level, seed=seed, **settings)
    return specs


def _diagnostics(r: EstimateResult) -> dict[str, Any]:
    fit = r.part(PosteriorFit)
    row = fit.diagnostics_of("N") if fit is not None else None
    if row is None:
        return {"r_hat": None, "ess_bulk": None, "ess_tail": None, "divergences": None}
    return {key: row.get(key) for key in ("r_hat", "ess_bulk", "ess_tail", "divergences")}


def _drop_one_summary(table: pd.DataFrame | None, full: EstimateResult) -> dict[str, Any]:
    out: dict[str, Any] = {"drop_one_fits": 0, "drop_one_low": None, "drop_one_high": None,
                           "drop_one_most_influential": None, "drop_one_largest_change": None,
                           "drop_one_note": "not run"}
    if table is None:
        return out
    dropped = table[table["dropped"].notna()]
    est = pd.to_numeric(dropped["estimate"], errors="coerce")
    ok = est.notna().to_numpy()
    out["drop_one_fits"] = int(ok.sum())
    statuses = dict.fromkeys(str(s) for s in dropped["status"][~ok])
    out["drop_one_note"] = "" if ok.all() else (
        f"no estimate with {int((~ok).sum())} of {len(dropped)} lists left out ({', '.join(statuses)})")
    if not ok.any():
        return out
    values = est[ok].to_numpy(dtype=float)
    out["drop_one_low"], out["drop_one_high"] = float(values.min()), float(values.max())
    if full.estimate is not None and full.estimate > 0:
        change = values / full.estimate - 1.0
        i = int(np.argmax(np.abs(change)))
        out["drop_one_most_influential"] = str(dropped["dropped"].to_numpy()[ok][i])
        out["drop_one_largest_change"] = float(change[i])
    return out


def _interval(row: Mapping[Any, Any]) -> tuple[float, float] | None:
    """The row's interval for the disagreement check (open above for lower limits)."""
    lower = row["lower"]
    if lower is None or pd.isna(lower):
        return None
    upper = row["upper"]
    if upper is None or pd.isna(upper) or row["family"] in LOWER_BOUND_FAMILIES:
        upper = math.inf
    return float(lower), float(upper)


def find_disagreements(table: pd.DataFrame) -> pd.DataFrame:
    """Pairs of methods of different families whose intervals do not overlap.

    Parameters
    ----------
    table : DataFrame with ``method, family, lower, upper`` (e.g. :meth:`Comparison.summary`).
        A method without an interval takes no part; the interval of a lower-bound family
        (:data:`LOWER_BOUND_FAMILIES`) and one without an upper end are open above.

    Returns
    -------
    DataFrame, columns :data:`DISAGREEMENT_COLUMNS`, one row per disagreeing pair (in
    the table's order; ``upper`` NaN when open above).
    """
    rows = table.to_dict(orient="records")
    rank = {f: i for i, f in enumerate(dict.fromkeys(table["family"]))}  # families in order of first appearance
    out = []
    for i, first in enumerate(rows):
        for second in rows[i + 1:]:
            a, b = (first, second) if rank[first["family"]] <= rank[second["family"]] else (second, first)
            ia, ib = _interval(a), _interval(b)
            if ia is None or ib is None or a["family"] == b["family"]:
                continue
            if ia[1] < ib[0] or ib[1] < ia[0]:
                out.append({
                    "family_a": a["family"], "method_a": a["method"], "lower_a": ia[0],
                    "upper_a": ia[1] if math.isfinite(ia[1]) else math.nan,
                    "family_b": b["family"], "method_b": b["method"], "lower_b": ib[0],
                    "upper_b": ib[1] if math.isfinite(ib[1]) else math.nan,
                })
    return pd.DataFrame(out, columns=list(DISAGREEMENT_COLUMNS))


def _span(lower: float, upper: float) -> str:
    return f"{number(lower)} to {number(upper)}" if math.isfinite(upper) and not pd.isna(upper) else \
        f"at least {number(lower)}"


def disagreement_messages(disagreements: pd.DataFrame) -> list[str]:
    """Plain words for each pair of families whose intervals do not overlap."""
    if disagreements.empty:
        return []
    out = []
    pairs = disagreements.groupby(["family_a", "family_b"], sort=False)
    for (fa, fb), rows in pairs:
        first = rows.iloc[0]
        ma = ", ".join(dict.fromkeys(rows["method_a"]))
        mb = ", ".join(dict.fromkeys(rows["method_b"]))
        out.append(
            f"The {fa} family ({ma}) and the {fb} family ({mb}) disagree beyond their intervals "
            f"(e.g. {first['method_a']} {_span(first['lower_a'], first['upper_a'])}, "
            f"{first['method_b']} {_span(first['lower_b'], first['upper_b'])}). "
            f"They cannot both be right: at least one of their assumptions fails on these lists "
            f"({fa}: {FAMILY_WORDS.get(str(fa), 'see its assumption')}; "
            f"{fb}: {FAMILY_WORDS.get(str(fb), 'see its assumption')})."
        )
    out.append(
        "Each interval shows only the uncertainty within its own model; the gap between families is uncertainty "
        "that no single interval shows. Do not average the families into one number: decide which assumption fits "
        "how these lists were made, and use the internal-consistency check and the drop-one-list sensitivity below "
        "as evidence."
    )
    return out


def consistency_messages(summary: pd.DataFrame, k: int) -> list[str]:
    """Plain words on the internal-consistency check (which methods came closest, which could not be checked)."""
    if summary.empty:
        return []
    out = [
        "Internal consistency: the people on each list are a group of known size; each method estimated that "
        "size from the other lists alone (Binette & Steorts 2021). A method that misses these known sizes on "
        "this file's own lists is likely to miss the total too; one that hits them is not thereby proven right "
        f"(the check uses {k - 1} lists, on people a list selected)."
    ]
    done = summary[summary["lists_with_estimate"] > 0].copy()
    if not done.empty:
        done["abs"] = done["relative_bias"].abs()
        done = done.sort_values("abs", kind="stable")
        parts = [
            f"{r.method} {r.relative_bias:+.0%} (over {r.lists_with_estimate} list"
            f"{'s' if r.lists_with_estimate != 1 else ''})"
            for r in done.itertuples(index=False)
        ]
        out.append("Average error on the known sizes, closest first: " + "; ".join(parts) + ".")
        bounds = [m for m in done["method"] if family_of(str(m)) in LOWER_BOUND_FAMILIES]
        if bounds:
            verb = "gives a lower limit, so it is" if len(bounds) == 1 else "give lower limits, so they are"
            out.append(f"{', '.join(bounds)} {verb} expected to fall below the known sizes.")
    cannot = summary[summary["lists_checked"] == 0]
    for reason, rows in cannot.groupby("note", sort=False):
        out.append(f"Not checked: {', '.join(rows['method'])} ({str(reason).removeprefix('cannot be checked: ')}).")
    return out


def drop_one_messages(table: pd.DataFrame, k: int) -> list[str]:
    """Plain words on the drop-one-list sensitivity (the largest moves; methods with no estimate)."""
    moved = table[table["drop_one_largest_change"].notna()].copy()
    out = []
    if not moved.empty:
        moved["abs"] = moved["drop_one_largest_change"].abs()
        moved = moved.sort_values("abs", ascending=False, kind="stable").head(3)
        parts = [f"{r.method} (without {r.drop_one_most_influential}: {r.drop_one_largest_change:+.0%})"
                 for r in moved.itertuples(index=False)]
        out.append(
            "Drop one list: the people are the same, only the evidence changes, so an estimate that moves far when "
            "one list is left out rests heavily on that list or on its dependence with the others. Largest moves: "
            + "; ".join(parts) + ".")
    none = table[(table["drop_one_fits"] == 0) & (table["drop_one_note"] != "not run")]
    if not none.empty:
        out.append(f"No estimate with any list left out ({k - 1} lists remain): {', '.join(none['method'])}.")
    return out


@dataclass(frozen=True, eq=False)
class Comparison:
    """Every applicable method on one set of capture histories: the output of :func:`compare`.

    Attributes
    ----------
    lists, observed, level, seed, budget : the data's lists, people observed, interval
        level, seed of every fit, and the budget of the samplers.
    table : DataFrame, columns :data:`SUMMARY_COLUMNS` (see :meth:`summary`).
    consistency : ConsistencyCheck or None
        Per method and reference list (``consistency.table``) and per method
        (``consistency.summary``); None when not run (fewer than 3 lists, or turned off).
    drop_one : DataFrame or None
        One row per method and list left out (``method`` then :data:`DROP_ONE_COLUMNS`),
        the first row of each method with all lists; None when not run.
    disagreements : DataFrame, columns :data:`DISAGREEMENT_COLUMNS`
        Pairs of methods of different families whose intervals do not overlap.
    messages : tuple of str
        What the comparison means, in plain words.
    results : mapping method -> EstimateResult
        The fits with all lists (Bayesian ones keep their draws).
    settings : mapping method -> dict
        The settings each method was fitted with (budget and options applied).
    seconds : mapping step -> float
        Wall-clock seconds (``fit:NAME``, ``consistency:NAME``, ``drop_one:NAME``, ``total``);
        differs from run to run, so it is not in :meth:`to_dict`.
    """

    lists: tuple[str, ...]
    observed: int
    level: float
    seed: int
    budget: str
    table: pd.DataFrame
    consistency: ConsistencyCheck | None
    drop_one: pd.DataFrame | None
    disagreements: pd.DataFrame
    messages: tuple[str, ...]
    results: Mapping[str, EstimateResult]
    settings: Mapping[str, Mapping[str, Any]]
    seconds: Mapping[str, float] = field(default_factory=dict, compare=False)

    @property
    def families_disagree(self) -> bool:
        """True when two methods of different families give non-overlapping intervals."""
        return not self.disagreements.empty

    @property
    def has_estimate(self) -> bool:
        """True when at least one method gives an estimate."""
        return any(r.has_estimate for r in self.results.values())

    def summary(self) -> pd.DataFrame:
        """One row per method, columns :data:`SUMMARY_COLUMNS` (numbers stay numbers; NaN when absent).

        ``estimate, lower, upper, level, status, model``: the fit with all lists;
        ``r_hat, ess_bulk, ess_tail, divergences``: diagnostics of N (samplers only);
        ``consistency_*``: the internal-consistency check (``relative_bias`` =
        exp(mean log(N-hat_j / n_j)) - 1 over the reference lists with an estimate,
        ``coverage`` the share of their intervals holding n_j, ``note`` what could not
        be checked); ``drop_one_*``: estimates with one list left out (how many gave one,
        lowest, highest, the list whose removal moves the estimate most and by what
        relative change); ``assumption`` in plain words; ``notes`` the result's messages.
        """
        return self.table.copy()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (NaN as None); the same inputs and seed give the same dict."""

        def rows(frame: pd.DataFrame | None) -> list[dict[str, Any]] | None:
            if frame is None:
                return None
            return [_clean(r) for r in frame.to_dict(orient="records")]

        return _clean({
            "command": "compare",
            "lists": list(self.lists),
            "observed": self.observed,
            "level": self.level,
            "seed": self.seed,
            "budget": self.budget,
            "families_disagree": self.families_disagree,
            "messages": list(self.messages),
            "methods": rows(self.table),
            "disagreements": rows(self.disagreements),
            "consistency": None if self.consistency is None else {
                "summary": rows(self.consistency.summary), "by_list": rows(self.consistency.table)},
            "drop_one": rows(self.drop_one),
            "settings": {k: dict(v) for k, v in self.settings.items()},
            "results": {name: r.to_dict() for name, r in self.results.items()},
        })


def _missing(v: Any) -> bool:
    if v is None or v is pd.NA:
        return True
    return isinstance(v, (float, np.floating)) and not math.isfinite(float(v))


def _clean(value: Any) -> Any:
    """JSON-safe copy: numpy scalars to Python, NaN / NA to None, tuples to lists."""
    if isinstance(value, Mapping):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    if _missing(value):
        return None
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    return value


def _row(name: str, r: EstimateResult, spec: Estimator) -> dict[str, Any]:
    return {
        "method": name, "family": family_of(name), "observed": r.observed, "estimate": r.estimate,
        "lower": r.lower, "upper": r.upper, "level": r.level, "status": r.status.value, "model": r.model,
        **_diagnostics(r), "assumption": spec.assumption or f"(not stated) {spec.summary}",
        "notes": "; ".join(r.messages),
    }


@dataclass(frozen=True)
class _MethodTask:
    """One method's work in a comparison, sent to a worker: its fit, consistency check and drop-one refits."""

    name: str
    spec: Estimator
    histories: CaptureHistories
    seed: int
    consistency: bool
    drop_one: bool
    min_observed: int


@dataclass(frozen=True)
class _MethodWork:
    result: EstimateResult
    seconds: dict[str, float]
    check: ConsistencyCheck | None
    drops: pd.DataFrame | None


def _method_work(task: _MethodTask) -> _MethodWork:
    """Fit one method, then (when asked) its internal-consistency check and drop-one refits (a task)."""
    name, spec, h = task.name, task.spec, task.histories
    fitted = compare_methods(h, {name: spec}, seed=task.seed)
    result = fitted.results[name]
    seconds = {f"fit:{name}": fitted.seconds[name]}
    check = None
    if task.consistency:
        t = time.perf_counter()
        check = internal_consistency(h, {name: spec}, min_observed=task.min_observed)
        seconds[f"consistency:{name}"] = time.perf_counter() - t
    drops = None
    if task.drop_one:
        t = time.perf_counter()
        drops = drop_one_list(h, spec, seed=task.seed, all_lists=result)
        seconds[f"drop_one:{name}"] = time.perf_counter() - t
    return _MethodWork(result, seconds, check, drops)


def compare(
    histories: CaptureHistories,
    *,
    seed: int,
    methods: Sequence[str] | None = None,
    exclude: Iterable[str] = (),
    budget: str = "standard",
    options: Mapping[str, Mapping[str, Any]] | None = None,
    level: float = 0.95,
    consistency: bool = True,
    drop_one: bool = True,
    min_observed: int = DEFAULT_MIN_OBSERVED,
    progress: Callable[[str], None] | None = None,
    executor: Executor | None = None,
) -> Comparison:
    """Fit every applicable method to ``histories`` and compare them (``removals compare``).

    Parameters
    ----------
    histories : CaptureHistories
        k >= 2 lists.  Stratified histories are pooled (one comparison of the total);
        ``removals estimate --strata`` gives per-stratum estimates.
    seed : int
        Seed of every fit (the same seed and data give the same comparison).
    methods : sequence of str, optional
        Method names (default: every catalogued method that takes k lists).  A named
        method that cannot take k lists is listed with status ``insufficient_data``.
    exclude : iterable of str
        Method names to leave out.
    budget : {"standard", "fast", "full"}, default "standard"
        Settings of the sampling methods (:data:`BUDGETS`); "full" uses the methods' own
        defaults, as ``removals estimate`` does.
    options : mapping method -> settings, optional
        Settings that override the budget's, e.g. ``{"lcm": {"K": 20}}``.
    level : float, default 0.95
        Interval level of every method.
    consistency : bool, default True
        Run the internal-consistency check (:func:`.consistency.internal_consistency`;
        needs k >= 3).
    drop_one : bool, default True
        Refit every method with each list left out (needs k >= 3).
    min_observed : int, default 30
        Internal consistency uses a list as reference only when at least this many of
        its people are on another list.
    progress : callable, optional
        Called with a short text before each method's work (the CLI prints it on a
        terminal); with an ``executor``, a progress bar over the methods is drawn instead
        when stderr is a terminal.
    executor : concurrent.futures.Executor, optional
        Where the methods run (:func:`estimators.executor.run_tasks`): one task per method
        (its fit, consistency check and drop-one refits).  Every fit has its own seed, so
        the comparison is the same whatever the executor.  Default: here, in turn.

    Returns
    -------
    Comparison

    Raises
    ------
    SettingsError
        Unknown method, budget or option.

    Examples
    --------
    >>> from estimators import data
    >>> h = data.load_benchmark("CARE1_HAV")
    >>> c = compare(h, seed=1, methods=["Mt", "Mth-chao", "loglinear"], budget="fast")
    >>> list(c.summary()["method"])
    ['Mt', 'Mth-chao', 'loglinear']
    """
    start = time.perf_counter()
    say = progress or (lambda _text: None)
    h = histories.collapse_strata() if histories.is_stratified else histories
    specs = method_specs(h.k, methods=methods, exclude=exclude, budget=budget, options=options, level=level,
                         seed=seed)
    run_consistency, run_drop_one = consistency and h.k >= 3, drop_one and h.k >= 3
    tasks = [_MethodTask(name, spec, h, seed, run_consistency, run_drop_one, min_observed)
             for name, spec in specs.items()]
    if executor is None:
        works = []
        for task in tasks:
            say(f"{task.name}: fit" + (", internal consistency" if run_consistency else "")
                + (", drop one list" if run_drop_one else ""))
            works.append(_method_work(task))
    else:
        works = run_tasks(_method_work, tasks, executor=executor, labels=[f"method {t.name}" for t in tasks],
                          progress=None if progress is not None else False, what="methods")
    seconds: dict[str, float] = {}
    results: dict[str, EstimateResult] = {}
    for task, work in zip(tasks, works, strict=True):
        results[task.name] = work.result
        seconds.update(work.seconds)
    rows = {name: _row(name, results[name], spec) for name, spec in specs.items()}
    messages: list[str] = []
    if histories.is_stratified:
        messages.append(f"Strata pooled ({', '.join(histories.strata_columns)}): this compares methods on the total; "
                        "'removals estimate --strata' gives per-stratum estimates.")

    check: ConsistencyCheck | None = None
    if run_consistency:
        parts = [w.check for w in works if w.check is not None]
        check = ConsistencyCheck(table=pd.concat([p.table for p in parts], ignore_index=True),
                                 summary=pd.concat([p.summary for p in parts], ignore_index=True))
    elif consistency:
        messages.append("Internal consistency needs at least 3 lists (one held out as the reference).")
    by_method = {} if check is None else {r["method"]: r for r in check.summary.to_dict(orient="records")}
    for name, row in rows.items():
        c = by_method.get(name)
        row.update(
            consistency_lists=None if c is None else c["lists_with_estimate"],
            consistency_relative_bias=None if c is None else c["relative_bias"],
            consistency_min_relative_bias=None if c is None else c["min_relative_bias"],
            consistency_max_relative_bias=None if c is None else c["max_relative_bias"],
            consistency_coverage=None if c is None else c["coverage"],
            consistency_note="not run" if c is None else c["note"],
        )

    drops: pd.DataFrame | None = None
    if run_drop_one:
        frames = []
        for task, work in zip(tasks, works, strict=True):
            table = work.drops
            assert table is not None  # run_drop_one
            rows[task.name].update(_drop_one_summary(table, results[task.name]))
            frames.append(table.assign(method=task.name)[["method", *DROP_ONE_COLUMNS]])
        drops = pd.concat(frames, ignore_index=True)
        drops["dropped"] = drops["dropped"].astype(object).where(drops["dropped"].notna(), None)
    else:
        for name in rows:
            rows[name].update(_drop_one_summary(None, results[name]))
        if drop_one:
            messages.append("Drop-one-list sensitivity needs at least 3 lists.")

    table = pd.DataFrame(list(rows.values()), columns=list(SUMMARY_COLUMNS))
    for col in ("estimate", "lower", "upper", "r_hat", "ess_bulk", "ess_tail", "consistency_relative_bias",
                "consistency_min_relative_bias", "consistency_max_relative_bias", "consistency_coverage",
                "drop_one_low", "drop_one_high", "drop_one_largest_change"):
        table[col] = pd.to_numeric(table[col], errors="coerce").astype(float)
    for col in ("divergences", "consistency_lists"):
        table[col] = pd.array([r[col] for r in rows.values()], dtype="Int64")
    disagreements = find_disagreements(table)
    with_estimate = [n for n, r in results.items() if r.has_estimate]
    families = dict.fromkeys(family_of(n) for n in with_estimate)
    messages.insert(0, (
        f"{len(with_estimate)} of {len(results)} methods give an estimate, in {len(families)} "
        f"famil{'y' if len(families) == 1 else 'ies'}; {h.n:,} people are on at least one list (a documented "
        "minimum). The methods are not averaged: each answer holds only under its own assumption."
    ))
    if h.k == 2:
        messages.insert(1, "With two lists the dependence between them cannot be measured: every answer here rests on "
                           "an assumption about it (independence, or a stated prior) that the data cannot check.")
    if disagreements.empty and len(families) > 1:
        messages.append("The intervals of every family overlap: the assumptions compared here do not lead to "
                        "different answers on these lists (which does not prove that any of them holds).")
    messages += disagreement_messages(disagreements)
    od_message = overdispersion_message(h, "recommended" in results)
    if od_message is not None:
        messages.append(od_message)
    if check is not None:
        messages += consistency_messages(check.summary, h.k)
    if drops is not None:
        messages += drop_one_messages(table, h.k)
    seconds["total"] = time.perf_counter() - start
    return Comparison(
        lists=h.lists, observed=h.n, level=level, seed=seed, budget=budget, table=table, consistency=check,
        drop_one=drops, disagreements=disagreements, messages=tuple(messages), results=MappingProxyType(results),
        settings=MappingProxyType({n: _settings(s) for n, s in specs.items()}), seconds=MappingProxyType(seconds),
    )


def overdispersion_message(histories: CaptureHistories, with_recommended: bool = False) -> str | None:
    """Say so when the counts vary significantly more than independently caught people allow (None otherwise).

    See :func:`estimators.loglinear.dispersion.overdispersion_warning`: every method here but
    ``recommended`` (which allows for it) treats the people as caught one by one.
    """
    from ..loglinear.dispersion import overdispersion_warning

    return overdispersion_warning(
        histories,
        ("Every method here but recommended (which allows for it) assumes " if with_recommended
         else "Every method here assumes ")
        + "people were caught one by one: if they were listed in groups, those intervals are too narrow.",
    )


def _settings(spec: Estimator) -> dict[str, Any]:
    """The spec's settings that differ from its class defaults (plus level and seed)."""
    import dataclasses

    default = type(spec)()
    out: dict[str, Any] = {"level": spec.level, "seed": spec.seed}
    for f in dataclasses.fields(spec):
        value = getattr(spec, f.name)
        if f.name not in ("level", "seed", "progress") and value != getattr(default, f.name):
            plain = value is None or isinstance(value, (str, int, float, bool, list, tuple))
            out[f.name] = value if plain else repr(value)  # e.g. a prior given as a function
    return out
