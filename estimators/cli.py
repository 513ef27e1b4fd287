"""The ``removals`` command line.

Contract (stable): ``removals estimate FILE --method NAME [--strata COL] [--level 0.95]
[--seed N] --json`` prints one JSON object with ``method, lists, observed, estimate,
lower, upper, level, status, messages, seed, details`` (and ``strata`` when
stratified).  Exit 0 when an estimate exists, 3 when the status says none exists
(JSON still printed), 2 on bad input or usage (one line on stderr, no traceback).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
import warnings
from collections.abc import Sequence
from typing import Any, NoReturn

from . import __version__, registry
from .exceptions import DataIntegrityError, InputError, RemovalsWarning
from .histories import CaptureHistories
from .results import EstimateResult

EXIT_OK, EXIT_INTERNAL, EXIT_USAGE, EXIT_NO_ESTIMATE = 0, 1, 2, 3
DEFAULT_SEED = 20231116


class UsageError(Exception):
    """Bad command-line usage (exit 2)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message} (see --help)")


def _fmt(x: Any, digits: int = 1) -> str:
    if x is None:
        return "-"
    if isinstance(x, float):
        return f"{x:,.{digits}f}"
    return str(x)


def render_result(result: EstimateResult) -> str:
    """Readable text of a result (the CLI's non-JSON output)."""
    lines = [f"method: {result.method}    lists: {', '.join(result.lists)}    level: {result.level:g}"]
    rows = result.summary()
    header = f"{'stratum':<28}{'observed':>10}{'estimate':>14}{'lower':>14}{'upper':>14}  status"
    lines.append(header)
    for r in rows.itertuples(index=False):
        lines.append(
            f"{str(r.stratum)[:27]:<28}{r.observed:>10,}{_fmt(r.estimate):>14}{_fmt(r.lower):>14}"
            f"{_fmt(r.upper):>14}  {r.status}"
        )
    for key in ("model", "terms"):
        if key in result.details:
            lines.append(f"{key}: {result.details[key]}")
    for row in result.details.get("diagnostics", ()) or ():
        if row.get("variable") == "N":
            div = row.get("divergences")
            lines.append(
                f"diagnostics of N: R-hat {_fmt(row.get('r_hat'), 3)}, bulk ESS {_fmt(row.get('ess_bulk'), 0)}, "
                f"tail ESS {_fmt(row.get('ess_tail'), 0)}, {row.get('chains')} chains x {row.get('draws')} draws"
                + (f", {div} divergences" if div is not None else "")
            )
    for m in result.messages:
        lines.append(f"note: {m}")
    for s in result.strata or ():
        for m in s.messages:
            label = ", ".join(f"{k}={v}" for k, v in (s.stratum or {}).items())
            lines.append(f"note [{label}]: {m}")
    if result.seed is not None:
        lines.append(f"seed: {result.seed}")
    lines.append("observed = documented minimum (people on at least one list); estimate = total incl. unobserved")
    return "\n".join(lines)


def _option_value(raw: str) -> Any:
    """A --option value: JSON (numbers, true/false, null, lists) or else the plain string."""
    try:
        return json.loads(raw)
    except json.JSONDecodeError:
        return raw


def _parse_lists(value: str | None) -> list[str] | None:
    return [v.strip() for v in value.split(",") if v.strip()] if value else None


def _read(args: argparse.Namespace) -> CaptureHistories:
    """Read FILE; the output of 'removals link --strata COL' is read with COL as its stratum.

    Without ``--strata`` such a file is estimated as a whole (its strata collapsed).
    """
    strata = args.strata or None
    collapse = False
    if strata is None and args.lists is None:
        from .linkage.files import linkage_stratum_column

        column = linkage_stratum_column(args.file)
        if column is not None:
            strata, collapse = [column], True
    h = CaptureHistories.read(args.file, lists=_parse_lists(args.lists), strata=strata, aggregate=args.aggregate)
    return h.collapse_strata() if collapse else h


def public_view(result: EstimateResult, min_cell: int) -> EstimateResult:
    """The result for public output: strata with fewer than ``min_cell`` people observed are left out.

    Their people stay in the total; a message says how many strata were withheld.  Small
    cells could identify children (issue: privacy); the total and larger strata are shown.
    """
    if not result.strata:
        return result
    shown = tuple(s for s in result.strata if s.observed >= min_cell)
    withheld = len(result.strata) - len(shown)
    if not withheld:
        return result
    note = (f"{withheld} stratum/strata with fewer than {min_cell} people observed not shown (public output); "
            "their people are in the total")
    return dataclasses.replace(result, strata=shown, messages=(*result.messages, note))


