"""``removals estimate FILE``: estimate the total N (one method; per stratum and in total).

Contract (stable): ``removals estimate FILE --method NAME [--strata COL] [--level 0.95]
[--seed N] --json`` prints one JSON object with ``method, lists, observed, estimate,
lower, upper, level, status, messages, seed, details`` (and ``strata`` when
stratified).  Exit 0 when an estimate exists, 3 when the status says none exists (JSON
still printed), 2 on bad input or usage (one line on stderr, no traceback).
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .._format import number
from .._io import atomic_outputs, check_output_path, write_csv
from .common import (
    DEFAULT_SEED,
    EXIT_NO_ESTIMATE,
    EXIT_OK,
    UsageError,
    add_input_arguments,
    emit,
    emit_json,
    parse_lists,
)

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from ..base import Estimator
    from ..histories import CaptureHistories
    from ..results import EstimateResult

DEFAULT_METHOD = "recommended"  # estimators.methods.DEFAULT (not imported: the parser stays light)
#: The catalogue's names in its order (estimators.methods.CATALOGUE), stated here so that
#: building the parser imports no method family; tests/test_cli.py checks they agree.
METHOD_NAMES = (
    "recommended", "loglinear", "M0", "Mt", "Mh-chao", "Mh-poisson2", "Mh-darroch", "Mh-gamma3.5", "Mth-chao",
    "Mth-poisson2", "Mth-darroch", "Mth-gamma3.5", "dga", "lcm", "bayes-loglinear", "petersen", "chapman", "chao",
    "two-source",
)
#: Most strata fitted without asking: each is a fit, plus bootstrap refits for the total.
MAX_STRATA = 200
# Options that have their own flag: flag name -> the spec setting it fills.
_FLAGGED = ("model", "criterion", "interval", "search", "maxorder", "chains", "draws", "burnin", "thin")


def add_parser(sub: Any) -> argparse.ArgumentParser:
    """Register ``estimate`` on the main parser's subparsers."""
    p: argparse.ArgumentParser = sub.add_parser(
        "estimate", help="estimate the total N",
        description=f"Estimate the total N from capture histories. Methods: {', '.join(METHOD_NAMES)}.")
    add_input_arguments(p)
    p.add_argument("--method", default=DEFAULT_METHOD,
                   help=f"method name (see 'removals methods'; default {DEFAULT_METHOD})")
    p.add_argument("--model", help="log-linear interaction terms, e.g. 'A:B,B:C' (loglinear only)")
    p.add_argument("--criterion", choices=["aic", "bic"], help="model selection criterion (loglinear; default aic)")
    p.add_argument("--search", choices=["auto", "exhaustive", "stepwise"], help="model search (loglinear)")
    p.add_argument("--maxorder", type=int, help="highest interaction order searched (loglinear; default 2)")
    p.add_argument("--interval", choices=["profile", "wald", "bootstrap-reselect", "equal-tailed", "hpd"],
                   help="interval: profile|wald|bootstrap-reselect (log-linear; the last redoes the model search "
                   "in every resample), equal-tailed|hpd (Bayesian)")
    p.add_argument("--chains", type=int, help="MCMC chains (Bayesian methods; default 4)")
    p.add_argument("--draws", type=int, help="draws kept per chain (Bayesian methods)")
    p.add_argument("--burnin", type=int, help="burn-in / tuning iterations per chain (Bayesian methods)")
    p.add_argument("--thin", type=int, help="keep every THIN-th iteration (Gibbs samplers)")
    p.add_argument("--option", action="append", metavar="KEY=VALUE",
                   help="any other setting of the method, e.g. K=20 (repeatable; see the method's docs)")
    p.add_argument("--level", type=float, default=0.95, help="interval level (default 0.95)")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    p.add_argument("--bootstrap", type=int, help="bootstrap replicates for stratified totals (default 999)")
    p.add_argument("--comparison", metavar="OUT.csv", help="write the full model comparison table (loglinear; every model with "
                   "its Wald interval, column interval_method)")
    p.add_argument("--linkage-replicates", type=int, metavar="R", help="FILE is the output of 'removals link': "
                   "estimate on R linkages drawn from its match probabilities and combine (linkage uncertainty)")
    p.add_argument("--public", action="store_true", help="public output: leave out strata with fewer than "
                   "--min-cell people observed (they stay in the total)")
    p.add_argument("--min-cell", type=int, default=5, help="smallest stratum shown with --public (default 5)")
    p.add_argument("--max-strata", type=int, default=MAX_STRATA, metavar="S",
                   help=f"refuse more than S strata (default {MAX_STRATA}: each stratum is fitted, with bootstrap "
                   "replicates for the total)")
    p.add_argument("--timings", action="store_true", help="include the run's timings in the output (they differ "
                   "from run to run, so the JSON is no longer byte-identical)")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--workers", type=int, metavar="N", help="fit the strata, linkage replicates or "
                       "bootstrap-reselect resamples in N local processes (the numbers do not change)")
    where.add_argument("--scheduler", metavar="ADDRESS", help="fit them on a Dask cluster, e.g. tcp://HOST:8786 "
                       "(needs removals[dask]; the numbers do not change)")
    p.set_defaults(func=run)
    return p