def cmd_estimate(args: argparse.Namespace) -> int:
    if args.min_cell < 1:
        raise UsageError(f"--min-cell must be >= 1; got {args.min_cell}")
    histories = _read(args)
    options: dict[str, Any] = {"level": args.level, "seed": args.seed}
    if args.bootstrap is not None:
        options["bootstrap_replicates"] = args.bootstrap
    info = registry.get(args.method)
    extra = {
        "model": args.model,
        "criterion": args.criterion,
        "interval": args.interval,
        "search": args.search,
        "maxorder": args.maxorder,
        "chains": args.chains,
        "draws": args.draws,
        "burnin": args.burnin,
        "thin": args.thin,
    }
    accepted = {f.name for f in dataclasses.fields(info.spec)}
    for key, value in extra.items():
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
    spec = registry.create(info.name, **options)
    if args.linkage_replicates is not None:
        if args.comparison:
            raise UsageError("--linkage-replicates and --comparison cannot be combined")
        from .linkage.command import estimate_with_replicates

        result = estimate_with_replicates(spec, args, histories)
    elif args.comparison:
        if info.name != "loglinear" or args.model is not None or histories.is_stratified:
            raise UsageError("--comparison needs --method loglinear without --model or --strata")
        from .loglinear.estimators import search_models

        search = search_models(
            histories,
            criterion=spec.criterion,
            search=spec.search,
            maxorder=spec.maxorder,
            level=spec.level,
            interval=spec.interval,
        )
        search.table.to_csv(args.comparison, index=False)
        result = search.selected
    else:
        result = spec.fit(histories)
    if args.public:
        result = public_view(result, args.min_cell)
    if args.json:
        print(json.dumps(result.to_dict(), allow_nan=False))
    else:
        print(render_result(result))
    return EXIT_OK if result.has_estimate else EXIT_NO_ESTIMATE


def cmd_validate(args: argparse.Namespace) -> int:
    h = _read(args)
    summary = {
        "file": args.file,
        "valid": True,
        "lists": list(h.lists),
        "observed": h.n,
        "list_sizes": h.list_sizes,
        "patterns": int(len(h.counts)),
        "strata": [dict(zip(h.strata_columns, lab, strict=False)) for lab in h.strata_labels()],
    }
    if args.json:
        print(json.dumps(summary))
    else:
        print(f"{args.file}: valid; {h.k} lists ({', '.join(h.lists)}), {h.n:,} people observed, "
              f"{len(h.counts)} pattern rows" + (f", {len(summary['strata'])} strata" if h.is_stratified else ""))
        for name, size in h.list_sizes.items():
            print(f"  {name}: {size:,}")
    return EXIT_OK


def cmd_methods(args: argparse.Namespace) -> int:
    infos = registry.available()
    if args.json:
        print(json.dumps([{"name": m.name, "summary": m.summary, "min_lists": m.min_lists,
                           "reference": m.reference} for m in infos]))
    else:
        width = max(len(m.name) for m in infos)
        for m in infos:
            print(f"{m.name:<{width}}  {m.summary}")
    return EXIT_OK


def cmd_run(args: argparse.Namespace) -> int:
    from .pipeline import MAIN_REPORT, run_main_job
    from .reporting import render_report

    print(run_main_job(seed=args.seed), flush=True)
    if args.no_report:
        return EXIT_OK
    print(f"\nRendering the {MAIN_REPORT} report (HTML and PDF) from the pinned data ...", flush=True)
    for path in render_report(MAIN_REPORT, to=("html", "pdf"), out_dir=args.out):
        print(f"  wrote {path}")
    return EXIT_OK