def render_result(result: EstimateResult) -> str:
    """Readable text of a result (the CLI's non-JSON output)."""
    from ..results import LoglinearFit, PosteriorFit

    lines = [f"method: {result.method}    lists: {', '.join(result.lists)}    level: {result.level:g}"]
    lines.append(f"{'stratum':<28}{'observed':>10}{'estimate':>14}{'lower':>14}{'upper':>14}  status")
    for r in result.summary().itertuples(index=False):
        lines.append(
            f"{str(r.stratum)[:27]:<28}{r.observed:>10,}{number(r.estimate, 1):>14}{number(r.lower, 1):>14}"
            f"{number(r.upper, 1):>14}  {r.status}"
        )
    fit = result.part(LoglinearFit) or result.part(PosteriorFit)
    if fit is not None:
        lines += [f"{key}: {value}" for key, value in (("model", fit.model), ("terms", fit.terms)) if value]
    posterior = result.part(PosteriorFit)
    row = posterior.diagnostics_of("N") if posterior is not None else None
    if row is not None:
        div = row.get("divergences")
        lines.append(
            f"diagnostics of N: R-hat {number(row.get('r_hat'), 3)}, bulk ESS {number(row.get('ess_bulk'))}, "
            f"tail ESS {number(row.get('ess_tail'))}, {row.get('chains')} chains x {row.get('draws')} draws"
            + (f", {div} divergences" if div is not None else "")
        )
    lines += [f"note: {m}" for m in result.messages]
    for s in result.strata or ():
        label = ", ".join(f"{k}={v}" for k, v in (s.stratum or {}).items())
        lines += [f"note [{label}]: {m}" for m in s.messages]
    if result.seed is not None:
        lines.append(f"seed: {result.seed}")
    lines.append("observed = documented minimum (people on at least one list); estimate = total incl. unobserved")
    return "\n".join(lines)


def public_view(result: EstimateResult, min_cell: int) -> EstimateResult:
    """The result for public output: strata with fewer than ``min_cell`` people observed are left out.

    Their people stay in the total; a message says how many strata were withheld.  Small
    cells could identify children; the total and larger strata are shown.  Because the
    total is shown, the next smallest strata are withheld too when the withheld ones
    could be recovered by subtraction (one stratum alone, or fewer than ``min_cell``
    people in all: :func:`estimators.disclosure.withheld_cells`).
    """
    from ..disclosure import SECONDARY_REASON, public_strata

    shown, withheld, secondary = public_strata(result, min_cell)
    if not withheld:
        return result
    note = (f"{withheld} stratum/strata not shown (public output): {withheld - secondary} with fewer than {min_cell} "
            "people observed" + (f", {secondary} more {SECONDARY_REASON}" if secondary else "")
            + "; their people are in the total")
    return dataclasses.replace(shown, messages=(*shown.messages, note))


def _timings_text(result: EstimateResult) -> str:
    return "timings: " + (", ".join(f"{k} {v:.3g} s" if isinstance(v, float) else f"{k} {v}"
                                    for k, v in result.timings.items()) or "none recorded")


def _option_value(raw: str) -> Any:
    """A --option value: JSON (numbers, true/false, null, lists) or else the plain string."""
    try:
        return json.loads(raw)
    except json.JSONDecodeError:
        return raw


def spec_from_args(args: argparse.Namespace) -> Estimator:
    """The method's spec from ``--method``, its flags and ``--option KEY=VALUE``."""
    from ..methods import create, get

    info = get(args.method)
    accepted = set(info.options)
    options: dict[str, Any] = {"level": args.level, "seed": args.seed}
    if args.bootstrap is not None:
        options["bootstrap_replicates"] = args.bootstrap
    for key in _FLAGGED:
        value = getattr(args, key)
        if value is None:
            continue
        if key not in accepted:
            raise UsageError(f"--{key} does not apply to method {info.name!r}")
        options[key] = value
    for item in args.option or ():
        key, sep, raw = item.partition("=")
        key = key.strip()
        if not sep or not key:
            raise UsageError(f"--option takes KEY=VALUE; got {item!r}")
        if key not in accepted or key in ("level", "seed"):
            names = ", ".join(sorted(k for k in accepted if k not in ("level", "seed")))
            raise UsageError(f"method {info.name!r} has no option {key!r}; its options: {names}")
        options[key] = _option_value(raw.strip())
    if "progress" in accepted:
        options["progress"] = False if args.json else None
    return create(info.name, **options)