def cmd_link(args: argparse.Namespace) -> int:
    from .linkage.command import run_link

    print(run_link(args))
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from .reporting.cli import run_report

    for path in run_report(args):
        print(path)
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="removals", description="Estimate how many people a set of overlapping lists misses "
                     "(capture-recapture / multiple systems estimation).")
    parser.add_argument("--version", action="version", version=f"removals {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def add_input(p: argparse.ArgumentParser) -> None:
        p.add_argument("file", metavar="FILE", help="CSV or Parquet: one 0/1 column per list, optional 'count'")
        p.add_argument("--strata", nargs="+", metavar="COL", help="stratum column(s)")
        p.add_argument("--lists", metavar="A,B,...", help="list columns (default: all but count/strata)")
        p.add_argument("--aggregate", action="store_true", help="sum duplicate patterns instead of rejecting them")
        p.add_argument("--json", action="store_true", help="print one JSON object on stdout")

    names = ", ".join(m.name for m in registry.available())
    p = sub.add_parser("estimate", help="estimate the total N", description="Estimate the total N from capture "
                       f"histories. Methods: {names}.")
    add_input(p)
    p.add_argument("--method", default="loglinear", help="method name (see 'removals methods'; default loglinear)")
    p.add_argument("--model", help="log-linear interaction terms, e.g. 'A:B,B:C' (loglinear only)")
    p.add_argument("--criterion", choices=["aic", "bic"], help="model selection criterion (loglinear; default aic)")
    p.add_argument("--search", choices=["auto", "exhaustive", "stepwise"], help="model search (loglinear)")
    p.add_argument("--maxorder", type=int, help="highest interaction order searched (loglinear; default 2)")
    p.add_argument("--interval", choices=["profile", "wald", "equal-tailed", "hpd"],
                   help="interval: profile|wald (log-linear), equal-tailed|hpd (Bayesian)")
    p.add_argument("--chains", type=int, help="MCMC chains (Bayesian methods; default 4)")
    p.add_argument("--draws", type=int, help="draws kept per chain (Bayesian methods)")
    p.add_argument("--burnin", type=int, help="burn-in / tuning iterations per chain (Bayesian methods)")
    p.add_argument("--thin", type=int, help="keep every THIN-th iteration (Gibbs samplers)")
    p.add_argument("--option", action="append", metavar="KEY=VALUE",
                   help="any other setting of the method, e.g. K=20 (repeatable; see the method's docs)")
    p.add_argument("--level", type=float, default=0.95, help="interval level (default 0.95)")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    p.add_argument("--bootstrap", type=int, help="bootstrap replicates for stratified totals (default 999)")
    p.add_argument("--comparison", metavar="OUT.csv", help="write the full model comparison table (loglinear)")
    p.add_argument("--linkage-replicates", type=int, metavar="R", help="FILE is the output of 'removals link': "
                   "estimate on R linkages drawn from its match probabilities and combine (linkage uncertainty)")
    p.add_argument("--public", action="store_true", help="public output: leave out strata with fewer than "
                   "--min-cell people observed (they stay in the total)")
    p.add_argument("--min-cell", type=int, default=5, help="smallest stratum shown with --public (default 5)")
    p.set_defaults(func=cmd_estimate)

    p = sub.add_parser("validate", help="check a capture-history file", description="Validate a capture-history "
                       "file and summarise it; exit 2 with the file, row and column of the first problem.")
    add_input(p)
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("methods", help="list the estimation methods", description="List every registered method.")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_methods)

    from .linkage.command import add_link_parser

    add_link_parser(sub, DEFAULT_SEED).set_defaults(func=cmd_link)

    p = sub.add_parser("run", help="the main job: verify pinned data, estimate on it, render the Belarus report",
                       description="Verify every pinned data file (sha256), print the published counts and "
                       "the estimates of every method on the pinned benchmark datasets, then render the Belarus "
                       "report to OUT/belarus.html and OUT/belarus.pdf.")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    p.add_argument("--out", default="_output", metavar="DIR", help="where the report goes (default _output)")
    p.add_argument("--no-report", action="store_true", help="print the tables only; do not render the report")
    p.set_defaults(func=cmd_run)

    from .reporting.cli import add_report_parser

    add_report_parser(sub).set_defaults(func=cmd_report)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``removals`` console script; returns the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help()
            return EXIT_USAGE
        if getattr(args, "level", None) is not None and not 0 < args.level < 1:
            raise UsageError(f"--level must be strictly between 0 and 1; got {args.level}")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RemovalsWarning)  # reported in the result's messages
            code: int = args.func(args)
            return code
    except UsageError as exc:
        print(f"removals: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (InputError, DataIntegrityError, ValueError) as exc:
        print(f"removals: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("removals: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # never a traceback for users; REMOVALS_DEBUG=1 shows it
        if os.environ.get("REMOVALS_DEBUG"):
            raise
        print(f"removals: internal error ({type(exc).__name__}): {exc}; set REMOVALS_DEBUG=1 for details",
              file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