#: The ``interval_method`` of every row of the ``--comparison`` table: each model's interval is the Wald one
#: on the log of the unobserved count (:func:`estimators.loglinear.search.fit_models`), whatever ``--interval``.
COMPARISON_INTERVAL = "wald"


def _with_comparison_table(spec: Estimator, histories: CaptureHistories, out: str) -> EstimateResult:
    """``--comparison OUT.csv``: the log-linear model search, its table written to OUT.

    Profile intervals for every model of the search would cost a profile per model (32,768 on
    six lists), so the table gives each model's Wald interval and says so in the column
    ``interval_method``; when the selected model's interval is the profile one, a message says
    why its row in the table differs from it.
    """
    from ..loglinear.estimators import LogLinear, search_models

    if not isinstance(spec, LogLinear) or spec.model is not None or histories.is_stratified:
        raise UsageError("--comparison needs --method loglinear without --model or --strata")
    if spec.interval not in ("profile", "wald"):
        raise UsageError(f"--comparison takes --interval profile or wald (its table gives every model's Wald "
                         f"interval); --interval {spec.interval} applies to the selected model alone (drop one of "
                         "the two)")
    search = search_models(histories, criterion=spec.criterion, search=spec.search, maxorder=spec.maxorder,
                           level=spec.level, interval=spec.interval)
    table = search.table.copy()
    table.insert(list(table.columns).index("upper") + 1, "interval_method", COMPARISON_INTERVAL)
    with atomic_outputs([out]) as (tmp,):
        write_csv(table, tmp)
    selected = search.selected
    if spec.interval != COMPARISON_INTERVAL:
        note = (f"the --comparison table gives every model's Wald interval (column interval_method: "
                f"{COMPARISON_INTERVAL}, normal on the log of the unobserved count), so the selected model's row "
                f"there differs from the {spec.interval} interval here; --interval wald gives the same in both")
        selected = dataclasses.replace(selected, messages=(*selected.messages, note))
    return selected


@contextlib.contextmanager
def _executor(args: argparse.Namespace) -> Iterator[Executor | None]:
    """The executor of ``--workers`` / ``--scheduler`` (None: in this process), closed on exit."""
    from ..executor import open_executor

    with contextlib.ExitStack() as stack:
        try:
            executor = stack.enter_context(open_executor(args.workers, args.scheduler))
        except ImportError as exc:  # distributed missing: say how to install it
            raise UsageError(str(exc)) from None
        except OSError as exc:  # no scheduler at that address
            raise UsageError(f"cannot reach the Dask scheduler at {args.scheduler}: {exc}") from None
        except ValueError as exc:  # not an address: no port, an unknown scheme ('nonsense://'), a port 'abc'
            raise UsageError(f"--scheduler takes an address such as tcp://HOST:8786; got {args.scheduler!r} "
                             f"({exc})") from None
        yield executor


def _overdispersion_note(spec: Estimator, histories: CaptureHistories) -> str | None:
    """For a method that assumes people caught one by one, on 4-16 lists: say when the counts are overdispersed."""
    if spec.name == "recommended" or not 4 <= histories.k <= 16:
        return None
    from ..loglinear.dispersion import overdispersion_warning

    pooled = histories.collapse_strata() if histories.is_stratified else histories
    return overdispersion_warning(
        pooled, f"{spec.name} assumes people were caught one by one: if they were listed in groups, its interval is "
        "too narrow (the default method, recommended, widens its interval for this)"
        + (" (checked on all strata pooled)" if histories.is_stratified else ""),
    )


def _without_weak_list(spec: Any, histories: Any, path: str) -> str | None:
    """The same method without the list the linkage linked least well, when it named one (aggregates only).

    Its missed links make its children look seen by it alone, which pushes the estimate up;
    the fit without it is the check the linkage's warning asks for.
    """
    from ..linkage.files import weakly_linked_list

    weak = weakly_linked_list(path)
    if weak is None or weak not in histories.lists or histories.k < 3:
        return None
    from ..studies.sensitivity import fit_quietly

    r = fit_quietly(spec, histories.drop_lists([weak]))
    if r.estimate is None:
        got = f"no estimate (status {r.status.value})"
    else:
        interval = (f" [{r.lower:,.0f}, {'not bounded' if r.upper is None else f'{r.upper:,.0f}'}]"
                    if r.lower is not None else "")
        got = f"{r.estimate:,.0f}{interval} (status {r.status.value})"
    return (f"without list {weak!r}, which the linkage linked much less well than the others, the same method "
            f"gives {got} from the other {histories.k - 1} lists (the point linkage's histories); where the two "
            "differ by more than their intervals, the missed links of that list are the likely reason")


def run(args: argparse.Namespace) -> int:
    """Fit the method (with linkage replicates or the comparison table when asked) and print the result."""
    from ..linkage.files import read_histories_noted

    if args.min_cell < 1:
        raise UsageError(f"--min-cell must be >= 1; got {args.min_cell}")
    if args.max_strata < 1:
        raise UsageError(f"--max-strata must be >= 1; got {args.max_strata}")
    if args.linkage_replicates is not None and args.comparison:
        raise UsageError("--linkage-replicates and --comparison cannot be combined")
    if args.linkage_replicates is not None and args.strata and len(args.strata) > 1:
        raise UsageError("--linkage-replicates takes at most one --strata column (the one given to 'link')")
    if args.comparison:
        check_output_path(args.comparison, inputs=[args.file], what="--comparison")
    if args.workers is not None and args.workers < 1:
        raise UsageError(f"--workers must be >= 1; got {args.workers}")
    if args.comparison and (args.workers is not None or args.scheduler):
        raise UsageError("--workers and --scheduler apply to strata, linkage replicates and resamples, not --comparison")
    histories, read_notes = read_histories_noted(args.file, lists=parse_lists(args.lists), strata=args.strata,
                                                 aggregate=args.aggregate)
    n_strata = len(histories.strata_labels())
    if n_strata > args.max_strata:
        raise UsageError(f"{n_strata:,} strata, over the limit of {args.max_strata:,} (each is fitted, with "
                         "bootstrap refits for the total); raise it with --max-strata if you mean it")
    spec = spec_from_args(args)
    from ..linkage.files import linkage_caveats, linkage_note, thin_note

    # read before the fit; a linkage that flagged itself makes the estimate 'warning', not 'ok'
    caveats = linkage_caveats(args.file)
    # a point linkage's estimate says what it rests on; with replicates (they draw among the
    # compared pairs) a poor linkage stays poor in each, and the caveats alone are said
    # (and, either way, what leaving records too thin to link out of the histories assumes)
    if args.linkage_replicates is None:
        note = linkage_note(args.file)
    else:
        note = " ".join(x for x in (thin_note(args.file), caveats) if x) or None
    fan_out = args.linkage_replicates is not None or histories.is_stratified
    if fan_out and "progress" in {f.name for f in dataclasses.fields(spec)}:
        spec = dataclasses.replace(spec, progress=False)  # type: ignore[call-arg]  # one bar, over the tasks
    progress = False if args.json else None
    with _executor(args) as executor:
        if args.linkage_replicates is not None:
            from ..linkage.replicates import estimate_from_linkage_file

            result = estimate_from_linkage_file(spec, args.file, histories, args.linkage_replicates,
                                                stratum=args.strata[0] if args.strata else None, seed=args.seed,
                                                executor=executor, progress=progress)
        elif args.comparison:
            result = _with_comparison_table(spec, histories, args.comparison)
        else:
            result = spec.fit(histories, executor=executor, progress=progress)
    if read_notes:  # how the file was read (rows merged, strata pooled) comes first
        result = dataclasses.replace(result, messages=(*read_notes, *result.messages))
    if note is not None:
        result = dataclasses.replace(result, messages=(*result.messages, note))
    if caveats is not None:
        from ..results import Status

        if result.status == Status.OK:
            result = dataclasses.replace(result, status=Status.WARNING)
    without = _without_weak_list(spec, histories, args.file)
    if without is not None:
        result = dataclasses.replace(result, messages=(*result.messages, without))
    spread_note = _overdispersion_note(spec, histories)
    if spread_note is not None:
        result = dataclasses.replace(result, messages=(*result.messages, spread_note))
    if args.public:
        result = public_view(result, args.min_cell)
    if args.json:
        emit_json(result.to_dict(timings=args.timings))
    else:
        emit(render_result(result) + ("\n" + _timings_text(result) if args.timings else ""))
    # exit 0 whenever the status carries a number: an estimate, or a lower limit alone
    return EXIT_OK if result.status.has_estimate else EXIT_NO_ESTIMATE
